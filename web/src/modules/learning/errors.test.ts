import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../api/client.js';
import { createI18n, LANGUAGES } from '../../i18n.js';
import { learningErrorText } from './errors.js';

/** Every code a server module can answer, read from the error factories in its (non-test) files. */
function serverCodes(module: string): string[] {
  const dir = new URL(`../../../../server/modules/${module}/`, import.meta.url);
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => readFileSync(new URL(f, dir), 'utf8'));
  return [...new Set(sources.flatMap((src) => [...src.matchAll(/createErrorFactory\(\s*'([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1]!)))];
}

describe('API error sentences of the e-journal', () => {
  const codes = [...serverCodes('learning'), ...serverCodes('files')];

  test('the codes are found', () => {
    expect(codes).toContain('learning.mark_out_of_scale');
    expect(codes).toContain('files.too_large');
    expect(codes.length).toBeGreaterThan(50);
  });

  test.each(LANGUAGES)('every learning.* and files.* code has a sentence in %s', (lang) => {
    const i18n = createI18n(lang);
    const missing = codes.filter((code) => !i18n.exists(`errors.${code}`));
    expect(missing).toEqual([]);
  });

  test('a mark out of scale says the scale, from the details the server sends', () => {
    const i18n = createI18n('ru');
    const err = new ApiError('learning.mark_out_of_scale', 'x', 422, { pupilId: 3, score: 11, min: 1, max: 10 });
    expect(learningErrorText(i18n, err)).toBe('Оценка должна быть целым числом от 1 до 10.');
  });

  test('a file over the limit names the limit', () => {
    const i18n = createI18n('kk');
    const err = new ApiError('files.too_large', 'x', 413, { limitBytes: 20 * 1024 * 1024 });
    expect(learningErrorText(i18n, err)).toBe('Файл тым үлкен: ең көбі 20 МБ.');
  });

  test('joining too early says when the lesson opens, on the school clock', () => {
    const i18n = createI18n('en');
    const err = new ApiError('learning.join_too_early', 'x', 409, { startsAt: '2020-12-09T02:30:00.000Z', opensMinutesBefore: 15 });
    expect(learningErrorText(i18n, err, 'Asia/Almaty')).toBe('The lesson is not open yet: you can join from 08:15.');
  });

  test('without details the shared sentence is used, and unknown codes get the generic one', () => {
    const i18n = createI18n('en');
    expect(learningErrorText(i18n, new ApiError('learning.mark_out_of_scale', 'x', 422))).toBe('The mark is outside the scale.');
    expect(learningErrorText(i18n, new ApiError('learning.something_new', 'x', 422))).toBe(i18n.t('errors.generic'));
  });
});

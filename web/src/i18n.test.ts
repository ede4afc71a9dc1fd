import { describe, expect, test } from 'vitest';
import { DOMAIN_BUNDLES, LANGUAGES, SHELL, createI18n, resourcesFor } from './i18n.js';

type Tree = { [key: string]: string | Tree };

/** Every leaf of a bundle as `path → string`. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(path, v);
    else for (const [p, s] of leaves(v, path)) out.set(p, s);
  }
  return out;
}

const variables = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const bundles: [string, Record<string, Tree>][] = [
  ['shell', SHELL as unknown as Record<string, Tree>],
  ...Object.entries(DOMAIN_BUNDLES).map(([name, b]) => [name, b as unknown as Record<string, Tree>] as [string, Record<string, Tree>]),
];

/** Strings that are rightly the same in Kazakh and English (names, units written the same way). */
const SAME_IN_KK_AND_EN = new Set(['shell:app.name', 'planning:none']);

/** i18next plural forms: each language has its own set (Russian: one/few/many/other; Kazakh, English: one/other). */
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKey = (key: string) => key.replace(PLURAL, '');

describe.each(bundles)('the %s bundle', (name, bundle) => {
  const kk = leaves(bundle.kk!);

  test.each(['ru', 'en'])('has exactly the Kazakh keys in %s (plural forms counted once)', (lang) => {
    const keys = (tree: Tree) => [...new Set([...leaves(tree).keys()].map(baseKey))].sort();
    expect(keys(bundle[lang]!)).toEqual(keys(bundle.kk!));
  });

  test('every plural has the forms its language needs', () => {
    const needs: Record<string, string[]> = { kk: ['one', 'other'], ru: ['one', 'few', 'many', 'other'], en: ['one', 'other'] };
    for (const lang of LANGUAGES) {
      const keys = [...leaves(bundle[lang]!).keys()];
      for (const base of new Set(keys.filter((k) => PLURAL.test(k)).map(baseKey))) {
        expect(
          needs[lang]!.filter((form) => !keys.includes(`${base}_${form}`)),
          `${lang} ${base}`,
        ).toEqual([]);
      }
    }
  });

  test('uses the same {{variables}} in every language, and no empty strings', () => {
    for (const lang of LANGUAGES) {
      for (const [key, text] of leaves(bundle[lang]!)) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        const kkText = kk.get(key) ?? kk.get(`${baseKey(key)}_other`) ?? kk.get(baseKey(key));
        expect(kkText, `${lang} ${key} has no Kazakh counterpart`).toBeDefined();
        expect(variables(text), `${lang} ${key}`).toEqual(variables(kkText!));
      }
    }
  });

  test('is really translated: Kazakh is not an English copy', () => {
    const en = leaves(bundle.en!);
    const copies = [...kk].filter(([key, text]) => text === en.get(key) && !SAME_IN_KK_AND_EN.has(`${name}:${key}`));
    expect(copies.map(([key]) => key)).toEqual([]);
  });
});

describe('API error sentences', () => {
  const codes = [
    'auth.invalid_credentials',
    'auth.too_many_attempts',
    'auth.required',
    'auth.csrf_rejected',
    'request.invalid',
    'request.malformed_json',
    'request.not_found',
    'organisations.not_found',
    'organisations.class_not_found',
    'internal.error',
    'network.offline',
  ];

  test.each(LANGUAGES)('every code the foundation answers has a sentence in %s', (lang) => {
    const i18n = createI18n(lang);
    for (const code of codes) expect(i18n.exists(`errors.${code}`), `${lang} ${code}`).toBe(true);
    expect(i18n.exists('errors.generic')).toBe(true);
  });

  test("every domain's error sentences are merged into the shared errors, next to the shell's", () => {
    for (const lang of LANGUAGES) {
      const merged = leaves((resourcesFor(lang).common as Tree).errors as Tree);
      const expected = new Map(leaves(SHELL[lang].errors as unknown as Tree));
      for (const bundle of Object.values(DOMAIN_BUNDLES) as unknown as Record<string, Tree>[]) {
        const own = bundle[lang]!.errors;
        if (own && typeof own === 'object') for (const [k, v] of leaves(own)) expected.set(k, v);
      }
      expect(Object.fromEntries(merged)).toEqual(Object.fromEntries(expected));
    }
  });
});

describe('counts', () => {
  /** Every `t('key', { …count… })` in the web's source, with the namespace of its file's `useTranslation('…')`. */
  async function keysUsedWithCount(): Promise<{ file: string; ns: string; key: string }[]> {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join, relative } = await import('node:path');
    const root = new URL('.', import.meta.url).pathname;
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f)) files.push(p);
      }
    };
    walk(root);
    const out: { file: string; ns: string; key: string }[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const ns = /useTranslation\(\s*'(\w+)'/.exec(source)?.[1] ?? 'common';
      for (const m of source.matchAll(/\bt\(\s*['`]([\w.:]+)['`]\s*,\s*\{([^}]*)\}/g)) {
        if (!/\bcount\b/.test(m[2]!)) continue;
        const [space, key] = m[1]!.includes(':') ? (m[1]!.split(':') as [string, string]) : [ns, m[1]!];
        out.push({ file: relative(root, file), ns: space, key });
      }
    }
    return out;
  }

  test('every key used with a count has the plural forms of each language (ru: one/few/many/other; kk, en: one/other)', async () => {
    const used = await keysUsedWithCount();
    expect(used.length).toBeGreaterThan(20);
    const all: Record<string, Record<string, Tree>> = {
      common: SHELL as unknown as Record<string, Tree>,
      ...(DOMAIN_BUNDLES as unknown as Record<string, Record<string, Tree>>),
    };
    const needs: Record<string, string[]> = { kk: ['one', 'other'], ru: ['one', 'few', 'many', 'other'], en: ['one', 'other'] };
    const missing: string[] = [];
    for (const { file, ns, key } of used) {
      const bundle = all[ns];
      if (!bundle) {
        missing.push(`${file}: no namespace ${ns}`);
        continue;
      }
      for (const lang of LANGUAGES) {
        const have = leaves(bundle[lang]!);
        for (const form of needs[lang]!) if (!have.has(`${key}_${form}`)) missing.push(`${file}: ${ns}:${key}_${form} (${lang})`);
      }
    }
    expect(missing).toEqual([]);
  });
});

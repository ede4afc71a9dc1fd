import { describe, expect, test } from 'vitest';
import { createI18n } from '../i18n.js';
import { ApiError, CLIENT_CODES } from './client.js';
import { errorMessage } from './error-message.js';

describe('error messages', () => {
  const ru = createI18n('ru');
  const kk = createI18n('kk');

  test('a known code becomes a sentence in the interface language', () => {
    const err = new ApiError('auth.invalid_credentials', 'Wrong login or password', 401);
    expect(errorMessage(ru, err)).toBe('Неверный логин или пароль.');
    expect(errorMessage(kk, err)).toBe('Логин немесе құпиясөз қате.');
  });

  test('too many attempts tells the minutes to wait, rounded up', () => {
    const err = (s: unknown) => new ApiError('auth.too_many_attempts', 'x', 429, { retryAfterSeconds: s });
    expect(errorMessage(ru, err(61))).toContain('через 2 мин.');
    expect(errorMessage(ru, err(900))).toContain('через 15 мин.');
    expect(errorMessage(kk, err(30))).toContain('1 минуттан');
    expect(errorMessage(ru, err('garbage'))).toContain('через 1 мин.');
  });

  test('a code of another module is found under errors.<code>', () => {
    expect(errorMessage(ru, new ApiError('organisations.class_not_found', 'Class not found', 404))).toBe('Класс не найден, или у вас нет к нему доступа.');
  });

  test('offline has its own sentence', () => {
    expect(errorMessage(ru, new ApiError(CLIENT_CODES.offline, '', 0))).toMatch(/интернет/);
  });

  test('unknown codes, odd codes and plain errors read as the generic sentence, never raw', () => {
    const generic = ru.t('errors.generic');
    for (const err of [
      new ApiError('nosuchmodule.some_reason', 'Something', 409), // a code no bundle knows
      new ApiError('auth', 'x', 400), // names a group of sentences, not one
      new ApiError('errors.generic.x', 'x', 400),
      new ApiError('request.', 'x', 400),
      new Error('TypeError: x is undefined at foo.js:1'),
      'a string',
      undefined,
    ]) {
      expect(errorMessage(ru, err)).toBe(generic);
    }
  });
});

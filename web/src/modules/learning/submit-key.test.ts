import { describe, expect, test } from 'vitest';
import { fingerprintOf, isRetryable, keyForSend, newIdempotencyKey } from './submit-key.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the Idempotency-Key of a submission', () => {
  let n = 0;
  const fresh = () => `key-${++n}`;

  test('a retry of the same work reuses the key, so the server keeps one submission', () => {
    const first = keyForSend(null, { text: 'Answer', fileIds: ['f1'] }, fresh);
    const retry = keyForSend(first, { text: 'Answer ', fileIds: ['f1'] }, fresh);
    expect(retry).toBe(first);
  });

  test('changed text or files are new work with a new key (the server refuses a key reused for other work)', () => {
    const first = keyForSend(null, { text: 'Answer', fileIds: [] }, fresh);
    expect(keyForSend(first, { text: 'Answer, corrected', fileIds: [] }, fresh).key).not.toBe(first.key);
    expect(keyForSend(first, { text: 'Answer', fileIds: ['f2'] }, fresh).key).not.toBe(first.key);
  });

  test('the fingerprint ignores surrounding spaces, as the server trims the text', () => {
    expect(fingerprintOf({ text: '  x \n', fileIds: [] })).toBe(fingerprintOf({ text: 'x', fileIds: [] }));
  });

  test('keys are version-4 UUIDs, with or without crypto.randomUUID (plain http has none)', () => {
    expect(newIdempotencyKey()).toMatch(UUID_V4);
    // a browser on plain http: getRandomValues only
    const noRandomUuid = { getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto) };
    const keys = new Set(Array.from({ length: 50 }, () => newIdempotencyKey(noRandomUuid)));
    expect(keys.size).toBe(50);
    for (const k of keys) expect(k).toMatch(UUID_V4);
  });

  test('only lost answers and server failures are retried with the same key', () => {
    expect(isRetryable(0)).toBe(true);
    expect(isRetryable(503)).toBe(true);
    expect(isRetryable(422)).toBe(false);
    expect(isRetryable(409)).toBe(false);
  });
});

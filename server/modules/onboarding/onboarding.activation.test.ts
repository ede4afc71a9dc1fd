import { describe, expect, test } from 'vitest';
import { activationHash, activationMatches, isPendingActivation, newActivationCode, normaliseCode } from './onboarding.activation.js';
import { verifyPassword } from '../identity/passwords.js';

const IIN = '120517600232';
const NOW = new Date('2020-09-01T08:00:00Z');
const LATER = new Date('2020-10-01T08:00:00Z');

describe('activation codes', () => {
  test('a code is 12 unambiguous characters in three groups, and fresh every time', () => {
    const codes = new Set(Array.from({ length: 200 }, newActivationCode));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  test('the code opens its account however it is typed, until it expires', () => {
    const code = '7KQ2-M9XD-40TB';
    const stored = activationHash(IIN, code, LATER);
    expect(isPendingActivation(stored)).toBe(true);
    expect(stored).not.toContain(normaliseCode(code));
    expect(activationMatches(stored, IIN, code, NOW)).toBe(true);
    expect(activationMatches(stored, IIN, ' 7kq2 m9xd 4otb ', NOW)).toBe(true);
    expect(activationMatches(stored, IIN, '7KQ2-M9XD-40TC', NOW)).toBe(false);
    expect(activationMatches(stored, '120517600233', code, NOW)).toBe(false);
    expect(activationMatches(stored, IIN, code, LATER)).toBe(false);
  });

  test('an account waiting for activation cannot sign in with any password', async () => {
    const stored = activationHash(IIN, '7KQ2-M9XD-40TB', LATER);
    expect(await verifyPassword(stored, '7KQ2-M9XD-40TB')).toBe(false);
    expect(await verifyPassword(stored, '')).toBe(false);
    expect(activationMatches('$argon2id$v=19$m=19456,t=2,p=1$abc$def', IIN, 'x', NOW)).toBe(false);
  });
});

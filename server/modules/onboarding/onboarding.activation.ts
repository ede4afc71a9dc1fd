import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Activation codes for imported accounts. Nobody is emailed a password: the apply response lists
 * one code per new account, once; the admin hands them out (printed, in the class chat) and each
 * person chooses their own password at /activate with their IIN and the code.
 *
 * Until then the account's password_hash holds `activation$<expires epoch s>$<sha-256 hex>` — not a
 * hash any password verifies against, so the account cannot sign in with it. SHA-256 (not argon2)
 * keeps a 5,000-person import within a second; the code carries 60 random bits and expires, and the
 * IIN salts the hash so equal codes never share a hash.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U to misread
const CODE_LENGTH = 12;
const PREFIX = 'activation$';

/** How long a handed-out code stays valid. */
export const ACTIVATION_DAYS = 30;

/** A fresh code like `7KQ2-M9XD-4HTB`. */
export function newActivationCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** The code as typed, in canonical form: case, dashes and spaces do not matter; O reads as 0, I and L as 1. */
export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

function digest(iin: string, code: string): string {
  return createHash('sha256')
    .update(`${iin}:${normaliseCode(code)}`)
    .digest('hex');
}

export function activationHash(iin: string, code: string, expiresAt: Date): string {
  return `${PREFIX}${Math.floor(expiresAt.getTime() / 1000)}$${digest(iin, code)}`;
}

export function isPendingActivation(passwordHash: string): boolean {
  return passwordHash.startsWith(PREFIX);
}

/** Does the typed code open this stored activation hash, before it expires? */
export function activationMatches(stored: string, iin: string, typed: string, now: Date): boolean {
  if (!isPendingActivation(stored)) return false;
  const [, expires, hex] = stored.split('$');
  if (!expires || !hex || Number(expires) * 1000 <= now.getTime()) return false;
  const want = Buffer.from(hex, 'hex');
  const got = Buffer.from(digest(iin, typed), 'hex');
  return want.length === got.length && timingSafeEqual(want, got);
}

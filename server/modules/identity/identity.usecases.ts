import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../platform/config.js';
import { burnVerifyTime, verifyPassword } from './passwords.js';
import * as repo from './identity.repository.js';
import { invalidCredentials, tooManyAttempts } from './identity.errors.js';
import type { Language } from './identity.actor.js';

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Tells what kind of identifier a person typed at sign-in, in the form it is stored. */
export function normaliseLogin(raw: string): { kind: repo.LoginKind; value: string } {
  const s = raw.trim();
  if (/^\d{12}$/.test(s)) return { kind: 'iin', value: s };
  if (s.includes('@')) return { kind: 'email', value: s.toLowerCase() };
  const digits = s.replace(/[\s()\-]/g, '');
  if (/^(\+7|8|7)\d{10}$/.test(digits)) return { kind: 'phone', value: '+7' + digits.slice(-10) };
  return { kind: 'login', value: s.toLowerCase() };
}

type LoginConfig = Pick<Config, 'LOGIN_MAX_FAILURES_PER_ACCOUNT' | 'LOGIN_MAX_FAILURES_PER_ADDRESS' | 'LOGIN_LOCK_MINUTES' | 'SESSION_ABSOLUTE_HOURS'>;

/**
 * Signs a person in with a login (IIN, phone, email or login name) and a password; returns a new
 * opaque session token. Failures are counted per account and per address, and audited.
 */
export async function login(args: {
  db: Db;
  config: LoginConfig;
  login: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}): Promise<{ token: string; accountId: number }> {
  const { db, config } = args;
  const id = normaliseLogin(args.login);
  const account = await repo.findAccountByLogin(db, id.kind, id.value);
  const accountKey = account ? `account:${account.account_id}` : `login:${id.kind}:${id.value}`;
  const addressKey = `address:${args.ip ?? 'unknown'}`;

  const wait = await repo.lockedForSeconds(db, [accountKey, addressKey]);
  if (wait > 0) {
    await repo.audit(db, { accountId: account?.account_id ?? null, action: 'auth.login_throttled', ip: args.ip });
    const minutes = Math.ceil(wait / 60);
    throw tooManyAttempts(`Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      { retryAfterSeconds: wait }, { 'retry-after': String(wait) });
  }

  const ok = account && !account.disabled_at
    ? await verifyPassword(account.password_hash, args.password)
    : (await burnVerifyTime(args.password), false);

  if (!ok || !account) {
    await db.transaction(async (tx) => {
      await repo.recordFailure(tx, [
        { key: accountKey, max: config.LOGIN_MAX_FAILURES_PER_ACCOUNT },
        { key: addressKey, max: config.LOGIN_MAX_FAILURES_PER_ADDRESS },
      ], config.LOGIN_LOCK_MINUTES);
      await repo.audit(tx, { accountId: account?.account_id ?? null, action: 'auth.login_failed', ip: args.ip, details: { via: id.kind } });
    });
    throw invalidCredentials();
  }

  const token = randomBytes(32).toString('base64url'); // 256 bits
  await db.transaction(async (tx) => {
    await repo.insertSession(tx, {
      tokenHash: hashToken(token), accountId: account.account_id, absoluteHours: config.SESSION_ABSOLUTE_HOURS,
      ip: args.ip, userAgent: args.userAgent,
    });
    await repo.clearFailures(tx, accountKey);
    await repo.audit(tx, { accountId: account.account_id, action: 'auth.login', ip: args.ip, details: { via: id.kind } });
  });
  return { token, accountId: account.account_id };
}

/** Revokes the session server-side, so the token is worthless even if it was copied. */
export async function logout(args: { db: Db; sessionId: number; accountId: number; ip: string | null }): Promise<void> {
  await args.db.transaction(async (tx) => {
    await repo.revokeSession(tx, args.sessionId);
    await repo.audit(tx, { accountId: args.accountId, action: 'auth.logout', ip: args.ip });
  });
}

export async function changeLanguage(args: { db: Db; accountId: number; language: Language }): Promise<void> {
  await repo.setLanguage(args.db, args.accountId, args.language);
}

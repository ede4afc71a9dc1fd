import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../platform/config.js';
import { burnVerifyTime, hashPassword, verifyPassword } from './passwords.js';
import * as repo from './identity.repository.js';
import { invalidCredentials, samePassword, tooManyAttempts, wrongPassword } from './identity.errors.js';
import type { Language } from './identity.actor.js';

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Tells what kind of identifier a person typed at sign-in, in the form it is stored. */
export function normaliseLogin(raw: string): { kind: repo.LoginKind; value: string } {
  const s = raw.trim();
  if (/^\d{12}$/.test(s)) return { kind: 'iin', value: s };
  if (s.includes('@')) return { kind: 'email', value: s.toLowerCase() };
  const digits = s.replace(/[\s()-]/g, '');
  if (/^(\+7|8|7)\d{10}$/.test(digits)) return { kind: 'phone', value: `+7${digits.slice(-10)}` };
  return { kind: 'login', value: s.toLowerCase() };
}

type LoginConfig = Pick<
  Config,
  | 'LOGIN_MAX_FAILURES_PER_ACCOUNT'
  | 'LOGIN_MAX_FAILURES_PER_ADDRESS'
  | 'LOGIN_LOCK_MINUTES'
  | 'SESSION_ABSOLUTE_HOURS'
  | 'LOGIN_ACCOUNT_SOFT_LIMIT'
  | 'LOGIN_ACCOUNT_SLOWDOWN_SECONDS'
>;

/**
 * The throttle keys of one sign-in attempt (see the identity README):
 * - hard, per identifier as typed and address (or per own device): over the limit → 429. Keyed on what
 *   was typed, not the account, so a 429 never shows that an IIN and a phone are one account, and
 *   flooding from elsewhere never locks the person out of their own address or device;
 * - per address, over every login: over the limit → 429;
 * - soft, per account: once flooded, one password check per interval, the rest answered exactly like a
 *   wrong password without checking. The person's own device is exempt.
 */
export function throttleKeys(a: { kind: string; value: string; ip: string | null; accountId: number | null; deviceHex: string | null }) {
  const ip = a.ip ?? 'unknown';
  const device = a.deviceHex !== null && a.accountId !== null;
  return {
    hard: device ? `device:${a.deviceHex}:${a.accountId}` : `login-address:${a.kind}:${a.value}@${ip}`,
    address: device ? null : `address:${ip}`,
    account: a.accountId !== null ? `account:${a.accountId}` : `login:${a.kind}:${a.value}`,
  };
}

/**
 * Signs a person in with a login (IIN, phone, email or login name) and a password; returns a new
 * opaque session token and the device token to remember this browser by. The attempt is reserved
 * before the password is checked, so parallel attempts cannot all be checked.
 */
export async function login(args: {
  db: Db;
  config: LoginConfig;
  login: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  /** the browser's device cookie, if it has one */
  deviceToken: string | null;
}): Promise<{ token: string; accountId: number; deviceToken: string }> {
  const { db, config } = args;
  const id = normaliseLogin(args.login);
  const account = await repo.findAccountByLogin(db, id.kind, id.value);
  const deviceHash = args.deviceToken ? hashToken(args.deviceToken) : null;
  const knownDevice = account !== null && deviceHash !== null && (await repo.isKnownDevice(db, deviceHash, account.account_id));
  const keys = throttleKeys({
    kind: id.kind,
    value: id.value,
    ip: args.ip,
    accountId: account?.account_id ?? null,
    deviceHex: knownDevice ? deviceHash!.toString('hex') : null,
  });
  const reserved = await repo.reserveAttempts(db, [keys.hard, keys.account, ...(keys.address ? [keys.address] : [])], config.LOGIN_LOCK_MINUTES);
  const over = [
    { key: keys.hard, max: config.LOGIN_MAX_FAILURES_PER_ACCOUNT },
    ...(keys.address ? [{ key: keys.address, max: config.LOGIN_MAX_FAILURES_PER_ADDRESS }] : []),
  ]
    .map((k) => ({ ...k, r: reserved.get(k.key)! }))
    .filter((k) => k.r.attempts > k.max);
  if (over.length > 0) {
    await repo.audit(db, { accountId: account?.account_id ?? null, action: 'auth.login_throttled', ip: args.ip });
    const wait = Math.max(...over.map((k) => k.r.waitSeconds));
    const minutes = Math.ceil(wait / 60);
    throw tooManyAttempts(
      `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      { retryAfterSeconds: wait },
      { 'retry-after': String(wait) },
    );
  }
  // flooded account: one check per interval; the others get the wrong-password answer, unchecked
  const slowed =
    !knownDevice &&
    reserved.get(keys.account)!.attempts > config.LOGIN_ACCOUNT_SOFT_LIMIT &&
    !(await repo.takeVerifySlot(db, keys.account, config.LOGIN_ACCOUNT_SLOWDOWN_SECONDS));

  const ok =
    account && !account.disabled_at && !slowed ? await verifyPassword(account.password_hash, args.password) : (await burnVerifyTime(args.password), false);

  if (!ok || !account) {
    await repo.audit(db, {
      accountId: account?.account_id ?? null,
      action: 'auth.login_failed',
      ip: args.ip,
      details: { via: id.kind, ...(slowed ? { slowed } : {}) },
    });
    throw invalidCredentials();
  }

  const token = randomBytes(32).toString('base64url'); // 256 bits
  const deviceToken = knownDevice ? args.deviceToken! : randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    await repo.insertSession(tx, {
      tokenHash: hashToken(token),
      accountId: account.account_id,
      absoluteHours: config.SESSION_ABSOLUTE_HOURS,
      ip: args.ip,
      userAgent: args.userAgent,
    });
    await repo.clearFailures(tx, keys.hard);
    await repo.releaseAttempts(tx, [keys.account, ...(keys.address ? [keys.address] : [])]);
    await repo.rememberDevice(tx, hashToken(deviceToken), account.account_id);
    await repo.audit(tx, { accountId: account.account_id, action: 'auth.login', ip: args.ip, details: { via: id.kind } });
  });
  return { token, accountId: account.account_id, deviceToken };
}

/** Changes the signed-in person's password after checking the current one; every other session ends. */
export async function changePassword(args: {
  db: Db;
  config: Pick<Config, 'LOGIN_MAX_FAILURES_PER_ACCOUNT' | 'LOGIN_LOCK_MINUTES'>;
  accountId: number;
  sessionId: number;
  currentPassword: string;
  newPassword: string;
  ip: string | null;
}): Promise<{ revokedSessions: number }> {
  const { db, config } = args;
  const key = `password-change:${args.accountId}`;
  const r = (await repo.reserveAttempts(db, [key], config.LOGIN_LOCK_MINUTES)).get(key)!;
  if (r.attempts > config.LOGIN_MAX_FAILURES_PER_ACCOUNT) {
    throw tooManyAttempts('Too many wrong current passwords. Try again later.', { retryAfterSeconds: r.waitSeconds }, { 'retry-after': String(r.waitSeconds) });
  }
  const stored = await repo.findPasswordHash(db, args.accountId);
  if (!stored || !(await verifyPassword(stored, args.currentPassword))) {
    await repo.audit(db, { accountId: args.accountId, action: 'auth.password_change_failed', ip: args.ip });
    throw wrongPassword();
  }
  if (args.currentPassword === args.newPassword) throw samePassword();
  const passwordHash = await hashPassword(args.newPassword);
  return db.transaction(async (tx) => {
    await repo.setPasswordHash(tx, args.accountId, passwordHash);
    const revokedSessions = await repo.revokeSessionsOf(tx, args.accountId, args.sessionId);
    await repo.clearFailures(tx, key);
    await repo.audit(tx, { accountId: args.accountId, action: 'auth.password_changed', ip: args.ip, details: { revokedSessions } });
    return { revokedSessions };
  });
}

/** Ends every session of the account (this one too) and forgets its devices. */
export async function logoutEverywhere(args: { db: Db; accountId: number; ip: string | null }): Promise<number> {
  return args.db.transaction(async (tx) => {
    const revoked = await repo.revokeSessionsOf(tx, args.accountId, null);
    await repo.forgetDevices(tx, args.accountId);
    await repo.audit(tx, { accountId: args.accountId, action: 'auth.logout_everywhere', ip: args.ip, details: { revokedSessions: revoked } });
    return revoked;
  });
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

// What other modules use of identity (docs/ARCHITECTURE.md, module boundaries): the audit trail, the
// credential checks that activation shares with sign-in, password hashing and the IIN rules.
export {
  audit,
  auditMany,
  clearFailures,
  findAccountByLogin,
  forgetDevices,
  lockedForSeconds,
  recordFailure,
  revokeSessionsOf,
} from './identity.repository.js';
export { hashPassword } from './passwords.js';
export { makeIin, parseIin, type IinProblem } from './iin.js';

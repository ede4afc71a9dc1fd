/**
 * What the access screens keep on the device so they work without a connection: the person's last
 * pass (shown until it expires), and the gate's trust list, revocation list, gates and scan log.
 * localStorage, keyed by the signed-in person so a shared phone never shows someone else's pass.
 * Everything read back is checked; storage that is off or full only means "nothing cached".
 */
import type { RevocationList, TrustList } from '../../../../contracts/access-pass.js';
import type { Gate, PassResponse, ScanItem } from './api.js';

type KV = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
const storage = (): KV | null => {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
};

function read<T>(key: string, valid: (v: unknown) => v is T, kv: KV | null = storage()): T | null {
  try {
    const raw = kv?.getItem(key);
    if (!raw) return null;
    const v: unknown = JSON.parse(raw);
    return valid(v) ? v : null;
  } catch {
    return null;
  }
}
function write(key: string, value: unknown, kv: KV | null = storage()): boolean {
  try {
    kv?.setItem(key, JSON.stringify(value));
    return !!kv;
  } catch {
    return false; // full or off: the screen still works online
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// ── the person's pass ──
export interface StoredPass extends PassResponse {
  /** when this device received it (ISO) */
  fetchedAt: string;
}
const passKey = (personId: number) => `sabaq.access.pass.${personId}`;
const isStoredPass = (v: unknown): v is StoredPass =>
  isObj(v) &&
  typeof v.pass === 'string' &&
  v.pass.startsWith('SBQ1:') &&
  typeof v.expiresAt === 'string' &&
  typeof v.fetchedAt === 'string' &&
  typeof v.status === 'string' &&
  typeof v.holderName === 'string' &&
  typeof v.issuedAt === 'string';

export function loadPass(personId: number, kv?: KV | null): StoredPass | null {
  return read(passKey(personId), isStoredPass, kv === undefined ? storage() : kv);
}
export function savePass(personId: number, pass: PassResponse, now: Date, kv?: KV | null): StoredPass {
  const stored = { ...pass, fetchedAt: now.toISOString() };
  write(passKey(personId), stored, kv === undefined ? storage() : kv);
  return stored;
}
/**
 * Sign-out: every pass kept on this device goes (a shared phone keeps no one's pass). The gate's
 * trust, gates and scan log stay: they are the phone's, and scans not yet uploaded must not be lost.
 */
export function forgetPasses(kv: (KV & Pick<Storage, 'key' | 'length'>) | null = storage() as Storage | null): void {
  try {
    if (!kv) return;
    const keys: string[] = [];
    for (let i = 0; i < kv.length; i++) {
      const k = kv.key(i);
      if (k?.startsWith('sabaq.access.pass.')) keys.push(k);
    }
    for (const k of keys) kv.removeItem(k);
  } catch {
    // storage off: nothing was kept
  }
}
export const passExpired = (p: Pick<StoredPass, 'expiresAt'>, now: Date) => new Date(p.expiresAt).getTime() <= now.getTime();

// ── the gate's trust ──
export interface TrustCache {
  trustList: TrustList;
  revocations: RevocationList;
  /** when this device last synced both (ISO) */
  fetchedAt: string;
}
const TRUST_KEY = 'sabaq.access.trust';
const isTrustCache = (v: unknown): v is TrustCache =>
  isObj(v) &&
  isObj(v.trustList) &&
  Array.isArray(v.trustList.keys) &&
  isObj(v.revocations) &&
  Array.isArray(v.revocations.keys) &&
  Array.isArray(v.revocations.holders) &&
  typeof v.fetchedAt === 'string';
export const loadTrust = (kv?: KV | null) => read(TRUST_KEY, isTrustCache, kv === undefined ? storage() : kv);
export const saveTrust = (t: TrustCache, kv?: KV | null) => write(TRUST_KEY, t, kv === undefined ? storage() : kv);

const gatesKey = (personId: number) => `sabaq.access.gates.${personId}`;
const isGates = (v: unknown): v is Gate[] => Array.isArray(v) && v.every((g) => isObj(g) && typeof g.id === 'number' && typeof g.name === 'string');
export const loadGates = (personId: number, kv?: KV | null) => read(gatesKey(personId), isGates, kv === undefined ? storage() : kv);
export const saveGates = (personId: number, gates: Gate[], kv?: KV | null) => write(gatesKey(personId), gates, kv === undefined ? storage() : kv);

/** The fever threshold per organisation of the guard (from the rules, synced with the gates). */
export type FeverThresholds = { organisationId: number; feverThresholdC: number }[];
const feverKey = (personId: number) => `sabaq.access.fever.${personId}`;
const isThresholds = (v: unknown): v is FeverThresholds =>
  Array.isArray(v) && v.every((x) => isObj(x) && typeof x.organisationId === 'number' && typeof x.feverThresholdC === 'number');
export const loadThresholds = (personId: number, kv?: KV | null) => read(feverKey(personId), isThresholds, kv === undefined ? storage() : kv);
export const saveThresholds = (personId: number, t: FeverThresholds, kv?: KV | null) => write(feverKey(personId), t, kv === undefined ? storage() : kv);

// ── the gate's scan log ──
export interface LoggedScan extends ScanItem {
  uploaded: boolean;
}
/** The newest scans kept on the device (uploaded ones are dropped first when the log is full). */
export const LOG_LIMIT = 2000;
const logKey = (personId: number) => `sabaq.access.scans.${personId}`;
const isLog = (v: unknown): v is LoggedScan[] => Array.isArray(v) && v.every((s) => isObj(s) && typeof s.clientId === 'string' && typeof s.gateId === 'number');
export const loadLog = (personId: number, kv?: KV | null): LoggedScan[] => read(logKey(personId), isLog, kv === undefined ? storage() : kv) ?? [];
export function saveLog(personId: number, log: LoggedScan[], kv?: KV | null): LoggedScan[] {
  let kept = log;
  if (kept.length > LOG_LIMIT) {
    const excess = kept.length - LOG_LIMIT;
    let dropped = 0;
    kept = kept.filter((s) => (s.uploaded && dropped < excess ? (dropped++, false) : true));
    kept = kept.slice(-LOG_LIMIT);
  }
  write(logKey(personId), kept, kv === undefined ? storage() : kv);
  return kept;
}

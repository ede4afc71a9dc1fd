/**
 * The gate's offline check: the shared verifier of `contracts/access-pass.ts` against the cached
 * trust and revocation lists, plus the replay flag from this gate's own log. It never throws: any
 * input (a truncated QR, a photo of a newspaper) is an answer with a reason.
 */
import { isReplay, prepareTrust, verifyPass, type PreparedTrust, type RefusalReason } from '../../../../contracts/access-pass.js';
import type { LoggedScan, TrustCache } from './store.js';

export interface GateCheck {
  admit: boolean;
  reason: RefusalReason | null;
  /** the holder's name, only once the signature holds */
  name: string | null;
  holder: string | null;
  /** admitted, but already let in at this gate and not seen leaving */
  replay: boolean;
  expiresAt: Date | null;
}

let prepared: { fetchedAt: string; trust: PreparedTrust } | null = null;

/** Imports the cached keys once per sync (importing per scan costs more than verifying). */
export async function preparedFrom(cache: TrustCache): Promise<PreparedTrust> {
  if (prepared?.fetchedAt !== cache.fetchedAt) {
    prepared = { fetchedAt: cache.fetchedAt, trust: await prepareTrust(cache.trustList, cache.revocations) };
  }
  return prepared.trust;
}

/** Verifies a scanned or pasted text for a gate of one of `organisations`, with `log` being the device's scans (oldest first). */
export async function checkAtGate(text: string, cache: TrustCache, opts: {
  now: Date; organisations: readonly number[]; gateId: number; direction: 'in' | 'out'; log: readonly LoggedScan[];
}): Promise<GateCheck> {
  try {
    const trust = await preparedFrom(cache);
    const out = await verifyPass(text.trim(), trust, { now: opts.now });
    const c = out.claims;
    // a pass of an organisation this guard does not serve names nobody
    if (c && !opts.organisations.includes(c.organisationId)) return { admit: false, reason: 'other_organisation', name: null, holder: null, replay: false, expiresAt: null };
    const replay = out.admit && c !== null && opts.direction === 'in'
      && isReplay(opts.log.filter((s) => s.gateId === opts.gateId), c.holder);
    return { admit: out.admit, reason: out.reason, name: c?.name ?? null, holder: c?.holder ?? null, replay, expiresAt: c ? new Date(c.exp * 1000) : null };
  } catch {
    return { admit: false, reason: 'malformed', name: null, holder: null, replay: false, expiresAt: null };
  }
}

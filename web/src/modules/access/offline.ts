/**
 * The gate's offline check: the shared verifier of `contracts/access-pass.ts` against the cached
 * trust and revocation lists, plus the replay flag from this gate's own log. It never throws: any
 * input (a truncated QR, a photo of a newspaper) is an answer with a reason.
 */
import { isReplay, prepareTrust, verifyPass, withTemperature, type PreparedTrust, type RefusalReason } from '../../../../contracts/access-pass.js';
import type { LoggedScan, TrustCache } from './store.js';

export interface GateCheck {
  admit: boolean;
  reason: RefusalReason | null;
  /** the holder's name, only once the signature holds */
  name: string | null;
  holder: string | null;
  /** the signed hash of the holder's gate photo (decision 0030), once the signature holds */
  photo: string | null;
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
export async function checkAtGate(
  text: string,
  cache: TrustCache,
  opts: {
    now: Date;
    organisations: readonly number[];
    gateId: number;
    direction: 'in' | 'out';
    log: readonly LoggedScan[];
    /** °C measured at the gate (null: not measured) and the threshold of the pass's organisation */
    temperatureC?: number | null;
    feverThreshold?: (organisationId: number) => number;
  },
): Promise<GateCheck> {
  try {
    const trust = await preparedFrom(cache);
    let out = await verifyPass(text.trim(), trust, { now: opts.now });
    const c = out.claims;
    // a pass of an organisation this guard does not serve names nobody
    if (c && !opts.organisations.includes(c.organisationId))
      return { admit: false, reason: 'other_organisation', name: null, holder: null, photo: null, replay: false, expiresAt: null };
    if (c && opts.feverThreshold) out = withTemperature(out, opts.temperatureC, opts.feverThreshold(c.organisationId));
    const replay =
      out.admit &&
      c !== null &&
      opts.direction === 'in' &&
      isReplay(
        opts.log.filter((s) => s.gateId === opts.gateId),
        c.holder,
      );
    return {
      admit: out.admit,
      reason: out.reason,
      name: c?.name ?? null,
      holder: c?.holder ?? null,
      photo: c?.photo ?? null,
      replay,
      expiresAt: c ? new Date(c.exp * 1000) : null,
    };
  } catch {
    return { admit: false, reason: 'malformed', name: null, holder: null, photo: null, replay: false, expiresAt: null };
  }
}

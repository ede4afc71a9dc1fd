/**
 * Signing keys (ES256, P-256) per issuing organisation, created on first use and rotated by the
 * admin. The private key stays in PostgreSQL (PKCS#8 DER); a parsed key is kept in memory per kid.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { Queryable } from '../../platform/db.js';
import { toBase64Url, type PreparedTrust, type TrustJwk, prepareTrust } from '../../../contracts/access-pass.js';
import * as repo from './access.repository.js';

const parsed = new Map<string, KeyObject>();

export function newKeyMaterial() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' }) as { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  return {
    kid: randomBytes(8),
    publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
    privatePkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }),
  };
}

/** The organisation's active key, created when there is none (concurrent callers end with the same key). */
export async function activeKeyOf(db: Queryable, organisationId: number, now: Date): Promise<repo.KeyRow> {
  const found = await repo.activeKey(db, organisationId);
  if (found) return found;
  await repo.insertKey(db, { organisationId, ...newKeyMaterial(), now });
  return (await repo.activeKey(db, organisationId))!;
}

/** ES256 over the bytes, as COSE wants it: r‖s (IEEE P1363), 64 bytes. */
export function signer(key: repo.KeyRow): (bytes: Uint8Array) => Uint8Array {
  const id = key.kid.toString('hex');
  let k = parsed.get(id);
  if (!k) {
    k = createPrivateKey({ key: key.privatePkcs8, format: 'der', type: 'pkcs8' });
    parsed.set(id, k);
  }
  const privateKey = k;
  return (bytes) => sign('sha256', bytes, { key: privateKey, dsaEncoding: 'ieee-p1363' });
}

/** Retired keys stay trusted for this long (the longest a pass may live). */
export const RETIRED_KEY_TRUST_MS = 168 * 3_600_000;

export function jwkOf(k: repo.KeyRow): TrustJwk {
  return { ...k.publicJwk, kid: toBase64Url(k.kid), alg: 'ES256', use: 'sig', organisationId: k.organisationId };
}

export async function trustListOf(db: Queryable, now: Date): Promise<{ keys: TrustJwk[] }> {
  return { keys: (await repo.trustedKeys(db, new Date(now.getTime() - RETIRED_KEY_TRUST_MS))).map(jwkOf) };
}
export async function revocationsOf(db: Queryable, now: Date) {
  return { keys: (await repo.revokedKids(db)).map((k) => toBase64Url(k)), holders: await repo.revokedHolders(db), generatedAt: now.toISOString() };
}

// online verification uses the same prepared trust as the scanner; cached briefly per process and
// dropped at once when this process revokes or rotates
let cached: { at: number; trust: PreparedTrust } | null = null;
const CACHE_MS = 5_000;
export function dropTrustCache(): void {
  cached = null;
}
export async function preparedTrust(db: Queryable, now: Date): Promise<PreparedTrust> {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.trust;
  const trust = await prepareTrust(await trustListOf(db, now), await revocationsOf(db, now));
  cached = { at: Date.now(), trust };
  return trust;
}

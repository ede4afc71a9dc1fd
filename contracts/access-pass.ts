/**
 * The campus pass: a CBOR Web Token (RFC 8392) in a COSE_Sign1 structure (RFC 9052), ES256, the key
 * id in the protected header, zlib-compressed, base45 (RFC 9285) and prefixed `SBQ1:` — the EU DCC's
 * layering. Pure and shared: the server issues and verifies online with it, and the gate scanner
 * verifies offline with the very same code (WebCrypto in the browser and in Node).
 */
import { Encoder, Tag } from 'cbor-x';
import { unzlibSync, zlibSync } from 'fflate';

export const PASS_PREFIX = 'SBQ1:';
/** COSE algorithm ids (RFC 9053): the only one Sabaq signs and accepts. */
export const ALG_ES256 = -7;
export const ALLOWED_ALGS: readonly number[] = [ALG_ES256];

/** CWT claim keys (RFC 8392) and the Sabaq private claim. */
const CWT = { iss: 1, exp: 4, iat: 6, cti: 7 } as const;
export const SABAQ_CLAIM = -70_011;
const SB = { holder: 1, org: 2, status: 3, name: 4, photo: 5 } as const;
const HDR = { alg: 1, kid: 4 } as const;
const COSE_SIGN1_TAG = 18;

export const PASS_STATUSES = ['admitted', 'not_admitted', 'no_data'] as const;
export type PassStatus = (typeof PASS_STATUSES)[number];

/** Why a pass is refused; `null` when admitted. */
export const REFUSAL_REASONS = [
  'malformed',
  'alg_not_allowed',
  'unknown_key',
  'bad_signature',
  'expired',
  'not_yet_valid',
  'revoked_key',
  'revoked_holder',
  'not_admitted',
  'no_data',
  'other_organisation',
  'fever',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface PassClaims {
  /** issuer: the organisation's code, e.g. `org:42` */
  iss: string;
  /** seconds since the epoch */
  iat: number;
  exp: number;
  /** pass id (random bytes, hex) */
  cti: string;
  holder: string;
  organisationId: number;
  status: PassStatus;
  /** the holder's name as the guard sees it (never an IIN, never health detail) */
  name: string;
  /**
   * The first 8 bytes (hex) of the SHA-256 of the holder's gate photo, when they have one. The photo
   * itself is not in the pass (it would not fit a QR code): the guard's phone caches the photos of
   * its organisation and shows one only when its hash matches this signed value (decision 0030).
   */
  photo?: string;
}

/** The fever threshold of the time (°C, a setting of the rule set): a temperature at or above it refuses entry. */
export const DEFAULT_FEVER_THRESHOLD_C = 37.5;
export const PHOTO_HASH_BYTES = 8;

/** A temperature measured at the gate turns an admitted verdict into a refusal at or above the threshold. */
export function withTemperature(out: VerifyOutcome, temperatureC: number | null | undefined, thresholdC: number): VerifyOutcome {
  if (!out.admit || temperatureC === null || temperatureC === undefined || !Number.isFinite(temperatureC)) return out;
  return temperatureC >= thresholdC ? { admit: false, reason: 'fever', claims: out.claims } : out;
}

// COSE needs maps with integer keys and plain byte strings (no typed-array tags, no records)
const cbor = new Encoder({ mapsAsObjects: false, useRecords: false, tagUint8Array: false, variableMapSize: true });

// ── base45 (RFC 9285), strict: an invalid character or value is an error, never garbage ──
const B45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const B45_INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < B45.length; i++) B45_INDEX[B45.charCodeAt(i)] = i;

export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i]! * 256 + bytes[i + 1]!;
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    const e = (n - d) / 45;
    out += B45[c]! + B45[d]! + B45[e]!;
  }
  if (bytes.length % 2) {
    const n = bytes[bytes.length - 1]!;
    out += B45[n % 45]! + B45[Math.floor(n / 45)]!;
  }
  return out;
}

/** One base45 character's value, or -1 (outside the alphabet). */
const b45 = (text: string, i: number): number => {
  const code = text.charCodeAt(i);
  return code < 128 ? B45_INDEX[code]! : -1;
};

export function base45Decode(text: string): Uint8Array | null {
  const len = text.length;
  if (len % 3 === 1) return null;
  const full = len - (len % 3);
  const out = new Uint8Array((full / 3) * 2 + (len % 3 === 2 ? 1 : 0));
  let o = 0;
  // no allocation per group: the gate decodes thousands of passes a minute (pass-verify bench)
  for (let i = 0; i < full; i += 3) {
    const a = b45(text, i);
    const b = b45(text, i + 1);
    const c = b45(text, i + 2);
    if (a < 0 || b < 0 || c < 0) return null;
    const n = a + b * 45 + c * 2025;
    if (n > 0xffff) return null;
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  if (full < len) {
    const a = b45(text, full);
    const b = b45(text, full + 1);
    if (a < 0 || b < 0) return null;
    const n = a + b * 45;
    if (n > 0xff) return null;
    out[o] = n;
  }
  return out;
}

// ── base64url ──
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** base64url without padding (RFC 4648 §5), written out: no btoa, no regular expressions per pass. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]! + B64URL[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]!;
  }
  return out;
}
export function fromBase64Url(text: string): Uint8Array {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** A CBOR byte-string head (major type 2) with the shortest length encoding (RFC 8949 §4.2.1). */
function bstrHead(len: number): number[] {
  if (len < 24) return [0x40 | len];
  if (len < 0x100) return [0x58, len];
  if (len < 0x10000) return [0x59, len >> 8, len & 0xff];
  return [0x5a, (len >>> 24) & 0xff, (len >> 16) & 0xff, (len >> 8) & 0xff, len & 0xff];
}
// array(4), text(10) "Signature1"
const SIG1_HEAD = [0x84, 0x6a, 0x53, 0x69, 0x67, 0x6e, 0x61, 0x74, 0x75, 0x72, 0x65, 0x31];

/**
 * The bytes that are signed (Sig_structure for COSE_Sign1, RFC 9052 §4.4):
 * `["Signature1", protected, external_aad = h'', payload]` in deterministic CBOR, written directly
 * (the same bytes a CBOR encoder gives; checked against cbor-x in access-pass.test.ts).
 */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  const ph = bstrHead(protectedBytes.length);
  const pl = bstrHead(payload.length);
  const out = new Uint8Array(SIG1_HEAD.length + ph.length + protectedBytes.length + 1 + pl.length + payload.length);
  let o = 0;
  out.set(SIG1_HEAD, o);
  o += SIG1_HEAD.length;
  out.set(ph, o);
  o += ph.length;
  out.set(protectedBytes, o);
  o += protectedBytes.length;
  out[o++] = 0x40; // external_aad: empty byte string
  out.set(pl, o);
  o += pl.length;
  out.set(payload, o);
  return out;
}

/** The Sig_structure through the CBOR encoder (what sigStructure must equal; tests). */
export function sigStructureViaEncoder(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return cbor.encode(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

export function encodeClaims(c: PassClaims): Uint8Array {
  return cbor.encode(
    new Map<number, unknown>([
      [CWT.iss, c.iss],
      [CWT.iat, c.iat],
      [CWT.exp, c.exp],
      [CWT.cti, hexToBytes(c.cti)],
      [
        SABAQ_CLAIM,
        new Map<number, unknown>([
          [SB.holder, c.holder],
          [SB.org, c.organisationId],
          [SB.status, c.status],
          [SB.name, c.name],
          ...(c.photo ? [[SB.photo, hexToBytes(c.photo)] as [number, unknown]] : []),
        ]),
      ],
    ]),
  );
}

/**
 * Builds the pass text from claims: `sign` gets the Sig_structure bytes and answers the raw
 * signature (r‖s, 64 bytes for ES256). `alg` is only overridable so tests can forge passes.
 */
export async function buildPass(
  claims: PassClaims | Uint8Array,
  kid: Uint8Array,
  sign: (toSign: Uint8Array) => Uint8Array | Promise<Uint8Array>,
  alg: number | null = ALG_ES256,
): Promise<string> {
  const header = new Map<number, unknown>();
  if (alg !== null) header.set(HDR.alg, alg);
  header.set(HDR.kid, kid);
  const protectedBytes = cbor.encode(header);
  const payload = claims instanceof Uint8Array ? claims : encodeClaims(claims);
  const signature = await sign(sigStructure(protectedBytes, payload));
  return packCose(protectedBytes, payload, signature);
}

/** COSE_Sign1 (tag 18) → zlib → base45 → prefix. */
export function packCose(protectedBytes: Uint8Array, payload: Uint8Array, signature: Uint8Array): string {
  const cose = cbor.encode(new Tag([protectedBytes, new Map(), payload, signature], COSE_SIGN1_TAG));
  return PASS_PREFIX + base45Encode(zlibSync(cose, { level: 9 }));
}

export interface DecodedPass {
  protectedBytes: Uint8Array;
  payload: Uint8Array;
  signature: Uint8Array;
  alg: number | null;
  kid: Uint8Array | null;
  claims: PassClaims | null;
}

const asBytes = (v: unknown): Uint8Array | null => (v instanceof Uint8Array ? v : null);

/** Parses a pass text down to its parts; null when it is not a well-formed pass (any layer). */
export function decodePass(text: string): DecodedPass | null {
  if (typeof text !== 'string' || !text.startsWith(PASS_PREFIX) || text.length > 4096) return null;
  const zipped = base45Decode(text.slice(PASS_PREFIX.length));
  if (!zipped) return null;
  try {
    const raw = unzlibSync(zipped);
    if (raw.length > 8192) return null;
    let cose = cbor.decode(raw) as unknown;
    if (cose instanceof Tag) {
      if (cose.tag !== COSE_SIGN1_TAG) return null;
      cose = cose.value;
    }
    if (!Array.isArray(cose) || cose.length !== 4) return null;
    const [p, , payload, signature] = cose as unknown[];
    const protectedBytes = asBytes(p);
    const payloadBytes = asBytes(payload);
    const sig = asBytes(signature);
    if (!protectedBytes || !payloadBytes || !sig) return null;
    const header = protectedBytes.length ? cbor.decode(protectedBytes) : new Map();
    if (!(header instanceof Map)) return null;
    const alg = header.get(HDR.alg);
    const kid = asBytes(header.get(HDR.kid));
    return { protectedBytes, payload: payloadBytes, signature: sig, alg: typeof alg === 'number' ? alg : null, kid, claims: readClaims(payloadBytes) };
  } catch {
    return null;
  }
}

function readClaims(payload: Uint8Array): PassClaims | null {
  try {
    const m = cbor.decode(payload) as unknown;
    if (!(m instanceof Map)) return null;
    const sb = m.get(SABAQ_CLAIM);
    if (!(sb instanceof Map)) return null;
    const c = {
      iss: m.get(CWT.iss),
      iat: m.get(CWT.iat),
      exp: m.get(CWT.exp),
      cti: asBytes(m.get(CWT.cti)),
      holder: sb.get(SB.holder),
      organisationId: sb.get(SB.org),
      status: sb.get(SB.status),
      name: sb.get(SB.name),
    };
    if (
      typeof c.iss !== 'string' ||
      typeof c.iat !== 'number' ||
      typeof c.exp !== 'number' ||
      !c.cti ||
      typeof c.holder !== 'string' ||
      typeof c.organisationId !== 'number' ||
      !PASS_STATUSES.includes(c.status as PassStatus) ||
      typeof c.name !== 'string'
    )
      return null;
    const photo = sb.get(SB.photo);
    if (photo !== undefined && !(photo instanceof Uint8Array && photo.length === PHOTO_HASH_BYTES)) return null;
    return { ...(c as unknown as PassClaims), cti: bytesToHex(c.cti), ...(photo ? { photo: bytesToHex(photo) } : {}) };
  } catch {
    return null;
  }
}

export function bytesToHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}
export function hexToBytes(h: string): Uint8Array {
  const out = new Uint8Array(h.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(i * 2, i * 2 + 2), 16);
  return out;
}

// ── trust list and verification ──

/** A public key of the trust list (RFC 7517 JWK, EC P-256), with Sabaq's issuer fields. */
export interface TrustJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  /** base64url of the COSE kid bytes */
  kid: string;
  alg: 'ES256';
  use: 'sig';
  organisationId: number;
}
export interface TrustList {
  keys: TrustJwk[];
}
export interface RevocationList {
  keys: string[];
  holders: string[];
  generatedAt: string;
}

/** A trust list with its keys imported once (importing per scan would cost more than verifying). */
export interface PreparedTrust {
  keys: Map<string, { key: CryptoKey; organisationId: number }>;
  revokedKeys: Set<string>;
  revokedHolders: Set<string>;
}

export async function prepareTrust(list: TrustList, revocations: Pick<RevocationList, 'keys' | 'holders'>): Promise<PreparedTrust> {
  const keys = new Map<string, { key: CryptoKey; organisationId: number }>();
  for (const jwk of list.keys) {
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256') continue;
    const key = await crypto.subtle.importKey(
      'jwk',
      { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    keys.set(jwk.kid, { key, organisationId: jwk.organisationId });
  }
  return { keys, revokedKeys: new Set(revocations.keys), revokedHolders: new Set(revocations.holders) };
}

const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface VerifyOutcome {
  admit: boolean;
  reason: RefusalReason | null;
  /** present once the signature holds (a forged pass names nobody) */
  claims: PassClaims | null;
}

/**
 * The one verification, online and offline: format → algorithm allow-list → key (revoked, known) →
 * signature → validity window → holder revoked → the organisation of this gate → status.
 */
export async function verifyPass(
  text: string,
  trust: PreparedTrust,
  opts: { now: Date; organisationId?: number; skewSeconds?: number },
): Promise<VerifyOutcome> {
  const refuse = (reason: RefusalReason, claims: PassClaims | null = null): VerifyOutcome => ({ admit: false, reason, claims });
  const d = decodePass(text);
  if (!d) return refuse('malformed');
  if (d.alg === null || !ALLOWED_ALGS.includes(d.alg)) return refuse('alg_not_allowed');
  if (!d.kid || d.kid.length === 0 || d.kid.length > 64) return refuse('unknown_key');
  const kid = toBase64Url(d.kid);
  if (trust.revokedKeys.has(kid)) return refuse('revoked_key');
  const entry = trust.keys.get(kid);
  if (!entry) return refuse('unknown_key');
  if (d.signature.length !== 64) return refuse('bad_signature');
  const ok = await crypto.subtle.verify(ECDSA_SHA256, entry.key, d.signature as BufferSource, sigStructure(d.protectedBytes, d.payload) as BufferSource);
  if (!ok) return refuse('bad_signature');
  const c = d.claims;
  if (!c) return refuse('malformed');
  // a key signs for its own organisation only
  if (c.organisationId !== entry.organisationId) return refuse('bad_signature');
  const now = Math.floor(opts.now.getTime() / 1000);
  const skew = opts.skewSeconds ?? 300;
  if (c.exp <= now) return refuse('expired', c);
  if (c.iat > now + skew) return refuse('not_yet_valid', c);
  if (trust.revokedHolders.has(c.holder)) return refuse('revoked_holder', c);
  if (opts.organisationId !== undefined && c.organisationId !== opts.organisationId) return refuse('other_organisation', c);
  if (c.status !== 'admitted') return refuse(c.status, c);
  return { admit: true, reason: null, claims: c };
}

/** Replay: a holder already let in at this gate and not seen leaving. `log` is the gate's scans, oldest first. */
export function isReplay(log: readonly { holder: string | null; direction: 'in' | 'out'; result: 'admitted' | 'refused' }[], holder: string): boolean {
  for (let i = log.length - 1; i >= 0; i--) {
    const s = log[i]!;
    if (s.holder !== holder || s.result !== 'admitted') continue;
    return s.direction === 'in';
  }
  return false;
}

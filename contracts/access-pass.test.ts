/**
 * The offline verifier (the scanner's and the server's one code path) refuses every forged pass
 * with its own reason. Keys are made here; no database.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  base45Decode,
  base45Encode,
  buildPass,
  decodePass,
  encodeClaims,
  isReplay,
  packCose,
  prepareTrust,
  sigStructure,
  sigStructureViaEncoder,
  toBase64Url,
  verifyPass,
  type PassClaims,
  type PreparedTrust,
  PASS_PREFIX,
} from './access-pass.js';

const NOW = new Date('2021-09-01T08:00:00Z');
const t = Math.floor(NOW.getTime() / 1000);
const claims = (over: Partial<PassClaims> = {}): PassClaims => ({
  iss: 'sabaq:org:7',
  iat: t - 60,
  exp: t + 86_400,
  cti: '0102030405060708',
  holder: 'holder-a',
  organisationId: 7,
  status: 'admitted',
  name: 'Ахметов Әлихан',
  ...over,
});
const es256 = (key: KeyObject) => (b: Uint8Array) => sign('sha256', b, { key, dsaEncoding: 'ieee-p1363' });

let issuer: { privateKey: KeyObject; publicKey: KeyObject };
let forger: { privateKey: KeyObject; publicKey: KeyObject };
const KID = new Uint8Array([1, 1, 1, 1, 1, 1, 1, 1]);
const REVOKED_KID = new Uint8Array([2, 2, 2, 2, 2, 2, 2, 2]);
let revokedKey: { privateKey: KeyObject; publicKey: KeyObject };
let trust: PreparedTrust;

beforeAll(async () => {
  issuer = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  forger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  revokedKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = (k: KeyObject, kid: Uint8Array) => ({
    ...(k.export({ format: 'jwk' }) as { x: string; y: string }),
    kty: 'EC' as const,
    crv: 'P-256' as const,
    kid: toBase64Url(kid),
    alg: 'ES256' as const,
    use: 'sig' as const,
    organisationId: 7,
  });
  trust = await prepareTrust({ keys: [jwk(issuer.publicKey, KID)] }, { keys: [toBase64Url(REVOKED_KID)], holders: ['holder-revoked'] });
});

const verify = (pass: string, organisationId?: number) => verifyPass(pass, trust, { now: NOW, organisationId });

test('a genuine pass is admitted, names its holder, holds no IIN and fits a QR code', async () => {
  const pass = await buildPass(claims(), KID, es256(issuer.privateKey));
  expect(pass.startsWith(PASS_PREFIX)).toBe(true);
  expect(pass).toMatch(/^SBQ1:[0-9A-Z $%*+\-./:]+$/);
  expect(pass.length).toBeLessThan(400);
  const out = await verify(pass, 7);
  expect(out).toMatchObject({ admit: true, reason: null });
  expect(out.claims?.name).toBe('Ахметов Әлихан');
});

describe('forged passes are refused, each with its reason', () => {
  test('signed by an unknown key (its own kid)', async () => {
    expect((await verify(await buildPass(claims(), new Uint8Array([9, 9, 9, 9]), es256(forger.privateKey)))).reason).toBe('unknown_key');
  });
  test('alg none (no alg in the protected header)', async () => {
    expect((await verify(await buildPass(claims(), KID, () => new Uint8Array(0), null))).reason).toBe('alg_not_allowed');
  });
  test('an algorithm outside the allow-list (EdDSA, HS256, ES512)', async () => {
    for (const alg of [-8, 5, -36]) expect((await verify(await buildPass(claims(), KID, es256(issuer.privateKey), alg))).reason).toBe('alg_not_allowed');
  });
  test("a kid that is not in the trust list, signed by the issuer's real key", async () => {
    expect((await verify(await buildPass(claims(), new Uint8Array([3, 3, 3]), es256(issuer.privateKey)))).reason).toBe('unknown_key');
  });
  test("the trusted kid with another key's signature", async () => {
    expect((await verify(await buildPass(claims(), KID, es256(forger.privateKey)))).reason).toBe('bad_signature');
  });
  test('a tampered payload (status and exp rewritten, signature kept)', async () => {
    const genuine = decodePass(await buildPass(claims({ status: 'not_admitted' }), KID, es256(issuer.privateKey)))!;
    const tampered = packCose(genuine.protectedBytes, encodeClaims(claims({ status: 'admitted', exp: t + 10 * 86_400 })), genuine.signature);
    expect((await verify(tampered)).reason).toBe('bad_signature');
  });
  test('an expired pass', async () => {
    const out = await verify(await buildPass(claims({ iat: t - 90_000, exp: t - 1 }), KID, es256(issuer.privateKey)));
    expect(out.reason).toBe('expired');
  });
  test('signed by a revoked key', async () => {
    expect((await verify(await buildPass(claims(), REVOKED_KID, es256(revokedKey.privateKey)))).reason).toBe('revoked_key');
  });
  test('a revoked holder', async () => {
    expect((await verify(await buildPass(claims({ holder: 'holder-revoked' }), KID, es256(issuer.privateKey)))).reason).toBe('revoked_holder');
  });
  test('a genuine pass of a not admitted person, or with no data', async () => {
    expect((await verify(await buildPass(claims({ status: 'not_admitted' }), KID, es256(issuer.privateKey)))).reason).toBe('not_admitted');
    expect((await verify(await buildPass(claims({ status: 'no_data' }), KID, es256(issuer.privateKey)))).reason).toBe('no_data');
  });
  test('a pass of another organisation at this gate', async () => {
    expect((await verify(await buildPass(claims(), KID, es256(issuer.privateKey)), 8)).reason).toBe('other_organisation');
  });
});

describe('bad input never throws', () => {
  test('not base45, truncated, wrong prefix, empty, huge', async () => {
    const pass = await buildPass(claims(), KID, es256(issuer.privateKey));
    for (const bad of [
      '',
      'SBQ1:',
      'SBQ1:abc',
      'SBQ1:ЖЖЖ',
      'HC1:NCF',
      pass.slice(0, 60),
      pass.slice(0, -3),
      pass.slice(0, -1),
      'SBQ1:' + 'A'.repeat(5000),
      'SBQ1:GGW',
    ]) {
      // a truncated or damaged pass is refused (malformed, or its signature fails when only the tail is lost)
      expect(['malformed', 'bad_signature']).toContain((await verify(bad)).reason);
    }
  });
  test('any string: an answer, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (s) => {
        const out = await verify(`SBQ1:${s}`);
        expect(out.admit).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
  test('base45 round-trips and refuses invalid text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        expect(base45Decode(base45Encode(b))).toEqual(b);
      }),
    );
    expect(base45Decode('GGW')).toBeNull(); // 65535 < value: overflow
    expect(base45Decode('abc')).toBeNull();
    expect(base45Decode('A')).toBeNull();
    expect(base45Encode(new TextEncoder().encode('ietf!'))).toBe('QED8WEX0'); // RFC 9285 example
  });
});

test('replay: a holder let in at this gate and not seen leaving is flagged', () => {
  const admitted = (holder: string, direction: 'in' | 'out') => ({ holder, direction, result: 'admitted' as const });
  expect(isReplay([], 'a')).toBe(false);
  expect(isReplay([admitted('a', 'in')], 'a')).toBe(true);
  expect(isReplay([admitted('a', 'in'), admitted('a', 'out')], 'a')).toBe(false);
  expect(isReplay([admitted('a', 'in'), admitted('b', 'out')], 'a')).toBe(true);
  expect(isReplay([admitted('a', 'in'), { holder: 'a', direction: 'in', result: 'refused' }], 'a')).toBe(true);
});

describe('the fast paths equal the plain ones (pass-verify speed, no check changed)', () => {
  test('sigStructure writes the same bytes as the CBOR encoder, for every length class', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), fc.uint8Array({ maxLength: 70_000 }), (p, payload) => {
        expect(Buffer.from(sigStructure(p, payload)).equals(Buffer.from(sigStructureViaEncoder(p, payload)))).toBe(true);
      }),
      { numRuns: 60 },
    );
    for (const n of [0, 23, 24, 255, 256, 65_535, 65_536]) {
      const b = new Uint8Array(n).fill(9);
      expect(Buffer.from(sigStructure(b.subarray(0, 30), b)).equals(Buffer.from(sigStructureViaEncoder(b.subarray(0, 30), b)))).toBe(true);
    }
  });
  test("toBase64Url equals Node's base64url", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        expect(toBase64Url(b)).toBe(Buffer.from(b).toString('base64url'));
      }),
    );
  });
});

import { beforeAll, describe, expect, test } from 'vitest';
import { buildPass, toBase64Url, type PassClaims, type TrustJwk } from '../../../../contracts/access-pass.js';
import { ageOf } from './format.js';
import { checkAtGate } from './offline.js';
import { LOG_LIMIT, forgetPasses, loadPass, saveLog, savePass, loadLog, type LoggedScan, type TrustCache } from './store.js';

const ORG = 7;
const KID = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
const NOW = new Date('2021-09-01T08:00:00Z');
const sec = (d: Date) => Math.floor(d.getTime() / 1000);
let sign: (b: Uint8Array) => Promise<Uint8Array>;
let cache: TrustCache;

beforeAll(async () => {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  sign = async (b) => new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.privateKey, b as BufferSource));
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const key: TrustJwk = { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y!, kid: toBase64Url(KID), alg: 'ES256', use: 'sig', organisationId: ORG };
  cache = { trustList: { keys: [key] }, revocations: { keys: [], holders: ['revoked-holder'], generatedAt: NOW.toISOString() }, fetchedAt: NOW.toISOString() };
});

const claims = (o: Partial<PassClaims> = {}): PassClaims => ({
  iss: `sabaq:org:${ORG}`,
  iat: sec(NOW) - 60,
  exp: sec(NOW) + 3600,
  cti: '0102',
  holder: 'h-1',
  organisationId: ORG,
  status: 'admitted',
  name: 'Ахметова Айгерім',
  ...o,
});
const gate = (log: LoggedScan[] = [], direction: 'in' | 'out' = 'in') => ({ now: NOW, organisations: [ORG], gateId: 3, direction, log });

describe('the gate check, offline', () => {
  test('a temperature at or above the organisation\'s threshold refuses with "fever"; the signed photo hash reaches the verdict', async () => {
    const pass = await buildPass(claims({ photo: '0011223344556677' }), KID, sign);
    const at = (temperatureC: number | null) => checkAtGate(pass, cache, { ...gate(), temperatureC, feverThreshold: () => 37.5 });
    expect(await at(null)).toMatchObject({ admit: true, photo: '0011223344556677' });
    expect(await at(37.4)).toMatchObject({ admit: true });
    expect(await at(37.5)).toMatchObject({ admit: false, reason: 'fever', name: 'Ахметова Айгерім' });
  });

  test('admits a genuine pass and names the holder', async () => {
    const r = await checkAtGate(await buildPass(claims(), KID, sign), cache, gate());
    expect(r).toMatchObject({ admit: true, reason: null, name: 'Ахметова Айгерім', holder: 'h-1', replay: false });
  });

  test('refuses, each with its reason: expired, revoked holder, not admitted, no data, another organisation, unknown key, tampered', async () => {
    const cases: [Promise<string>, string][] = [
      [buildPass(claims({ iat: sec(NOW) - 7200, exp: sec(NOW) - 1 }), KID, sign), 'expired'],
      [buildPass(claims({ holder: 'revoked-holder' }), KID, sign), 'revoked_holder'],
      [buildPass(claims({ status: 'not_admitted' }), KID, sign), 'not_admitted'],
      [buildPass(claims({ status: 'no_data' }), KID, sign), 'no_data'],
      [buildPass(claims(), new Uint8Array([9, 9]), sign), 'unknown_key'],
      [buildPass(claims(), KID, sign, null), 'alg_not_allowed'],
    ];
    for (const [pass, reason] of cases) expect((await checkAtGate(await pass, cache, gate())).reason).toBe(reason);
    const other = await checkAtGate(await buildPass(claims(), KID, sign), cache, { ...gate(), organisations: [ORG + 1] });
    expect(other).toMatchObject({ admit: false, reason: 'other_organisation', name: null });
    const good = await buildPass(claims(), KID, sign);
    const flipped = good.slice(0, 40) + (good[40] === 'A' ? 'B' : 'A') + good.slice(41);
    expect((await checkAtGate(flipped, cache, gate())).admit).toBe(false);
  });

  test('never throws on garbage: a truncated QR, base45 nonsense, an empty string, an emoji', async () => {
    const good = await buildPass(claims(), KID, sign);
    for (const junk of [good.slice(0, good.length - 7), 'SBQ1:', 'SBQ1:%%%%', '', 'hello', '😀'.repeat(3000), `${good}\n`]) {
      const r = await checkAtGate(junk, cache, gate());
      if (junk === `${good}\n`)
        expect(r.admit).toBe(true); // surrounding whitespace from a paste is ignored
      else expect(r).toMatchObject({ admit: false, reason: 'malformed', name: null });
    }
  });

  test('flags a replay: admitted in at this gate and not seen leaving', async () => {
    const pass = await buildPass(claims(), KID, sign);
    const scan = (direction: 'in' | 'out', gateId = 3): LoggedScan => ({
      clientId: crypto.randomUUID(),
      gateId,
      direction,
      result: 'admitted',
      reason: null,
      holder: 'h-1',
      replay: false,
      scannedAt: NOW.toISOString(),
      uploaded: false,
    });
    expect((await checkAtGate(pass, cache, gate([scan('in')]))).replay).toBe(true);
    expect((await checkAtGate(pass, cache, gate([scan('in'), scan('out')]))).replay).toBe(false);
    expect((await checkAtGate(pass, cache, gate([scan('in', 4)]))).replay).toBe(false);
    expect((await checkAtGate(pass, cache, gate([scan('in')], 'out'))).replay).toBe(false);
  });
});

describe('what the phone keeps', () => {
  const memory = () => {
    const m = new Map<string, string>();
    return {
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => void m.set(k, v),
      removeItem: (k: string) => void m.delete(k),
      key: (i: number) => [...m.keys()][i] ?? null,
      get length() {
        return m.size;
      },
      m,
    };
  };

  test('a pass is kept per person and junk reads back as nothing', () => {
    const kv = memory();
    savePass(
      1,
      { pass: 'SBQ1:ABC', issuedAt: NOW.toISOString(), expiresAt: NOW.toISOString(), status: 'admitted', organisationId: ORG, holderName: 'A' },
      NOW,
      kv,
    );
    expect(loadPass(1, kv)?.fetchedAt).toBe(NOW.toISOString());
    expect(loadPass(2, kv)).toBeNull();
    kv.setItem('sabaq.access.pass.3', '{not json');
    expect(loadPass(3, kv)).toBeNull();
    expect(loadPass(1, null)).toBeNull();
  });

  test('sign-out forgets every pass on the device and keeps the gate scan log', () => {
    const kv = memory();
    const p = {
      pass: 'SBQ1:ABC',
      issuedAt: NOW.toISOString(),
      expiresAt: NOW.toISOString(),
      status: 'admitted' as const,
      organisationId: ORG,
      holderName: 'A',
    };
    savePass(1, p, NOW, kv);
    savePass(2, p, NOW, kv);
    kv.setItem('sabaq.access.log', '[]');
    forgetPasses(kv);
    expect(loadPass(1, kv)).toBeNull();
    expect(loadPass(2, kv)).toBeNull();
    expect([...kv.m.keys()]).toEqual(['sabaq.access.log']);
    forgetPasses(null);
  });

  test('the scan log keeps the newest, dropping uploaded scans first', () => {
    const kv = memory();
    const s = (i: number, uploaded: boolean): LoggedScan => ({
      clientId: `c${i}`,
      gateId: 1,
      direction: 'in',
      result: 'refused',
      reason: 'malformed',
      holder: null,
      replay: false,
      scannedAt: NOW.toISOString(),
      uploaded,
    });
    const log = [...Array.from({ length: 10 }, (_, i) => s(i, false)), ...Array.from({ length: LOG_LIMIT }, (_, i) => s(100 + i, i % 2 === 0))];
    const kept = saveLog(1, log, kv);
    expect(kept).toHaveLength(LOG_LIMIT);
    expect(kept.filter((x) => !x.uploaded)).toHaveLength(10 + LOG_LIMIT / 2);
    expect(loadLog(1, kv)).toHaveLength(LOG_LIMIT);
  });

  test('the trust list age is said in minutes, hours or days', () => {
    const at = (ms: number) => new Date(NOW.getTime() + ms);
    expect(ageOf(NOW.toISOString(), at(30_000))).toEqual({ unit: 'now', count: 0 });
    expect(ageOf(NOW.toISOString(), at(5 * 60_000))).toEqual({ unit: 'minutes', count: 5 });
    expect(ageOf(NOW.toISOString(), at(3 * 3_600_000))).toEqual({ unit: 'hours', count: 3 });
    expect(ageOf(NOW.toISOString(), at(50 * 3_600_000))).toEqual({ unit: 'days', count: 2 });
  });
});

import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { buildPass, decodePass, encodeClaims, packCose, prepareTrust, verifyPass, type PassClaims } from '../../../contracts/access-pass.js';

let t: TestApp;
let student: string;
let guard: string;
let health: string;
let pupil: string;
let uni: number;
beforeAll(async () => {
  t = await createTestApp();
  [student, guard, health, pupil] = (await Promise.all(['demo.student', 'demo.guard', 'demo.health', 'demo.pupil'].map((l) => t.login(l)))) as [
    string,
    string,
    string,
    string,
  ];
  uni = await t.one<number>("select id from organisations where kind = 'university' and name_en like 'Karasay%'");
});
afterAll(async () => t?.close());

const get = (url: string, cookie?: string) => t.app.inject({ url, headers: cookie ? { cookie } : {} });
const post = (url: string, payload: unknown, cookie: string) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });
const verify = async (pass: string) => (await post('/api/access/verify', { pass }, guard)).json();

async function orgKey() {
  const row = (
    await t.db.query<{ kid: Buffer; private_pkcs8: Buffer }>(
      'select kid, private_pkcs8 from access_signing_keys where organisation_id = $1 and retired_at is null',
      [uni],
    )
  ).rows[0]!;
  const { createPrivateKey } = await import('node:crypto');
  const key = createPrivateKey({ key: row.private_pkcs8, format: 'der', type: 'pkcs8' });
  return { kid: new Uint8Array(row.kid), sign: (b: Uint8Array) => sign('sha256', b, { key, dsaEncoding: 'ieee-p1363' }) };
}

test('demo.student gets an admitted pass that the guard admits online and offline with the trust list; it holds no IIN', async () => {
  const res = await get('/api/access/me/pass', student);
  expect(res.statusCode).toBe(200);
  const { pass, status, holderName } = res.json();
  expect(status).toBe('admitted');
  expect(pass).toMatch(/^SBQ1:/);
  const claims = decodePass(pass)!.claims!;
  const iin = await t.one<string>("select p.iin from persons p join accounts a on a.person_id = p.id where a.login = 'demo.student'");
  expect(JSON.stringify(claims)).not.toContain(iin);
  expect(claims.exp - claims.iat).toBe(24 * 3600);
  expect(await verify(pass)).toEqual({ admit: true, reason: null, holderName });
  const list = (await get('/api/access/trust-list')).json();
  expect(list.keys.some((k: { kid: string }) => k.kid === Buffer.from(decodePass(pass)!.kid!).toString('base64url'))).toBe(true);
  const trust = await prepareTrust(list, (await get('/api/access/revocations')).json());
  expect((await verifyPass(pass, trust, { now: new Date(), organisationId: uni })).admit).toBe(true);
});

test('online verification refuses forged passes, each with its reason', async () => {
  await get('/api/access/me/pass', student);
  const k = await orgKey();
  const now = Math.floor(Date.now() / 1000);
  const c = (o: Partial<PassClaims> = {}): PassClaims => ({
    iss: 'x',
    iat: now,
    exp: now + 3600,
    cti: '01',
    holder: 'h',
    organisationId: uni,
    status: 'admitted',
    name: 'N',
    ...o,
  });
  const forger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const forged = (b: Uint8Array) => sign('sha256', b, { key: forger, dsaEncoding: 'ieee-p1363' });
  expect((await verify(await buildPass(c(), new Uint8Array([7, 7, 7]), forged))).reason).toBe('unknown_key');
  expect((await verify(await buildPass(c(), k.kid, () => new Uint8Array(0), null))).reason).toBe('alg_not_allowed');
  expect((await verify(await buildPass(c(), k.kid, k.sign, -8))).reason).toBe('alg_not_allowed');
  expect((await verify(await buildPass(c(), k.kid, forged))).reason).toBe('bad_signature');
  const genuine = decodePass(await buildPass(c({ status: 'not_admitted' }), k.kid, k.sign))!;
  expect((await verify(packCose(genuine.protectedBytes, encodeClaims(c()), genuine.signature))).reason).toBe('bad_signature');
  const expired = await verify(await buildPass(c({ iat: now - 7200, exp: now - 60 }), k.kid, k.sign));
  expect(expired).toMatchObject({ admit: false, reason: 'expired' });
  for (const bad of ['SBQ1:abc', 'not a pass', 'SBQ1:']) expect((await verify(bad)).reason).toBe('malformed');
});

test('a revoked holder, then a revoked key, are refused; a rotated key keeps older passes valid', async () => {
  const admin = (
    await t.db.query<{ person_id: string }>("select person_id from role_assignments where organisation_id = $1 and role = 'org_admin' limit 1", [uni])
  ).rows[0]!;
  await t.db.query("update accounts set login = 'uni.admin' where person_id = $1", [admin.person_id]);
  const uniAdmin = await t.login('uni.admin');
  const before = (await get('/api/access/me/pass', student)).json().pass;
  const rotated = await post(`/api/access/organisations/${uni}/keys/rotate`, {}, uniAdmin);
  expect(rotated.statusCode).toBe(200);
  expect((await verify(before)).admit).toBe(true);
  const after = (await get('/api/access/me/pass', student)).json().pass;
  const oldKey = rotated.json().items[1].id;
  expect((await post(`/api/access/keys/${oldKey}/revoke`, { reason: 'lost laptop' }, uniAdmin)).statusCode).toBe(200);
  expect((await verify(before)).reason).toBe('revoked_key');
  expect((await verify(after)).admit).toBe(true);
  const studentId = await t.one<number>("select person_id from accounts where login = 'demo.student'");
  expect((await post(`/api/access/organisations/${uni}/revoked-holders`, { personId: studentId, reason: 'phone lost' }, health)).statusCode).toBe(201);
  expect((await verify(after)).reason).toBe('revoked_holder');
  expect((await get('/api/access/revocations')).json().keys).toHaveLength(1);
});

test('the health officer works only in their organisation; a guard and a pupil see no health data', async () => {
  expect((await get(`/api/access/organisations/${uni}/overview`, health)).statusCode).toBe(200);
  const overview = (await get(`/api/access/organisations/${uni}/overview`, health)).json();
  for (const s of ['admitted', 'not_admitted', 'no_data'] as const) expect(overview.counts[s]).toBeGreaterThan(0);
  expect(JSON.stringify(overview)).not.toMatch(/basis|vaccination|Sputnik/);
  const school = await t.one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
  for (const url of [
    `/api/access/organisations/${school}/overview`,
    `/api/access/organisations/${school}/reports`,
    `/api/access/organisations/${school}/imports`,
  ]) {
    expect((await get(url, health)).statusCode).toBe(404);
  }
  for (const who of [guard, pupil]) {
    for (const url of [
      `/api/access/organisations/${uni}/overview`,
      `/api/access/organisations/${uni}/reports`,
      `/api/access/organisations/${uni}/exemptions`,
    ]) {
      expect((await get(url, who)).statusCode).toBe(404);
    }
  }
  // the guard's own records are theirs; nobody else's
  const mine = (await get('/api/access/me/records', guard)).json();
  const guardId = await t.one<number>("select person_id from accounts where login = 'demo.guard'");
  expect(mine.items.every((r: { person: { id: number } }) => r.person.id === guardId)).toBe(true);
});

test('imports: CSV and FHIR go in with provenance; bad input is a clear error and nothing is written', async () => {
  const iin = await t.one<string>(
    "select p.iin from persons p join role_assignments r on r.person_id = p.id where r.organisation_id = $1 and r.role = 'pupil' order by p.id desc limit 1",
    [uni],
  );
  const outsider = await t.one<string>(
    "select p.iin from persons p join role_assignments r on r.person_id = p.id where r.role = 'pupil' and r.organisation_id <> $1 limit 1",
    [uni],
  );
  const count = () => t.one<string>('select count(*) from access_health_records');
  const before = await count();
  const url = `/api/access/organisations/${uni}/imports`;
  const bad = async (format: string, content: string, code: string, status: number) => {
    const r = await post(url, { format, source: 'test', content }, health);
    expect([r.statusCode, r.json().error.code]).toEqual([status, code]);
  };
  await bad('fhir', '{"resourceType": "Bundle", "entry": [', 'access.bad_fhir', 400);
  await bad('fhir', '{"resourceType": "Patient"}', 'access.bad_fhir', 400);
  await bad('csv', `iin,kind,date\n${outsider},recovery,2021-05-01\n`, 'access.import_invalid', 422);
  await bad('csv', `iin,kind,date,product,dose,series_doses\n${iin},vaccination,2099-01-01,QazVac,1,2\n`, 'access.future_date', 422);
  expect(await count()).toBe(before);
  const csv = await post(
    url,
    { format: 'csv', source: 'polyclinic 3', content: `iin;kind;date;product;dose;series_doses;test_kind;result\n${iin};test;2021-08-01;;;;pcr;negative\n` },
    health,
  );
  expect(csv.statusCode).toBe(201);
  const fhir = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: 'urn:uuid:p1', resource: { resourceType: 'Patient', id: 'p1', identifier: [{ system: 'urn:oid:1.2.398.3.1.1', value: iin }] } },
      {
        resource: {
          resourceType: 'Immunization',
          status: 'completed',
          patient: { reference: 'Patient/p1' },
          vaccineCode: { coding: [{ display: 'Hayat-Vax' }] },
          occurrenceDateTime: '2021-07-01',
          protocolApplied: [{ doseNumberPositiveInt: 1, seriesDosesPositiveInt: 2 }],
        },
      },
      {
        resource: {
          resourceType: 'Observation',
          status: 'final',
          subject: { identifier: { value: iin } },
          code: { coding: [{ system: 'http://loinc.org', code: '94500-6' }] },
          valueCodeableConcept: { coding: [{ code: '260385009' }] },
          effectiveDateTime: '2021-07-20T09:00:00Z',
        },
      },
    ],
  };
  const f = await post(url, { format: 'fhir', source: 'EHR bundle', content: JSON.stringify(fhir) }, health);
  expect(f.json()).toMatchObject({ imported: 2, people: 1 });
  const batches = (await get(url, health)).json().items;
  expect(batches[0]).toMatchObject({ format: 'fhir', source: 'EHR bundle', recordCount: 2 });
});

test('a missing record reported by the person is confirmed by the health officer; the status change is notified', async () => {
  const noData = await t.one<number>(
    "select s.person_id from access_statuses s join role_assignments r on r.person_id = s.person_id and r.organisation_id = $1 and r.role = 'pupil' join accounts a on a.person_id = s.person_id where s.status = 'no_data' order by s.person_id limit 1",
    [uni],
  );
  await t.db.query("update accounts set login = 'no.data' where person_id = $1", [noData]);
  const cookie = await t.login('no.data');
  const future = await post('/api/access/me/reports', { organisationId: uni, kind: 'recovery', occurredAt: '2099-01-01' }, cookie);
  expect(future.json().error.code).toBe('access.future_date');
  const day = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
  const r = await post(
    '/api/access/me/reports',
    {
      organisationId: uni,
      kind: 'recovery',
      occurredAt: day,
      note: 'hospital discharge',
      document: { name: 'discharge.pdf', type: 'application/pdf', base64: Buffer.from('%PDF-1.4').toString('base64') },
    },
    cookie,
  );
  expect(r.statusCode).toBe(201);
  expect(r.json()).toMatchObject({ state: 'reported', hasDocument: true });
  expect((await get(`/api/access/records/${r.json().id}/document`, health)).body).toBe('%PDF-1.4');
  expect((await get(`/api/access/records/${r.json().id}/document`, guard)).statusCode).toBe(404);
  const d = await post(`/api/access/reports/${r.json().id}/decision`, { decision: 'confirm' }, health);
  expect(d.json().state).toBe('confirmed');
  expect((await post(`/api/access/reports/${r.json().id}/decision`, { decision: 'reject' }, health)).statusCode).toBe(409);
  expect((await get('/api/access/me', cookie)).json().status).toMatchObject({ status: 'admitted', basis: 'recovery' });
  const kinds = (await t.db.query<{ kind: string }>('select kind from notifications where person_id = $1', [noData])).rows.map((x) => x.kind);
  expect(kinds).toContain('access.status_changed');
});

test('scans upload idempotently and make the entrance log and occupancy', async () => {
  const gate = (await get('/api/access/guard', guard)).json().gates[0];
  const scan = {
    clientId: '11111111-2222-4333-8444-555555555555',
    gateId: gate.id,
    direction: 'in',
    result: 'admitted',
    reason: null,
    holder: 'hx',
    replay: false,
    scannedAt: new Date().toISOString(),
  };
  expect((await post('/api/access/scans', { scans: [scan] }, guard)).json()).toEqual({ accepted: 1, duplicates: 0 });
  expect((await post('/api/access/scans', { scans: [scan] }, guard)).json()).toEqual({ accepted: 0, duplicates: 1 });
  const log = (await get(`/api/access/organisations/${uni}/entrances`, health)).json();
  expect(log.items[0]).toMatchObject({ gateId: gate.id, result: 'admitted' });
  const occ = (await get(`/api/access/organisations/${uni}/occupancy`, health)).json();
  expect(occ.items.find((b: { buildingId: number }) => b.buildingId === gate.buildingId).inside).toBe(1);
});

test('the health officer enters a record by hand: the status follows at once; bad input writes nothing', async () => {
  const overview = (await get(`/api/access/organisations/${uni}/overview`, health)).json();
  const person = overview.people.find((p: { status: string }) => p.status === 'no_data').person.id as number;
  const url = `/api/access/organisations/${uni}/records`;
  const count = () => t.one<number>('select count(*)::int from access_health_records where person_id = $1', [person]);
  const before = await count();
  const future = new Date(Date.now() + 86_400_000).toISOString();
  for (const [payload, code] of [
    [{ personId: person, kind: 'test', occurredAt: future, testKind: 'pcr', result: 'negative' }, 422],
    [{ personId: person, kind: 'test', occurredAt: '2021-08-01' }, 422],
    [{ personId: person, kind: 'vaccination', occurredAt: '2021-08-01', product: 'QazVac' }, 422],
    [{ personId: 99_999_999, kind: 'recovery', occurredAt: '2021-08-01' }, 404],
    [{ personId: person, kind: 'flu', occurredAt: '2021-08-01' }, 400],
  ] as const)
    expect((await post(url, payload, health)).statusCode, JSON.stringify(payload)).toBe(code);
  expect(await count()).toBe(before);
  const r = await post(
    url,
    { personId: person, kind: 'test', occurredAt: new Date(Date.now() - 3_600_000).toISOString(), testKind: 'pcr', result: 'negative' },
    health,
  );
  expect(r.statusCode).toBe(201);
  expect(r.json()).toMatchObject({ state: 'confirmed', source: 'entered by the health officer', kind: 'test', result: 'negative' });
  const after = (await get(`/api/access/organisations/${uni}/overview`, health)).json();
  expect(after.people.find((p: { person: { id: number } }) => p.person.id === person).status).toBe('admitted');
  const list = (await get(`${url}?personId=${person}`, health)).json();
  expect(list.items.map((i: { id: number }) => i.id)).toContain(r.json().id);
  expect((await get(`${url}?personId=${person}`, guard)).statusCode).toBe(404);
  expect((await get(`${url}?personId=99999999`, health)).statusCode).toBe(404);
});

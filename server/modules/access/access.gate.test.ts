import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { decodePass, prepareTrust, verifyPass, withTemperature } from '../../../contracts/access-pass.js';

// Gate photos, the fever threshold and the exemption/resident/people APIs the web screens use (decision 0030).
let t: TestApp;
let student: string;
let guard: string;
let health: string;
let pupil: string;
let admin: string;
let uni: number;
let studentId: number;
let gateId: number;
beforeAll(async () => {
  t = await createTestApp();
  uni = await t.one<number>("select id from organisations where kind = 'university' and name_en like 'Karasay%'");
  // an admin of the university for these tests: demo.admin runs the city school only
  await t.db.query(
    "insert into role_assignments (person_id, role, organisation_id) select person_id, 'org_admin', $1 from accounts where login = 'demo.admin'",
    [uni],
  );
  [student, guard, health, pupil, admin] = (await Promise.all(
    ['demo.student', 'demo.guard', 'demo.health', 'demo.pupil', 'demo.admin'].map((l) => t.login(l)),
  )) as [string, string, string, string, string];
  studentId = await t.one<number>("select person_id from accounts where login = 'demo.student'");
  gateId = await t.one<number>(
    'select g.id from access_gates g join access_buildings b on b.id = g.building_id where b.organisation_id = $1 order by g.id limit 1',
    [uni],
  );
});
afterAll(async () => t?.close());

const req = (method: string, url: string, cookie: string, payload?: unknown) =>
  t.app.inject({ method: method as 'GET', url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

/** A tiny JPEG-looking upload through the files module, as the web does after shrinking the photo. */
async function upload(cookie: string, bytes: Buffer, name = 'me.jpg'): Promise<string> {
  const boundary = `----sabaq${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/files',
    payload,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}
const jpeg = (fill: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(400, fill), Buffer.from([0xff, 0xd9])]);

test('a gate photo: the pass carries only its hash; the guard syncs and reads it by holder; nobody else does', async () => {
  const bytes = jpeg(3);
  expect((await req('GET', '/api/access/me/photo', student)).json()).toMatchObject({ hasPhoto: false });
  const fileId = await upload(student, bytes);
  const set = await req('PUT', '/api/access/me/photo', student, { fileId });
  expect(set.statusCode).toBe(200);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  expect(set.json()).toMatchObject({ hasPhoto: true, hash });

  const { pass } = (await req('GET', '/api/access/me/pass', student)).json();
  const claims = decodePass(pass)!.claims!;
  expect(claims.photo).toBe(hash);
  expect(pass.length).toBeLessThan(400); // the pass stays small: 8 bytes more, no image
  const trust = await prepareTrust((await req('GET', '/api/access/trust-list', guard)).json(), (await req('GET', '/api/access/revocations', guard)).json());
  expect((await verifyPass(pass, trust, { now: new Date(), organisationId: uni })).claims!.photo).toBe(hash);

  const list = (await req('GET', '/api/access/guard/photos', guard)).json();
  expect(list.items).toContainEqual({ holder: claims.holder, hash });
  const img = await req('GET', `/api/access/guard/photos/${claims.holder}`, guard);
  expect(img.statusCode).toBe(200);
  expect(img.headers['content-type']).toBe('image/jpeg');
  expect(createHash('sha256').update(img.rawPayload).digest('hex').slice(0, 16)).toBe(hash);
  expect((await req('GET', '/api/access/me/photo/image', student)).statusCode).toBe(200);
  // a pupil, the health officer (not a guard) and a guard asking for an unknown holder: 404 alike
  for (const cookie of [pupil, health]) {
    expect((await req('GET', `/api/access/guard/photos/${claims.holder}`, cookie)).statusCode).toBe(404);
    expect((await req('GET', '/api/access/guard/photos', cookie)).statusCode).toBe(404);
  }
  expect((await req('GET', '/api/access/guard/photos/AAAAAAAAAAAAAAAA', guard)).statusCode).toBe(404);
});

test("a photo must be the setter's own image, small; the admin sets one for a member only", async () => {
  const pdf = await upload(student, Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'), 'a.pdf');
  expect((await req('PUT', '/api/access/me/photo', student, { fileId: pdf })).json().error.code).toBe('access.photo_type');
  const big = await upload(student, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(140 * 1024, 1)]));
  expect((await req('PUT', '/api/access/me/photo', student, { fileId: big })).json().error.code).toBe('access.photo_too_large');
  const others = await upload(admin, jpeg(5));
  expect((await req('PUT', '/api/access/me/photo', student, { fileId: others })).statusCode).toBe(404);
  expect((await req('PUT', '/api/access/me/photo', student, { fileId: 'nope' })).statusCode).toBe(400);

  const people = (await req('GET', `/api/access/organisations/${uni}/people?q=${encodeURIComponent('')}`, admin)).json();
  expect(people.items.length).toBeGreaterThan(0);
  expect(JSON.stringify(people)).not.toMatch(/status|vaccin|iin/i);
  const other = people.items.find((p: { person: { id: number } }) => p.person.id !== studentId).person.id as number;
  const set = await req('PUT', `/api/access/organisations/${uni}/photos`, admin, { personId: other, fileId: others });
  expect(set.statusCode).toBe(200);
  expect(set.json().hasPhoto).toBe(true);
  const outsider = await t.one<number>("select person_id from accounts where login = 'demo.pupil'");
  expect((await req('PUT', `/api/access/organisations/${uni}/photos`, admin, { personId: outsider, fileId: others })).statusCode).toBe(404);
  expect((await req('GET', `/api/access/organisations/${uni}/people`, health)).statusCode).toBe(404);
});

test('temperature at the gate: at or above the threshold (a rules setting) refuses, keeps the event for the health officer and notifies them', async () => {
  expect(withTemperature({ admit: true, reason: null, claims: null }, 37.4, 37.5).admit).toBe(true);
  expect(withTemperature({ admit: true, reason: null, claims: null }, 37.5, 37.5).reason).toBe('fever');
  expect(withTemperature({ admit: false, reason: 'expired', claims: null }, 39, 37.5).reason).toBe('expired');

  const setup = (await req('GET', '/api/access/guard', guard)).json();
  expect(setup.feverThresholds).toContainEqual({ organisationId: uni, feverThresholdC: 37.5 });
  const { pass } = (await req('GET', '/api/access/me/pass', student)).json();
  expect((await req('POST', '/api/access/verify', guard, { pass, temperatureC: 36.6, gateId })).json()).toMatchObject({ admit: true });
  expect((await req('POST', '/api/access/verify', guard, { pass, temperatureC: 38.1 })).json().error.code).toBe('access.gate_required');
  expect(await t.one<number>('select count(*)::int from access_fever_events')).toBe(0);
  expect((await req('POST', '/api/access/verify', guard, { pass, temperatureC: 38.1, gateId })).json()).toMatchObject({ admit: false, reason: 'fever' });
  expect((await req('POST', '/api/access/verify', guard, { pass, temperatureC: 60, gateId })).statusCode).toBe(400);

  // an offline scan with a fever, uploaded twice: one event, officers notified once
  const healthId = await t.one<number>("select person_id from accounts where login = 'demo.health'");
  const before = await t.one<number>("select count(*)::int from notifications where kind = 'access.fever_at_gate' and person_id = $1", [healthId]);
  expect(before).toBe(1);
  const holder = decodePass(pass)!.claims!.holder;
  const scan = {
    clientId: randomUUID(),
    gateId,
    direction: 'in',
    result: 'refused',
    reason: 'fever',
    holder,
    replay: false,
    scannedAt: new Date().toISOString(),
    temperatureC: 38.4,
  };
  for (let i = 0; i < 2; i++) expect((await req('POST', '/api/access/scans', guard, { scans: [scan] })).statusCode).toBe(200);
  expect(await t.one<number>("select count(*)::int from notifications where kind = 'access.fever_at_gate' and person_id = $1", [healthId])).toBe(2);
  const fevers = (await req('GET', `/api/access/organisations/${uni}/fevers`, health)).json();
  expect(fevers.items).toHaveLength(2);
  expect(fevers.items[0]).toMatchObject({ person: { id: studentId }, temperatureC: 38.4, thresholdC: 37.5 });
  // a guard and the admin never read them
  for (const cookie of [guard, admin]) expect((await req('GET', `/api/access/organisations/${uni}/fevers`, cookie)).statusCode).toBe(404);

  // the threshold is a setting of the rules
  const ministry = await t.login('demo.ministry');
  const rules = (await req('GET', '/api/access/rules', ministry)).json();
  expect(rules.params.feverThresholdC).toBe(37.5);
  expect((await req('POST', '/api/access/rules', ministry, { regionId: null, params: { ...rules.params, feverThresholdC: 37.2 } })).statusCode).toBe(201);
  expect((await req('GET', '/api/access/guard', guard)).json().feverThresholds).toContainEqual({ organisationId: uni, feverThresholdC: 37.2 });
  expect((await req('POST', '/api/access/rules', ministry, { regionId: null, params: { ...rules.params, feverThresholdC: 45 } })).statusCode).toBe(400);
});

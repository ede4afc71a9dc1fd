import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../test/app.js';

const ENV = { LEARNING_TODAY: '2020-12-09T09:00:00+06:00' };
let t: TestApp;
let admin: string, district: string, region: string, ministry: string, teacher: string, homeroom: string;
let karasay: number, kaskelen: number, zhandosov: number, kemertogan: number, botakara: number, city: number, rural: number, officerId: number;

beforeAll(async () => {
  Object.assign(process.env, ENV);
  t = await createTestApp({ env: ENV });
  [admin, district, region, ministry, teacher, homeroom] = (await Promise.all(
    ['demo.admin', 'demo.district', 'demo.region', 'demo.ministry', 'demo.teacher', 'demo.homeroom'].map((l) => t.login(l)),
  )) as [string, string, string, string, string, string];
  const settlement = (en: string) => t.one<number>('select id from settlements where name_en = $1', [en]);
  [kaskelen, zhandosov, kemertogan, botakara] = (await Promise.all(['Kaskelen', 'Zhandosov village', 'Kemertogan village', 'Botakara'].map(settlement))) as [
    number,
    number,
    number,
    number,
  ];
  karasay = await t.one<number>('select district_id from settlements where id = $1', [kaskelen]);
  city = await t.one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
  rural = await t.one<number>("select id from organisations where name_en = 'Zhandosov Village Secondary School'");
  officerId = await t.one<number>("select person_id from accounts where login = 'demo.district'");
  // the counts below start from an empty census (the demo seeds one: supplies-needs.seed.ts)
  await t.db.query('delete from supplies_census_answers');
});
afterAll(async () => t?.close());

const req = (cookie: string, method: 'GET' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, payload: payload as object | undefined });

async function stateOf(id: number) {
  const { rows } = await t.db.query<{ internet: string; mbps: number | null; tv: boolean; changes: number; reception: number }>(
    `select s.internet, s.internet_mbps::float8 as mbps, s.tv_reception as tv,
       (select count(*)::int from connectivity_changes where settlement_id = s.id) as changes,
       (select count(*)::int from connectivity_reception where settlement_id = s.id) as reception
      from settlements s where s.id = $1`,
    [id],
  );
  return rows[0]!;
}

const edit = (over: Record<string, unknown> = {}) => ({
  internet: 'slow',
  internetMbps: 2,
  measuredOn: '2020-08-20',
  reception: [
    { code: 'al_farabi', received: false },
    { code: 'el_arna', received: false },
  ],
  reason: 'Akimat survey: no signal of either channel',
  ...over,
});

describe('the register', () => {
  test("a district officer reads the district's settlements with the seeded survey (Kemertogan: no internet, no TV)", async () => {
    const res = await req(district, 'GET', `/api/connectivity/settlements?districtId=${karasay}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.channels.map((c: { code: string }) => c.code)).toEqual(['al_farabi', 'el_arna']);
    const kem = body.settlements.find((s: { id: number }) => s.id === kemertogan);
    expect(kem).toMatchObject({ internet: 'none', tvReception: false, schools: 0, census: { pupils: 0 } });
    expect(kem.reception.every((r: { received: boolean }) => !r.received)).toBe(true);
    const zh = body.settlements.find((s: { id: number }) => s.id === zhandosov);
    expect(zh).toMatchObject({ internet: 'slow', internetMbps: 2, measuredOn: '2020-08-20', tvReception: true, schools: 1 });
    expect(zh.census.pupils).toBe(142);
    const noTv = (await req(district, 'GET', `/api/connectivity/settlements?districtId=${karasay}&filter=no_tv`)).json();
    expect(noTv.settlements.map((s: { id: number }) => s.id)).toEqual([kemertogan]);
    const detail = (await req(district, 'GET', `/api/connectivity/settlements/${kemertogan}`)).json();
    expect(detail.history).toHaveLength(1);
    expect(detail.history[0].changes).toEqual([
      { field: 'tv:al_farabi', old: true, new: false },
      { field: 'tv:el_arna', old: true, new: false },
    ]);
    // the survey is the demo district officer's (the first officer of the settlement's district)
    const { rows } = await t.db.query<{ changed_by: number }>('select changed_by::int from connectivity_changes where settlement_id = $1', [kemertogan]);
    expect(rows).toEqual([{ changed_by: officerId }]);
  });

  test('an edit writes the history (who, when, old -> new, reason) and keeps settlements.tv_reception consistent', async () => {
    const before = await stateOf(zhandosov);
    const res = await req(district, 'PUT', `/api/connectivity/settlements/${zhandosov}`, edit());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ tvReception: false, reception: [{ received: false }, { received: false }] });
    const after = await stateOf(zhandosov);
    expect(after).toMatchObject({ internet: 'slow', mbps: 2, tv: false, changes: before.changes + 1, reception: 2 });
    const { rows } = await t.db.query<{ changed_by: number; changes: unknown; reason: string }>(
      'select changed_by::int, changes, reason from connectivity_changes where settlement_id = $1 order by id desc limit 1',
      [zhandosov],
    );
    expect(rows[0]).toEqual({
      changed_by: officerId,
      reason: 'Akimat survey: no signal of either channel',
      changes: [
        { field: 'tv:al_farabi', old: true, new: false },
        { field: 'tv:el_arna', old: true, new: false },
      ],
    });
    // one channel back: the settlement receives TV lessons again (at least one national channel)
    const back = await req(
      region,
      'PUT',
      `/api/connectivity/settlements/${zhandosov}`,
      edit({ reception: [{ code: 'el_arna', received: true }], reason: 'Retransmitter repaired' }),
    );
    expect(back.statusCode).toBe(200);
    expect(await stateOf(zhandosov)).toMatchObject({ tv: true, changes: before.changes + 2 });
    // the same values again: nothing new in the history
    expect((await req(region, 'PUT', `/api/connectivity/settlements/${zhandosov}`, edit({ reception: [] }))).statusCode).toBe(200);
    expect(await stateOf(zhandosov)).toMatchObject({ changes: before.changes + 2 });
    // a speed with more decimals than the column keeps is recorded as stored, so repeating it records nothing
    expect(
      (await req(region, 'PUT', `/api/connectivity/settlements/${zhandosov}`, edit({ internetMbps: 2.555, reception: [], reason: 'New measurement' }))).json(),
    ).toMatchObject({
      internetMbps: 2.56,
    });
    expect(
      (await req(region, 'PUT', `/api/connectivity/settlements/${zhandosov}`, edit({ internetMbps: 2.555, reception: [], reason: 'Again' }))).statusCode,
    ).toBe(200);
    expect(await stateOf(zhandosov)).toMatchObject({ mbps: 2.56, changes: before.changes + 3 });
    // and off again for the tests below
    expect((await req(district, 'PUT', `/api/connectivity/settlements/${zhandosov}`, edit())).statusCode).toBe(200);
  });

  test('out of scope answers like missing (404) and writes nothing', async () => {
    const before = await stateOf(botakara);
    for (const cookie of [district, region, admin, teacher]) {
      const res = await req(cookie, 'PUT', `/api/connectivity/settlements/${botakara}`, edit());
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('connectivity.settlement_not_found');
    }
    expect((await req(district, 'PUT', '/api/connectivity/settlements/99999999', edit())).statusCode).toBe(404);
    expect(await stateOf(botakara)).toEqual(before);
    expect((await req(ministry, 'PUT', `/api/connectivity/settlements/${botakara}`, edit({ reason: 'Ministry check' }))).statusCode).toBe(200);
  });

  test.each([
    ['a speed with no internet', { internet: 'none', internetMbps: 5 }, 'connectivity.bad_speed'],
    ['a slow level at broadband speed', { internet: 'slow', internetMbps: 10 }, 'connectivity.bad_speed'],
    ['broadband below 4 Mbit/s', { internet: 'broadband', internetMbps: 1 }, 'connectivity.bad_speed'],
    ['a speed without its date', { internet: 'slow', internetMbps: 3, measuredOn: null }, 'connectivity.speed_without_date'],
    ['a date that does not exist', { measuredOn: '2020-02-30' }, 'connectivity.bad_date'],
    ['a date in the future', { measuredOn: '2031-01-01' }, 'connectivity.measured_in_future'],
    ['an unknown channel', { reception: [{ code: 'khabar_24', received: false }] }, 'connectivity.unknown_channel'],
    ['an unknown level', { internet: 'great' }, 'request.invalid'],
    ['a negative speed', { internetMbps: -1 }, 'request.invalid'],
    ['no reason', { reason: ' ' }, 'request.invalid'],
    ['an extra field', { tv: false }, 'request.invalid'],
  ])('%s -> 400, nothing written', async (_name, over, code) => {
    const before = await stateOf(kaskelen);
    const res = await req(district, 'PUT', `/api/connectivity/settlements/${kaskelen}`, edit({ internet: 'broadband', internetMbps: 50, ...over }));
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(typeof err.message).toBe('string');
    if (!code.startsWith('request.')) expect(err.code).toBe(code);
    expect(await stateOf(kaskelen)).toEqual(before);
  });
});

describe('pupils with neither a device, nor internet, nor TV', () => {
  test('named for the school admin, counted (and suppressed when small) for officers, in files through the formula-safe writer', async () => {
    // Kaskelen loses TV; eight pupils of the city school answered "no computer, no internet"
    expect((await req(district, 'PUT', `/api/connectivity/settlements/${kaskelen}`, edit({ internet: 'broadband', internetMbps: 50 }))).statusCode).toBe(200);
    const { rows: pupils } = await t.db.query<{ id: number; class_id: number }>(
      `select m.pupil_id::int as id, c.id::int as class_id from class_members m join classes c on c.id = m.class_id
        where c.organisation_id = $1 and c.name = '5 А' order by m.pupil_id limit 8`,
      [city],
    );
    await t.db.query(
      `insert into supplies_census_answers (person_id, organisation_id, role, devices, internet, connectable, source, answered_at)
       select x, $2, 'pupil', 'none', 'none', x % 2 = 0, 'admin', now() from unnest($1::bigint[]) x`,
      [pupils.map((p) => p.id), city],
    );
    await t.db.query(`update persons set last_name = '=HYPERLINK("x")' where id = $1`, [pupils[0]!.id]);

    const named = (await req(admin, 'GET', `/api/connectivity/organisations/${city}/isolated-pupils`)).json();
    expect(named).toMatchObject({ named: true, summary: { isolated: 8 } });
    expect(named.pupils.map((p: { id: number }) => p.id).sort()).toEqual(pupils.map((p) => p.id).sort());
    const mine = (await req(homeroom, 'GET', `/api/connectivity/organisations/${city}/isolated-pupils`)).json();
    expect(mine.named).toBe(true);
    expect(mine.pupils).toHaveLength(8); // demo.homeroom leads 5 А
    const counted = (await req(district, 'GET', `/api/connectivity/organisations/${city}/isolated-pupils`)).json();
    expect(counted).toMatchObject({ named: false, pupils: [], summary: { isolated: 8 } });
    expect((await req(teacher, 'GET', `/api/connectivity/organisations/${city}/isolated-pupils`)).statusCode).toBe(404);

    const csv = await req(admin, 'GET', `/api/connectivity/organisations/${city}/isolated-pupils?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.body).not.toMatch(/(^|;)=HYPERLINK/m);
    const officerCsv = await req(district, 'GET', `/api/connectivity/organisations/${city}/isolated-pupils?format=csv`);
    expect(officerCsv.body).not.toContain('HYPERLINK');

    // three of them got a device: 5 left, then 2 left (suppressed for officers, still named for the admin)
    await t.db.query(
      `insert into supplies_census_answers (person_id, organisation_id, role, devices, internet, connectable, source, answered_at)
       select x, $2, 'pupil', 'own', 'none', false, 'admin', now() + interval '1 second' from unnest($1::bigint[]) x`,
      [pupils.slice(0, 6).map((p) => p.id), city],
    );
    expect((await req(admin, 'GET', `/api/connectivity/organisations/${city}/isolated-pupils`)).json().pupils).toHaveLength(2);
    const small = (await req(district, 'GET', `/api/connectivity/organisations/${city}/isolated-pupils`)).json();
    expect(small.summary).toMatchObject({ isolated: null, answered: null });
    const perDistrict = (await req(district, 'GET', `/api/connectivity/districts/${karasay}/isolated-pupils`)).json();
    const row = perDistrict.schools.find((s: { organisation: { id: number } }) => s.organisation.id === city);
    expect(row.isolated).toBeNull();
    expect(JSON.stringify(perDistrict)).not.toMatch(/"isolated":[1-4][,}]/);

    // the register rolls up the census per settlement (8 answered at Kaskelen; suppression keeps small cells away)
    const reg = (await req(district, 'GET', `/api/connectivity/settlements?districtId=${karasay}`)).json();
    const kas = reg.settlements.find((s: { id: number }) => s.id === kaskelen);
    expect(kas.census.internet.none).toBe(8);
    expect(kas.census.devices.own).toBe(6);
    expect(kas.census.isolated).toBeNull();
    const xlsx = await req(ministry, 'GET', `/api/connectivity/settlements?districtId=${karasay}&format=xlsx&lang=kk`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).filter(Boolean);
    expect(header).toContain('Елді мекен');
  });
});

describe('settlements without reception (issue 10 item 3)', () => {
  test('listed with their pupils per district; a district officer may not read the whole region', async () => {
    const res = (await req(district, 'GET', `/api/connectivity/without-reception?districtId=${karasay}`)).json();
    const d = res.districts[0];
    expect(d.district.id).toBe(karasay);
    const ids = d.settlements.map((s: { id: number }) => s.id);
    expect(ids).toEqual(expect.arrayContaining([zhandosov, kemertogan]));
    expect(d.settlements.find((s: { id: number }) => s.id === zhandosov)).toMatchObject({ pupils: 142, schools: 1, missing: ['al_farabi', 'el_arna'] });
    expect(d.totals.withPupils).toBeGreaterThanOrEqual(1);
    const regionId = await t.one<number>('select region_id from districts where id = $1', [karasay]);
    expect((await req(district, 'GET', `/api/connectivity/without-reception?regionId=${regionId}`)).statusCode).toBe(404);
    expect((await req(region, 'GET', `/api/connectivity/without-reception?regionId=${regionId}&channel=al_farabi`)).statusCode).toBe(200);
    expect((await req(region, 'GET', `/api/connectivity/without-reception?regionId=${regionId}&channel=nope`)).statusCode).toBe(400);
    expect((await req(region, 'GET', '/api/connectivity/without-reception')).statusCode).toBe(400);
    const areas = async (cookie: string) => (await req(cookie, 'GET', '/api/connectivity/areas')).json();
    expect(await areas(district)).toMatchObject({ districts: [{ id: karasay, regionId }], regionIds: [], organisations: [] });
    expect((await areas(region)).regionIds).toEqual([regionId]);
    expect((await areas(admin)).organisations).toEqual([{ id: city, name: expect.objectContaining({ en: 'Kaskelen Secondary School No. 1' }) }]);
    expect(await areas(teacher)).toEqual({ districts: [], regionIds: [], organisations: [] });
    expect(rural).toBeGreaterThan(0);
  });

  test("the officer's edits are in their privacy export", async () => {
    const { personalData } = await import('./connectivity.personal-data.js');
    const out = (await personalData.export(t.db, officerId)) as { connectivity_changes: { settlement_id: number }[] };
    expect(out.connectivity_changes.length).toBeGreaterThanOrEqual(2);
  });
});

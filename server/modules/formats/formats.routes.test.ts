/**
 * Formats through the API on a real database (the demo dataset with the formats seed: rules v1,
 * country unfavourable from 15.08.2020, Karasay district favourable from 20.08.2020).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { DEFAULT_RULE_SET } from './formats.defaults.js';
import { recompute } from './formats.recompute.js';
import { WHOLE_COUNTRY } from './formats.repository.js';

let t: TestApp;
const cookie: Record<string, string> = {};
const ids = { karasay: 0, talgar: 0, region: 0, otherRegion: 0, city: 0, rural: 0, besagash: 0, c5A: 0, c5B: 0, c2Ae: 0, rural1: 0 };

const one = <T>(sql: string, params: unknown[] = []) => t.one<T>(sql, params);
const count = (sql: string, params: unknown[] = []) => one<number>(sql, params);

beforeAll(async () => {
  t = await createTestApp();
  for (const who of ['parent', 'admin', 'district', 'region', 'ministry', 'teacher']) cookie[who] = await t.login(`demo.${who}`);
  ids.karasay = await one("select id from districts where name_en = 'Karasay District'");
  ids.talgar = await one("select id from districts where name_en = 'Talgar District'");
  ids.region = await one("select id from regions where code = 'almaty-region'");
  ids.otherRegion = await one("select id from regions where code = 'karaganda'");
  ids.city = await one("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
  ids.rural = await one("select id from organisations where name_en = 'Zhandosov Village Secondary School'");
  ids.besagash = await one("select id from organisations where name_en = 'Besagash Village Secondary School'");
  ids.c5A = await one("select id from classes where organisation_id = $1 and name = '5 А'", [ids.city]);
  ids.c5B = await one("select id from classes where organisation_id = $1 and name = '5 Б'", [ids.city]);
  ids.c2Ae = await one("select id from classes where organisation_id = $1 and name = '2 Ә'", [ids.city]);
  ids.rural1 = await one("select id from classes where organisation_id = $1 and name = '1 А'", [ids.rural]);
});
afterAll(async () => t.close());

const get = (url: string, who: string) => t.app.inject({ url, headers: { cookie: cookie[who]! } });
const post = (url: string, who: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie: cookie[who]! } });

test('recomputing with nothing changed writes nothing and tells no one', async () => {
  const result = await recompute(t.db, { scope: WHOLE_COUNTRY, from: '2020-08-15', write: true }, new Date());
  expect(result.written).toEqual({ superseded: 0, inserted: 0, notified: 0 });
  expect(Object.keys(result.timings)).toEqual(expect.arrayContaining(['load', 'evaluate', 'compare', 'write']));
  expect(result.impact.totals).toEqual({ organisations: 0, classes: 0, pupils: 0 });
});

describe('decisions you can read', () => {
  test('the small rural school is regular, and says why in words', async () => {
    const res = await get(`/api/formats/organisations/${ids.rural}?date=2020-09-10`, 'district');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.decision.format).toBe('regular');
    expect(body.decision.reasonText).toBe('Regular: rural school with 142 pupils (≤ 180), district favourable since 20.08.2020, rules v1 rule 1');
    expect(body.decision.ruleSet).toMatchObject({ version: 1 });
    expect(body.situation).toMatchObject({ level: 'green', area: 'district', since: '2020-08-20' });
    expect(body.classes).toHaveLength(11);
    expect(body.canOverride).toBe(true);
  });

  test('before the district became favourable the same school was at a distance, with duty classes for grades 1-4', async () => {
    const res = await get(`/api/formats/organisations/${ids.rural}?date=2020-08-17`, 'district');
    const body = res.json();
    expect(body.decision.format).toBe('distance');
    expect(body.classes.find((c: { name: string }) => c.name === '1 А').decision.format).toBe('duty');
  });

  test("a parent sees only their children's classes; another class answers 404", async () => {
    const res = await get(`/api/formats/organisations/${ids.city}?date=2020-09-10`, 'parent');
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .classes.map((c: { name: string }) => c.name)
        .sort(),
    ).toEqual(['2 Ә', '5 А']);
    expect(res.json().canOverride).toBe(false);
    expect((await get(`/api/formats/classes/${ids.c2Ae}?date=2020-09-10`, 'parent')).json().decision.format).toBe('duty');
    expect((await get(`/api/formats/classes/${ids.c5B}?date=2020-09-10`, 'parent')).statusCode).toBe(404);
    expect((await get(`/api/formats/organisations/${ids.besagash}`, 'parent')).statusCode).toBe(404);
  });
});

describe('an officer sees only their area', () => {
  test('the district officer lists only Karasay', async () => {
    const areas = await get('/api/formats/areas?date=2020-09-10', 'district');
    expect(areas.statusCode).toBe(200);
    expect(areas.json().items.map((a: { area: { id: number } }) => a.area.id)).toEqual([ids.karasay]);
    expect(areas.json().items[0].effective).toMatchObject({ level: 'green', area: 'district' });
    expect((await get(`/api/formats/areas?districtId=${ids.talgar}`, 'district')).statusCode).toBe(404);
    const decisions = await get('/api/formats/decisions?date=2020-09-10&pageSize=200', 'district');
    const districts = new Set(decisions.json().items.map((i: { organisation: { district: { id: number } } }) => i.organisation.district.id));
    expect([...districts]).toEqual([ids.karasay]);
    expect((await get(`/api/formats/organisations/${ids.besagash}`, 'district')).statusCode).toBe(404);
  });

  test('a change already recorded for a later date is shown as scheduled', async () => {
    const before = (await get('/api/formats/areas?date=2020-08-17', 'district')).json().items[0];
    expect(before.own).toBeNull();
    expect(before.scheduled).toMatchObject({ level: 'green', effectiveFrom: '2020-08-20' });
    expect((await get('/api/formats/areas?date=2020-09-10', 'district')).json().items[0].scheduled).toBeNull();
  });

  test('the seeded rule set is named and described in the three languages, its rules titled in each', async () => {
    const list = (await get('/api/formats/rule-sets', 'ministry')).json();
    const v1 = list.items.find((s: { version: number; region: unknown }) => s.version === 1 && s.region === null);
    expect(v1.names).toMatchObject({ kk: expect.any(String), ru: expect.any(String), en: expect.any(String) });
    expect(v1.about.ru).toContain('дистанционно');
    expect(v1.notes).not.toContain('SEED-FACTS');
    expect(DEFAULT_RULE_SET.rules.every((r) => typeof r.title === 'object' && r.title.kk && r.title.ru && r.title.en)).toBe(true);
  });

  test('the region officer sees its districts, not another region; a parent is not an officer', async () => {
    const areas = await get(`/api/formats/areas?regionId=${ids.region}`, 'region');
    expect(
      areas
        .json()
        .items.map((a: { area: { id: number } }) => a.area.id)
        .sort(),
    ).toEqual([ids.karasay, ids.talgar].sort());
    expect((await get(`/api/formats/areas?regionId=${ids.otherRegion}`, 'region')).statusCode).toBe(404);
    expect((await get(`/api/formats/organisations/${ids.besagash}`, 'region')).statusCode).toBe(200);
    expect((await get('/api/formats/decisions', 'parent')).statusCode).toBe(404);
    expect((await get('/api/formats/areas', 'admin')).statusCode).toBe(404);
  });
});

describe('recording a situation', () => {
  const worse = () => ({
    area: { level: 'district', id: ids.karasay },
    level: 'red',
    effectiveFrom: '2020-11-16',
    source: 'Қарасай ауданы бас санитарлық дәрігерінің 14.11.2020 қаулысы',
  });

  test('only the officer of the area or above records it', async () => {
    const before = await count('select count(*) from epidemic_situations');
    const talgar = await post('/api/formats/situations', 'district', { ...worse(), area: { level: 'district', id: ids.talgar } });
    expect(talgar.statusCode).toBe(404);
    expect((await post('/api/formats/situations', 'district', { ...worse(), area: { level: 'region', id: ids.region } })).statusCode).toBe(404);
    expect((await post('/api/formats/situations', 'admin', worse())).statusCode).toBe(404);
    const yellow = await post('/api/formats/situations', 'district', { ...worse(), level: 'yellow' });
    expect(yellow.statusCode).toBe(422);
    expect(yellow.json().error.code).toBe('formats.level_not_in_scale');
    const bad = await post('/api/formats/situations', 'district', { ...worse(), effectiveFrom: '2020-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(await count('select count(*) from epidemic_situations')).toBe(before);
  });

  test('the preview shows the impact by district and writes nothing', async () => {
    const decisions = await count('select count(*) from format_decisions');
    const res = await post('/api/formats/situations/preview', 'district', worse());
    expect(res.statusCode).toBe(200);
    const impact = res.json();
    // the rural school (and its 11 classes, 142 pupils) turns distance / duty; everything else in Karasay already is
    expect(impact.totals).toEqual({ organisations: 1, classes: 11, pupils: 142 });
    expect(impact.byDistrict).toHaveLength(1);
    expect(impact.byDistrict[0].district.id).toBe(ids.karasay);
    expect(impact.transitions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'regular', to: 'distance', organisations: 1, classes: 7 }),
        expect.objectContaining({ from: 'regular', to: 'duty', classes: 4 }),
      ]),
    );
    expect(impact.examples[0].reasonText).toContain('district unfavourable since 16.11.2020');
    expect(await count('select count(*) from format_decisions')).toBe(decisions);
  });

  test('recording recomputes the decisions from the effective date and notifies the families', async () => {
    const notifications = await count("select count(*) from notifications where kind = 'formats.format_changed'");
    const res = await post('/api/formats/situations', 'district', worse());
    expect(res.statusCode).toBe(201);
    expect(res.json().impact.totals.organisations).toBe(1);
    expect((await get(`/api/formats/organisations/${ids.rural}?date=2020-11-20`, 'district')).json().decision.format).toBe('distance');
    // history: the earlier decision still answers for its dates
    expect((await get(`/api/formats/organisations/${ids.rural}?date=2020-11-15`, 'district')).json().decision.format).toBe('regular');
    expect((await get(`/api/formats/classes/${ids.rural1}?date=2020-11-20`, 'district')).json().decision.format).toBe('duty');
    const written = (await count("select count(*) from notifications where kind = 'formats.format_changed'")) - notifications;
    expect(written).toBeGreaterThan(142); // pupils with accounts, their parents and teachers
    const elsewhere = await count(`select count(*) from notifications n where n.kind = 'formats.format_changed' and (n.params->>'organisationId')::int <> $1`, [
      ids.rural,
    ]);
    expect(elsewhere).toBe(0);
    const history = await get(`/api/formats/situations?level=district&id=${ids.karasay}`, 'region');
    expect(history.json().items.map((s: { level: string }) => s.level)).toEqual(['red', 'green']);
  });
});

describe('rule sets', () => {
  test('the ministry edits from the current set, previews and publishes a new version', async () => {
    const current = await get('/api/formats/rule-sets/current', 'ministry');
    expect(current.statusCode).toBe(200);
    expect(current.json()).toMatchObject({ version: 1, body: { name: DEFAULT_RULE_SET.name } });
    const body = structuredClone(current.json().body);
    body.rules[0].when.maxPupils = 100; // 142 pupils is no longer "small"
    const preview = await post('/api/formats/rule-sets/preview', 'ministry', { regionId: null, body, effectiveFrom: '2020-09-01' });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().version).toBe(2);
    expect(preview.json().impact.byDistrict.map((d: { district: { id: number } }) => d.district.id)).toContain(ids.karasay);
    const stale = await post('/api/formats/rule-sets', 'ministry', { regionId: null, body, effectiveFrom: '2020-09-01', basedOnVersion: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('formats.rule_set_stale');
    const published = await post('/api/formats/rule-sets', 'ministry', {
      regionId: null,
      body,
      effectiveFrom: '2020-09-01',
      basedOnVersion: 1,
      notes: 'small = 100',
    });
    expect(published.statusCode).toBe(201);
    expect(published.json().ruleSet).toMatchObject({ version: 2, effectiveFrom: '2020-09-01' });
    const rural = (await get(`/api/formats/organisations/${ids.rural}?date=2020-09-10`, 'district')).json();
    expect(rural.decision.format).toBe('distance');
    expect(rural.decision.reasonText).toContain('rules v2');
  });

  test('a rule set that does not parse, does not validate or leaves organisations without a format is refused, nothing written', async () => {
    const versions = await count('select count(*) from format_rule_sets');
    const unparseable = await post('/api/formats/rule-sets/preview', 'ministry', { regionId: null, source: '{"name": "x",\n "rules": [' });
    expect(unparseable.statusCode).toBe(400);
    expect(unparseable.json().error.code).toBe('formats.rule_set_unparseable');
    const invalid = await post('/api/formats/rule-sets', 'ministry', {
      regionId: null,
      body: { name: 'x', rules: [{ id: 'a', when: { pupils: 5 }, then: { format: 'distance' } }] },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.code).toBe('formats.rule_set_invalid');
    expect(invalid.json().error.details.issues[0].path).toBe('rules.0.when');
    const onlySchools = { name: 'schools only', rules: [{ id: 's', when: { kinds: ['school'] }, then: { format: 'distance' } }] };
    const incomplete = await post('/api/formats/rule-sets/preview', 'ministry', { regionId: null, body: onlySchools });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json().error.code).toBe('formats.rule_set_incomplete');
    const named = incomplete.json().error.details.organisations.map((o: { name: { en: string } }) => o.name.en);
    expect(named).toEqual(expect.arrayContaining(['Balapan Kindergarten, Kaskelen', 'Kaskelen Multidisciplinary College']));
    expect(incomplete.json().error.message).toMatch(/leaves \d+ organisations without a format/);
    expect((await post('/api/formats/rule-sets', 'ministry', { regionId: null, body: onlySchools })).statusCode).toBe(422);
    expect((await post('/api/formats/rule-sets', 'ministry', { regionId: null })).json().error.code).toBe('formats.rule_set_missing');
    expect(await count('select count(*) from format_rule_sets')).toBe(versions);
  });

  test('who may publish: the ministry for the country; regions only where the setting allows', async () => {
    const body = DEFAULT_RULE_SET;
    expect((await post('/api/formats/rule-sets/preview', 'region', { regionId: null, body })).statusCode).toBe(403);
    const disabled = await post('/api/formats/rule-sets/preview', 'region', { regionId: ids.region, body });
    expect(disabled.statusCode).toBe(403);
    expect(disabled.json().error.code).toBe('formats.regional_rules_disabled');
    expect((await post('/api/formats/rule-sets/preview', 'region', { regionId: ids.otherRegion, body })).statusCode).toBe(404);
    expect((await post('/api/formats/rule-sets/preview', 'district', { regionId: ids.region, body })).statusCode).toBe(403);
    expect((await post('/api/formats/rule-sets/preview', 'parent', { regionId: null, body })).statusCode).toBe(404);
    const settings = await t.app.inject({
      method: 'PUT',
      url: '/api/formats/settings',
      payload: { situationScale: 'binary', regionsMayEditRules: true },
      headers: { cookie: cookie.region! },
    });
    expect(settings.statusCode).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/formats/settings',
          payload: { situationScale: 'binary', regionsMayEditRules: true },
          headers: { cookie: cookie.ministry! },
        })
      ).statusCode,
    ).toBe(200);
    const regional = await post('/api/formats/rule-sets', 'region', {
      regionId: ids.region,
      body: { ...body, name: 'Almaty region' },
      effectiveFrom: '2020-12-01',
    });
    expect(regional.statusCode).toBe(201);
    expect(regional.json().ruleSet).toMatchObject({ version: 1, region: { id: ids.region } });
    const list = await get(`/api/formats/rule-sets?regionId=${ids.region}`, 'district');
    expect(list.json().items.map((s: { region: { id: number } | null }) => s.region?.id ?? null)).toEqual(expect.arrayContaining([null, ids.region]));
    expect(list.json().canPublish).toBe(false);
  });
});

describe('overrides', () => {
  test('an officer overrides a class with a reason; it is kept, shown, applied and revocable once', async () => {
    const res = await post('/api/formats/overrides', 'district', {
      organisationId: ids.city,
      classId: ids.c5A,
      format: 'regular',
      reason: 'Малокомплектный класс, решение штаба',
      effectiveFrom: '2020-12-01',
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const onDate = (await get(`/api/formats/classes/${ids.c5A}?date=2020-12-02`, 'parent')).json().decision;
    expect(onDate).toMatchObject({ format: 'regular', source: 'override' });
    expect(onDate.reasonText).toBe('Regular: set by an officer: “Малокомплектный класс, решение штаба” from 01.12.2020');
    const org = (await get(`/api/formats/organisations/${ids.city}?date=2020-12-02`, 'district')).json();
    expect(org.overrides.map((o: { id: number }) => o.id)).toContain(id);
    const parentNews = await get('/api/notifications', 'parent');
    expect(
      parentNews
        .json()
        .items.some(
          (n: { kind: string; params: { classId: number; to: string } }) =>
            n.kind === 'formats.format_changed' && n.params.classId === ids.c5A && n.params.to === 'regular',
        ),
    ).toBe(true);
    const revoke = await post(`/api/formats/overrides/${id}/revoke`, 'district', { reason: 'Штаб отменил решение' });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json().revokedAt).not.toBeNull();
    expect((await post(`/api/formats/overrides/${id}/revoke`, 'district', { reason: 'again' })).statusCode).toBe(409);
    expect((await get(`/api/formats/classes/${ids.c5A}?date=2020-12-02`, 'parent')).json().decision.source).toBe('decision');
  });

  test('outside the area, or inconsistent: refused and nothing written', async () => {
    const before = await count('select count(*) from format_overrides');
    expect(
      (await post('/api/formats/overrides', 'district', { organisationId: ids.besagash, format: 'regular', reason: 'x x x', effectiveFrom: '2020-12-01' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await post('/api/formats/overrides', 'admin', { organisationId: ids.city, format: 'regular', reason: 'x x x', effectiveFrom: '2020-12-01' })).statusCode,
    ).toBe(404);
    const combined = await post('/api/formats/overrides', 'district', {
      organisationId: ids.city,
      format: 'combined',
      reason: 'labs',
      effectiveFrom: '2020-12-01',
    });
    expect(combined.statusCode).toBe(422);
    expect(combined.json().error.code).toBe('formats.override_invalid');
    const wrongClass = await post('/api/formats/overrides', 'district', {
      organisationId: ids.rural,
      classId: ids.c5A,
      format: 'regular',
      reason: 'x x x',
      effectiveFrom: '2020-12-01',
    });
    expect(wrongClass.statusCode).toBe(404);
    expect(await count('select count(*) from format_overrides')).toBe(before);
  });
});

describe('notifications', () => {
  test('a person reads and marks only their own', async () => {
    const list = await get('/api/notifications?unreadOnly=true', 'parent');
    expect(list.statusCode).toBe(200);
    const first = list.json().items[0];
    expect(list.json().unread).toBeGreaterThan(0);
    const other = await one<number>(
      "select n.id from notifications n join accounts a on a.person_id <> n.person_id where a.login = 'demo.parent' order by n.id limit 1",
    );
    expect((await post(`/api/notifications/${other}/read`, 'parent', {})).statusCode).toBe(404);
    expect((await post(`/api/notifications/${first.id}/read`, 'parent', {})).statusCode).toBe(204);
    const all = await post('/api/notifications/read-all', 'parent', {});
    expect(all.statusCode).toBe(200);
    expect((await get('/api/notifications', 'parent')).json().unread).toBe(0);
  });
});

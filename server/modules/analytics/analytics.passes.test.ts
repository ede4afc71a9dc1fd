import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from '../../../test/app.js';
import type { Overview } from '../../../contracts/analytics.js';
import { publishPasses } from './analytics.extras.js';
import { runTimedStatusChanges } from '../access/access.usecases.js';

/**
 * Passes on the dashboards (issue 12): the access module's counts through its use case, against a
 * direct count on the demo data; suppressed for officers (and for an organisation's admin), shown to
 * the organisation's own health officer; gate scans by school weekday; in the exported files.
 */
const TODAY = '2020-12-09';
const WEEK = 'from=2020-12-07&to=2020-12-13'; // Monday to Sunday
let t: TestApp;
let ministry: string;
let uni: number;
let district: number;
let region: number;

const CATEGORY: Record<string, string> = {
  positive_test: 'passes_blocked_positive',
  incomplete_vaccination: 'passes_blocked_vaccination',
  waiting_period: 'passes_blocked_vaccination',
  vaccination_expired: 'passes_blocked_expired',
  test_expired: 'passes_blocked_expired',
  recovery_expired: 'passes_blocked_expired',
};

/** Each campus person of the university once, with their stored status, categorised here in JS. */
async function directCounts(organisationId: number) {
  const { rows } = await t.db.query<{ person_id: string; status: string | null; reason: string | null }>(
    `select m.person_id, s.status, s.reason from (select distinct person_id from role_assignments
       where organisation_id = $1 and role in ('pupil', 'teacher', 'org_admin', 'gate_guard', 'health_officer')) m
     left join access_statuses s on s.person_id = m.person_id`,
    [organisationId],
  );
  const out: Record<string, number> = {
    passes_valid: 0,
    passes_blocked_positive: 0,
    passes_blocked_vaccination: 0,
    passes_blocked_expired: 0,
    passes_no_record: 0,
    passes_people: rows.length,
  };
  for (const r of rows) {
    if (r.status === 'admitted') out.passes_valid! += 1;
    else if (r.status === 'not_admitted') out[CATEGORY[r.reason!]!]! += 1;
    else out.passes_no_record! += 1;
  }
  return out;
}

async function overview(area: string, cookie: string, extra = ''): Promise<Overview> {
  const res = await t.app.inject({ url: `/api/analytics/overview?area=${area}&${WEEK}${extra}`, headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp({ env: { LEARNING_TODAY: `${TODAY}T09:00:00+06:00` } });
  ministry = await t.login('demo.ministry');
  const u = (
    await t.db.query<{ id: number; district_id: number; region_id: number }>(
      "select id, district_id, region_id from organisations where kind = 'university' and name_en like 'Karasay%'",
    )
  ).rows[0]!;
  [uni, district, region] = [u.id, u.district_id, u.region_id];
  // gate scans of the week at the university's first gate: Monday 6 admitted; Tuesday (00:30 school time,
  // still Monday in UTC) 2 refused; Sunday 1 admitted
  const gate = await t.one<number>(
    'select g.id from access_gates g join access_buildings b on b.id = g.building_id where b.organisation_id = $1 order by g.id limit 1',
    [uni],
  );
  const guard = await t.one<number>("select person_id from accounts where login = 'demo.guard'");
  const scans: [string, string][] = [
    ...Array.from({ length: 6 }, (_, i): [string, string] => [`2020-12-07T09:0${i}:00+06:00`, 'admitted']),
    ['2020-12-08T00:30:00+06:00', 'refused'],
    ['2020-12-08T00:31:00+06:00', 'refused'],
    ['2020-12-13T10:00:00+06:00', 'admitted'],
    ['2020-12-14T00:10:00+06:00', 'admitted'], // the next Monday: outside the range
  ];
  // the university's health officer is also its admin here (so may open its dashboard); demo.admin too.
  // Before any overview: the access counts are kept for 30 s, so later role changes would not show at once
  for (const login of ['demo.health', 'demo.admin']) {
    await t.db.query(
      "insert into role_assignments (person_id, role, organisation_id) select person_id, 'org_admin', $1 from accounts where login = $2 on conflict do nothing",
      [uni, login],
    );
  }
  for (const [at, result] of scans) {
    await t.db.query(
      `insert into access_scans (client_id, gate_id, guard_id, direction, result, scanned_at, uploaded_at) values (gen_random_uuid(), $1, $2, 'in', $3, $4, $4)`,
      [gate, guard, result, at],
    );
  }
});
afterAll(async () => t?.close());

describe('passes on the dashboards', () => {
  test("the university's health officer (also its admin here) sees the exact counts: they agree with a direct count", async () => {
    const health = await t.login('demo.health');
    const o = await overview(`organisation:${uni}`, health);
    expect(o.passes).not.toBeNull();
    expect(o.passes!.suppression.applied).toBe(false);
    const direct = await directCounts(uni);
    expect(direct.passes_people).toBeGreaterThan(0);
    expect(o.passes!.total).toMatchObject(direct);
    expect(o.passes!.total).toMatchObject({ gate_admitted: 7, gate_refused: 2, gate_scans: 9 });
    const day = (d: number) => o.passes!.weekdays.find((w) => w.weekday === d)!.values;
    expect(day(1)).toEqual({ gate_admitted: 6, gate_refused: 0, gate_scans: 6 });
    expect(day(2)).toEqual({ gate_admitted: 0, gate_refused: 2, gate_scans: 2 });
    expect(day(7)).toEqual({ gate_admitted: 1, gate_refused: 0, gate_scans: 1 });
    // a class has no passes
    const cls = await t
      .one<number>('select c.id from classes c join academic_years y on y.id = c.academic_year_id and y.is_current where c.organisation_id = $1 limit 1', [uni])
      .catch(() => null);
    if (cls) expect((await overview(`class:${cls}`, health)).passes).toBeNull();
  });

  test("an officer sees the same figures with small numbers hidden (never an individual's), and only areas with campuses", async () => {
    const direct = await directCounts(uni);
    for (const area of [`district:${district}`, `region:${region}`, 'country']) {
      const o = await overview(area, ministry);
      const p = o.passes!;
      expect(p.suppression).toEqual({ applied: true, threshold: 5 });
      // the university is the only campus of the demo: one child row, holding all of it
      expect(p.children).toHaveLength(1);
      for (const [k, v] of Object.entries(p.total)) {
        if (k in direct) expect(v === null || v === direct[k]).toBe(true);
        if (v !== null) expect(v === 0 || v >= 5).toBe(true);
      }
      for (const c of p.children) for (const v of Object.values(c.values)) if (v !== null) expect(v === 0 || v >= 5).toBe(true);
      for (const w of p.weekdays) for (const v of Object.values(w.values)) if (v !== null) expect(v === 0 || v >= 5).toBe(true);
      // refused 2 on Tuesday is hidden, and so is whatever would reveal it
      const tue = p.weekdays.find((w) => w.weekday === 2)!.values;
      expect(tue.gate_refused).toBeNull();
      expect(p.total.gate_refused).toBeNull();
      expect(p.total.passes_people).toBe(direct.passes_people);
    }
    // a school's district without a campus: no passes card
    const city = await t.one<number>("select district_id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
    if (city !== district) expect((await overview(`district:${city}`, ministry)).passes).toBeNull();
    // the organisation's admin (records for the rest) still gets passes suppressed: not health data for them
    const admin = await t.login('demo.admin');
    const o = await overview(`organisation:${uni}`, admin);
    expect(o.suppression.applied).toBe(false);
    expect(o.passes!.suppression.applied).toBe(true);
  });

  test("supplies figures (devices, internet, textbooks) come with an officer's overview, not a school's", async () => {
    const o = await overview('country', ministry);
    expect(o.supplies).not.toBeNull();
    expect(o.supplies!.devices!.rows.length).toBeGreaterThan(0);
    expect(o.supplies!.textbooks!.totals).toHaveProperty('delivered');
    const s = await overview(`organisation:${uni}`, ministry);
    expect(s.supplies).toBeNull();
    // the same as the supplies module's own endpoints answer
    const res = await t.app.inject({ url: `/api/supplies/areas?regionId=${region}`, headers: { cookie: ministry } });
    const r = await overview(`region:${region}`, ministry);
    expect(r.supplies!.devices).toEqual(res.json());
  });
});

describe('passes and supplies in the exported files', () => {
  test('CSV (BOM) and XLSX carry the pass and supply columns; suppressed cells read "…"', async () => {
    const csv = await t.app.inject({ url: `/api/analytics/overview?area=district:${district}&${WEEK}&format=csv&lang=ru`, headers: { cookie: ministry } });
    expect(csv.statusCode).toBe(200);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('С действующим пропуском (чел.)');
    expect(lines[0]).toContain('Без устройства (учащиеся)');
    expect(lines[0]).toContain('Учебников доставлено');
    expect(lines.some((l) => l.startsWith('Проходные: Вторник') || l.startsWith('"Проходные: Вторник'))).toBe(true);
    expect(csv.body).toContain('…');

    const xlsx = await t.app.inject({ url: `/api/analytics/overview?area=country&${WEEK}&format=xlsx&lang=kk`, headers: { cookie: ministry } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = header.indexOf('Кампустағы адамдар');
    expect(col).toBeGreaterThan(0);
    let total: ExcelJS.Row | null = null;
    sheet.eachRow((row) => {
      if (String(row.getCell(1).value).startsWith('Барлығы')) total = row;
    });
    expect((total as ExcelJS.Row | null)!.getCell(col).value).toBe((await directCounts(uni)).passes_people);
  });

  test('the PDF has the passes tables with Kazakh letters', async () => {
    const res = await t.app.inject({ url: `/api/analytics/overview?area=region:${region}&${WEEK}&format=pdf&lang=kk`, headers: { cookie: ministry } });
    expect(res.statusCode).toBe(200);
    const dir = mkdtempSync(path.join(tmpdir(), 'analytics-passes-pdf-'));
    writeFileSync(path.join(dir, 'a.pdf'), res.rawPayload);
    let text: string;
    try {
      text = execFileSync('pdftotext', ['-layout', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
    } catch {
      return; // poppler-utils not installed (see README)
    }
    expect(text).toContain('Кампусқа кіру рұқсаттамалары');
    expect(text).toContain('Өткізу бекеттері');
    expect(text).toContain('Сейсенбі');
    expect(text).toContain('Құрылғылар, интернет және оқулықтар');
  });
});

describe('the reason stored with the status (migration 1260)', () => {
  test('every not admitted status has its reason; a row without one (stored before) is filled by the status job', async () => {
    const missing = () => t.one<number>("select count(*)::int from access_statuses where status = 'not_admitted' and reason is null");
    expect(await t.one<number>("select count(*)::int from access_statuses where status = 'not_admitted'")).toBeGreaterThan(0);
    expect(await missing()).toBe(0);
    expect(await t.one<number>("select count(*)::int from access_statuses where status <> 'not_admitted' and reason is not null")).toBe(0);
    // as the migration leaves an older row: no reason, due now
    const now = new Date();
    await t.db.query("update access_statuses set reason = null, next_change_at = $1 where status = 'not_admitted'", [now]);
    await runTimedStatusChanges(t.db, now);
    expect(await missing()).toBe(0);
  });
});

describe('publishing (pure)', () => {
  const names = { kk: 'x', ru: 'x', en: 'x' };
  const region = { kind: 'region' as const, id: 1, name: names, regionId: 1, districtId: null, organisationId: null, parent: null };
  const child = (id: number) => ({ key: `district:${id}`, kind: 'district' as const, id, name: names });
  const org = (organisationId: number, districtId: number | null, admitted: number, noRecord: number, blockedPositive = 0) => ({
    organisationId,
    regionId: 1,
    districtId,
    admitted,
    blockedPositive,
    blockedVaccination: 0,
    blockedExpired: 0,
    noRecord,
  });
  test('the total is the sum of the children shown; an organisation in no child is left out; small cells hidden', () => {
    const counts = {
      statuses: [org(100, 10, 20, 3), org(101, null, 2, 0), org(102, 11, 30, 6, 1)],
      scans: [{ organisationId: 101, weekday: 1, admitted: 4, refused: 0 }],
    };
    const p = publishPasses(region, [child(10), child(11), child(12)], counts, false, 5)!;
    expect(p.children.map((c) => c.area.id)).toEqual([10, 11]); // 12 has no campus
    expect(p.total).toMatchObject({ passes_valid: 50, passes_no_record: 9, passes_blocked_positive: 1, passes_people: 60, gate_scans: 0 });
    const hidden = publishPasses(region, [child(10), child(11), child(12)], counts, true, 5)!;
    expect(hidden.children[0]!.values.passes_no_record).toBeNull(); // 3
    expect(hidden.children[1]!.values.passes_blocked_positive).toBeNull(); // 1
    expect(hidden.total.passes_blocked_positive).toBeNull();
    // nothing in the region's districts: no card
    expect(publishPasses(region, [child(12)], counts, true, 5)).toBeNull();
  });
});

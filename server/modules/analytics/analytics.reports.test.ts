import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { runDueJobs } from '../../platform/jobs.js';
import { loadActorForPerson } from '../identity/identity.actor.js';
import { refreshRollups } from './analytics.refresh.js';
import { isoWeekday, REPORTS_QUEUE, reportWeek, saveSubscription, scheduleDueReports, weeklyReportJob } from './analytics.reports.js';
import { analyticsSettings } from './analytics.settings.js';

const TODAY = '2020-12-09'; // a Wednesday
const at = (date: string) => new Date(`${date}T09:00:00+06:00`);
let t: TestApp;
let districtOfficer: string;
let region: string;
let districtId: number;

beforeAll(async () => {
  process.env.LEARNING_TODAY = `${TODAY}T09:00:00+06:00`;
  t = await createTestApp({ env: { LEARNING_TODAY: `${TODAY}T09:00:00+06:00` } });
  districtOfficer = await t.login('demo.district');
  region = await t.login('demo.region');
  districtId = await t.one<number>(
    "select r.district_id from role_assignments r join accounts a on a.person_id = r.person_id where a.login = 'demo.district' and r.role = 'district_officer'",
  );
  await refreshRollups(t.db, TODAY);
});
afterAll(async () => t?.close());

const subscribe = (cookie: string, payload: object) =>
  t.app.inject({ method: 'PUT', url: '/api/analytics/report-subscriptions', headers: { cookie }, payload });
const reportsOf = async (login: string) =>
  (
    await t.db.query<{ id: string; status: string }>(
      'select r.id, r.status from analytics_reports r join accounts a on a.person_id = r.person_id where a.login = $1 order by r.id',
      [login],
    )
  ).rows;

describe('the week a report covers', () => {
  test('always the Monday–Sunday before the delivery day’s week (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), (n) => {
        const today = new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const { weekStart, weekEnd } = reportWeek(today);
        const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
        expect(isoWeekday(weekStart)).toBe(1);
        expect(isoWeekday(weekEnd)).toBe(7);
        expect(days(weekStart, weekEnd)).toBe(6);
        expect(days(weekEnd, today)).toBe(isoWeekday(today));
      }),
    );
  });
});

describe('weekly reports', () => {
  test('a district officer subscribes in Russian; on the chosen day one report is built once, with its files and a notification', async () => {
    const first = await subscribe(districtOfficer, { area: `district:${districtId}`, formats: ['csv', 'pdf'], lang: 'ru', weekday: 2 });
    expect(first.statusCode, first.body).toBe(200);
    // again for the same area: the same subscription, changed
    const again = await subscribe(districtOfficer, { area: `district:${districtId}`, formats: ['pdf', 'csv'], lang: 'ru', weekday: 3 });
    expect(again.json()).toMatchObject({ id: first.json().id, weekday: 3, area: { key: `district:${districtId}`, kind: 'district' } });
    const list = await t.app.inject({ url: '/api/analytics/report-subscriptions', headers: { cookie: districtOfficer } });
    expect(list.json().items).toHaveLength(1);

    // Tuesday: not yet due (Wednesday chosen); Wednesday: due, and two schedulers at once write it once
    await scheduleDueReports(t.db, at('2020-12-08'));
    expect(await reportsOf('demo.district')).toEqual([]);
    const counts = await Promise.all([scheduleDueReports(t.db, at(TODAY)), scheduleDueReports(t.db, at(TODAY))]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    await scheduleDueReports(t.db, at('2020-12-11'));
    expect(await reportsOf('demo.district')).toHaveLength(1);

    const ran = await runDueJobs(t.db, REPORTS_QUEUE, weeklyReportJob(), { now: () => at(TODAY) });
    expect(ran).toBe(1);
    const reports = await t.app.inject({ url: '/api/analytics/reports', headers: { cookie: districtOfficer } });
    expect(reports.statusCode).toBe(200);
    const [report] = reports.json().items;
    expect(report).toMatchObject({ from: '2020-11-30', to: '2020-12-06', status: 'done', area: { key: `district:${districtId}` } });
    expect(report.files.map((f: { format: string }) => f.format)).toEqual(['csv', 'pdf']);

    const csv = await t.app.inject({ url: `/api/analytics/reports/${report.id}/files/csv`, headers: { cookie: districtOfficer } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.body).toContain('Итого'); // Russian headers, as subscribed
    // the region officer sees the district, but not the district officer's report
    expect((await t.app.inject({ url: `/api/analytics/reports/${report.id}/files/csv`, headers: { cookie: region } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/analytics/reports/${report.id}/files/xlsx`, headers: { cookie: districtOfficer } })).statusCode).toBe(404);

    const notes = await t.app.inject({ url: '/api/notifications', headers: { cookie: districtOfficer } });
    const weekly = notes.json().items.filter((n: { kind: string }) => n.kind === 'analytics.weekly_report');
    expect(weekly).toHaveLength(1);
    expect(weekly[0].params).toMatchObject({ reportId: report.id, from: '2020-11-30', to: '2020-12-06', area: `district:${districtId}` });

    // the job ran once: nothing queued is left, and running again builds nothing
    expect(await runDueJobs(t.db, REPORTS_QUEUE, weeklyReportJob(), { now: () => at(TODAY) })).toBe(0);
  });

  test('a subscriber who lost the area gets no files: the report says so', async () => {
    const person = await t.one<string>("select person_id::text from accounts where login = 'demo.region'");
    const regionId = await t.one<number>("select region_id from role_assignments where person_id = $1 and role = 'region_officer'", [person]);
    expect((await subscribe(region, { area: `region:${regionId}`, formats: ['xlsx'], lang: 'kk', weekday: 1 })).statusCode).toBe(200);
    await t.db.query(
      "update role_assignments set region_id = (select id from regions where id <> $2 order by id limit 1) where person_id = $1 and role = 'region_officer'",
      [person, regionId],
    );
    await scheduleDueReports(t.db, at(TODAY));
    await runDueJobs(t.db, REPORTS_QUEUE, weeklyReportJob(), { now: () => at(TODAY) });
    const items = (await t.app.inject({ url: '/api/analytics/reports', headers: { cookie: region } })).json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ status: 'out_of_scope', area: null, files: [] });
    const notes = (await t.app.inject({ url: '/api/notifications', headers: { cookie: region } })).json().items;
    expect(notes.filter((n: { kind: string }) => n.kind === 'analytics.weekly_report')).toEqual([]);
    await t.db.query("update role_assignments set region_id = $2 where person_id = $1 and role = 'region_officer'", [person, regionId]);
  });

  test('bad input: an area outside scope is 404, a bad body 400, one subscription too many 409; nothing written', async () => {
    const before = await t.one<number>('select count(*)::int from analytics_report_subscriptions');
    const otherRegion = await t.one<number>(
      'select d.id from districts d where d.region_id <> (select region_id from districts where id = $1) order by d.id limit 1',
      [districtId],
    );
    const outside = await subscribe(districtOfficer, { area: `district:${otherRegion}`, formats: ['csv'], lang: 'ru', weekday: 1 });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe('analytics.area_not_found');
    for (const bad of [
      { area: `district:${districtId}`, formats: [], lang: 'ru', weekday: 1 },
      { area: `district:${districtId}`, formats: ['csv', 'csv'], lang: 'ru', weekday: 1 },
      { area: `district:${districtId}`, formats: ['doc'], lang: 'ru', weekday: 1 },
      { area: `district:${districtId}`, formats: ['csv'], lang: 'ru', weekday: 8 },
      { area: 'planet:1', formats: ['csv'], lang: 'ru', weekday: 1 },
    ]) {
      const res = await subscribe(districtOfficer, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBeTypeOf('string');
    }
    const person = await t.one<number>("select person_id::int from accounts where login = 'demo.district'");
    const actor = (await loadActorForPerson(t.db, person))!;
    expect(actor.grants.some((g) => g.role === 'district_officer' && g.districtId === districtId)).toBe(true);
    const school = await t.one<number>('select id from organisations where district_id = $1 order by id limit 1', [districtId]);
    await expect(
      saveSubscription(
        t.db,
        actor,
        { area: `organisation:${school}`, formats: ['csv'], lang: 'en', weekday: 5 },
        {
          ...analyticsSettings(),
          ANALYTICS_REPORTS_MAX_SUBSCRIPTIONS: 1,
        },
      ),
    ).rejects.toMatchObject({ code: 'analytics.too_many_subscriptions', statusCode: 409 });
    expect(await t.one<number>('select count(*)::int from analytics_report_subscriptions')).toBe(before);
  });

  test('unsubscribing stops the next week’s report; someone else’s subscription is not found', async () => {
    const { items } = (await t.app.inject({ url: '/api/analytics/report-subscriptions', headers: { cookie: districtOfficer } })).json();
    const id = items[0].id;
    expect((await t.app.inject({ method: 'DELETE', url: `/api/analytics/report-subscriptions/${id}`, headers: { cookie: region } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/analytics/report-subscriptions/${id}`, headers: { cookie: districtOfficer } })).statusCode).toBe(
      204,
    );
    await scheduleDueReports(t.db, at('2020-12-16'));
    expect(await reportsOf('demo.district')).toHaveLength(1); // last week's stays; no new one
  });
});

import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { overlaps, parseAirTime } from './tv.rules.js';

let t: TestApp;
let ministry: string;
beforeAll(async () => {
  t = await createTestApp({ env: { VIDEO_WORKERS: '0' } });
  ministry = await t.login('demo.ministry');
});
afterAll(async () => t?.close());

const HEAD = 'channel,starts_at,ends_at,grade,subject,language,topic\n';
const importCsv = (csv: string, cookie = ministry) => t.app.inject({ method: 'POST', url: '/api/video/tv-schedule/import', headers: { cookie }, payload: { csv } });
const slots = () => t.one<number>('select count(*)::int from video_tv_slots');

test('air times: local Almaty time or an instant with its offset', () => {
  expect(parseAirTime('2020-04-06 10:20')?.toISOString()).toBe('2020-04-06T04:20:00.000Z');
  expect(parseAirTime('2020-04-06T10:20:00+05:00')?.toISOString()).toBe('2020-04-06T05:20:00.000Z');
  expect(parseAirTime('10:20')).toBeNull();
  const at = (h: number) => new Date(Date.UTC(2020, 3, 6, h));
  expect(overlaps([{ line: 2, channel: 'a', startsAt: at(1), endsAt: at(2) }, { line: 3, channel: 'a', startsAt: at(2), endsAt: at(3) }])).toEqual([]);
  expect(overlaps([{ line: 2, channel: 'a', startsAt: at(1), endsAt: at(3) }, { line: 3, channel: 'a', startsAt: at(2), endsAt: at(4) }])).toHaveLength(1);
});

test('the ministry imports a day of the grid; the public schedule shows it without sign-in', async () => {
  const res = await importCsv(`${HEAD}al_farabi,2020-04-06 10:20,2020-04-06 10:50,5,Mathematics,kk,Adding fractions\nel_arna,2020-04-06 10:20,2020-04-06 10:50,5,Математика,ru,Сложение дробей\nal_farabi,2020-04-06 10:50,2020-04-06 11:20,7,Physics,kk,Newton's laws\n`);
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json()).toEqual({ created: 3 });
  const day = await t.app.inject({ url: '/api/video/tv-schedule?date=2020-04-06' });
  expect(day.statusCode).toBe(200);
  expect(day.headers['cache-control']).toContain('public');
  const body = day.json();
  expect(body.items).toHaveLength(3);
  expect(body.items[0]).toMatchObject({ channel: { code: 'al_farabi', name: 'Al-Farabi' }, startsAt: '2020-04-06T04:20:00.000Z', grade: 5, language: 'kk', topic: 'Adding fractions', video: null });
  expect((await t.app.inject({ url: '/api/video/tv-schedule?date=2020-04-07' })).json().items).toEqual([]);
  expect((await t.app.inject({ url: '/api/video/tv-schedule?date=April' })).statusCode).toBe(400);
});

test('overlapping slots, unknown channels and bad lines refuse the whole file, naming the lines', async () => {
  const before = await slots();
  const inFile = await importCsv(`${HEAD}balapan,2020-04-08 09:00,2020-04-08 09:30,1,Reading,kk,Letters\nbalapan,2020-04-08 09:15,2020-04-08 09:45,2,Reading,kk,Words\n`);
  expect(inFile.statusCode).toBe(409);
  expect(inFile.json().error.code).toBe('video.slots_overlap');
  expect(inFile.json().error.message).toContain('line 3');
  const withGrid = await importCsv(`${HEAD}al_farabi,2020-04-06 10:40,2020-04-06 11:00,5,Mathematics,kk,Again\n`);
  expect(withGrid.statusCode).toBe(409);
  const unknown = await importCsv(`${HEAD}mtv,2020-04-09 09:00,2020-04-09 09:30,1,Reading,kk,Letters\n`);
  expect(unknown.statusCode).toBe(422);
  expect(unknown.json().error.code).toBe('video.unknown_channel');
  const bad = await importCsv(`${HEAD}balapan,tomorrow,2020-04-09 09:30,15,Reading,xx,Letters\n`);
  expect(bad.statusCode).toBe(422);
  expect(bad.json().error.code).toBe('video.grid_invalid');
  expect(bad.json().error.details.problems.length).toBeGreaterThanOrEqual(3);
  expect(await slots()).toBe(before);
  expect((await importCsv(HEAD, await t.login('demo.teacher'))).statusCode).toBe(403);
});

import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { overlaps, parseAirTime } from './tv.rules.js';
import { formatXmltvTime, parseXmltv, parseXmltvTime } from './tv.xmltv.js';
import { offsetMinutes, zonedParts, zonedToInstant } from './tv.time.js';

let t: TestApp;
let ministry: string;
beforeAll(async () => {
  t = await createTestApp({ env: { VIDEO_WORKERS: '0' } });
  ministry = await t.login('demo.ministry');
});
afterAll(async () => t?.close());

const HEAD = 'channel,starts_at,ends_at,grade,subject,language,topic\n';
const importCsv = (csv: string, cookie = ministry) =>
  t.app.inject({ method: 'POST', url: '/api/video/tv-schedule/import', headers: { cookie }, payload: { csv } });
const slots = () => t.one<number>('select count(*)::int from video_tv_slots');

test('air times: local Almaty time or an instant with its offset', () => {
  expect(parseAirTime('2020-04-06 10:20')?.toISOString()).toBe('2020-04-06T04:20:00.000Z');
  expect(parseAirTime('2020-04-06T10:20:00+05:00')?.toISOString()).toBe('2020-04-06T05:20:00.000Z');
  expect(parseAirTime('10:20')).toBeNull();
  const at = (h: number) => new Date(Date.UTC(2020, 3, 6, h));
  expect(
    overlaps([
      { line: 2, channel: 'a', startsAt: at(1), endsAt: at(2) },
      { line: 3, channel: 'a', startsAt: at(2), endsAt: at(3) },
    ]),
  ).toEqual([]);
  expect(
    overlaps([
      { line: 2, channel: 'a', startsAt: at(1), endsAt: at(3) },
      { line: 3, channel: 'a', startsAt: at(2), endsAt: at(4) },
    ]),
  ).toHaveLength(1);
});

test('the ministry imports a day of the grid; the public schedule shows it without sign-in', async () => {
  const res = await importCsv(
    `${HEAD}al_farabi,2020-04-06 10:20,2020-04-06 10:50,5,Mathematics,kk,Adding fractions\nel_arna,2020-04-06 10:20,2020-04-06 10:50,5,Математика,ru,Сложение дробей\nal_farabi,2020-04-06 10:50,2020-04-06 11:20,7,Physics,kk,Newton's laws\n`,
  );
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json()).toMatchObject({ created: 3, dryRun: false });
  const day = await t.app.inject({ url: '/api/video/tv-schedule?date=2020-04-06' });
  expect(day.statusCode).toBe(200);
  expect(day.headers['cache-control']).toContain('public');
  const body = day.json();
  expect(body.items).toHaveLength(3);
  expect(body.items[0]).toMatchObject({
    channel: { code: 'al_farabi', name: 'Al-Farabi' },
    startsAt: '2020-04-06T04:20:00.000Z',
    grade: 5,
    language: 'kk',
    topic: 'Adding fractions',
    video: null,
  });
  expect((await t.app.inject({ url: '/api/video/tv-schedule?date=2020-04-07' })).json().items).toEqual([]);
  expect((await t.app.inject({ url: '/api/video/tv-schedule?date=April' })).statusCode).toBe(400);
});

test('overlapping slots, unknown channels and bad lines refuse the whole file, naming the lines', async () => {
  const before = await slots();
  const inFile = await importCsv(
    `${HEAD}balapan,2020-04-08 09:00,2020-04-08 09:30,1,Reading,kk,Letters\nbalapan,2020-04-08 09:15,2020-04-08 09:45,2,Reading,kk,Words\n`,
  );
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

// ── XMLTV: real files in fixtures/, dry run then confirm, export read back ──────────────────────
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
const importXml = (xmltv: string, dryRun: boolean, cookie = ministry) =>
  t.app.inject({ method: 'POST', url: '/api/video/tv-schedule/import', headers: { cookie }, payload: { xmltv, dryRun } });

test('XMLTV times: the DTD form with or without seconds and zone (no zone = UT); impossible dates refused', () => {
  expect(parseXmltvTime('20200413090000 +0600')?.toISOString()).toBe('2020-04-13T03:00:00.000Z');
  expect(parseXmltvTime('202004130900')?.toISOString()).toBe('2020-04-13T09:00:00.000Z');
  expect(parseXmltvTime('20200413090000 -0130')?.toISOString()).toBe('2020-04-13T10:30:00.000Z');
  expect(parseXmltvTime('20200230090000 +0600')).toBeNull();
  expect(parseXmltvTime('2020-04-13 09:00')).toBeNull();
  expect(formatXmltvTime(new Date('2020-04-13T03:00:00Z'))).toBe('20200413090000 +0600');
});

test('an XMLTV file: the dry run answers its slots and writes nothing; the confirmed import writes them; channels matched by code or display name', async () => {
  const before = await slots();
  const dry = await importXml(fixture('tv-grid-2020-04-13.xml'), true);
  expect(dry.statusCode, dry.body).toBe(200);
  const preview = dry.json();
  expect(preview).toMatchObject({ created: 0, dryRun: true });
  expect(preview.slots).toHaveLength(3);
  expect(preview.slots[0]).toMatchObject({
    line: 10,
    channel: 'al_farabi',
    startsAt: '2020-04-13T03:00:00.000Z',
    grade: 5,
    subject: 'Математика',
    language: 'kk',
    topic: 'Бөлшектерді қосу',
    videoId: null,
  });
  expect(preview.slots[1]).toMatchObject({ channel: 'el_arna', language: 'ru', topic: 'Сложение дробей' });
  expect(preview.slots[2]).toMatchObject({ topic: 'Ньютон заңдары & күш', grade: 7 });
  expect(await slots()).toBe(before);

  const done = await importXml(fixture('tv-grid-2020-04-13.xml'), false);
  expect(done.statusCode, done.body).toBe(201);
  expect(done.json()).toMatchObject({ created: 3, dryRun: false });
  expect(await slots()).toBe(before + 3);
  const day = (await t.app.inject({ url: '/api/video/tv-schedule?date=2020-04-13' })).json();
  expect(day.items.map((i: { channel: { code: string } }) => i.channel.code)).toEqual(['al_farabi', 'el_arna', 'al_farabi']);

  // the same file again overlaps what is now in the grid: refused, every programme named
  const again = await importXml(fixture('tv-grid-2020-04-13.xml'), true);
  expect(again.statusCode).toBe(409);
  expect(again.json().error.code).toBe('video.slots_overlap');
  expect(again.json().error.details.problems.map((p: { programme: number; reason: string }) => [p.programme, p.reason])).toEqual([
    [1, 'overlap_grid'],
    [2, 'overlap_grid'],
    [3, 'overlap_grid'],
  ]);
});

test('a bad XMLTV file is refused whole with every problem by line and programme; malformed XML names its line', async () => {
  const before = await slots();
  const res = await importXml(fixture('tv-grid-errors.xml'), false);
  expect(res.statusCode).toBe(422);
  const { code, details } = res.json().error;
  expect(code).toBe('video.grid_invalid');
  const found = details.problems.map((p: { line: number; programme: number; reason: string }) => `${p.line}/${p.programme}/${p.reason}`);
  expect(found).toEqual(
    expect.arrayContaining([
      '9/2/overlap',
      '13/3/unknown_channel',
      '16/4/bad_time',
      '16/4/bad_language',
      '16/4/bad_grade',
      '21/5/end_not_after_start',
      '21/5/bad_topic',
    ]),
  );
  expect(found).toHaveLength(7);
  expect(await slots()).toBe(before);

  const broken = await importXml(fixture('tv-grid-broken.xml'), true);
  expect(broken.statusCode).toBe(422);
  expect(broken.json().error.details.problems).toEqual([expect.objectContaining({ line: 5, reason: 'unreadable' })]);
  expect((await importXml('<tv></tv>', true)).json().error.details.problems[0].reason).toBe('empty');
  expect((await importXml('<html><body/></html>', true)).json().error.details.problems[0].reason).toBe('unreadable');
  expect((await importXml(fixture('tv-grid-2020-04-13.xml'), true, await t.login('demo.teacher'))).statusCode).toBe(403);
});

test('the grid exports as XMLTV (public) with the recording linked, and the export reads back into the same slots', async () => {
  const owner = await t.one<number>("select person_id from accounts where login = 'demo.ministry'");
  const video = await t.one<number>(
    `insert into video_videos (owner_id, organisation_id, visibility, title, status, duration_s, source_key, source_bytes)
    values ($1, null, 'public', 'Letters', 'ready', 60, 'video/source/xmltv', 1) returning id`,
    [owner],
  );
  const file = `<?xml version="1.0"?>\n<tv>\n  <programme start="20200420090000 +0600" stop="20200420093000 +0600" channel="balapan">\n    <title lang="kk">Әріптер</title>\n    <category>Сауат ашу</category>\n    <language>kk</language>\n    <url>https://sabaq.example/video/watch/${video}</url>\n    <episode-num system="sabaq-grade">1</episode-num>\n  </programme>\n</tv>\n`;
  expect((await importXml(file, false)).statusCode).toBe(201);
  const res = await t.app.inject({ url: '/api/video/tv-schedule/xmltv?from=2020-04-20&days=1' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('application/xml');
  const xml = res.body;
  expect(xml).toContain('<!DOCTYPE tv SYSTEM "xmltv.dtd">');
  expect(xml).toContain(`<url>/video/watch/${video}</url>`);
  const back = parseXmltv(xml);
  expect(back.problems).toEqual([]);
  expect(back.slots).toEqual([
    expect.objectContaining({
      channel: 'balapan',
      startsAt: new Date('2020-04-20T03:00:00Z'),
      grade: 1,
      subject: 'Сауат ашу',
      language: 'kk',
      topic: 'Әріптер',
      videoId: video,
    }),
  ]);
  const day = (await t.app.inject({ url: '/api/video/tv-schedule?date=2020-04-20' })).json();
  expect(day.items[0].video).toEqual({ id: video, hlsUrl: `/api/video/videos/${video}/media/master.m3u8` });
  expect((await t.app.inject({ url: '/api/video/tv-schedule?date=2020-04-13&days=7' })).json().items).toHaveLength(3);
  expect((await t.app.inject({ url: '/api/video/tv-schedule?date=2020-04-14&days=7' })).json().items).toHaveLength(1);
});

// ── time zones from the tz database: Kazakhstan +06:00 until 29 Feb 2024, +05:00 from 1 Mar 2024 ─
test('tz database: wall times in a zone on both sides of the 1 March 2024 change', () => {
  expect(zonedToInstant('2024-02-28', '10:20', 'Asia/Almaty')?.toISOString()).toBe('2024-02-28T04:20:00.000Z');
  expect(zonedToInstant('2024-03-04', '10:20', 'Asia/Almaty')?.toISOString()).toBe('2024-03-04T05:20:00.000Z');
  // 29 Feb 23:30 happened twice (clocks back at midnight): the earlier instant
  expect(zonedToInstant('2024-02-29', '23:30', 'Asia/Almaty')?.toISOString()).toBe('2024-02-29T17:30:00.000Z');
  expect(zonedToInstant('2024-02-30', '10:00', 'Asia/Almaty')).toBeNull();
  expect(offsetMinutes(new Date('2024-02-29T17:59:00Z'), 'Asia/Almaty')).toBe(360);
  expect(offsetMinutes(new Date('2024-02-29T18:00:00Z'), 'Asia/Almaty')).toBe(300);
  expect(zonedParts(new Date('2024-03-04T18:30:00Z'), 'Asia/Almaty')).toEqual({ date: '2024-03-04', time: '23:30' });
  expect(parseAirTime('2024-03-04 10:20')?.toISOString()).toBe('2024-03-04T05:20:00.000Z');
  expect(parseAirTime('2024-03-04 10:20', 'Asia/Aqtobe')?.toISOString()).toBe('2024-03-04T05:20:00.000Z');
  expect(formatXmltvTime(new Date('2024-03-04T05:20:00Z'), offsetMinutes(new Date('2024-03-04T05:20:00Z'), 'Asia/Almaty'))).toBe('20240304102000 +0500');
});

test('a CSV air time before and after the 2024 change is read on the channel clock; the day, the XMLTV export and the week follow it', async () => {
  const res = await importCsv(
    `${HEAD}qazaqstan,2024-02-28 10:20,2024-02-28 10:50,5,Mathematics,kk,Before the change\nqazaqstan,2024-03-04 10:20,2024-03-04 10:50,5,Mathematics,kk,After the change\nqazaqstan,2024-03-04 23:30,2024-03-04 23:55,9,History,ru,Late\n`,
  );
  expect(res.statusCode, res.body).toBe(201);
  const before = (await t.app.inject({ url: '/api/video/tv-schedule?date=2024-02-28' })).json();
  expect(before.items).toEqual([expect.objectContaining({ topic: 'Before the change', startsAt: '2024-02-28T04:20:00.000Z', timeZone: 'Asia/Almaty' })]);
  const after = (await t.app.inject({ url: '/api/video/tv-schedule?date=2024-03-04' })).json();
  // 23:30 local on 4 March is 18:30Z: with a fixed +06:00 the day would have ended at 18:00Z and lost it
  expect(after.items.map((i: { topic: string; startsAt: string }) => [i.topic, i.startsAt])).toEqual([
    ['After the change', '2024-03-04T05:20:00.000Z'],
    ['Late', '2024-03-04T18:30:00.000Z'],
  ]);
  expect((await t.app.inject({ url: '/api/video/tv-schedule?date=2024-03-05' })).json().items).toEqual([]);
  const xml = (await t.app.inject({ url: '/api/video/tv-schedule/xmltv?from=2024-02-28&days=7' })).body;
  expect(xml).toContain('start="20240228102000 +0600"');
  expect(xml).toContain('start="20240304102000 +0500"');
  expect(xml).toContain('start="20240304233000 +0500"');
  expect(parseXmltv(xml).slots.map((s) => s.startsAt.toISOString())).toEqual([
    '2024-02-28T04:20:00.000Z',
    '2024-03-04T05:20:00.000Z',
    '2024-03-04T18:30:00.000Z',
  ]);
  // a local retransmission channel on another clock: its CSV times are read in its own zone
  await t.db.query("insert into video_tv_channels (code, name, time_zone) values ('tz_test_local', 'Local West', 'Europe/Samara')");
  const local = await importCsv(`${HEAD}tz_test_local,2024-03-04 10:20,2024-03-04 10:50,5,Mathematics,ru,On Samara time\n`);
  expect(local.statusCode, local.body).toBe(201);
  expect(local.json().slots[0].startsAt).toBe('2024-03-04T06:20:00.000Z');
  const day = (await t.app.inject({ url: '/api/video/tv-schedule?date=2024-03-04' })).json();
  expect(day.items.find((i: { topic: string }) => i.topic === 'On Samara time')).toMatchObject({ timeZone: 'Europe/Samara' });
});

test('the public grid prints as a PDF (no sign-in) by grade and language, with Kazakh letters; bad input 400', async () => {
  const res = await t.app.inject({ url: '/api/video/tv-schedule/pdf?date=2024-03-04&days=1&grade=5&lang=kk' });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('application/pdf');
  expect(res.headers['cache-control']).toContain('public');
  expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  expect(res.rawPayload.length).toBeGreaterThan(5000); // the embedded font subset
  const empty = await t.app.inject({ url: '/api/video/tv-schedule/pdf?date=1999-01-01&lang=ru' });
  expect(empty.statusCode).toBe(200);
  expect((await t.app.inject({ url: '/api/video/tv-schedule/pdf?date=March' })).statusCode).toBe(400);
  expect((await t.app.inject({ url: '/api/video/tv-schedule/pdf?date=2024-03-04&grade=13' })).statusCode).toBe(400);
});

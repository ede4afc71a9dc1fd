import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';

/** Issue 10, the TV grid: the ministry manages national channels, a region officer its region's local retransmission channels. */
let t: TestApp;
const cookies: Record<string, string> = {};
const call = (login: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { cookie: cookies[login]! } });
let region: number;
let otherRegion: number;

beforeAll(async () => {
  t = await createTestApp();
  for (const login of ['demo.ministry', 'demo.region', 'demo.teacher']) cookies[login] = await t.login(login);
  region = await t.one<number>(
    "select r.region_id from role_assignments r join accounts a on a.person_id = r.person_id where a.login = 'demo.region' and r.role = 'region_officer' limit 1",
  );
  otherRegion = await t.one<number>('select id from regions where id <> $1 order by id limit 1', [region]);
});
afterAll(async () => t?.close());

const count = () => t.one<number>('select count(*)::int from video_tv_channels');

describe('TV channels', () => {
  test('everyone signed in lists them; the national ones are marked and editable only by the ministry', async () => {
    const res = await call('demo.teacher', 'GET', '/api/video/tv-channels');
    expect(res.statusCode).toBe(200);
    const farabi = res.json().items.find((c: { code: string }) => c.code === 'al_farabi');
    expect(farabi).toMatchObject({ kind: 'national', languages: ['kk', 'ru'], region: null, timeZone: 'Asia/Almaty', canEdit: false });
    expect(res.json().canCreate).toEqual({ national: false, localRegions: [] });
    const m = (await call('demo.ministry', 'GET', '/api/video/tv-channels')).json();
    expect(m.items.find((c: { code: string }) => c.code === 'al_farabi').canEdit).toBe(true);
    expect(m.canCreate.national).toBe(true);
    expect(m.canCreate.localRegions.length).toBeGreaterThan(1);
    const r = (await call('demo.region', 'GET', '/api/video/tv-channels')).json();
    expect(r.canCreate).toMatchObject({ national: false, localRegions: [{ id: region }] });
  });

  test('a region officer creates a local retransmission channel of their region (the region by default), and edits it', async () => {
    const res = await call('demo.region', 'POST', '/api/video/tv-channels', { code: 'kaskelen_tv', name: 'Қаскелең ТВ', kind: 'local', languages: ['kk'] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ code: 'kaskelen_tv', kind: 'local', languages: ['kk'], region: { id: region }, canEdit: true, timeZone: 'Asia/Almaty' });
    const id = res.json().id;
    const edit = await call('demo.region', 'PATCH', `/api/video/tv-channels/${id}`, { name: 'Қаскелең', languages: ['kk', 'ru'], timeZone: 'Asia/Aqtobe' });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ name: 'Қаскелең', languages: ['kk', 'ru'], timeZone: 'Asia/Aqtobe', code: 'kaskelen_tv' });
    // it cannot hand it to another region or make it national; nothing changes
    for (const body of [{ regionId: otherRegion }, { kind: 'national' }]) {
      const r = await call('demo.region', 'PATCH', `/api/video/tv-channels/${id}`, body);
      expect([r.statusCode, r.json().error.code], JSON.stringify(body)).toEqual([403, 'video.channel_forbidden']);
    }
    expect(await t.one<number>('select region_id from video_tv_channels where id = $1', [id])).toBe(region);
    // the grid import takes slots on it at once (by its code): the region officer imports its own channel's grid
    const csv = `channel,starts_at,ends_at,grade,subject,language,topic\nkaskelen_tv,2020-04-20 10:00,2020-04-20 10:30,5,Математика,kk,Бөлшектер\n`;
    const imp = await call('demo.region', 'POST', '/api/video/tv-schedule/import', { csv });
    expect(imp.statusCode, imp.body).toBe(201);
    const mine = await call('demo.ministry', 'POST', '/api/video/tv-schedule/import', { csv: csv.replace('10:00,2020-04-20 10:30', '11:00,2020-04-20 11:30') });
    expect(mine.statusCode, mine.body).toBe(201);
    // but not a national channel's, nothing written
    const slots = await t.one<number>('select count(*)::int from video_tv_slots');
    const national = await call('demo.region', 'POST', '/api/video/tv-schedule/import', {
      csv: `${csv}al_farabi,2020-04-20 12:00,2020-04-20 12:30,5,Математика,kk,Бөлшектер\n`,
    });
    expect([national.statusCode, national.json().error.code]).toEqual([403, 'video.grid_forbidden']);
    expect(national.json().error.message).toContain('al_farabi');
    expect(await t.one<number>('select count(*)::int from video_tv_slots')).toBe(slots);
  });

  test('refusals: a national channel or another region’s by a region officer (403), a teacher (403); bad input; nothing written', async () => {
    const n = await count();
    const forbidden = [
      ['demo.region', { code: 'nat_x', name: 'Nat X', kind: 'national', languages: ['kk'] }],
      ['demo.region', { code: 'loc_x', name: 'Loc X', kind: 'local', languages: ['kk'], regionId: otherRegion }],
      ['demo.teacher', { code: 'loc_y', name: 'Loc Y', kind: 'local', languages: ['kk'], regionId: region }],
    ] as const;
    for (const [login, body] of forbidden) {
      const r = await call(login, 'POST', '/api/video/tv-channels', body);
      expect([r.statusCode, r.json().error.code], JSON.stringify(body)).toEqual([403, 'video.channel_forbidden']);
    }
    const invalid: [object, number, string][] = [
      [{ code: 'loc_z', name: 'Loc Z', kind: 'local', languages: ['kk'] }, 422, 'video.channel_invalid'], // the ministry must name the region
      [{ code: 'tz_bad', name: 'TZ', kind: 'national', languages: ['kk'], timeZone: 'Mars/Olympus' }, 422, 'video.channel_invalid'],
      [{ code: 'al_farabi', name: 'Another', kind: 'national', languages: ['kk'] }, 409, 'video.channel_exists'],
      [{ code: 'new_one', name: 'AL-FARABI', kind: 'national', languages: ['kk'] }, 409, 'video.channel_exists'],
    ];
    for (const [body, status, code] of invalid) {
      const r = await call('demo.ministry', 'POST', '/api/video/tv-channels', body);
      expect([r.statusCode, r.json().error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    for (const body of [
      { code: 'Bad Code', name: 'x', kind: 'national', languages: ['kk'] },
      { code: 'ok_code', name: '', kind: 'national', languages: ['kk'] },
      { code: 'ok_code', name: 'x', kind: 'national', languages: [] },
      { code: 'ok_code', name: 'x', kind: 'national', languages: ['kk', 'kk'] },
      { code: 'ok_code', name: 'x', kind: 'cable', languages: ['kk'] },
    ]) {
      const r = await call('demo.ministry', 'POST', '/api/video/tv-channels', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await count()).toBe(n);
    const missing = await call('demo.ministry', 'PATCH', '/api/video/tv-channels/99999', { name: 'x' });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'video.channel_not_found']);
  });

  test('the ministry creates a national channel and edits any channel, the code staying', async () => {
    const res = await call('demo.ministry', 'POST', '/api/video/tv-channels', {
      code: 'bilim_tv',
      name: 'Bilim TV',
      kind: 'national',
      languages: ['kk', 'ru', 'en'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const farabi = await t.one<number>("select id from video_tv_channels where code = 'al_farabi'");
    const edit = await call('demo.ministry', 'PATCH', `/api/video/tv-channels/${farabi}`, { languages: ['kk'] });
    expect(edit.json()).toMatchObject({ code: 'al_farabi', languages: ['kk'] });
    const code = await call('demo.ministry', 'PATCH', `/api/video/tv-channels/${farabi}`, { code: 'x' });
    expect(code.statusCode).toBe(400);
  });
});

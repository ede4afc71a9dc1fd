import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { demoIds } from '../server/modules/learning/learning.fixtures.js';
import { ffmpegPresent } from '../server/modules/live/broadcast.media.js';
import { janusBinary, startJanus, type TestJanus } from '../server/modules/live/live.test-support.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

/**
 * A school-wide meeting re-broadcast as HLS through a real Janus and ffmpeg: the school's admin (the
 * presenter, fake camera and microphone in headless Chromium) goes on air from the meeting page; Janus
 * forwards the stream to ffmpeg, whose live playlist appears and gets segments; a parent of the school
 * plays it with hls.js on the same page (360 px, Kazakh), asks a question, the presenter sees it and
 * shows it, the parent's viewing is counted, and the end reaches the parent.
 */
const NOW = '2020-12-09T09:00:00+06:00';
const usable = janusBinary() !== null && ffmpegPresent();
if (!usable) console.warn('e2e/broadcast.test.ts: SKIPPED — janus or ffmpeg is not installed (apt-get install -y janus ffmpeg)');

let janus: TestJanus;
let server: TestServer;
let browser: Browser;
let broadcastId: number;
let parentId: number;
const dir = mkdtempSync(path.join(os.tmpdir(), 'sabaq-e2e-broadcast-'));
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  if (!usable) return;
  janus = (await startJanus())!;
  const env = { ...janus.env, LEARNING_TODAY: NOW, LIVE_BROADCAST_DIR: dir };
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  server = await startTestServer({ env });
  const ids = await demoIds(server.db);
  parentId = ids.parent;
  const { rows } = await server.db.query<{ id: number }>(
    `insert into live_broadcasts (scope, organisation_id, district_id, topic, starts_at, ends_at, created_by, created_at)
     select 'school', id, district_id, 'Қашықтан қалай оқимыз?', '2020-12-09T09:00:00+06:00', '2020-12-09T10:00:00+06:00', $2, now()
       from organisations where id = $1 returning id`,
    [ids.cityId, ids.admin],
  );
  broadcastId = rows[0]!.id;
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
      '--disable-features=WebRtcHideLocalIpsWithMdns',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await janus?.stop();
  rmSync(dir, { recursive: true, force: true });
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function signIn(page: Page, login: string, to: string) {
  await page.goto(`/sign-in?redirect=${encodeURIComponent(to)}`);
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel(/^(Пароль|Құпиясөз)$/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(Войти|Кіру)$/ }).click();
}

/** A file of the live HLS as the signed-in page fetches it (status and text). */
const hls = (page: Page, name: string) =>
  page.evaluate(async (url) => {
    const r = await fetch(url);
    return { status: r.status, text: r.status === 200 ? await r.text() : '' };
  }, `/api/live/broadcasts/${broadcastId}/hls/${name}`);

describe.skipIf(!usable)('a school-wide meeting re-broadcast as HLS', () => {
  test('the presenter goes on air, the playlist gets segments, a parent plays it with hls.js and asks, the presenter shows the question', async () => {
    const presenter = await openContext(browser, server, { locale: 'kk-KZ', viewport: PHONE_VIEWPORT });
    const parent = await openContext(browser, server, { locale: 'kk-KZ', viewport: PHONE_VIEWPORT });
    // WebRTC and a live transcode on a shared machine: 60 s per step, every wait is for a state
    for (const c of [presenter, parent]) c.page.setDefaultTimeout(60_000);
    try {
      await signIn(presenter.page, DEMO_LOGINS.admin, `/live/broadcasts/${broadcastId}`);
      await presenter.page.getByRole('button', { name: 'Эфирге шығу' }).click();
      await presenter.page.locator('[data-state="live"]').waitFor({ timeout: 90_000 });
      // the 240p rung's live playlist lists segments, and they are MPEG-TS
      const master = await hls(presenter.page, 'master.m3u8');
      expect(master.status).toBe(200);
      expect(master.text).toContain('240p/index.m3u8');
      expect(master.text).toContain('360p/index.m3u8');
      expect(master.text).toContain('audio/index.m3u8');
      await expect.poll(async () => (await hls(presenter.page, '360p/index.m3u8')).text, { timeout: 30_000 }).toMatch(/seg-\d{5}\.ts/);
      const low = await hls(presenter.page, '240p/index.m3u8');
      expect(low.text).toMatch(/seg-\d{5}\.ts/);
      await expect.poll(async () => (await hls(presenter.page, 'audio/index.m3u8')).text, { timeout: 30_000 }).toMatch(/seg-\d{5}\.ts/);
      const seg = low.text.match(/seg-\d{5}\.ts/)![0];
      const firstByte = await presenter.page.evaluate(
        async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer())[0],
        `/api/live/broadcasts/${broadcastId}/hls/240p/${seg}`,
      );
      expect(firstByte).toBe(0x47);

      // the parent (their children are in this school) plays it with hls.js
      await signIn(parent.page, DEMO_LOGINS.parent, `/live/broadcasts/${broadcastId}`);
      const player = parent.page.getByLabel('Жиналыстың тікелей трансляциясы');
      await player.waitFor();
      await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState >= 2 && v.currentTime > 0), { timeout: 90_000 }).toBe(true);

      // a question from the parent reaches the presenter, who shows it
      await parent.page.getByLabel('Сұрағыңыз').fill('Оқулықтар беріле ме?');
      await parent.page.getByRole('button', { name: 'Жіберу' }).click();
      await parent.page.getByText('Сұрақ жіберілді: баяндамашы оны көреді.').waitFor();
      const item = presenter.page.locator('li', { hasText: 'Оқулықтар беріле ме?' });
      await item.waitFor();
      await item.getByRole('button', { name: 'Көрсету' }).click();
      await presenter.page.locator('li[data-state="shown"]', { hasText: 'Оқулықтар беріле ме?' }).waitFor();
      await parent.page.locator('li[data-state="shown"]', { hasText: 'Оқулықтар беріле ме?' }).waitFor();

      // the parent's viewing is counted (their page reports while it plays)
      await expect
        .poll(
          async () =>
            (await server.db.query('select 1 from live_broadcast_viewers where broadcast_id = $1 and person_id = $2', [broadcastId, parentId])).rowCount,
          {
            timeout: 30_000,
          },
        )
        .toBe(1);

      await presenter.page.getByRole('button', { name: 'Жиналысты аяқтау' }).click();
      await parent.page.getByText('Жиналыс аяқталды.').waitFor();
      // the presenter keeps it: ffmpeg's copy of the forward becomes a video of the school's archive
      await presenter.page.getByRole('button', { name: 'Видеомұрағатта сақтау' }).click();
      await presenter.page.getByText('Жиналыс видеомұрағатта сақталды.').waitFor();
      const kept = await server.db.query<{ source: string; title: string }>(
        'select v.source, v.title from live_broadcasts b join video_videos v on v.id = b.kept_video_id where b.id = $1',
        [broadcastId],
      );
      expect(kept.rows).toEqual([{ source: 'recording', title: 'Қашықтан қалай оқимыз?' }]);
      expect(presenter.pageErrors).toEqual([]);
      expect(parent.pageErrors).toEqual([]);
    } finally {
      await presenter.context.close();
      await parent.context.close();
    }
  }, 300_000);
  test('a district officer schedules a district-wide meeting on the phone (a past time refused), and a parent of the district sees it', async () => {
    const officer = await openContext(browser, server, { locale: 'ru-RU', viewport: PHONE_VIEWPORT });
    const parent = await openContext(browser, server, { locale: 'kk-KZ', viewport: PHONE_VIEWPORT });
    try {
      await signIn(officer.page, DEMO_LOGINS.district, '/live/broadcasts');
      await officer.page.getByRole('heading', { name: 'Запланировать большое собрание' }).waitFor();
      await expect.poll(() => officer.page.getByLabel('Для кого').inputValue()).toMatch(/^district:\d+$/);
      await officer.page.getByLabel('Тема').fill('День знаний');
      await officer.page.getByLabel('Начало').fill('08.12.2020');
      await officer.page.getByLabel('Время').fill('10:00');
      await officer.page.getByRole('button', { name: 'Запланировать', exact: true }).click();
      await officer.page.getByRole('alert').getByText('Собрание не может начинаться в прошлом.').waitFor();
      await officer.page.getByLabel('Начало').fill('10.12.2020');
      await officer.page.getByRole('button', { name: 'Запланировать', exact: true }).click();
      await officer.page.getByText('Собрание запланировано.').waitFor();
      await officer.page.locator('li', { hasText: 'День знаний' }).getByText('весь район').waitFor();
      // the district's parents are its audience
      await signIn(parent.page, DEMO_LOGINS.parent, '/live/broadcasts');
      await parent.page.locator('li', { hasText: 'День знаний' }).getByText('бүкіл аудан').waitFor();
      expect(officer.pageErrors).toEqual([]);
      expect(parent.pageErrors).toEqual([]);
    } finally {
      await officer.context.close();
      await parent.context.close();
    }
  }, 120_000);
  test('sound only: the presenter goes on air without a camera; the master lists the sound-only rung alone and a parent plays it', async () => {
    const { rows } = await server.db.query<{ id: number }>(
      `insert into live_broadcasts (scope, organisation_id, district_id, topic, starts_at, ends_at, created_by, created_at)
       select scope, organisation_id, district_id, 'Киберқауіпсіздік', starts_at, ends_at, created_by, now() from live_broadcasts where id = $1 returning id`,
      [broadcastId],
    );
    const soundId = rows[0]!.id;
    const presenter = await openContext(browser, server, { locale: 'kk-KZ', viewport: PHONE_VIEWPORT });
    const parent = await openContext(browser, server, { locale: 'kk-KZ', viewport: PHONE_VIEWPORT });
    for (const c of [presenter, parent]) c.page.setDefaultTimeout(60_000);
    try {
      await signIn(presenter.page, DEMO_LOGINS.admin, `/live/broadcasts/${soundId}`);
      await presenter.page.getByLabel('Тек дыбыс (камерасыз, баяу интернетке)').check();
      await presenter.page.getByRole('button', { name: 'Эфирге шығу' }).click();
      await presenter.page.locator('[data-state="live"]').waitFor({ timeout: 90_000 });
      const master = await presenter.page.evaluate(async (url) => (await fetch(url)).text(), `/api/live/broadcasts/${soundId}/hls/master.m3u8`);
      expect(master).toContain('audio/index.m3u8');
      expect(master).not.toContain('240p');
      await signIn(parent.page, DEMO_LOGINS.parent, `/live/broadcasts/${soundId}`);
      const player = parent.page.getByLabel('Жиналыстың тікелей трансляциясы');
      await expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.readyState >= 2 && v.currentTime > 0), { timeout: 90_000 }).toBe(true);
      await presenter.page.getByRole('button', { name: 'Жиналысты аяқтау' }).click();
      await parent.page.getByText('Жиналыс аяқталды.').waitFor();
      // the presenter keeps it: ffmpeg's copy of the forward becomes a video of the school's archive
      await presenter.page.getByRole('button', { name: 'Видеомұрағатта сақтау' }).click();
      await presenter.page.getByText('Жиналыс видеомұрағатта сақталды.').waitFor();
      const kept = await server.db.query<{ source: string; title: string }>(
        'select v.source, v.title from live_broadcasts b join video_videos v on v.id = b.kept_video_id where b.id = $1',
        [soundId],
      );
      expect(kept.rows).toEqual([{ source: 'recording', title: 'Киберқауіпсіздік' }]);
      expect(presenter.pageErrors).toEqual([]);
      expect(parent.pageErrors).toEqual([]);
    } finally {
      await presenter.context.close();
      await parent.context.close();
    }
  }, 300_000);
});

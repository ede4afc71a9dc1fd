/**
 * Video lessons in a real browser, in Kazakh on 360 px phones: a teacher uploads a short clip made
 * here with ffmpeg's test sources, watches its status go to "ready" and attaches it to today's lesson
 * of 5 А; a pupil of the class finds "watch" on that lesson on Today and plays it (hls.js in Chromium,
 * starting on the 240p rung), and finds it in the archive too. A signed-out family reads the public TV grid.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { launchChromium, openContext, PHONE_VIEWPORT, settled, startTestServer, type TestServer } from './browser.js';

// the file store and the transcoder's scratch space in a fresh folder; one worker polling fast
const dataDir = mkdtempSync(path.join(tmpdir(), 'sabaq-e2e-video-'));
process.env.DATA_DIR = dataDir;
process.env.VIDEO_WORKERS = '1';
process.env.VIDEO_POLL_MS = '200';
// the e-journal's clock (read when the app is built): a school day of the demo year, with lessons
process.env.LEARNING_TODAY = '2020-12-09';

let server: TestServer;
let browser: Browser;
const clip = path.join(dataDir, 'fractions.mp4');
const phone = { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true };

beforeAll(async () => {
  // a 3 s clip with picture and sound, generated (never downloaded)
  execFileSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc=duration=3:size=320x240',
    '-f',
    'lavfi',
    '-i',
    'sine=duration=3',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-shortest',
    clip,
  ]);
  server = await startTestServer({ env: { DATA_DIR: dataDir, VIDEO_WORKERS: '1', VIDEO_POLL_MS: '200', LEARNING_TODAY: '2020-12-09' } });
  browser = await launchChromium();
  // the teacher reads Kazakh too (her own language would be Russian)
  await server.db.query(`update accounts set language = 'kk' where login = $1`, [DEMO_LOGINS.teacher]);
  await server.db.query(`insert into video_tv_slots (channel_id, starts_at, ends_at, grade, subject, language, topic)
    select id, '2020-04-06T04:20:00Z', '2020-04-06T04:50:00Z', 5, 'Математика', 'kk', 'Бөлшектерді қосу' from video_tv_channels where code = 'al_farabi'`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signInKazakh(page: Page, login: string) {
  page.setDefaultTimeout(30_000); // the machine is shared with transcoding: a first load can be slow
  await page.goto('/sign-in');
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Құпиясөз').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Кіру', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^Сәлеметсіз бе/ }).waitFor();
  await settled(page);
}

describe('video lessons in a real browser', () => {
  test('a teacher uploads a clip, sees it ready and attaches it to a lesson; a pupil watches it from the lesson on Today and finds it in the archive (Kazakh, 360 px)', async () => {
    const teacher = await openContext(browser, server, phone);
    const pupil = await openContext(browser, server, phone);
    try {
      // ── the teacher uploads ──
      const tp = teacher.page;
      await signInKazakh(tp, DEMO_LOGINS.teacher);
      await tp.getByRole('link', { name: 'Видео жүктеу' }).click();
      await tp.getByRole('heading', { level: 1, name: 'Видео жүктеу' }).waitFor();
      await tp.getByLabel('Видеофайл', { exact: true }).setInputFiles(clip);
      await tp.getByLabel('Атауы', { exact: true }).fill('Бөлшектер: e2e сабағы');
      await tp.getByLabel('Сынып', { exact: true }).selectOption('5');
      await tp.getByLabel('Тілі', { exact: true }).selectOption({ label: 'қазақша' });
      await tp.getByLabel('Тақырыбы', { exact: true }).fill('Бөлшектерді қосу');
      await tp.getByRole('button', { name: 'Жүктеу', exact: true }).click();
      await tp.getByText('Видео жіберілді, енді өңделеді').waitFor();
      const mine = tp.getByRole('listitem', { name: 'Бөлшектер: e2e сабағы' });
      await mine.getByRole('status').getByText('Дайын', { exact: true }).waitFor({ timeout: 120_000 });
      expect(await tp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      // ── she attaches it to today's maths lesson in 5 А, from her own videos ──
      await tp.goto('/');
      await tp.getByRole('region', { name: 'Сабақтарым мен журналдарым' }).getByRole('link', { name: '5 А · Математика', exact: true }).first().click();
      await tp.getByRole('heading', { level: 1, name: 'Математика · 5 А' }).waitFor();
      const panel = tp.getByRole('region', { name: 'Бейнесабақтар' });
      await panel.getByText('Әзірге видео тіркелмеген').waitFor();
      await panel.getByLabel('Видео', { exact: true }).selectOption({ label: 'Бөлшектер: e2e сабағы' });
      await panel.getByRole('button', { name: 'Тіркеу', exact: true }).click();
      await panel.getByRole('listitem', { name: 'Бөлшектер: e2e сабағы' }).getByRole('button', { name: 'Алып тастау' }).waitFor();
      expect(await tp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      // ── a pupil of the class finds "watch" on that lesson on Today and plays it ──
      const pp = pupil.page;
      const requested: string[] = [];
      pp.on('request', (r) => {
        if (r.url().includes('/media/')) requested.push(new URL(r.url()).pathname.replace(/.*\/media\//, ''));
      });
      await signInKazakh(pp, DEMO_LOGINS.pupil);
      const maths = pp
        .getByRole('article')
        .filter({ has: pp.getByRole('link', { name: 'Математика', exact: true }) })
        .first();
      await maths.getByRole('link', { name: 'Көру: Бөлшектер: e2e сабағы' }).click();
      await pp.getByRole('heading', { level: 1, name: 'Бөлшектер: e2e сабағы' }).waitFor();
      // the watch page names the lesson it serves
      await pp
        .getByRole('region', { name: 'Осы видео қолданылатын сабақтар' })
        .getByRole('link', { name: /5 А, Математика/ })
        .waitFor();
      const video = pp.locator('video');
      await expect.poll(() => video.getAttribute('data-player'), { timeout: 20_000 }).toBe('hls.js');
      await video.evaluate((v: HTMLVideoElement) => {
        v.muted = true;
        return v.play();
      });
      await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
      await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 30_000 }).toBeGreaterThan(0);
      // the low rung first: the 240p playlist is the first rung asked for
      expect(requested[0]).toBe('master.m3u8');
      expect(requested.find((r) => r.endsWith('index.m3u8'))).toBe('240p/index.m3u8');
      await pp.getByRole('link', { name: 'Интернетсіз көру үшін жүктеп алу (MP4)' }).waitFor();
      expect(await pp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      // ── and in the archive ──
      await pp.goto('/video/archive');
      await pp.getByRole('heading', { level: 1, name: 'Видеомұрағат' }).waitFor();
      await pp.getByLabel('Сынып', { exact: true }).selectOption('5');
      await pp.getByLabel('Іздеу', { exact: true }).fill('Бөлшектер');
      await pp.getByRole('button', { name: 'Табу' }).click();
      await pp.getByText('1 видео табылды').waitFor();
      await pp.getByRole('link', { name: 'Бөлшектер: e2e сабағы' }).waitFor();
      expect(teacher.pageErrors).toEqual([]);
      expect(pupil.pageErrors).toEqual([]);
    } finally {
      await teacher.context.close();
      await pupil.context.close();
    }
  }, 240_000);

  test('the ministry checks an XMLTV grid (every problem listed, in Kazakh), then checks and confirms a good one; the public grid shows its week', async () => {
    await server.db.query(`update accounts set language = 'kk' where login = $1`, [DEMO_LOGINS.ministry]);
    const fixture = (name: string) => fileURLToPath(new URL(`../server/modules/video/fixtures/${name}`, import.meta.url));
    const ministry = await openContext(browser, server, phone);
    try {
      const p = ministry.page;
      await signInKazakh(p, DEMO_LOGINS.ministry);
      await p.getByRole('link', { name: 'Телесабақтар кестесін жүктеу' }).click();
      await p.getByRole('heading', { level: 1, name: 'Телесабақтар кестесін жүктеу' }).waitFor();
      await p.getByLabel('Файл', { exact: true }).setInputFiles(fixture('tv-grid-errors.xml'));
      await p.getByRole('button', { name: 'Тексеру' }).click();
      const alert = p.getByRole('alert');
      await alert.getByText('Файлда қате бар, ештеңе жазылмады:').waitFor();
      await alert.getByText('9-жол, 2-бағдарлама: осы арнадағы басқа сабақпен уақыты қабаттасады').waitFor();
      await alert.getByText('13-жол, 3-бағдарлама: мұндай арна жоқ').waitFor();
      expect(await alert.getByRole('listitem').count()).toBe(7);

      await p.getByLabel('Файл', { exact: true }).setInputFiles(fixture('tv-grid-2020-04-13.xml'));
      await p.getByRole('button', { name: 'Тексеру' }).click();
      await p.getByText('Кестеге 3 сабақ қосылады:').waitFor();
      expect(await server.db.query(`select 1 from video_tv_slots where starts_at::date = '2020-04-13'`).then((r) => r.rowCount)).toBe(0);
      await p.getByRole('button', { name: 'Кестеге қосу' }).click();
      await p.getByText('Кестеге 3 сабақ қосылды').waitFor();

      await p.goto('/tv?date=2020-04-12&week=true');
      await p.getByText('Ньютон заңдары & күш').waitFor();
      await p.getByText('Сложение дробей').waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(ministry.pageErrors).toEqual([]);
    } finally {
      await ministry.context.close();
    }
  }, 120_000);

  test('a region officer adds a local retransmission channel of the region and edits it (Kazakh, 360 px)', async () => {
    const officer = await openContext(browser, server, phone);
    try {
      const p = officer.page;
      await signInKazakh(p, DEMO_LOGINS.region);
      await p.getByRole('link', { name: 'Телеарналар', exact: true }).click();
      await p.getByRole('heading', { level: 1, name: 'Телеарналар' }).waitFor();
      await p.getByRole('listitem', { name: 'Al-Farabi' }).getByText('Ұлттық арна', { exact: false }).waitFor();
      // a national channel is not the region's to edit
      expect(await p.getByRole('listitem', { name: 'Al-Farabi' }).getByRole('button', { name: 'Өзгерту' }).count()).toBe(0);
      const form = p.getByRole('form', { name: 'Жаңа арна' });
      await form.getByLabel('Коды').fill('kaskelen_tv');
      await form.getByLabel('Атауы').fill('Қаскелең ТВ');
      expect(await form.getByLabel('Түрі').inputValue()).toBe('local');
      await form.getByRole('checkbox', { name: 'орысша' }).uncheck();
      await form.getByRole('button', { name: 'Арна қосу' }).click();
      const item = p.getByRole('listitem', { name: 'Қаскелең ТВ' });
      await item.getByText(/Жергілікті ретрансляция · .+ · қазақша · Asia\/Almaty/).waitFor();
      await item.getByRole('button', { name: 'Өзгерту' }).click();
      await item.getByRole('checkbox', { name: 'орысша' }).check();
      await item.getByRole('button', { name: 'Сақтау' }).click();
      await p
        .getByRole('listitem', { name: 'Қаскелең ТВ' })
        .getByText(/қазақша, орысша/)
        .waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(officer.pageErrors).toEqual([]);
    } finally {
      await officer.context.close();
    }
  }, 60_000);

  test('the uploader renames a video, then deletes it (Kazakh, 360 px)', async () => {
    const id = await server.db
      .query<{ id: number }>(
        `insert into video_videos (owner_id, organisation_id, visibility, title, status, duration_s, source_key, source_bytes)
         select r.person_id, r.organisation_id, 'organisation', 'Ескі атау', 'queued', 60, 'video/source/e2e-edit', 1
           from role_assignments r join accounts a on a.person_id = r.person_id where a.login = $1 and r.role = 'teacher' limit 1 returning id`,
        [DEMO_LOGINS.teacher],
      )
      .then((r) => Number(r.rows[0]!.id));
    const teacher = await openContext(browser, server, phone);
    try {
      const p = teacher.page;
      await signInKazakh(p, DEMO_LOGINS.teacher);
      await p.goto('/video/upload');
      await p.getByRole('listitem', { name: 'Ескі атау' }).getByRole('link', { name: 'Видеоны өзгерту' }).click();
      const form = p.getByRole('region', { name: 'Видеоны өзгерту' });
      await form.getByLabel('Атауы').fill('Жаңа атау');
      await form.getByLabel('Пән').selectOption({ label: 'Математика' });
      await form.getByRole('button', { name: 'Сақтау' }).click();
      await p.getByRole('heading', { level: 1, name: 'Жаңа атау' }).waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      p.once('dialog', (d) => void d.accept());
      await form.getByRole('button', { name: 'Видеоны жою' }).click();
      await p.getByRole('heading', { level: 1, name: 'Видео жүктеу' }).waitFor();
      expect(await server.db.query('select 1 from video_videos where id = $1', [id]).then((r) => r.rowCount)).toBe(0);
      expect(await p.getByRole('listitem', { name: 'Жаңа атау' }).count()).toBe(0);
      expect(teacher.pageErrors).toEqual([]);
    } finally {
      await teacher.context.close();
    }
  }, 60_000);

  test('a family without an account reads the TV grid of a day in Kazakh', async () => {
    const family = await openContext(browser, server, phone);
    try {
      const p = family.page;
      p.setDefaultTimeout(30_000);
      await p.goto('/tv?date=2020-04-06');
      await p.getByRole('heading', { level: 1, name: 'Телесабақтар' }).waitFor();
      await p.getByText('Бөлшектерді қосу').waitFor();
      await p.getByText(/Al-Farabi · 5-сынып · Математика · қазақша/).waitFor();
      await p.getByText('10:20').waitFor();
      await p.getByLabel('Сынып', { exact: true }).selectOption('7');
      await p.getByText('Бұл күндері сабақ жоқ').waitFor();
      expect(family.pageErrors).toEqual([]);
    } finally {
      await family.context.close();
    }
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { demoIds, lessonOf } from '../server/modules/learning/learning.fixtures.js';
import { janusBinary, startJanus, type TestJanus } from '../server/modules/live/live.test-support.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

/**
 * A live lesson through a real Janus: the teacher starts it from the lesson page (fake camera and
 * microphone), a pupil of the class joins from the same page and receives the teacher's video
 * (a remote track that plays), switches to sound only, and sees the room end when the teacher ends it.
 */
const NOW = '2020-12-09T09:00:00+06:00';
const hasJanus = janusBinary() !== null;
if (!hasJanus) console.warn('e2e/live.test.ts: SKIPPED — the janus binary is not installed (apt-get install -y janus)');

let janus: TestJanus;
let server: TestServer;
let browser: Browser;
let lessonId: number;
let pupilId: number;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  if (!hasJanus) return;
  janus = (await startJanus())!;
  // attendance: the participant list is read every second here (15 s by default)
  const env = { ...janus.env, LEARNING_TODAY: NOW, LIVE_ATTENDANCE_SECONDS: '1' };
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  server = await startTestServer({ env });
  const ids = await demoIds(server.db);
  lessonId = await lessonOf(server.db, ids.class5a, '2020-12-09', ids.math);
  pupilId = ids.pupil;
  await server.db.query(`update lessons set starts_at = '2020-12-09T08:50:00+06:00', ends_at = '2020-12-09T09:35:00+06:00', cancelled = false where id = $1`, [
    lessonId,
  ]);
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

describe.skipIf(!hasJanus)('a live lesson on Janus', () => {
  test('the teacher starts it, a pupil joins and receives the video, sound only, the end', async () => {
    const teacher = await openContext(browser, server, { locale: 'ru-RU', viewport: PHONE_VIEWPORT });
    const pupil = await openContext(browser, server, { locale: 'ru-RU', viewport: PHONE_VIEWPORT });
    // the machine running these is shared and WebRTC is heavy: 30 s per step
    for (const c of [teacher, pupil]) c.page.setDefaultTimeout(30_000);
    try {
      await signIn(teacher.page, DEMO_LOGINS.teacher, `/learning/lessons/${lessonId}`);
      await teacher.page.getByRole('button', { name: 'Начать онлайн-урок' }).click();
      await teacher.page.waitForURL(/\/live\/rooms\/\d+$/);
      await expect.poll(() => teacher.page.locator('main').innerText(), { timeout: 20_000 }).toContain('В эфире');

      await signIn(pupil.page, DEMO_LOGINS.pupil, `/learning/lessons/${lessonId}`);
      await pupil.page.getByRole('button', { name: 'Сабаққа қосылу' }).click();
      await pupil.page.waitForURL(/\/live\/rooms\/\d+$/);
      // the teacher's feed arrives as a remote video track that plays
      // demo.pupil reads Kazakh
      const remote = pupil.page.getByLabel('Мұғалімнің бейнесі');
      await remote.waitFor({ timeout: 20_000 });
      await expect
        .poll(
          () =>
            remote.evaluate((v: HTMLVideoElement) => ({
              tracks: (v.srcObject as MediaStream | null)?.getVideoTracks().length ?? 0,
              playing: !v.paused && v.readyState >= 2 && v.videoWidth > 0,
            })),
          { timeout: 30_000 },
        )
        .toEqual({ tracks: 1, playing: true });

      // sound only: the feed is subscribed again without its video
      await pupil.page.getByLabel('Тек дыбыс').check();
      await expect
        .poll(
          () =>
            pupil.page.getByLabel('Мұғалімнің бейнесі').evaluate((v: HTMLVideoElement) => {
              const s = v.srcObject as MediaStream | null;
              return s ? { video: s.getVideoTracks().length, audio: s.getAudioTracks().length } : null;
            }),
          { timeout: 20_000 },
        )
        .toEqual({ video: 0, audio: 1 });

      await teacher.page.getByRole('button', { name: 'Завершить урок' }).click();
      await pupil.page.getByText('Эфир аяқталды.').waitFor({ timeout: 20_000 });
      expect(teacher.pageErrors).toEqual([]);
      expect(pupil.pageErrors).toEqual([]);
    } finally {
      await teacher.context.close();
      await pupil.context.close();
    }
  }, 180_000);

  test("the teacher's controls: the pupil shows up in the list (attendance from Janus, into the journal), gets the floor and speaks, is removed", async () => {
    const teacher = await openContext(browser, server, { locale: 'ru-RU', viewport: PHONE_VIEWPORT });
    const pupil = await openContext(browser, server, { locale: 'ru-RU', viewport: PHONE_VIEWPORT });
    for (const c of [teacher, pupil]) c.page.setDefaultTimeout(30_000);
    try {
      await signIn(teacher.page, DEMO_LOGINS.teacher, `/learning/lessons/${lessonId}`);
      await teacher.page.getByRole('button', { name: 'Проверить связь' }).click();
      await teacher.page.getByText('Связь хорошая: видео пойдёт.').waitFor();
      await teacher.page.getByLabel('Ограничение канала').selectOption('128000');
      await teacher.page.getByRole('button', { name: 'Начать онлайн-урок' }).click();
      await teacher.page.waitForURL(/\/live\/rooms\/\d+$/);
      await expect.poll(() => teacher.page.locator('main').innerText(), { timeout: 20_000 }).toContain('В эфире');
      await teacher.page.getByText('Пока никто не подключился.').waitFor();

      await signIn(pupil.page, DEMO_LOGINS.pupil, `/learning/lessons/${lessonId}`);
      await pupil.page.getByRole('button', { name: 'Сабаққа қосылу' }).click();
      await pupil.page.waitForURL(/\/live\/rooms\/\d+$/);
      await pupil.page.getByLabel('Мұғалімнің бейнесі').waitFor({ timeout: 20_000 });
      // the camera is off by default for a pupil
      expect(await pupil.page.getByLabel('Камерамды қосу').isChecked()).toBe(false);

      // the media server's participant list puts the pupil in the teacher's list and in the journal
      const person = teacher.page.getByTestId('lv-person');
      await person.waitFor({ timeout: 20_000 });
      await expect
        .poll(
          async () =>
            (await server.db.query<{ online: boolean }>('select online from attendance where lesson_id = $1 and pupil_id = $2', [lessonId, pupilId])).rows[0]
              ?.online ?? null,
          { timeout: 20_000 },
        )
        .toBe(true);

      // the floor: the pupil's page publishes the microphone, the teacher receives it and can mute it
      await person.getByRole('button', { name: 'Дать слово' }).click();
      await pupil.page.getByText('Мұғалім сізге сөз берді: микрофоныңыз қосулы.').waitFor({ timeout: 20_000 });
      await person.getByRole('button', { name: 'Выключить звук' }).waitFor({ timeout: 20_000 });
      await person.getByRole('button', { name: 'Выключить звук' }).click();
      await person.getByRole('button', { name: 'Включить звук' }).waitFor();

      // removal: hung up on Janus, told so, and no way back in
      teacher.page.once('dialog', (d) => void d.accept());
      await person.getByRole('button', { name: 'Удалить' }).click();
      await pupil.page.getByText('Мұғалім сізді эфирден шығарды.').waitFor({ timeout: 20_000 });
      await teacher.page.getByRole('button', { name: 'Завершить урок' }).click();
      expect(teacher.pageErrors).toEqual([]);
      expect(pupil.pageErrors).toEqual([]);
    } finally {
      await teacher.context.close();
      await pupil.context.close();
    }
  }, 180_000);

  test('a recorded live lesson: Janus records, janus-pp-rec + ffmpeg make a video, the pipeline makes the HLS ladder with the audio-only rung, the lesson links it', async () => {
    const teacher = await openContext(browser, server, { locale: 'ru-RU', viewport: PHONE_VIEWPORT });
    teacher.page.setDefaultTimeout(30_000);
    try {
      await signIn(teacher.page, DEMO_LOGINS.teacher, `/learning/lessons/${lessonId}`);
      await teacher.page.getByLabel('Записать урок').check();
      await teacher.page.getByRole('button', { name: 'Начать онлайн-урок' }).click();
      await teacher.page.waitForURL(/\/live\/rooms\/\d+$/);
      await expect.poll(() => teacher.page.locator('main').innerText(), { timeout: 20_000 }).toContain('В эфире');
      // a few seconds of the fake camera and microphone go to Janus, which records them
      await teacher.page.waitForTimeout(5000);
      await teacher.page.getByRole('button', { name: 'Завершить урок' }).click();
      await teacher.page.getByText('Эфир завершён.').or(teacher.page.getByText('Эфир аяқталды.')).first().waitFor();
      const recording = async () =>
        (
          await server.db.query<{ recording_state: string | null; recording_video_id: string | null; recording_failure: string | null; status: string | null }>(
            `select r.recording_state, r.recording_video_id, r.recording_failure, v.status from live_media_rooms r left join video_videos v on v.id = r.recording_video_id
          where r.lesson_id = $1 and r.record order by r.id desc limit 1`,
            [lessonId],
          )
        ).rows[0];
      await expect
        .poll(
          async () => {
            const r = await recording();
            return r?.recording_failure ?? r?.status ?? r?.recording_state;
          },
          { timeout: 120_000, interval: 1000 },
        )
        .toBe('ready');
      const videoId = Number((await recording())!.recording_video_id);
      const source = await server.db.query<{ source: string }>('select source from video_videos where id = $1', [videoId]);
      expect(source.rows[0]!.source).toBe('recording');
      const master = await teacher.page.evaluate(async (id) => (await fetch(`/api/video/videos/${id}/media/master.m3u8`)).text(), videoId);
      expect(master).toContain('audio/index.m3u8');
      expect(master).toContain('240p/index.m3u8');
      // the lesson page links the recording
      await teacher.page.goto(`/learning/lessons/${lessonId}`);
      await teacher.page.getByRole('link', { name: 'Смотреть запись урока' }).first().waitFor({ timeout: 20_000 });
      expect(teacher.pageErrors).toEqual([]);
    } finally {
      await teacher.context.close();
    }
  }, 240_000);
});

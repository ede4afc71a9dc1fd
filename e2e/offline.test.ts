import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { launchChromium, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

/**
 * A pupil without a connection (issue 8, "Offline and 2G"), with the browser's offline mode (CDP):
 * the installed app (manifest, service worker) still opens Today, the week (kept by Today, never
 * opened online) and an opened homework from what it saved, saying how old it is; work (text and a
 * file chosen offline) handed in offline waits on the phone ("waiting"), goes by itself when the connection
 * returns ("sent"), and the server holds exactly one submission.
 */
let server: TestServer;
let browser: Browser;
const previousToday = process.env.LEARNING_TODAY;
const ANSWER = 'Офлайн жауап: 1) 3/4; 2) 5/6.';
/** A tiny real PDF (the file store judges the type by its first bytes): a photo of the work, chosen offline. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

beforeAll(async () => {
  process.env.LEARNING_TODAY = '2020-12-09';
  server = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (previousToday === undefined) delete process.env.LEARNING_TODAY;
  else process.env.LEARNING_TODAY = previousToday;
});

describe('a pupil offline', () => {
  test('Today opens from the saved copy; work handed in offline waits, then goes once', async () => {
    const {
      rows: [hw],
    } = await server.db.query<{ id: string; title: string; pupil_id: string }>(
      `select h.id, h.title, a.person_id as pupil_id from homework h
         join class_members m on m.class_id = h.class_id
         join accounts a on a.person_id = m.pupil_id and a.login = $1
        where not exists (select 1 from submissions s where s.homework_id = h.id and s.pupil_id = a.person_id)
        order by h.due_at desc limit 1`,
      [DEMO_LOGINS.pupil],
    );
    expect(hw).toBeDefined();
    const { context, page, pageErrors } = await openContext(browser, server, { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    try {
      // installable: the page names its manifest, which has a name, a start and an icon
      await page.goto('/sign-in');
      const manifest = await (await page.request.get((await page.locator('link[rel="manifest"]').getAttribute('href')) ?? '')).json();
      expect(manifest).toMatchObject({ name: 'Sabaq', start_url: '/', display: 'standalone' });
      expect(manifest.icons.length).toBeGreaterThan(0);

      await page.getByLabel(/^(Логин|Login)$/).fill(DEMO_LOGINS.pupil);
      await page.getByLabel(/^(Пароль|Құпиясөз|Password)$/).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /^(Войти|Кіру|Sign in)$/ }).click();
      const today = page.getByRole('region', { name: /^Бүгін — / });
      await today.getByRole('listitem').first().waitFor();
      // the service worker is in charge of the page
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 20_000 });

      // opened online once: the homework is kept for later
      await page.goto(`/learning/homework/${hw!.id}`);
      await page.getByRole('heading', { level: 1, name: hw!.title }).waitFor();
      // Today, now under the service worker, keeps the week for offline: its diary and its page's code
      const weekKept = Promise.all([
        page.waitForResponse((r) => /\/diary\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/.test(r.url()) && r.ok(), { timeout: 30_000 }),
        page.waitForResponse((r) => /\/assets\/WeekDiaryPage-[\w-]+\.js$/.test(r.url()) && r.ok(), { timeout: 30_000 }),
      ]);
      await page.goto('/');
      await today.getByRole('listitem').first().waitFor();
      await weekKept;

      // ── no connection: Today and the homework still open, saying how old they are ──
      await context.setOffline(true);
      await page.reload();
      await today.getByRole('listitem').first().waitFor();
      await page
        .getByRole('status')
        .filter({ hasText: /^Байланыс жоқ: .* кезіндегі сақталған деректер көрсетілген\.$/ })
        .waitFor();
      // the week, never opened online, was kept by Today
      await page.goto(`/learning/pupils/${hw!.pupil_id}/week`);
      await page.getByRole('heading', { level: 1, name: 'Апта күнделігі' }).waitFor();
      await page
        .getByRole('status')
        .filter({ hasText: /^Байланыс жоқ: .* кезіндегі сақталған деректер көрсетілген\.$/ })
        .waitFor();
      await page.goto(`/learning/homework/${hw!.id}`);
      await page.getByRole('heading', { level: 1, name: hw!.title }).waitFor();

      // ── the work is handed in offline: it waits on the phone ──
      await page.getByLabel('Жауап мәтіні').fill(ANSWER);
      // a file chosen offline cannot be uploaded now: it is kept with the work
      await page.getByLabel(/^Файлдар/).setInputFiles({ name: 'dapter.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByRole('button', { name: /^Қайта жүктеу/ }).waitFor();
      await page.getByRole('button', { name: /^(Жіберу|Қайта жіберу)$/ }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /^Байланыс жоқ: жұмыс осы телефонда сақталды/ })
        .waitFor();
      const count = async () =>
        Number(
          (
            await server.db.query<{ n: string }>('select count(*) as n from submission_attempts where homework_id = $1 and pupil_id = $2', [
              hw!.id,
              hw!.pupil_id,
            ])
          ).rows[0]!.n,
        );
      expect(await count()).toBe(0);

      // ── the connection returns: it goes by itself, once ──
      await context.setOffline(false);
      await page
        .getByRole('status')
        .filter({ hasText: /^Жұмысыңыз жіберілді/ })
        .waitFor({ timeout: 20_000 });
      await expect.poll(count).toBe(1);
      const subs = await server.db.query<{ text: string | null }>(
        `select a.text from submissions s join submission_attempts a on a.id = s.current_attempt_id where s.homework_id = $1 and s.pupil_id = $2`,
        [hw!.id, hw!.pupil_id],
      );
      expect(subs.rows).toEqual([{ text: ANSWER }]);
      // with the file chosen offline, uploaded once
      const files = await server.db.query<{ name: string }>(
        `select f.name from submissions s join submission_attempts a on a.id = s.current_attempt_id
           join submission_files sf on sf.attempt_id = a.id join files f on f.id = sf.file_id
          where s.homework_id = $1 and s.pupil_id = $2`,
        [hw!.id, hw!.pupil_id],
      );
      expect(files.rows).toEqual([{ name: 'dapter.pdf' }]);
      const stored = await server.db.query<{ n: string }>(`select count(*) as n from files where name = 'dapter.pdf' and owner_id = $1`, [hw!.pupil_id]);
      expect(Number(stored.rows[0]!.n)).toBe(1);
      // the app's own requests never failed loudly; the browser logs the offline loads it could not make
      expect(pageErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { launchChromium, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

/**
 * The journal opened directly by its address (a bookmark, a refresh) lands on today's column, on a
 * phone and on a desktop, and on a desktop it uses the screen's width.
 */
let server: TestServer;
let browser: Browser;
const previousToday = process.env.LEARNING_TODAY;

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

describe('the journal opened directly', () => {
  test('lands on today after a sign-in and after a refresh, at 360 px and 1440 px', async () => {
    const ids = (
      await server.db.query<{ class_id: number; subject_id: number }>(
        `select t.class_id, t.subject_id from teaching_assignments t join accounts a on a.person_id = t.teacher_id join classes c on c.id = t.class_id
        where a.login = $1 order by c.name, t.subject_id limit 1`,
        [DEMO_LOGINS.teacher],
      )
    ).rows[0]!;
    const url = `/learning/journal?classId=${ids.class_id}&subjectId=${ids.subject_id}`;
    for (const viewport of [PHONE_VIEWPORT, { width: 1440, height: 900 }]) {
      const { page, context, pageErrors } = await openContext(browser, server, { locale: 'ru-RU', viewport });
      try {
        await page.goto(`/sign-in?redirect=${encodeURIComponent(url)}`);
        await page.getByLabel('Логин').fill(DEMO_LOGINS.teacher);
        await page.getByLabel(/^(Пароль|Құпиясөз)$/).fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: /^(Войти|Кіру)$/ }).click();
        for (const pass of ['direct', 'refresh']) {
          if (pass === 'refresh') await page.reload();
          const today = page.locator('th[aria-current="date"]');
          await today.waitFor();
          // the column is placed after the school's today arrives: give it a moment, then it must be in view
          await expect
            .poll(
              async () => {
                const [col, wrap] = await Promise.all([today.boundingBox(), page.locator('.l-grid-wrap').boundingBox()]);
                return col && wrap ? col.x >= wrap.x && col.x + col.width <= wrap.x + wrap.width + 1 : false;
              },
              { timeout: 5_000 },
            )
            .toBe(true);
        }
        if (viewport.width > 1000) {
          const main = await page.locator('main').boundingBox();
          expect(main!.width).toBeGreaterThan(1200);
        }
        expect(pageErrors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  }, 60_000);
});

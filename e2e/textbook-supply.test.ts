/**
 * Textbook supply in a real browser, in Russian: the school admin on a 360 px phone records a partial
 * delivery of the grade-5 Russian mathematics copies the Kaskelen school still awaits (the demo data
 * left half of them on the way), an over-delivery is refused with a clear message, and the district
 * officer sees the school's delivered figure change in the progress table.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { launchChromium, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

process.env.LEARNING_TODAY = '2020-12-09';

let server: TestServer;
let browser: Browser;
let school: number;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  // this journey is the Russian one
  await server.db.query("update accounts set language = 'ru' where login = $1", [DEMO_LOGINS.admin]);
  school = Number((await server.db.query<{ id: number }>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'")).rows[0]!.id);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signInRussian(page: Page, login: string) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Русский' }).click();
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^Здравствуйте/ }).waitFor();
}

const delivered = async () =>
  Number(
    (await server.db.query<{ n: number }>('select coalesce(sum(copies), 0)::int as n from supplies_textbook_deliveries where organisation_id = $1', [school]))
      .rows[0]!.n,
  );

describe('textbook supply in a real browser', () => {
  test('the school admin records a partial delivery in Russian on a phone; the district officer sees the school progress change', async () => {
    const officer = await openContext(browser, server, { locale: 'ru-RU' });
    const admin = await openContext(browser, server, { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true, locale: 'ru-RU' });
    try {
      const before = await delivered();
      const o = officer.page;
      await signInRussian(o, DEMO_LOGINS.district);
      await o.goto('/supplies/textbooks');
      await o.getByRole('heading', { level: 1, name: 'Обеспечение учебниками' }).waitFor();
      const row = o.locator(`tr[data-row="organisation-${school}"]`);
      await row.getByText(`${before} (`).waitFor();
      // the school still misses copies after the deadline: on the late list
      await o
        .getByRole('list', { name: 'Опаздывают' })
        .getByText(/Каскелен/)
        .waitFor();

      const a = admin.page;
      await signInRussian(a, DEMO_LOGINS.admin);
      await a.goto('/supplies');
      await a.getByRole('link', { name: 'Обеспечение учебниками' }).click();
      await a.getByRole('heading', { level: 1, name: 'Обеспечение учебниками' }).waitFor();
      const form = a.getByRole('region', { name: 'Приёмка учебников' });
      await form.getByLabel('Учебник').selectOption({ label: 'Математика, 5 класс — ожидается 9' });
      // more than awaited: refused, nothing written
      await form.getByLabel('Получено экземпляров').fill('10');
      await form.getByRole('button', { name: 'Записать поставку' }).click();
      await form.getByRole('alert').getByText('Указано больше экземпляров, чем ожидается').waitFor();
      expect(await delivered()).toBe(before);
      // a partial delivery: 4 of the 9 awaited
      await form.getByLabel('Получено экземпляров').fill('4');
      await form.getByRole('button', { name: 'Записать поставку' }).click();
      await form.getByRole('status').getByText('Записано').waitFor();
      await form.getByText('Математика, 5 класс: получено 13 из 18').waitFor();
      await form.getByLabel('Учебник').getByRole('option', { name: 'Математика, 5 класс — ожидается 5' }).waitFor({ state: 'attached' });
      expect(await delivered()).toBe(before + 4);
      // the phone page does not scroll sideways
      expect(await a.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);

      await o.reload();
      await row.getByText(`${before + 4} (`).waitFor();
      expect(officer.pageErrors).toEqual([]);
      expect(admin.pageErrors).toEqual([]);
    } finally {
      await officer.context.close();
      await admin.context.close();
    }
  });
});

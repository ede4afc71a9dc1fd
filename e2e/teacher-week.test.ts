import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { axeFindings, launchChromium, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

/**
 * A teacher's week across classes on a phone, and the printed papers: the teacher opens their week
 * from home, goes to a lesson, prints the journal page and exports the marks; a pupil prints the
 * week's diary and the report card. Each link answers the file (a PDF, a spreadsheet).
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

async function signIn(page: Page, login: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel(/^(Пароль|Құпиясөз|Password)$/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(Войти|Кіру|Sign in)$/ }).click();
}

/** The link's file, fetched with the page's session: status, type and the first bytes. */
async function download(page: Page, name: RegExp) {
  const href = await page.getByRole('link', { name }).getAttribute('href');
  expect(href).toBeTruthy();
  const res = await page.context().request.get(href!);
  return { status: res.status(), type: res.headers()['content-type'], head: (await res.body()).subarray(0, 5).toString('latin1') };
}

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe("a teacher's week and the printed papers", () => {
  test('the teacher sees the week across both classes at 360 px, opens a lesson, prints the journal page and exports marks', async () => {
    const { page, context, pageErrors } = await openContext(browser, server, { locale: 'ru-RU', viewport: PHONE_VIEWPORT });
    try {
      await signIn(page, DEMO_LOGINS.teacher);
      await page.getByRole('link', { name: 'Моя неделя: все мои уроки' }).click();
      await page.getByRole('heading', { level: 1, name: 'Моя неделя' }).waitFor();
      await expect.poll(() => page.locator('.l-tlesson__what').count()).toBeGreaterThan(4);
      const what = await page.locator('.l-tlesson__what').allTextContents();
      expect(what.some((w) => w.startsWith('5 А'))).toBe(true);
      expect(what.some((w) => w.startsWith('6 Б'))).toBe(true);
      expect(await page.locator('.l-daynav__label').textContent()).toMatch(/0?7\D.*13\D/);
      expect(await fitsWidth(page)).toBe(true);
      expect(await axeFindings(page)).toEqual([]);
      // the next week, then a lesson
      await page.getByRole('link', { name: /Следующая неделя/ }).click();
      await expect.poll(() => page.locator('.l-daynav__label').textContent()).toMatch(/14\D.*20\D/);
      await page.locator('.l-tlesson__what').first().click();
      await page.waitForURL(/\/learning\/lessons\/\d+/);

      await page.goto('/');
      await page.getByRole('link', { name: /Классный журнал: 5 А/ }).click();
      await page.getByRole('heading', { level: 2, name: 'Печать и выгрузка' }).waitFor();
      expect(await download(page, /^Страница журнала \(PDF\)$/)).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
      const csv = await download(page, /^Оценки \(CSV\)$/);
      expect(csv).toMatchObject({ status: 200, type: 'text/csv; charset=utf-8' });
      const xlsx = await download(page, /^Оценки \(Excel\)$/);
      expect(xlsx.status).toBe(200);
      expect(xlsx.head.slice(0, 4)).toBe('PK\u0003\u0004');
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  test("the pupil prints the week's diary and the report card", async () => {
    const { page, context, pageErrors } = await openContext(browser, server, { locale: 'kk-KZ', viewport: PHONE_VIEWPORT });
    try {
      await signIn(page, DEMO_LOGINS.pupil);
      await page.getByRole('link', { name: 'Апта күнделігі' }).first().click();
      await page.getByRole('heading', { level: 2, name: 'Басып шығару және жүктеу' }).waitFor();
      expect(await download(page, /^Апта күнделігі \(PDF\)$/)).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
      expect(await fitsWidth(page)).toBe(true);
      await page
        .getByRole('link', { name: /^Бағалар/ })
        .first()
        .click();
      await page.getByRole('link', { name: /^Үлгерім табелі \(PDF\)$/ }).waitFor();
      expect(await download(page, /^Үлгерім табелі \(PDF\)$/)).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
      expect(await axeFindings(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});

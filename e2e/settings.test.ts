/**
 * Settings screens that were API only: the ministry (English) changes the duty-class defaults and
 * reads the format settings; the city school's admin (Kazakh, 360 px) reads a window's applications
 * a page at a time and is not offered a second window while one is open.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { axeFindings, launchChromium, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

process.env.LEARNING_TODAY = '2020-09-10'; // inside the demo's duty window

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(page: Page, login: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Құпиясөз').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Кіру', exact: true }).click();
  // signed in once the app has left the sign-in page for the home page
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 30_000 });
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

describe('settings screens', () => {
  test('the ministry changes the duty defaults and reads the format settings', async () => {
    const { page, context, pageErrors } = await openContext(browser, server);
    try {
      await signIn(page, DEMO_LOGINS.ministry);
      await page.getByRole('link', { name: 'Duty class settings' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Duty class settings' }).waitFor();
      const max = page.getByLabel('Most children in a group');
      await max.fill('14');
      expect(await axeFindings(page)).toEqual([]);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('status').getByText('Settings saved.').waitFor();
      const { rows } = await server.db.query<{ group_max: number }>("select group_max from duty_settings where region_id is null and kind = 'school'");
      expect(rows.map((r) => r.group_max)).toEqual([14]);

      await page.goto('/formats/settings');
      await page.getByRole('heading', { level: 1, name: 'Format settings' }).waitFor();
      await page.getByRole('checkbox', { name: 'Regions may publish their own rules' }).waitFor();
      expect(await axeFindings(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  test("the school admin pages through a window's applications; no second window while one is open", async () => {
    const { page, context, pageErrors } = await openContext(browser, server, { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    try {
      await signIn(page, DEMO_LOGINS.admin);
      await page.getByRole('link', { name: 'Өтінім қабылдауды басқару' }).first().click();
      await page.getByText('Жаңа кезеңді ашу үшін алдымен қазіргі ашық кезеңді жабыңыз.').waitFor();
      expect(await page.getByRole('heading', { name: 'Жаңа кезең ашу' }).count()).toBe(0);
      await page.getByRole('link', { name: 'Топтар мен күту тізімі' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Кезекші топтар' }).waitFor();
      const section = page.getByRole('region', { name: 'Өтініштер' });
      await section.getByRole('status').waitFor();
      const pager = section.getByRole('navigation');
      if ((await pager.count()) > 0) {
        await pager.getByRole('button').last().click();
        await pager.getByText(/2/).first().waitFor();
      }
      await section.getByLabel('Күйі').selectOption({ label: 'Күту тізімінде' });
      await section.getByRole('status').waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await axeFindings(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  test("the rules are edited as a form, the JSON is the advanced view; titles in the reader's language", async () => {
    const { page, context, pageErrors } = await openContext(browser, server, { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    try {
      await signIn(page, DEMO_LOGINS.ministry);
      await page.goto('/formats/rules');
      await page.getByRole('heading', { level: 1, name: 'Format rules' }).waitFor({ timeout: 30_000 });
      await page.getByText('Ministry rules for the 2020-2021 school year').first().waitFor();
      const text = await page.locator('main').innerText();
      expect(text).not.toContain('SEED-FACTS');
      expect(text).not.toMatch(/\b1\. 1\./);
      await page.getByText('Small rural schools stay regular while their area is favourable').first().waitFor();
      // the form: rule 1's pupil cap
      await page.getByText('Rule 1: Small rural schools', { exact: false }).click();
      const cap = page.getByLabel('At most this many pupils').first();
      expect(await cap.inputValue()).toBe('180');
      await cap.fill('150');
      expect(await axeFindings(page)).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // the same change in the JSON
      await page.getByRole('button', { name: 'Advanced: JSON' }).click();
      expect(await page.getByLabel('Rule set (JSON)').inputValue()).toContain('"maxPupils": 150');
      await page.getByRole('button', { name: 'Check and preview the impact' }).click();
      await page.getByText(/The rule set is valid/).waitFor({ timeout: 30_000 });
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

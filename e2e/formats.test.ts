/**
 * Learning formats in a real browser, in Russian: a district officer records that their district
 * turns unfavourable, previews the impact first (nothing written), then saves; the small rural school
 * that was regular turns distance in the list, with its reason.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD, RURAL_SCHOOL } from '../server/seed/demo-facts.js';
import { launchChromium, axeFindings, openContext, startTestServer, type TestServer } from './browser.js';

// the school calendar's today, read by the formats routes when the app is built
process.env.LEARNING_TODAY = '2020-09-10';

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

const situations = async () => (await server.db.query<{ n: number }>('select count(*)::int as n from epidemic_situations')).rows[0]!.n;

describe('learning formats in a real browser', () => {
  test('a district officer previews a situation change, sees the impact by district, then saves it', async () => {
    const { context, page, pageErrors } = await openContext(browser, server);
    try {
      await page.goto('/sign-in');
      await page.getByRole('button', { name: 'Русский' }).click();
      await page.getByLabel('Логин').fill(DEMO_LOGINS.district);
      await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Войти', exact: true }).click();
      await page.getByRole('region', { name: 'Форматы обучения и дежурные классы' }).getByRole('link', { name: 'Эпидемиологическая обстановка' }).click();
      await page.getByRole('heading', { level: 1, name: 'Форматы обучения' }).waitFor();
      expect(await axeFindings(page)).toEqual([]); // accessibility (axe-core, WCAG 2.1 A/AA)

      const district = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^Карасайский район/ }) });
      await district.getByText('благоприятная', { exact: true }).waitFor();
      await district.getByRole('button', { name: 'Указать обстановку' }).click();
      await district.getByRole('radio', { name: 'неблагоприятная' }).check();
      await district.getByLabel('Действует с').fill('2020-09-07');
      await district.getByLabel('Постановление или основание').fill('Постановление главного санитарного врача Карасайского района №7 от 06.09.2020');
      const before = await situations();
      await district.getByRole('button', { name: 'Показать последствия' }).click();

      // the impact: the small rural school (regular while favourable) and its 11 classes change
      const impact = district.getByRole('region', { name: /^Последствия \(с 7 сентября 2020/ });
      await impact.waitFor();
      const totals = Object.fromEntries(
        await impact
          .locator('.fd-impact__totals > div')
          .evaluateAll((ds) => ds.map((d) => [d.querySelector('dt')?.textContent, d.querySelector('dd')?.textContent])),
      );
      expect(totals).toEqual({ Организации: '1', Классы: String(RURAL_SCHOOL.classes.length), Учащиеся: String(RURAL_SCHOOL.pupils) });
      await impact.getByRole('row', { name: /^Карасайский район/ }).waitFor();
      await impact.getByRole('link', { name: RURAL_SCHOOL.names.ru }).waitFor();
      expect(await situations()).toBe(before); // a preview writes nothing

      await district.getByRole('button', { name: 'Сохранить и пересчитать' }).click();
      await district.getByText('Обстановка сохранена.', { exact: false }).waitFor();
      await district.getByText('неблагоприятная', { exact: true }).waitFor();
      expect(await situations()).toBe(before + 1);

      // the school's decision now reads distance, with the reason in Russian
      const school = page
        .getByRole('listitem')
        .filter({ has: page.getByRole('link', { name: RURAL_SCHOOL.names.ru, exact: true }) })
        .last();
      await school.getByText('Дистанционное обучение', { exact: true }).waitFor();
      expect(await axeFindings(page)).toEqual([]); // accessibility (axe-core, WCAG 2.1 A/AA)
      await school.getByText('район: неблагоприятная с 07.09.2020', { exact: false }).waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});

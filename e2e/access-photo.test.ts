/**
 * Decision 0030 in a real browser, in Kazakh on 360 px phones: the health officer approves a medical
 * exemption from the web (the student with no data turns admitted); the student sets a gate photo;
 * the guard's phone syncs while online, then offline admits the pass and shows the holder's photo
 * from its cache; a temperature over the threshold refuses entry and the officer sees it.
 */
import QRCode from 'qrcode';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { axeFindings, launchChromium, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

let server: TestServer;
let browser: Browser;
let student: { id: number; name: string };

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  const one = async <T>(sql: string, params: unknown[] = []) => (await server.db.query<{ v: T }>(sql, params)).rows[0]!.v;
  const id = Number(await one<string>("select person_id as v from accounts where login = 'demo.student'"));
  student = { id, name: await one<string>("select last_name || ' ' || first_name as v from persons where id = $1", [id]) };
  await server.db.query('delete from access_health_records where person_id = $1', [id]);
  await server.db.query("update accounts set language = 'kk' where login in ('demo.student', 'demo.health', 'demo.guard')");
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signInKazakh(page: Page, login: string) {
  await page.goto('/sign-in', { timeout: 30_000 });
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Құпиясөз').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Кіру', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^Сәлеметсіз бе/ }).waitFor();
}

const phone = { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true, locale: 'kk-KZ' };

describe('gate photo, exemption and temperature in a real browser', () => {
  test('an exemption from the web admits the student; the guard, offline, sees the cached photo; a fever refuses', async () => {
    const s = await openContext(browser, server, phone);
    const h = await openContext(browser, server, phone);
    const g = await openContext(browser, server, phone);
    try {
      const sp = s.page;
      await signInKazakh(sp, 'demo.student');
      await sp.getByRole('link', { name: 'Менің рұқсатнамамды ашу' }).click();
      await sp.getByRole('heading', { level: 1, name: 'Менің рұқсатнамам' }).waitFor();
      await sp.getByRole('status').getByText('Дерек жоқ', { exact: true }).waitFor();

      // the health officer approves an exemption for the student from the web
      const hp = h.page;
      await signInKazakh(hp, 'demo.health');
      await hp.getByRole('link', { name: 'Денсаулық және кіру' }).click();
      await hp.getByRole('heading', { level: 1, name: 'Денсаулық және кіру' }).waitFor();
      await hp.getByLabel('Адам', { exact: true }).selectOption({ label: student.name });
      await hp.getByLabel('Босатудың негізі').fill('Қарсы көрсетілім');
      const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      await hp.getByLabel('Аяқталуы', { exact: true }).fill(until);
      await hp.getByRole('button', { name: 'Бекіту', exact: true }).click();
      await hp.getByText('Бекітілді', { exact: true }).waitFor();
      await hp.locator('.access-people li', { hasText: student.name }).getByText('Кіруге рұқсат', { exact: true }).first().waitFor();
      expect(await axeFindings(hp)).toEqual([]);

      // the student sets a gate photo (any picture will do here) and gets a fresh pass that names it
      const stored = () => sp.evaluate((id) => JSON.parse(localStorage.getItem(`sabaq.access.pass.${id}`) ?? 'null')?.pass as string | undefined, student.id);
      await sp.getByRole('button', { name: 'Жаңарту', exact: true }).click();
      await sp.getByRole('status').getByText('Кіруге рұқсат', { exact: true }).waitFor();
      await expect.poll(stored, { timeout: 20_000 }).toMatch(/^SBQ1:/);
      const before = await stored();
      const picture = await QRCode.toBuffer('a face', { type: 'png', width: 400 });
      await sp.getByLabel('Суретті таңдау (бет-әлпет, алдынан)').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: picture });
      await sp.getByText('Сурет сақталды. Келесі рұқсатнама оны көрсетеді.').waitFor();
      await sp.getByRole('img', { name: `${student.name} суреті` }).waitFor();
      await sp.getByRole('button', { name: 'Жаңарту', exact: true }).click();
      await expect.poll(stored, { timeout: 20_000 }).not.toBe(before);
      const pass = (await stored())!;
      expect(await axeFindings(sp)).toEqual([]);

      // the guard syncs online (keys and photos), then checks offline
      const gp = g.page;
      await signInKazakh(gp, 'demo.guard');
      await gp.getByRole('link', { name: 'Кіреберісті тексеруді ашу' }).click();
      await gp.getByText('Телефондағы суреттер: 1').waitFor({ timeout: 30_000 });
      await gp.getByLabel('Кіреберіс').selectOption({ index: 0 });
      await g.context.setOffline(true);
      const paste = async (text: string) => {
        await gp.getByLabel('Рұқсатнама коды (SBQ1:…)').fill(text);
        await gp.getByRole('button', { name: 'Тексеру', exact: true }).click();
      };
      const result = gp.getByTestId('gate-result');
      await paste(pass);
      await result.getByText('КІРУГЕ БОЛАДЫ').waitFor();
      await result.getByTestId('gate-photo').waitFor();
      await result.getByText('Бетін суретпен салыстырыңыз.').waitFor();
      expect(await axeFindings(gp)).toEqual([]);
      // leaving, then back in with a fever
      await gp.getByRole('radio', { name: 'Шығу' }).check();
      await paste(pass);
      await gp.getByRole('radio', { name: 'Кіру' }).check();
      // a slip of the finger (385) is said and nothing is checked (no result, no scan), the code stays for the second try
      await gp.getByLabel('Дене қызуы, °C (өлшенсе)').fill('385');
      await paste(pass);
      await gp.getByRole('alert').getByText('Дене қызуын 30-дан 45 °C-қа дейін жазыңыз (мысалы, 36,6), сосын қайта тексеріңіз: тексеру жасалмады.').waitFor();
      expect(await result.count()).toBe(0);
      // a decimal comma, as phones in Kazakh and Russian type it, is a temperature too
      await gp.getByLabel('Дене қызуы, °C (өлшенсе)').fill('38,2');
      await gp.getByRole('button', { name: 'Тексеру', exact: true }).click();
      await result.getByText('КІРУГЕ БОЛМАЙДЫ', { exact: true }).waitFor();
      await result.getByText(/Дене қызуы шектен жоғары/).waitFor();
      await g.context.setOffline(false);
      await gp.getByRole('button', { name: 'Қазір жаңарту' }).click();
      await gp.getByText('Барлық тексерулер жүктелді').waitFor();

      // the health officer sees the fever refusal (and was notified)
      await hp.reload();
      await hp.getByRole('heading', { name: 'Кіреберістегі қызу' }).waitFor();
      await hp.getByText(/38\.2 °C/).waitFor();
      const { rows } = await server.db.query<{ n: number }>("select count(*)::int as n from notifications where kind = 'access.fever_at_gate'");
      expect(rows[0]!.n).toBeGreaterThan(0);
      expect(s.pageErrors).toEqual([]);
      expect(h.pageErrors).toEqual([]);
      expect(g.pageErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
    } finally {
      await s.context.close();
      await h.context.close();
      await g.context.close();
    }
  }, 240_000);
});

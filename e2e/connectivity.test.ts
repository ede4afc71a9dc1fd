/**
 * The connectivity register in a real browser: a district officer in Kazakh on a 360 px phone marks
 * the village of Zhandosov as receiving neither Al-Farabi nor El-Arna, with a reason; the history
 * shows it, and the village appears among the settlements without reception with its 142 pupils.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD, RURAL_SCHOOL } from '../server/seed/demo-facts.js';
import { axeFindings, launchChromium, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

process.env.LEARNING_TODAY = '2020-12-09';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  // the officer reads Kazakh (the demo account's own language is Russian)
  await server.db.query("update accounts set language = 'kk' where login = $1", [DEMO_LOGINS.district]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('connectivity register in a real browser', () => {
  test('a district officer marks a village as without TV reception with a reason; it is listed with its pupils', async () => {
    const { page: p, context, pageErrors } = await openContext(browser, server, { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    try {
      await p.goto('/sign-in');
      await p.getByLabel('Логин').fill(DEMO_LOGINS.district);
      await p.getByLabel('Құпиясөз').fill(DEMO_PASSWORD);
      await p.getByRole('button', { name: 'Кіру', exact: true }).click();
      await p.getByRole('heading', { level: 1, name: /^Сәлеметсіз бе/ }).waitFor();
      await p.getByRole('region', { name: 'Байланыс тізілімі' }).getByRole('link', { name: 'Ашу' }).click();
      await p.getByRole('heading', { level: 1, name: 'Байланыс тізілімі' }).waitFor();

      const without = p.getByRole('region', { name: 'Телеарна қабылданбайтын елді мекендер', exact: true });
      await without.getByRole('heading', { name: 'Кемертоған ауылы' }).waitFor();
      expect(await without.getByRole('heading', { name: 'Жандосов ауылы' }).count()).toBe(0);

      await p.getByRole('region', { name: 'Құрылғысыз, интернетсіз, теледидарсыз оқушылар мектептер бойынша' }).getByRole('table').waitFor();
      // exact: the other section's name, «Телеарна қабылданбайтын елді мекендер», contains this one
      const register = p.getByRole('region', { name: 'Елді мекендер', exact: true });
      await register.getByRole('button', { name: 'Өзгерту Жандосов ауылы' }).click();
      await register.getByLabel('Al-Farabi арнасы қабылданады').waitFor();
      expect(await axeFindings(p)).toEqual([]);
      await register.getByLabel('Al-Farabi арнасы қабылданады').uncheck();
      await register.getByLabel('El-Arna арнасы қабылданады').uncheck();
      await register.getByLabel('Өзгерту себебі').fill('Ретранслятор істен шықты, аудан әкімдігінің тексеруі');
      // a speed that is not one: said in Kazakh beside the field (not the browser's own bubble), nothing sent
      const speed = register.getByLabel('Өлшенген жылдамдық, Мбит/с');
      const measured = await speed.inputValue();
      for (const wrong of ['-5', 'жылдам']) {
        await speed.fill(wrong);
        await register.getByRole('button', { name: 'Сақтау' }).click();
        await register.getByRole('alert').getByText('Жылдамдықты санмен жазыңыз: ең азы 0, ең көбі 100000 (мысалы, 2,5)').waitFor();
      }
      expect(
        (await server.db.query("select 1 from connectivity_changes c join settlements s on s.id = c.settlement_id where s.name_en = 'Zhandosov village'"))
          .rowCount,
      ).toBe(0);
      await speed.fill(measured);
      await register.getByRole('button', { name: 'Сақтау' }).click();
      await register.getByRole('status').getByText('Сақталды').waitFor();
      await register.getByText('Ретранслятор істен шықты, аудан әкімдігінің тексеруі').waitFor();
      await register.getByText('Телеарна Al-Farabi: қабылданады → қабылданбайды').waitFor();

      const { rows } = await server.db.query<{ tv: boolean; changes: number }>(
        `select s.tv_reception as tv, (select count(*)::int from connectivity_changes c where c.settlement_id = s.id) as changes
           from settlements s where s.name_en = 'Zhandosov village'`,
      );
      expect(rows[0]).toEqual({ tv: false, changes: 1 });

      const village = without.getByRole('listitem').filter({ has: p.getByRole('heading', { name: 'Жандосов ауылы' }) });
      await village.getByText(`${RURAL_SCHOOL.pupils} оқушы`).waitFor();
      await village.getByText('Қабылданбайды: Al-Farabi, El-Arna').waitFor();

      // the register's filter: only the settlements without TV reception
      await register.getByLabel('Көрсету').selectOption({ label: 'Теледидар қабылданбайды' });
      await register.getByRole('heading', { name: 'Кемертоған ауылы' }).waitFor();
      await expect
        .poll(async () => (await register.getByRole('heading', { level: 3 }).allTextContents()).sort(), { timeout: 10_000 })
        .toEqual(['Жандосов ауылы', 'Кемертоған ауылы']);

      // nothing wider than the phone
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

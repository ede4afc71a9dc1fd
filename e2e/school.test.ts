import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { CITY_SCHOOL, DEMO_LOGINS, DEMO_PASSWORD, DEMO_STAFF } from '../server/seed/demo-facts.js';
import { launchChromium, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

/**
 * Classes and people from the web app, in Kazakh, on a 360 px phone: the school admin creates a
 * class (a second one of the same name is refused with a sentence in Kazakh), opens it, finds a
 * newly enrolled pupil who is in no class, adds her, and the class list can be printed.
 */
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

describe('classes and people in a real browser, in Kazakh, at 360 px', () => {
  test('an admin creates a class, is told a duplicate name is taken, and adds a pupil', async () => {
    const org = (
      await server.db.query<{ id: number }>(
        `select organisation_id as id from role_assignments r join accounts a on a.person_id = r.person_id
      where a.login = $1 and r.role = 'org_admin'`,
        [DEMO_LOGINS.admin],
      )
    ).rows[0]!.id;
    const pupil = (
      await server.db.query<{ id: number }>(`insert into persons (iin, last_name, first_name, birth_date, sex)
      values ('100304600777', 'Жаңабаева', 'Әйгерім', '2010-03-04', 'f') returning id`)
    ).rows[0]!.id;
    await server.db.query(`insert into role_assignments (person_id, role, organisation_id) values ($1, 'pupil', $2)`, [pupil, org]);

    const {
      page: a,
      pageErrors: errors,
      context,
    } = await openContext(browser, server, { locale: 'kk-KZ', viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    try {
      await a.goto('/sign-in');
      await a.getByLabel('Логин').fill(DEMO_LOGINS.admin);
      await a.getByLabel('Құпиясөз').fill(DEMO_PASSWORD);
      await a.getByRole('button', { name: 'Кіру', exact: true }).click();
      await a.getByRole('heading', { level: 1, name: `Сәлеметсіз бе, ${DEMO_STAFF.admin.firstName}!` }).waitFor();
      await a.getByRole('region', { name: 'Сыныптар мен адамдар' }).getByRole('link', { name: /Ашу$/ }).click();
      await a.getByRole('heading', { level: 1, name: 'Сыныптар мен адамдар' }).waitFor();

      const form = a.getByRole('form', { name: 'Жаңа сынып немесе топ' });
      await form.getByLabel('Атауы').fill('7 Ғ');
      await form.getByLabel('Сынып (0–12)').selectOption('7');
      await form.getByRole('button', { name: 'Сақтау' }).click();
      await form.getByRole('status').filter({ hasText: '«7 Ғ» құрылды.' }).waitFor();
      await form.getByLabel('Атауы').fill(CITY_SCHOOL.pupilClass);
      await form.getByRole('button', { name: 'Сақтау' }).click();
      await form.getByRole('alert').filter({ hasText: 'Бұл оқу жылында осындай атаулы сынып немесе топ бар.' }).waitFor();

      await a.getByRole('link', { name: '7 Ғ', exact: true }).click();
      await a.getByRole('heading', { level: 1, name: /^7 Ғ/ }).waitFor();
      await a.getByText('Сыныпта оқушы жоқ.').waitFor();
      await a.getByLabel('Сыныпсыз оқушыны іздеу (аты немесе ЖСН)').fill('Әйгерім');
      await a.getByRole('button', { name: 'Іздеу' }).click();
      await a.getByRole('button', { name: 'Қосу' }).click();
      await a.getByRole('status').filter({ hasText: 'Қосылды.' }).waitFor();
      await a.locator('.sc-name', { hasText: 'Жаңабаева Әйгерім' }).first().waitFor();
      expect(await a.getByRole('link', { name: 'Сынып тізімін басып шығару (PDF)' }).getAttribute('href')).toMatch(/\/list\.pdf\?lang=kk$/);
      // nothing wider than the phone
      expect(await a.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
      const members = await server.db.query(`select 1 from class_members m join classes c on c.id = m.class_id where c.name = '7 Ғ' and m.pupil_id = $1`, [
        pupil,
      ]);
      expect(members.rowCount).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

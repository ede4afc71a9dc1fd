/**
 * People's rights and school changes in a real browser, in Kazakh (the demo accounts' language):
 * - a pupil transfer: another school of the district asks for demo.pupil by IIN, the city school's
 *   admin approves on a phone, the family is notified, the pupil is in the new class and the marks
 *   the city school wrote stay with it;
 * - a parent reads and downloads everything held, asks for their daughter's data to be erased, the
 *   admin decides under the retention rule, the parent reads the outcome.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_FAMILY, DEMO_LOGINS, DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { hashPassword } from '../server/modules/identity/passwords.js';
import { validIin } from '../server/modules/onboarding/onboarding.fixtures.js';
import { launchChromium, openContext, PHONE_VIEWPORT, startTestServer, type TestServer, settled } from './browser.js';

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

async function signIn(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Құпиясөз').fill(password);
  await page.getByRole('button', { name: 'Кіру', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^Сәлеметсіз бе/ }).waitFor();
  await settled(page);
}

const one = async <T>(sql: string, params: unknown[] = []) => Object.values((await server.db.query(sql, params)).rows[0]!)[0] as T;

describe('trust journeys in a real browser', () => {
  test('a transfer: requested by IIN, approved by the current school on a phone, the family told, marks stay with the old school', async () => {
    const pupil = await one<number>("select person_id from accounts where login = 'demo.pupil'");
    const pupilIin = await one<string>('select iin from persons where id = $1', [pupil]);
    const city = await one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
    const oldClass = await one<number>(
      `select m.class_id from class_members m join classes c on c.id = m.class_id and c.kind = 'class'
      join academic_years y on y.id = c.academic_year_id and y.is_current where m.pupil_id = $1`,
      [pupil],
    );
    const rural = await one<number>(
      `select o.id from organisations o join organisations c on c.id = $1 and c.district_id = o.district_id
      where o.id <> c.id and o.kind = 'school' order by o.id limit 1`,
      [city],
    );
    const newClass = await one<{ id: number; name: string }>(
      `select json_build_object('id', c.id, 'name', c.name) from classes c
      join academic_years y on y.id = c.academic_year_id and y.is_current where c.organisation_id = $1 and c.kind = 'class' order by c.grade desc, c.name limit 1`,
      [rural],
    );
    const marksBefore = await one<number>('select count(*)::int from marks where pupil_id = $1', [pupil]);
    expect(marksBefore).toBeGreaterThan(0);
    // the rural school's admin
    const iin = validIin('1978-03-03', 'f', 9700);
    const adminId = await one<number>(
      `insert into persons (iin, last_name, first_name, birth_date, sex) values ($1, 'Ауылова', 'Сәуле', '1978-03-03', 'f') returning id`,
      [iin],
    );
    await server.db.query('insert into accounts (person_id, password_hash) values ($1, $2)', [adminId, await hashPassword('rural-admin-pass')]);
    await server.db.query(`insert into role_assignments (person_id, role, organisation_id) values ($1, 'org_admin', $2)`, [adminId, rural]);

    const receiving = await openContext(browser, server);
    const current = await openContext(browser, server, { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    const family = await openContext(browser, server, { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    try {
      // ── the receiving school asks ──
      const r = receiving.page;
      await signIn(r, iin, 'rural-admin-pass');
      await r.getByRole('link', { name: /^Басқа мектептен оқушы ауыстыру/ }).click();
      await r.getByRole('heading', { level: 1, name: 'Оқушыны ауыстыру' }).waitFor();
      await r.getByLabel('Оқушының ЖСН-і (12 сан)').fill(pupilIin);
      await r.getByLabel('Қай сыныпқа').selectOption(String(newClass.id));
      await r.getByRole('button', { name: 'Ауыстыруды сұрау' }).click();
      await r.getByText('Өтініш жіберілді').waitFor();
      // before the answer, the receiving school does not learn who or where
      const mine = r.getByRole('region', { name: 'Біз сұраған оқушылар' });
      await mine.getByText('Жауап күтуде').waitFor();
      expect(await mine.getByText(DEMO_FAMILY.pupil.lastName).count()).toBe(0);

      // ── the current school approves, on a phone ──
      const c = current.page;
      await signIn(c, DEMO_LOGINS.admin);
      await c.getByRole('link', { name: /^Басқа мектептен оқушы ауыстыру/ }).click();
      const asked = c.getByRole('region', { name: 'Біздің оқушыларды сұрайды' });
      await asked.getByText(`${DEMO_FAMILY.pupil.lastName} ${DEMO_FAMILY.pupil.firstName}`).waitFor();
      await asked.getByRole('button', { name: 'Мақұлдау' }).click();
      await asked.getByText('Мақұлданды').first().waitFor();
      expect(await c.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      // ── the family is told ──
      const f = family.page;
      await signIn(f, DEMO_LOGINS.parent);
      await f.goto('/notifications');
      await f
        .getByText(/басқа мектепке ауыстырылды/)
        .first()
        .waitFor();

      // ── the receiving school now sees who came ──
      await r.reload();
      await r.getByRole('region', { name: 'Біз сұраған оқушылар' }).getByText(`${DEMO_FAMILY.pupil.lastName} ${DEMO_FAMILY.pupil.firstName}`).waitFor();

      // the pupil is in the new class only; the old school's marks are all still there, on its lessons
      const classes = (await server.db.query<{ class_id: string }>('select class_id from class_members where pupil_id = $1', [pupil])).rows.map((x) =>
        Number(x.class_id),
      );
      expect(classes).toContain(newClass.id);
      expect(classes).not.toContain(oldClass);
      expect(await one<number>('select count(*)::int from marks where pupil_id = $1', [pupil])).toBe(marksBefore);
      expect(
        await one<number>(
          `select count(*)::int from marks k join lessons l on l.id = k.lesson_id join classes c on c.id = l.class_id
        where k.pupil_id = $1 and c.organisation_id = $2`,
          [pupil, city],
        ),
      ).toBe(marksBefore);
      for (const ctx of [receiving, current, family]) expect(ctx.pageErrors).toEqual([]);
    } finally {
      await receiving.context.close();
      await current.context.close();
      await family.context.close();
    }
  }, 90_000);

  test("a parent reads and downloads their data, asks for the daughter's erasure; the admin approves; the parent reads the outcome", async () => {
    const parent = await openContext(browser, server, { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true, acceptDownloads: true });
    const admin = await openContext(browser, server);
    const daughter = `${DEMO_FAMILY.sibling.lastName} ${DEMO_FAMILY.sibling.firstName} ${DEMO_FAMILY.sibling.middleName}`;
    try {
      const p = parent.page;
      await signIn(p, DEMO_LOGINS.parent);
      await p.getByRole('link', { name: 'Менің деректерім, келісімдер, құпиясөз' }).click();
      await p.getByRole('heading', { level: 1, name: 'Менің аккаунтым және деректерім' }).waitFor();
      await p.getByRole('heading', { level: 3, name: new RegExp(`^Бала: ${daughter}`) }).waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      // the JSON file
      const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name: 'Барлығын JSON файлы ретінде жүктеу' }).click()]);
      const file = JSON.parse(await readFile((await download.path())!, 'utf8'));
      expect(file.format).toBe('sabaq.personal-data.v1');
      expect(file.people.map((x: { relation: string }) => x.relation).sort()).toEqual(['child', 'child', 'self']);
      // the erasure request
      const erasure = p.getByRole('region', { name: 'Деректерді өшіру' });
      await erasure.getByLabel('Кімнің деректері').selectOption({ label: daughter });
      await erasure.getByLabel('Себебі (міндетті емес)').fill('Басқа елге көштік');
      await erasure.getByRole('button', { name: 'Өшіруді сұрау' }).click();
      await erasure.getByText('Өтініш жіберілді').waitFor();
      await erasure.getByText('Шешім күтуде').waitFor();

      // ── the admin decides, with the retention rule on the page ──
      const a = admin.page;
      await signIn(a, DEMO_LOGINS.admin);
      await a.getByRole('link', { name: /^Деректерді өшіру өтініштері/ }).click();
      await a.getByRole('heading', { level: 1, name: 'Деректерді өшіру өтініштері' }).waitFor();
      await a.getByText(/Сақтау ережесі: мектеп құжаттары/).waitFor();
      await a.getByText('Басқа елге көштік').waitFor();
      await a.getByLabel(/Шешім туралы жазба/).fill('Заң бойынша мектеп құжаттары сақталады, қалғаны өшірілді.');
      await a.getByRole('button', { name: 'Мақұлдау және өшіру' }).click();
      await a.getByText('Орындалды').first().waitFor();

      // ── the parent reads the outcome ──
      await p.reload();
      const outcome = p.getByRole('region', { name: 'Деректерді өшіру' });
      await outcome.getByText('Орындалды').waitFor();
      await outcome.getByText(/Заң бойынша мектеп құжаттары сақталады/).waitFor();
      await outcome
        .getByText(/сақталды/)
        .first()
        .waitFor();
      for (const ctx of [parent, admin]) expect(ctx.pageErrors).toEqual([]);
    } finally {
      await parent.context.close();
      await admin.context.close();
    }
  }, 90_000);
});

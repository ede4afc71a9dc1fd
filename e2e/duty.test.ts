/**
 * Duty classes in a real browser, in Kazakh: a parent on a 360 px phone applies for their grade-2
 * daughter, the school admin forms the groups, the parent sees the group, room, shift and days (and
 * is notified). The demo's window at the city school is open from 20.08.2020 to 25.05.2021; the
 * school calendar is pinned inside it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_FAMILY, DEMO_LOGINS, DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { launchChromium, axeFindings, openContext, PHONE_VIEWPORT, startTestServer, type TestServer, settled } from './browser.js';

// the school calendar's today, read by the duty routes when the app is built
process.env.LEARNING_TODAY = '2020-09-10';

const fullName = (p: { lastName: string; firstName: string; middleName: string }) => `${p.lastName} ${p.firstName} ${p.middleName}`;
const daughter = DEMO_FAMILY.sibling; // 2 Ә, the grade the window serves
const KK_DAYS: Record<string, string> = { mon: 'дүйсенбі', tue: 'сейсенбі', wed: 'сәрсенбі', thu: 'бейсенбі', fri: 'жұма', sat: 'сенбі', sun: 'жексенбі' };

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

async function signInKazakh(page: Page, login: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Құпиясөз').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Кіру', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^Сәлеметсіз бе/ }).waitFor();
  await settled(page);
}

/** The daughter's group as the database holds it once the admin has formed the groups. */
async function daughterGroup() {
  const { rows } = await server.db.query<{ status: string; label: string | null; shift: number | null; days: string | null; room: string | null }>(
    `select a.status, g.label, g.shift, g.days, r.name as room
       from duty_applications a join persons p on p.id = a.child_id
       left join duty_groups g on g.id = a.group_id left join rooms r on r.id = g.room_id
      where p.last_name = $1 and p.first_name = $2 and a.status <> 'withdrawn'`,
    [daughter.lastName, daughter.firstName],
  );
  return rows;
}

describe('duty classes in a real browser', () => {
  test('a parent applies in Kazakh on a phone, the admin forms the groups, the parent sees the group and shift', async () => {
    const parent = await openContext(browser, server, { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    const admin = await openContext(browser, server);
    try {
      // ── the parent applies ──
      const p = parent.page;
      await signInKazakh(p, DEMO_LOGINS.parent);
      await p.getByRole('region', { name: 'Кезекші сыныптар' }).getByRole('link', { name: 'Кезекші сыныптар туралы толығырақ' }).click();
      await p.getByRole('heading', { level: 1, name: 'Кезекші сыныптар' }).waitFor();
      expect(await axeFindings(p)).toEqual([]); // accessibility (axe-core, WCAG 2.1 A/AA)
      const card = p.getByRole('region', { name: fullName(daughter) });
      await card.getByText('Өтініштер 2020 ж. 20 тамыз – 2021 ж. 25 мамыр аралығында қабылданады.').waitFor();
      // the son (grade 5) is not offered the form
      await p
        .getByRole('region', { name: fullName(DEMO_FAMILY.pupil) })
        .getByText('Кезекші сыныптар тек 1–4 сыныптарға арналған.')
        .waitFor();

      // no reason chosen: said in words, nothing sent
      await card.getByRole('button', { name: 'Өтінішті жіберу' }).click();
      await card.getByRole('alert').getByText('Кемінде бір себепті таңдаңыз.').waitFor();
      expect(await daughterGroup()).toEqual([]);

      await card.getByRole('checkbox', { name: 'Ата-анасының екеуі де жұмыс істейді' }).check();
      await card.getByRole('checkbox', { name: 'Үйде компьютер немесе планшет жоқ' }).check();
      await card.getByRole('radio', { name: '2-ауысым' }).check();
      await card.getByLabel('Қосымша ақпарат (міндетті емес)').fill('Екеуміз де таңертеңнен кешке дейін жұмыстамыз');
      await card.getByRole('button', { name: 'Өтінішті жіберу' }).click();
      await card.getByRole('status').getByText('Өтініш қабылданды.', { exact: false }).waitFor();
      await card.getByText('Қабылданды, топ әлі құрылмаған').waitFor();
      expect(await card.getByRole('button', { name: 'Өтінішті жіберу' }).count()).toBe(0);
      expect(await daughterGroup()).toEqual([{ status: 'submitted', label: null, shift: null, days: null, room: null }]);
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      // ── the admin forms the groups ──
      const a = admin.page;
      await signInKazakh(a, DEMO_LOGINS.admin);
      await a.getByRole('region', { name: 'Кезекші сыныптар' }).getByRole('link', { name: 'Топтар мен күту тізімі' }).click();
      await a.getByRole('heading', { level: 1, name: 'Кезекші топтар' }).waitFor();
      expect(await axeFindings(a)).toEqual([]); // accessibility (axe-core, WCAG 2.1 A/AA)
      await a.getByText(/Топқа әлі бөлінбеген жаңа өтініштер: \d+\./).waitFor();
      await a.getByRole('button', { name: 'Топтарды құру' }).click();
      await a.getByText(/^Топтар: \d+ .*Күтуде: \d+\.$/).waitFor();
      const [placed] = await daughterGroup();
      expect(placed).toMatchObject({ status: 'placed', label: expect.any(String), shift: expect.any(Number) });
      // the admin's list shows her in that group
      const group = a.getByRole('region', { name: new RegExp(`^${placed!.label!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} тобы`) });
      await group.getByRole('list').getByText(`${daughter.lastName} ${daughter.firstName[0]}. ${daughter.middleName[0]}.`).waitFor();

      // ── the parent sees the group, room, shift and days ──
      await p.reload();
      await card.getByText('Топқа алынды').waitFor();
      const facts = Object.fromEntries(
        await card.locator('.duty-application dt').evaluateAll((dts) => dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent])),
      );
      expect(facts).toMatchObject({
        Топ: placed!.label,
        Кабинет: placed!.room,
        Ауысым: `${placed!.shift}-ауысым`,
        Күндері: placed!
          .days!.split('-')
          .map((d) => KK_DAYS[d])
          .join(', '),
      });
      // and was told so in the app
      await p.getByRole('link', { name: /^Хабарламалар \d+ оқылмаған$/ }).click();
      await p.getByRole('heading', { level: 1, name: 'Хабарламалар' }).waitFor();
      await p.getByText(`${daughter.firstName} кезекші топқа алынды`, { exact: false }).first().waitFor();

      expect(parent.pageErrors).toEqual([]);
      expect(admin.pageErrors).toEqual([]);
    } finally {
      await parent.context.close();
      await admin.context.close();
    }
  }, 60_000);
});

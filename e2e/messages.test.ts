/**
 * Messages in a real browser, on 360 px phones: a parent (Kazakh) writes to her son's maths teacher,
 * the teacher (Russian) sees it unread and answers, the parent is notified and reads the answer.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_FAMILY, DEMO_LOGINS, DEMO_PASSWORD, DEMO_STAFF } from '../server/seed/demo-facts.js';
import { axeFindings, launchChromium, openContext, PHONE_VIEWPORT, startTestServer, type TestServer, settled } from './browser.js';

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

async function signIn(page: Page, login: string, greeting: RegExp) {
  await page.goto('/sign-in');
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Құпиясөз').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Кіру', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: greeting }).waitFor();
  await settled(page);
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const pupil = DEMO_FAMILY.pupil;
const teacherName = `${DEMO_STAFF.teacher.lastName} ${DEMO_STAFF.teacher.firstName}`;
const SUBJECT = 'Үй тапсырмасы туралы';
const QUESTION = 'Сәлеметсіз бе! №512 есеп түсініксіз болды.';
const ANSWER = 'Здравствуйте! Разберём задачу завтра на уроке.';

describe('messages between a parent and a teacher', () => {
  test('the parent writes in Kazakh, the teacher answers in Russian, the parent reads the answer', async () => {
    const parent = await openContext(browser, server, { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    const teacher = await openContext(browser, server, { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    try {
      // ── the parent writes ──
      const p = parent.page;
      await signIn(p, DEMO_LOGINS.parent, /^Сәлеметсіз бе/);
      const home = p.getByRole('region', { name: 'Хаттар мен хабарландырулар' });
      await home.getByText('Барлық хат оқылған.').waitFor();
      await home.getByRole('link', { name: 'Хаттарды ашу' }).click();
      await p.getByRole('heading', { level: 1, name: 'Хаттар' }).waitFor();
      await p.getByText('Әзірге хат жоқ.').waitFor();
      await p.getByRole('link', { name: 'Жаңа хат' }).click();
      await p.getByRole('heading', { level: 1, name: 'Жаңа хат' }).waitFor();
      await p.getByLabel('Қай бала туралы').selectOption({ label: `${pupil.lastName} ${pupil.firstName} ${pupil.middleName} (5 А)` });
      await p.getByLabel('Кімге').selectOption({ label: `${teacherName} — пән мұғалімі` });
      await p.getByLabel('Тақырыбы').fill(SUBJECT);
      await p.getByLabel('Хат', { exact: true }).fill(QUESTION);
      expect(await overflow(p)).toBeLessThanOrEqual(0);
      expect(await axeFindings(p)).toEqual([]);
      await p.getByRole('button', { name: 'Жіберу' }).click();
      await p.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
      await p.getByText(QUESTION).waitFor();

      // ── the teacher sees it unread and answers ──
      const tp = teacher.page;
      await signIn(tp, DEMO_LOGINS.teacher, /^Здравствуйте/);
      const section = tp.getByRole('region', { name: 'Сообщения и объявления' });
      await section.getByText('1 непрочитанное сообщение').waitFor();
      await section.getByRole('link', { name: 'Открыть сообщения' }).click();
      await tp.getByRole('heading', { level: 1, name: 'Сообщения' }).waitFor();
      const item = tp.getByRole('link', { name: new RegExp(SUBJECT) });
      await item.getByText('1 новое').waitFor();
      expect(await overflow(tp)).toBeLessThanOrEqual(0);
      expect(await axeFindings(tp)).toEqual([]);
      await item.click();
      await tp.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
      await tp.getByText(QUESTION).waitFor();
      await tp.getByLabel('Ваш ответ').fill(ANSWER);
      await tp.getByRole('button', { name: 'Отправить' }).click();
      await tp.getByRole('status').getByText('Отправлено.').waitFor();
      await tp.getByText(ANSWER).waitFor();
      expect(await overflow(tp)).toBeLessThanOrEqual(0);
      expect(await axeFindings(tp)).toEqual([]);
      // read now: the list shows nothing unread
      await tp.getByRole('link', { name: 'Сообщения', exact: true }).click();
      await tp.getByText('Все сообщения прочитаны.').waitFor();

      // ── the parent is notified and reads the answer ──
      await p.goto('/notifications');
      await p.getByRole('heading', { level: 1, name: 'Хабарламалар' }).waitFor();
      const note = p.getByRole('listitem').filter({ hasText: `Жаңа хабар: ${SUBJECT}` });
      await note.getByRole('link', { name: 'Ашу' }).click();
      await p.getByRole('heading', { level: 1, name: SUBJECT }).waitFor();
      await p.getByText(ANSWER).waitFor();
      await p.getByText(`${teacherName} ·`, { exact: false }).first().waitFor();
      expect(await overflow(p)).toBeLessThanOrEqual(0);
      expect(await axeFindings(p)).toEqual([]);

      expect(parent.pageErrors).toEqual([]);
      expect(teacher.pageErrors).toEqual([]);
    } finally {
      await parent.context.close();
      await teacher.context.close();
    }
  }, 120_000);

  test("the school admin's announcement reaches a parent's home page", async () => {
    const admin = await openContext(browser, server, { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    const parent = await openContext(browser, server, { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    try {
      const a = admin.page;
      await signIn(a, DEMO_LOGINS.admin, /^Сәлеметсіз бе/);
      await a.getByRole('region', { name: 'Хаттар мен хабарландырулар' }).getByRole('link', { name: 'Хабарландырулар' }).click();
      await a.getByRole('heading', { level: 1, name: 'Мектеп хабарландырулары' }).waitFor();
      await a.getByLabel('Тақырыбы').fill('Қысқы каникул');
      await a.getByLabel('Мәтіні').fill('Қысқы каникул 30 желтоқсаннан басталады.');
      expect(await axeFindings(a)).toEqual([]);
      await a.getByRole('button', { name: 'Барлығына жіберу' }).click();
      await a.getByRole('status').getByText('Хабарландыру жіберілді', { exact: false }).waitFor();
      await a.getByRole('heading', { level: 3, name: 'Қысқы каникул' }).waitFor();

      const p = parent.page;
      await signIn(p, DEMO_LOGINS.parent, /^Сәлеметсіз бе/);
      const home = p.getByRole('region', { name: 'Хаттар мен хабарландырулар' });
      await home.getByText('Қысқы каникул 30 желтоқсаннан басталады.').waitFor();
      expect(admin.pageErrors).toEqual([]);
      expect(parent.pageErrors).toEqual([]);
    } finally {
      await admin.context.close();
      await parent.context.close();
    }
  }, 120_000);
});

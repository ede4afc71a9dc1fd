import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CITY_SCHOOL, DEMO_FAMILY, DEMO_LOGINS, DEMO_PASSWORD, DEMO_STAFF } from '../server/seed/demo-facts.js';
import { launchChromium, axeFindings, openContext, PHONE_VIEWPORT, startTestServer, type TestServer, settled } from './browser.js';

/**
 * The school year from the web app, in Russian, on the demo's school day (Wednesday 9 December
 * 2020): the school admin takes Informatics out of 5 А's Wednesday, tries History of Kazakhstan in
 * its place and is told before saving that the teacher is in 5 Ә then, puts Music there instead,
 * previews and generates the term's lessons from today, and the pupil sees Music in Today.
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

async function signInInRussian(page: Page, login: string, greetingName: string) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Русский' }).click();
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`${greetingName}!$`) }).waitFor();
  await page.getByRole('button', { name: 'Русский' }).click();
  await page.getByRole('heading', { level: 1, name: `Здравствуйте, ${greetingName}!` }).waitFor();
  await settled(page);
}

const wednesdayLessons = async () =>
  (
    await server.db.query<{ subject: string }>(
      `select s.name_en as subject from lessons l join subjects s on s.id = l.subject_id join classes c on c.id = l.class_id
    where c.organisation_id = 1 and c.name = $1 and l.on_date = '2020-12-09' and l.period_number = 6`,
      [CITY_SCHOOL.pupilClass],
    )
  ).rows.map((r) => r.subject);

describe('the school year in a real browser, in Russian', () => {
  test('an admin builds a class timetable, sees a clash before saving, generates the lessons, and the pupil sees them', async () => {
    expect(await wednesdayLessons()).toEqual(['Informatics']);
    const admin = await openContext(browser, server, { locale: 'ru-RU' });
    const pupil = await openContext(browser, server, { locale: 'ru-RU', viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    try {
      const a = admin.page;
      await signInInRussian(a, DEMO_LOGINS.admin, DEMO_STAFF.admin.firstName);
      await a
        .getByRole('region', { name: 'Настройка учебного года' })
        .getByRole('link', { name: /Открыть$/ })
        .click();
      await a.getByRole('heading', { level: 1, name: /^Учебный год: / }).waitFor();
      await a.getByLabel('Класс', { exact: true }).selectOption({ label: CITY_SCHOOL.pupilClass });
      await a.getByRole('heading', { name: `Класс ${CITY_SCHOOL.pupilClass} · 26 уроков в неделю` }).waitFor();
      expect(await axeFindings(a)).toEqual([]); // accessibility (axe-core, WCAG 2.1 A/AA)

      // ── Informatics goes from Wednesday, period 6 ──
      a.once('dialog', (d) => void d.accept());
      await a.getByRole('button', { name: 'Удалить: Информатика, Среда, 6-й урок' }).click();
      await a
        .getByRole('status')
        .filter({ hasText: /^Удалено; снят/ })
        .waitFor();
      await a.getByRole('heading', { name: `Класс ${CITY_SCHOOL.pupilClass} · 25 уроков в неделю` }).waitFor();

      // ── History of Kazakhstan in its place: the teacher is in 5 Ә then, said before saving ──
      await a.getByRole('button', { name: 'Добавить урок: Среда, 6-й урок' }).click();
      const form = a.getByRole('form', { name: /^Среда, 6-й урок \(12:55–13:40\): добавить урок$/ });
      await form.getByLabel('Предмет').selectOption({ label: 'История Казахстана' });
      await form.getByRole('alert').filter({ hasText: 'В это время учитель ведёт урок в классе 5 Ә (Среда, 6-й урок, 12:55–13:40).' }).waitFor();
      expect(await form.getByRole('button', { name: 'Сохранить' }).isDisabled()).toBe(true);
      await form.getByLabel('Предмет').selectOption({ label: 'Музыка' });
      await form.getByRole('status').filter({ hasText: 'Конфликтов нет: можно сохранять.' }).waitFor();
      await form.getByRole('button', { name: 'Сохранить' }).click();
      await a.getByRole('heading', { name: `Класс ${CITY_SCHOOL.pupilClass} · 26 уроков в неделю` }).waitFor();
      await a.getByRole('button', { name: 'Перенести: Музыка, Среда, 6-й урок' }).waitFor();

      // ── the lessons from today: a preview first, then the real thing ──
      const generate = a.getByRole('form', { name: /^Создать уроки по датам/ });
      expect(await generate.getByLabel('Начиная с даты').inputValue()).toBe('2020-12-09');
      await generate.getByRole('button', { name: 'Предпросмотр' }).click();
      // Wednesdays 9 and 23 December (16 December is Independence Day)
      await generate
        .getByRole('status')
        .filter({ hasText: /^Будет добавлено уроков: 2 \(19 учебных дней\)/ })
        .waitFor();
      expect(await wednesdayLessons()).toEqual([]);
      await generate.getByRole('button', { name: 'Подтвердить и создать' }).click();
      await generate.getByRole('status').filter({ hasText: 'Добавлено 2 урока.' }).waitFor();
      expect(await wednesdayLessons()).toEqual(['Music']);

      // ── the pupil, on a phone, has Music today ──
      const p = pupil.page;
      await signInInRussian(p, DEMO_LOGINS.pupil, DEMO_FAMILY.pupil.firstName);
      const today = p.getByRole('region', { name: 'Сегодня — среда, 9 декабря 2020 г.' });
      await today.getByText('Музыка', { exact: true }).first().waitFor();

      for (const c of [admin, pupil]) expect(c.pageErrors).toEqual([]);
    } finally {
      await admin.context.close();
      await pupil.context.close();
    }
  }, 90_000);
});

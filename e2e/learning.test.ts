import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CITY_SCHOOL, DEMO_FAMILY, DEMO_LOGINS, DEMO_PASSWORD, DEMO_STAFF } from '../server/seed/demo-facts.js';
import { launchChromium, axeFindings, openContext, PHONE_VIEWPORT, startTestServer, type TestServer, settled } from './browser.js';

/**
 * The e-journal's round trip, in Russian, on the demo's school day (Wednesday 9 December 2020):
 * the maths teacher of 5 А sets homework in today's lesson; the pupil hands in a file from a phone;
 * the teacher marks it from the inbox; the parent sees the mark on a phone.
 */
const fullName = (p: { lastName: string; firstName: string; middleName: string }) => `${p.lastName} ${p.firstName} ${p.middleName}`;
const TITLE = 'Сложение дробей: задачи 1–5 (проверка e2e)';
const MARK = '9';

/** A tiny real PDF: the file store judges the type by its first bytes. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

let server: TestServer;
let browser: Browser;
const previousToday = process.env.LEARNING_TODAY;

beforeAll(async () => {
  // the e-journal's clock reads this when the app is built: the demo's school year is 2020-2021
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

/** Signs in from the sign-in page with the interface in Russian, and keeps it in Russian for the person. */
async function signInInRussian(page: Page, login: string, greetingName: string) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Русский' }).click();
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  // the person's own language applies after sign-in (Kazakh for the pupil and the parent): choose Russian again
  await page.getByRole('heading', { level: 1, name: new RegExp(`${greetingName}!$`) }).waitFor();
  await page.getByRole('button', { name: 'Русский' }).click();
  await page.getByRole('heading', { level: 1, name: `Здравствуйте, ${greetingName}!` }).waitFor();
  await settled(page);
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the e-journal in a real browser, in Russian', () => {
  test('a teacher sets homework, a pupil hands in a file, the teacher marks it, the parent sees the mark', async () => {
    const teacher = await openContext(browser, server, { locale: 'ru-RU' });
    const pupil = await openContext(browser, server, { locale: 'ru-RU', viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    const parent = await openContext(browser, server, { locale: 'ru-RU', viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    try {
      // ── the teacher opens today's first lesson in 5 А and sets homework due Friday 20:00 ──
      const t = teacher.page;
      await signInInRussian(t, DEMO_LOGINS.teacher, DEMO_STAFF.teacher.firstName);
      const lessons = t.getByRole('region', { name: 'Мои уроки и журналы' });
      await lessons.getByRole('heading', { name: 'Мои уроки: среда, 9 декабря 2020 г.' }).waitFor();
      expect(await axeFindings(t)).toEqual([]); // accessibility (axe-core, WCAG 2.1 A/AA)
      await lessons.getByRole('link', { name: `${CITY_SCHOOL.pupilClass} · Математика`, exact: true }).click();
      await t.getByRole('heading', { level: 1, name: `Математика · ${CITY_SCHOOL.pupilClass}` }).waitFor();
      expect(await axeFindings(t)).toEqual([]); // accessibility (axe-core, WCAG 2.1 A/AA)
      const setHomework = t.getByRole('form', { name: 'Задать домашнее задание' });
      await setHomework.getByLabel('Задание').fill(TITLE);
      await setHomework.getByLabel('Пояснение (необязательно)').fill('Решите задачи из учебника и пришлите фото решения.');
      expect(await setHomework.getByLabel('Срок сдачи: дата').inputValue()).toBe('11.12.2020'); // the app's own field: day.month.year, whatever the browser's language
      expect(await setHomework.getByLabel('Срок сдачи: время').inputValue()).toBe('20:00');
      await setHomework.getByRole('button', { name: 'Задать' }).click();
      await t.getByRole('status').filter({ hasText: 'Домашнее задание задано' }).waitFor();
      await t.getByRole('link', { name: TITLE }).waitFor();

      // ── the pupil, on a 360 px phone, finds it on Today and hands in a photo of the work (a PDF here) ──
      const p = pupil.page;
      await signInInRussian(p, DEMO_LOGINS.pupil, DEMO_FAMILY.pupil.firstName);
      const today = p.getByRole('region', { name: 'Сегодня — среда, 9 декабря 2020 г.' });
      await today.getByRole('link', { name: TITLE }).click();
      await p.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await p.getByText('пятница, 11 декабря 2020 г., 20:00').waitFor();
      await p.getByLabel('Текст ответа').fill('Ответы: 1) 3/4; 2) 5/6; 3) 1 1/2. Решение на фото.');
      await p.getByLabel('Файлы (фото, PDF, документы)').setInputFiles({ name: 'reshenie.pdf', mimeType: 'application/pdf', buffer: PDF });
      await p.getByText('загружен', { exact: true }).waitFor();
      await p.getByRole('button', { name: 'Отправить', exact: true }).click();
      await p.getByRole('status').filter({ hasText: 'Работа отправлена.' }).waitFor();
      const mine = p.getByRole('region', { name: 'Моя работа' });
      await mine.getByText('Отправлена, ждёт проверки').waitFor();
      await mine.getByRole('link', { name: 'reshenie.pdf' }).waitFor();
      expect(await noSidewaysScroll(p)).toBeLessThanOrEqual(0);

      // ── the teacher marks it from the inbox of 5 А's maths ──
      await t.goto('/');
      await t
        .getByRole('region', { name: 'Мои уроки и журналы' })
        .getByRole('link', { name: /^Работ на проверку: \d+$/ })
        .first()
        .click();
      await t.getByRole('heading', { level: 1, name: 'Работы на проверку' }).waitFor();
      expect(await axeFindings(t)).toEqual([]); // accessibility (axe-core, WCAG 2.1 A/AA)
      // the inbox pages 20 at a time, oldest first: the homework filter finds this one's work
      await t.getByLabel('Домашнее задание').selectOption({ label: `5 А · ${TITLE} (1)` });
      await t.getByText('Ждут проверки: 1', { exact: true }).waitFor();
      const item = t
        .getByRole('listitem')
        .filter({ has: t.getByRole('heading', { name: fullName(DEMO_FAMILY.pupil) }) })
        .filter({ hasText: TITLE });
      await item.getByRole('button', { name: /^Проверить/ }).click();
      await item.getByRole('link', { name: 'reshenie.pdf' }).waitFor();
      await item.getByLabel('Оценка', { exact: true }).fill(MARK);
      await item.getByLabel('Комментарий (необязательно)').fill('Верно, молодец!');
      await item.getByRole('button', { name: 'Оценить' }).click();
      await item.getByRole('status').filter({ hasText: 'Оценка поставлена и попала в журнал.' }).waitFor();
      await item.getByText(`Оценка: ${MARK}`, { exact: true }).waitFor();

      // ── the parent, on a phone, sees the mark: on the child's day (homework) and in marks by subject ──
      const r = parent.page;
      await signInInRussian(r, DEMO_LOGINS.parent, DEMO_FAMILY.father.firstName);
      const child = r
        .getByRole('region', { name: 'Учёба моих детей' })
        .getByRole('listitem')
        .filter({ has: r.getByRole('heading', { name: new RegExp(`^${fullName(DEMO_FAMILY.pupil)}`) }) });
      await child.getByRole('link', { name: 'Уроки и задания на сегодня' }).click();
      await r.getByRole('heading', { level: 1, name: 'Сегодня — среда, 9 декабря 2020 г.' }).waitFor();
      expect(await axeFindings(r)).toEqual([]); // accessibility (axe-core, WCAG 2.1 A/AA)
      const homework = r.getByRole('listitem').filter({ has: r.getByRole('link', { name: TITLE }) });
      await homework.getByText(`Оценка: ${MARK}`, { exact: true }).waitFor();

      await r.getByRole('link', { name: 'Оценки', exact: true }).click();
      await r.getByRole('heading', { level: 1, name: 'Оценки и посещаемость' }).waitFor();
      expect(await axeFindings(r)).toEqual([]); // accessibility (axe-core, WCAG 2.1 A/AA)
      const maths = r.getByRole('list', { name: 'Оценки по предмету «Математика»' });
      // the homework mark joined the journal in the lesson's column (09.12), marked as homework
      await maths
        .getByRole('listitem')
        .filter({ hasText: `${MARK}09.12 · ДЗ` })
        .waitFor();
      expect(await noSidewaysScroll(r)).toBeLessThanOrEqual(0);

      for (const c of [teacher, pupil, parent]) expect(c.pageErrors).toEqual([]);
    } finally {
      await Promise.all([teacher.context.close(), pupil.context.close(), parent.context.close()]);
    }
  }, 120_000); // a shared machine under load needs more than a minute for this long journey
  test("a teacher puts today's lesson on a slot of the TV grid; the pupil's Today says the channel, its time and links the recording", async () => {
    // a slot of the grid on the demo day (10:20 on Al-Farabi's clock, +06:00 in 2020) with a ready recording
    const { rows: v } = await server.db.query<{ id: number }>(
      `insert into video_videos (owner_id, visibility, title, status, progress, source_key, source_bytes, ready_at)
       values ((select person_id from accounts where login = $1), 'public', 'Бөлшектер (e2e)', 'ready', 1, 'video/e2e/source', 1, now()) returning id`,
      [DEMO_LOGINS.teacher],
    );
    await server.db.query(
      `insert into video_tv_slots (channel_id, starts_at, ends_at, topic, video_id)
       values ((select id from video_tv_channels where code = 'al_farabi'), '2020-12-09T10:20:00+06:00', '2020-12-09T10:50:00+06:00', 'Дроби (e2e)', $1)`,
      [v[0]!.id],
    );
    const teacher = await openContext(browser, server, { locale: 'ru-RU' });
    const pupil = await openContext(browser, server, { locale: 'ru-RU', viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    try {
      const t = teacher.page;
      await signInInRussian(t, DEMO_LOGINS.teacher, DEMO_STAFF.teacher.firstName);
      const lessons = t.getByRole('region', { name: 'Мои уроки и журналы' });
      await lessons.getByRole('link', { name: `${CITY_SCHOOL.pupilClass} · Математика`, exact: true }).click();
      await t.getByRole('heading', { level: 1, name: `Математика · ${CITY_SCHOOL.pupilClass}` }).waitFor();
      await t.getByRole('radio', { name: 'Телеурок' }).check();
      const slot = t.getByLabel('Урок из сетки телеуроков');
      await slot.locator('option', { hasText: 'Дроби (e2e)' }).waitFor({ state: 'attached' });
      await slot.selectOption({ label: '10:20 · Al-Farabi · Дроби (e2e)' });
      await t.getByRole('button', { name: 'Сохранить', exact: true }).click();
      await t.getByText('Урок сохранён.').waitFor();
      // the grid's side: the public TV page, on the school's day, names the teacher's lesson under its slot
      await t.goto('/tv');
      await t
        .getByRole('list', { name: 'Ваши уроки в этом эфире' })
        .getByRole('link', { name: `Урок: ${CITY_SCHOOL.pupilClass}, Математика` })
        .waitFor();

      const p = pupil.page;
      await signInInRussian(p, DEMO_LOGINS.pupil, DEMO_FAMILY.pupil.firstName);
      const today = p.getByRole('region', { name: 'Сегодня — среда, 9 декабря 2020 г.' });
      await today.getByText('«Al-Farabi» в 10:20').waitFor();
      expect(await today.getByRole('link', { name: 'или посмотрите запись' }).getAttribute('href')).toBe(`/video/watch/${v[0]!.id}`);
      expect(await noSidewaysScroll(p)).toBeLessThanOrEqual(0);
      for (const c of [teacher, pupil]) expect(c.pageErrors).toEqual([]);
    } finally {
      await Promise.all([teacher.context.close(), pupil.context.close()]);
    }
  }, 120_000);
});

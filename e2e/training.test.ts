/**
 * Teacher training in a real browser, in Russian, on a phone: demo.teacher enrols in "Learning to
 * teach remotely", completes it by passing its quiz and downloads the certificate; the district officer's coverage of
 * the district moves by one trained teacher.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { axeFindings, launchChromium, openContext, PHONE_VIEWPORT, settled, startTestServer, type TestServer } from './browser.js';

process.env.LEARNING_TODAY = '2020-12-09';

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
  await page.getByRole('button', { name: 'Русский' }).click();
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^Здравствуйте/ }).waitFor();
}

const fmt = (n: number) => new Intl.NumberFormat('ru').format(n);

describe('teacher training in a real browser, in Russian, on a phone', () => {
  test('a teacher enrols and completes; the district officer sees the coverage change', async () => {
    const districtId = (
      await server.db.query<{ district_id: number }>("select district_id from organisations where name_en = 'Kaskelen Secondary School No. 1'")
    ).rows[0]!.district_id;
    const trained = async () =>
      (
        await server.db.query<{ n: number }>(
          `select count(*)::int as n
      from (select distinct r.person_id, r.organisation_id from role_assignments r where r.role = 'teacher') p
      join organisations o on o.id = p.organisation_id
     where o.district_id = $1 and exists (select 1 from training_enrolments e join training_courses c on c.id = e.course_id
       where e.teacher_id = p.person_id and c.required and e.completed_at is not null)`,
          [districtId],
        )
      ).rows[0]!.n;
    const before = await trained();

    // the district officer looks first
    const officer = await openContext(browser, server, { locale: 'ru-RU', viewport: PHONE_VIEWPORT });
    await signIn(officer.page, DEMO_LOGINS.district);
    await officer.page.getByRole('link', { name: 'Охват педагогов обучением' }).click();
    await officer.page.getByRole('heading', { level: 1, name: /^Охват обучением: / }).waitFor();
    await officer.page.getByText(`Завершили: ${fmt(before)} /`).waitFor();

    // the teacher enrols and completes on a phone
    const teacher = await openContext(browser, server, { locale: 'ru-RU', viewport: PHONE_VIEWPORT, acceptDownloads: true });
    await signIn(teacher.page, DEMO_LOGINS.teacher);
    await teacher.page.getByRole('link', { name: 'Моё обучение' }).click();
    await teacher.page.getByRole('heading', { level: 1, name: 'Моё обучение' }).waitFor();
    await teacher.page.getByRole('button', { name: 'Записаться: Учимся преподавать дистанционно' }).click();
    // the course is built in Sabaq: passing its quiz completes it
    await teacher.page.getByRole('link', { name: 'Открыть курс: Учимся преподавать дистанционно' }).click();
    await teacher.page.getByRole('radio', { name: '20–30 минут' }).check();
    await teacher.page.getByRole('checkbox', { name: 'Телеурок' }).check();
    await teacher.page.getByRole('checkbox', { name: 'Печатные задания' }).check();
    await teacher.page.getByRole('radio', { name: 'Трёх дней' }).check();
    await teacher.page.getByRole('button', { name: 'Отправить ответы' }).click();
    await teacher.page.getByText('Тест сдан').waitFor();
    await teacher.page.getByText(/Код проверки: [A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/).waitFor();
    const [download] = await Promise.all([teacher.page.waitForEvent('download'), teacher.page.getByRole('link', { name: 'Скачать сертификат (PDF)' }).click()]);
    const chunks: Buffer[] = [];
    for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await trained()).toBe(before + 1);

    // the officer reloads: one more trained teacher in the district
    await officer.page.reload();
    await officer.page.getByText(`Завершили: ${fmt(before + 1)} /`).waitFor();
    // a school's table of teachers is wider than the phone: it scrolls sideways and the keyboard reaches it
    const school = (await server.db.query<{ id: number }>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'")).rows[0]!;
    await officer.page.goto(`/training/coverage?area=organisation:${school.id}`);
    await officer.page.getByRole('heading', { level: 1, name: /^Охват обучением: / }).waitFor();
    await settled(officer.page);
    expect(await axeFindings(officer.page)).toEqual([]);
    expect(officer.pageErrors).toEqual([]);
    expect(teacher.pageErrors).toEqual([]);
  }, 180_000);
});

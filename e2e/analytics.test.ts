/**
 * Analytics in a real browser, in Russian: the ministry opens the country's dashboard, drills down
 * region → district → school by clicking names in the table (at the district: devices, textbooks and the
 * university's campus passes), and downloads the school's table as CSV.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { runDueJobs } from '../server/platform/jobs.js';
import { REPORTS_QUEUE, scheduleDueReports, weeklyReportJob } from '../server/modules/analytics/analytics.reports.js';
import { axeFindings, launchChromium, openContext, PHONE_VIEWPORT, settled, startTestServer, type TestServer } from './browser.js';

process.env.LEARNING_TODAY = '2020-12-09';

let server: TestServer;

async function signInRussian(page: Page, login: string) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Русский' }).click();
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^Здравствуйте/ }).waitFor();
  await settled(page);
}
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('analytics in a real browser, in Russian', () => {
  test('the ministry drills down from the country to a school and exports the table', async () => {
    const names = (
      await server.db.query<{ region: string; district: string; school: string }>(`select r.name_ru as region, d.name_ru as district, o.name_ru as school
      from organisations o join districts d on d.id = o.district_id join regions r on r.id = o.region_id
      where o.name_en = 'Kaskelen Secondary School No. 1'`)
    ).rows[0]!;
    // the demo ministry account reads English; this journey is the Russian one
    await server.db.query("update accounts set language = 'ru' where login = $1", [DEMO_LOGINS.ministry]);
    const { page } = await openContext(browser, server, { locale: 'ru-RU', acceptDownloads: true });
    await signInRussian(page, DEMO_LOGINS.ministry);
    await page.goto('/analytics');
    await page.getByRole('heading', { level: 1, name: 'Аналитика: Казахстан' }).waitFor();
    await page.getByRole('link', { name: names.region, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Аналитика: ${names.region}` }).waitFor();
    await page.getByRole('link', { name: names.district, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Аналитика: ${names.district}` }).waitFor();
    // the district's devices and internet (from supplies, small numbers hidden) and its textbooks, beside the figures
    const devices = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Устройства и интернет' }) });
    await devices.getByRole('rowheader', { name: names.school }).waitFor();
    const textbooks = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Учебники' }) });
    await textbooks.getByText('Доставлено в школы').waitFor();
    // the district has a university: its campus passes (counts only, small numbers hidden) and gate scans by weekday
    const university = await server.db.query<{ name: string }>(
      "select name_ru as name from organisations where kind = 'university' and district_id = (select district_id from organisations where name_en = 'Kaskelen Secondary School No. 1')",
    );
    const passes = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Пропуска в кампус' }) });
    await passes.getByRole('rowheader', { name: university.rows[0]!.name }).waitFor();
    await passes.getByText('С действующим пропуском').first().waitFor();
    await passes.getByRole('rowheader', { name: 'Пн', exact: true }).waitFor();
    await page.getByRole('link', { name: names.school, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Аналитика: ${names.school}` }).waitFor();
    await page.getByText('Учащиеся по формату обучения').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Скачать CSV' }).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const csv = Buffer.concat(chunks);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.toString('utf8')).toContain('Итого');
  });

  test('a district officer subscribes to the weekly report on a phone; when it is built, the notification leads to the file', async () => {
    const district = (
      await server.db.query<{ id: number; name: string }>(
        `select d.id, d.name_ru as name from role_assignments r join accounts a on a.person_id = r.person_id
        join districts d on d.id = r.district_id where a.login = $1 and r.role = 'district_officer'`,
        [DEMO_LOGINS.district],
      )
    ).rows[0]!;
    await server.db.query("update accounts set language = 'ru' where login = $1", [DEMO_LOGINS.district]);
    const { page, pageErrors } = await openContext(browser, server, { locale: 'ru-RU', acceptDownloads: true, viewport: PHONE_VIEWPORT });
    await signInRussian(page, DEMO_LOGINS.district);
    await page.getByRole('link', { name: 'Открыть аналитику' }).click();
    await page.getByRole('heading', { level: 1, name: `Аналитика: ${district.name}` }).waitFor();
    // the tables wider than the phone scroll sideways and the keyboard reaches them
    await settled(page);
    expect(await axeFindings(page)).toEqual([]);
    // nothing chosen: the form says what is missing, nothing is sent
    await page.getByRole('checkbox', { name: 'XLSX' }).uncheck();
    await page.getByRole('button', { name: 'Подписаться на недельный отчёт' }).click();
    await page.getByRole('alert').getByText('Выберите хотя бы один вид файла.').waitFor();
    await page.getByRole('checkbox', { name: 'CSV' }).check();
    await page.getByLabel('В какой день присылать').selectOption({ label: 'понедельник' });
    await page.getByRole('button', { name: 'Подписаться на недельный отчёт' }).click();
    await page.getByText('Недельный отчёт этой территории приходит: понедельник.').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // the week turns: the server's scheduler and job (run here by hand) build the report
    const wednesday = new Date('2020-12-09T09:00:00+06:00');
    expect(await scheduleDueReports(server.db, wednesday)).toBe(1);
    expect(await runDueJobs(server.db, REPORTS_QUEUE, weeklyReportJob(), { now: () => wednesday })).toBe(1);

    await page.goto('/notifications');
    const note = page.getByRole('listitem').filter({ hasText: `${district.name}: недельный отчёт готов` });
    await note.getByRole('link', { name: 'Открыть' }).click();
    await page.getByRole('heading', { level: 1, name: 'Недельные отчёты' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Скачать CSV' }).click()]);
    const chunks: Buffer[] = [];
    for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
    const csv = Buffer.concat(chunks).toString('utf8');
    expect(csv).toContain(district.name);
    expect(csv).toContain('Итого');
    // the district's university: its campus passes and the supplies figures are in the weekly file too
    expect(csv).toContain('С действующим пропуском (чел.)');
    expect(csv).toContain('Без устройства (учащиеся)');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(pageErrors).toEqual([]);
  });
});

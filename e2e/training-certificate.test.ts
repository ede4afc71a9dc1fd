/**
 * The public certificate check in a real browser, on a phone, without signing in, in Kazakh: a code typed in
 * small letters shows the holder and the course; a code that does not exist says so.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

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

describe('the public certificate check, signed out, in Kazakh (the default), on a phone', () => {
  test('a typed code shows the holder and course; an unknown code is named as not found', async () => {
    const row = (
      await server.db.query<{ certificate_code: string; last_name: string; first_name: string }>(`select e.certificate_code, p.last_name, p.first_name
      from training_enrolments e join persons p on p.id = e.teacher_id where e.certificate_code is not null order by e.id limit 1`)
    ).rows[0]!;
    const { page } = await openContext(browser, server, { locale: 'kk-KZ', viewport: PHONE_VIEWPORT });
    page.setDefaultTimeout(30_000);
    await page.goto('/certificates');
    await page.getByRole('heading', { level: 1, name: 'Сертификатты тексеру' }).waitFor();
    await page.getByLabel('Сертификат коды').fill(row.certificate_code.toLowerCase());
    await page.getByRole('button', { name: 'Тексеру', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Сертификат жарамды' }).waitFor();
    await page.getByText(`${row.last_name} ${row.first_name}`).waitFor();
    await page.getByLabel('Сертификат коды').fill('ZZZZ-ZZZZ-ZZZZ');
    await page.getByRole('button', { name: 'Тексеру', exact: true }).click();
    await page.getByText('Бұл кодпен сертификат табылмады', { exact: false }).waitFor();
  }, 90_000);
});

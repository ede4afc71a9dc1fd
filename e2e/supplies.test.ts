/**
 * Supplies in a real browser, in Kazakh: a parent on a 360 px phone declares "no computer" for each
 * child, the school admin previews and confirms the allocation and issues a laptop by its inventory
 * number, the parent sees it with its return date and opens the agreement (a PDF with Kazakh letters).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PDFParse } from 'pdf-parse';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../server/seed/demo-facts.js';
import { launchChromium, openContext, PHONE_VIEWPORT, startTestServer, type TestServer } from './browser.js';

process.env.LEARNING_TODAY = '2020-12-09';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  // the journey starts from an empty census: the demo's seeded census, stock, runs and loans go first
  await server.db.query(
    'delete from supplies_loans; delete from supplies_transfers; delete from supplies_allocations; delete from supplies_allocation_runs; delete from supplies_items; delete from supplies_census_answers',
  );
  await server.db.query(`insert into supplies_items (organisation_id, category, kind, inventory_number, serial, source)
    select id, 'device', 'laptop', 'KAS-E2E-1', 'SN-E2E', 'budget' from organisations where name_en = 'Kaskelen Secondary School No. 1'`);
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
}

describe('supplies in a real browser', () => {
  test('a parent declares "no computer" in Kazakh, the admin runs the allocation and issues a laptop, the parent sees it with its agreement', async () => {
    const parent = await openContext(browser, server, { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
    const admin = await openContext(browser, server);
    try {
      const p = parent.page;
      await signInKazakh(p, DEMO_LOGINS.parent);
      await p.getByRole('region', { name: 'Құрылғылар мен интернет' }).getByRole('link', { name: 'Ашу' }).click();
      await p.getByRole('heading', { level: 1, name: 'Құрылғылар мен интернет' }).waitFor();
      for (const name of ['Әлихан (5 А)', 'Аружан (2 Ә)']) {
        const child = p.getByRole('group', { name });
        await child.getByLabel('Үйде компьютер').selectOption({ label: 'жоқ' });
        await child.getByRole('button', { name: 'Сақтау' }).click();
        await child.getByRole('status').getByText('Сақталды').waitFor();
      }
      const { rows } = await server.db.query<{ n: number }>(
        `select count(*)::int as n from supplies_census_answers where devices = 'none' and source = 'parent'`,
      );
      expect(rows[0]!.n).toBe(2);

      const a = admin.page;
      await signInKazakh(a, DEMO_LOGINS.admin);
      await a.goto('/supplies');
      await a.getByRole('button', { name: 'Алдын ала қарау' }).click();
      await a.getByText(/Ахметов Серік.*1 құрылғы: қашықтан оқитын 2 оқушы/).waitFor();
      await a.getByRole('button', { name: 'Бекіту' }).click();
      await a.getByRole('status').getByText('Бекітілді').waitFor();
      await a.getByLabel('Түгендеу нөмірі').fill('KAS-E2E-1');
      await a.getByLabel('Отбасы').selectOption({ index: 1 });
      await a.getByRole('button', { name: 'Беру', exact: true }).click();
      await a.getByRole('status').getByText('Берілді').waitFor();

      await p.reload();
      await p.getByText(/KAS-E2E-1 — қайтару мерзімі/).waitFor();
      const link = p.getByRole('link', { name: 'Шарт (PDF)' });
      const href = await link.getAttribute('href');
      const res = await p.request.get(href!);
      expect(res.headers()['content-type']).toContain('application/pdf');
      const text = (await new PDFParse({ data: new Uint8Array(await res.body()) }).getText()).text;
      expect(text).toMatch(/Құрылғыны уақытша пайдалануға беру туралы шарт/);
      expect(text).toContain('KAS-E2E-1');
      expect(parent.pageErrors).toEqual([]);
      expect(admin.pageErrors).toEqual([]);
    } finally {
      await parent.context.close();
      await admin.context.close();
    }
  }, 90_000);
});

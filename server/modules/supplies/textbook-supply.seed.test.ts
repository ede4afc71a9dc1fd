import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

test('the demo dataset has orders per region, a dispatch per school and title, and deliveries that never exceed them', async () => {
  expect(await t.one<number>('select count(*)::int from supplies_textbook_orders')).toBeGreaterThanOrEqual(2);
  expect(
    await t.one<number>(`select count(*)::int from supplies_textbook_dispatches x
      where (select coalesce(sum(copies), 0) from supplies_textbook_deliveries d where d.dispatch_id = x.id) > x.copies`),
  ).toBe(0);
  // planned never above ordered
  expect(
    await t.one<number>(`select count(*)::int from supplies_textbook_order_lines l
      where (select coalesce(sum(copies), 0) from supplies_textbook_dispatches x where x.order_line_id = l.id) > l.copies`),
  ).toBe(0);
  // every delivered copy is in the school's stock
  expect(
    await t.one<number>(`select count(*)::int from (select organisation_id, title_id, sum(copies) as n from supplies_textbook_deliveries group by 1, 2) d
      left join supplies_textbook_stock s using (organisation_id, title_id) where coalesce(s.copies, 0) < d.n`),
  ).toBe(0);
});

test('the Kaskelen city school awaits half of its grade-5 Russian copies; everything else arrived and was issued', async () => {
  const rows = (
    await t.db.query<{ language: string; grade: number; copies: number; delivered: number; issued: number }>(
      `select t.language, t.grade, x.copies, (select coalesce(sum(d.copies), 0) from supplies_textbook_deliveries d where d.dispatch_id = x.id)::int as delivered,
              (select count(*) from supplies_textbook_issues i where i.organisation_id = x.organisation_id and i.title_id = t.id)::int as issued
         from supplies_textbook_dispatches x join supplies_textbook_order_lines l on l.id = x.order_line_id join supplies_textbook_titles t on t.id = l.title_id
         join organisations o on o.id = x.organisation_id where o.name_en = 'Kaskelen Secondary School No. 1'`,
    )
  ).rows;
  const ru5 = rows.find((r) => r.language === 'ru' && r.grade === 5)!;
  expect(ru5).toMatchObject({ copies: 18, delivered: 9, issued: 0 });
  for (const r of rows.filter((x) => x !== ru5)) expect(r.delivered).toBe(r.copies);
  expect(rows.find((r) => r.language === 'kk' && r.grade === 5)).toMatchObject({ copies: 36, delivered: 36, issued: 36 });
});

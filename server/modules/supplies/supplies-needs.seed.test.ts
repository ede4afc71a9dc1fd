import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PDFParse } from 'pdf-parse';
import { createTestApp, type TestApp } from '../../../test/app.js';

const ENV = { LEARNING_TODAY: '2020-12-09T09:00:00+06:00' };
let t: TestApp;
let city: number;
let father: number;

beforeAll(async () => {
  Object.assign(process.env, ENV);
  t = await createTestApp({ env: ENV });
  city = await t.one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
  father = await t.one<number>("select person_id from accounts where login = 'demo.parent'");
});
afterAll(async () => t?.close());

const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('the demo census', () => {
  test('most pupils answered, about one in twenty without a computer, each answer with who and when', async () => {
    const { rows } = await t.db.query<{ pupils: number; answered: number; none: number; offline: number; twice: number; anonymous: number }>(
      `with p as (select distinct m.pupil_id from class_members m join classes c on c.id = m.class_id
                    join academic_years y on y.id = c.academic_year_id and y.is_current join organisations o on o.id = c.organisation_id and o.kind = 'school')
       select (select count(*) from p)::int as pupils,
              count(*)::int as answered, count(*) filter (where a.devices = 'none')::int as none, count(*) filter (where a.internet = 'none')::int as offline,
              (select count(*) from (select person_id from supplies_census_answers group by 1 having count(*) > 1) x)::int as twice,
              count(*) filter (where a.answered_by is null and a.source = 'parent')::int as anonymous
         from supplies_census_answers a where a.role = 'pupil'`,
    );
    const r = rows[0]!;
    expect(r.answered / r.pupils).toBeGreaterThan(0.85);
    expect(r.answered).toBeLessThan(r.pupils); // the census has gaps
    expect(r.none / r.pupils).toBeGreaterThan(0.02);
    expect(r.none / r.pupils).toBeLessThan(0.12);
    expect(r.offline).toBeGreaterThan(0);
    expect(r.twice).toBe(0);
    expect(r.anonymous).toBe(0);
    // siblings answer alike: one household, one answer about the home
    expect(
      await t.one<number>(`select count(*)::int from (
        select x.hk from (select a.person_id, min(l.parent_id) as hk, min(a.devices) as devices from supplies_census_answers a
                            join parent_links l on l.child_id = a.person_id where a.role = 'pupil' group by a.person_id) x
         group by x.hk having count(distinct x.devices) > 1) y`),
    ).toBe(0);
    expect(await t.one<number>("select count(*)::int from supplies_census_answers where role = 'teacher'")).toBeGreaterThan(50);
  });

  test('runs never give more than the stock or the entitlement; loans follow the allocations and the items their loans', async () => {
    const over = await t.one<number>(
      `select count(*)::int from supplies_allocation_runs r
        where (select coalesce(sum(devices), 0) from supplies_allocations a where a.run_id = r.id) > (r.totals->'stock'->>'devices')::int
           or (select coalesce(sum(kits), 0) from supplies_allocations a where a.run_id = r.id) > (r.totals->'stock'->>'kits')::int`,
    );
    expect(over).toBe(0);
    expect(await t.one<number>('select count(*)::int from supplies_allocations where devices > entitled_devices or kits > entitled_kits')).toBe(0);
    expect(
      await t.one<number>(`select count(*)::int from supplies_allocations a where a.devices <
        (select count(*) from supplies_loans l join supplies_items i on i.id = l.item_id where l.allocation_id = a.id and i.category = 'device')`),
    ).toBe(0);
    expect(
      await t.one<number>(`select count(*)::int from supplies_loans l join supplies_items i on i.id = l.item_id
        where (l.returned_at is null) <> (i.status = 'on_loan') or i.organisation_id <> l.organisation_id`),
    ).toBe(0);
    expect(await t.one<number>("select count(*)::int from supplies_items where category = 'kit' and (tariff <> 'Bilim' or monthly_cost <> 990)")).toBe(0);
    expect(await t.one<number>("select count(distinct source)::int from supplies_items where category = 'device'")).toBeGreaterThanOrEqual(3);
  });
});

describe('the demo story', () => {
  test("the demo parent's children answered, the household was allocated a device and a kit, and holds a laptop with its agreement", async () => {
    const parent = await t.login('demo.parent');
    const res = await get(parent, '/api/supplies/my-households');
    expect(res.statusCode, res.body).toBe(200);
    const h = res.json().households.find((x: { organisation: { id: number } }) => x.organisation.id === city);
    expect(h.members).toHaveLength(2);
    expect(h.members.every((m: { answer: { devices: string; source: string } }) => m.answer.devices === 'none' && m.answer.source === 'parent')).toBe(true);
    expect(h.allocation).toMatchObject({ devices: 1, kits: 1, priority: 2 });
    expect(h.allocation.reasonText).toBe('1 құрылғы және интернет жинағы: қашықтан оқитын 2 оқушы, көпбалалы отбасы, басымдық 2; ережелер v1');
    const laptop = h.loans.find((l: { item: { kind: string } }) => l.item.kind === 'laptop');
    expect(laptop).toMatchObject({ dueOn: '2021-05-25', returnedAt: null });
    const pdf = await get(parent, `/api/supplies/loans/${laptop.id}/agreement.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = (await new PDFParse({ data: new Uint8Array(pdf.rawPayload) }).getText()).text;
    expect(text).toContain(laptop.item.inventoryNumber);
    expect(await t.one<number>('select count(*)::int from supplies_census_answers a where a.answered_by = $1', [father])).toBe(2);
  });

  test('the city school admin sees an overdue loan and one taken back damaged; a re-run serves the next in line', async () => {
    const admin = await t.login('demo.admin');
    const overdue = (await get(admin, `/api/supplies/loans?organisationId=${city}&status=overdue`)).json().items;
    expect(overdue.length).toBeGreaterThanOrEqual(1);
    const returned = (await get(admin, `/api/supplies/loans?organisationId=${city}&status=returned`)).json().items;
    expect(returned.some((l: { returnedCondition: string }) => l.returnedCondition === 'damaged')).toBe(true);
    const stock = await get(admin, `/api/supplies/organisations/${city}/stock`);
    expect(stock.statusCode, stock.body).toBe(200);
    expect(
      await t.one<number>("select count(*)::int from supplies_items where organisation_id = $1 and status = 'available' and category = 'device'", [city]),
    ).toBe(2);
    // a re-run serves the next households in line with the two laptops from the sponsor, and moves no one
    const preview = (
      await t.app.inject({
        method: 'POST',
        url: '/api/supplies/allocation-runs/preview',
        headers: { cookie: admin },
        payload: { scope: { organisationId: city } },
      })
    ).json();
    // two new laptops, less the device still committed to the household that returned its damaged one
    expect(preview.stock.devices).toBe(1);
    expect(preview.totals.newDevices).toBeGreaterThanOrEqual(1);
    const family = preview.lines.find((l: { recipientId: number }) => l.recipientId === father);
    expect(family).toMatchObject({ devices: 1, newDevices: 0 });
  });

  test('the Zhandosov village has pupils with neither a computer nor internet: they are cut off once the village loses TV', async () => {
    const rural = await t.one<number>("select id from organisations where name_en = 'Zhandosov Village Secondary School'");
    const cut = await t.one<number>(
      "select count(*)::int from supplies_census_answers where organisation_id = $1 and role = 'pupil' and devices = 'none' and internet = 'none'",
      [rural],
    );
    expect(cut).toBeGreaterThanOrEqual(1);
  });
});

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PDFParse } from 'pdf-parse';
import { createTestApp, type TestApp } from '../../../test/app.js';

const ENV = { LEARNING_TODAY: '2020-12-09T09:00:00+06:00' };
let t: TestApp;
let parent: string, admin: string, district: string, ministry: string, teacher: string;
let city: number, other: number, son: number, daughter: number, strangerChild: number;

function multipart(content: string, name = 'file.csv') {
  const boundary = '----sabaq' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  Object.assign(process.env, ENV);
  t = await createTestApp({ env: ENV });
  // this file tells the story from an empty census: the demo's seeded census, stock, runs and loans
  // (supplies-needs.seed.ts, checked in supplies-needs.seed.test.ts) go first
  await t.db.query(
    'delete from supplies_loans; delete from supplies_transfers; delete from supplies_allocations; delete from supplies_allocation_runs; delete from supplies_items; delete from supplies_census_answers',
  );
  const cookies = await Promise.all(['demo.parent', 'demo.admin', 'demo.district', 'demo.ministry', 'demo.teacher'].map((l) => t.login(l)));
  [parent, admin, district, ministry, teacher] = cookies as [string, string, string, string, string];
  city = await t.one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
  other = await t.one<number>("select id from organisations where name_en = 'Zhandosov Village Secondary School'");
  son = await t.one<number>(`select l.child_id from parent_links l join accounts a on a.person_id = l.parent_id join class_members m on m.pupil_id = l.child_id
    join classes c on c.id = m.class_id where a.login = 'demo.parent' and c.name = '5 А'`);
  daughter =
    await t.one<number>(`select l.child_id from parent_links l join accounts a on a.person_id = l.parent_id join class_members m on m.pupil_id = l.child_id
    join classes c on c.id = m.class_id where a.login = 'demo.parent' and c.name = '2 Ә'`);
  strangerChild = await t.one<number>(
    `select m.pupil_id from class_members m join classes c on c.id = m.class_id where c.organisation_id = $1
    and m.pupil_id not in ($2, $3) order by m.pupil_id limit 1`,
    [city, son, daughter],
  );
});
afterAll(async () => t?.close());

const req = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, payload: payload as object | undefined });

describe('census', () => {
  test('a parent declares "no computer" for each child; the answer keeps who and when', async () => {
    for (const child of [son, daughter]) {
      const res = await req(parent, 'PUT', `/api/supplies/census/${child}`, {
        devices: 'none',
        internet: 'none',
        connectable: true,
        categories: ['large_family'],
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ devices: 'none', source: 'parent', answeredBy: { firstName: 'Серік' } });
    }
  });

  test("a census answer for another family's child is not found, nothing written", async () => {
    const res = await req(parent, 'PUT', `/api/supplies/census/${strangerChild}`, { devices: 'none', internet: 'none', connectable: true });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('supplies.person_not_found');
    expect(await t.one<number>('select count(*) from supplies_census_answers where person_id = $1', [strangerChild])).toBe(0);
  });

  test('the needs show the household (siblings together), gaps, and who learns in person', async () => {
    const res = await req(admin, 'GET', `/api/supplies/organisations/${city}/needs`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.summary.gaps).toBeGreaterThan(100);
    const family = body.households.find((h: { members: { person: { id: number } }[] }) => h.members.some((m) => m.person.id === son));
    expect(family.members.map((m: { person: { id: number } }) => m.person.id).sort()).toEqual([son, daughter].sort());
    expect(family.recipient.firstName).toBe('Серік');
    // officers of the area see the figures, never the households
    const officer = await req(district, 'GET', `/api/supplies/organisations/${city}/needs`);
    expect(officer.statusCode).toBe(200);
    expect(officer.json().households).toEqual([]);
  });

  test('admin import: dry run reports every bad row, a good file writes', async () => {
    const iins = (
      await t.db.query<{ iin: string }>(
        `select p.iin from persons p join class_members m on m.pupil_id = p.id join classes c on c.id = m.class_id
      where c.organisation_id = $1 and p.id not in ($2, $3) order by p.id limit 3`,
        [city, son, daughter],
      )
    ).rows.map((r) => r.iin);
    const bad = `iin;devices;internet;connectable;categories\n${iins[0]};none;fixed;yes;low_income\n${iins[1]};maybe;fixed;yes;\n000000000000;none;none;no;\n`;
    const m = multipart(bad);
    const dry = await t.app.inject({
      method: 'POST',
      url: `/api/supplies/organisations/${city}/census-imports?dryRun=true`,
      payload: m.payload,
      headers: { ...m.headers, cookie: admin },
    });
    expect(dry.json().errors).toHaveLength(2);
    // a body that does not match its boundary is bad input, never a 500
    const broken = await t.app.inject({
      method: 'POST',
      url: `/api/supplies/organisations/${city}/census-imports?dryRun=true`,
      payload: m.payload,
      headers: { ...multipart(bad).headers, cookie: admin },
    });
    expect(broken.statusCode).toBe(400);
    const dry2 = await t.app.inject({
      method: 'POST',
      url: `/api/supplies/organisations/${city}/census-imports?dryRun=false`,
      payload: m.payload,
      headers: { ...m.headers, cookie: admin },
    });
    expect(dry.statusCode).toBe(200);
    expect(dry2.statusCode).toBe(422);
    expect(dry2.json().errors.map((e: { code: string }) => e.code)).toEqual(['supplies.bad_devices', 'supplies.unknown_person']);
    expect(await t.one<number>('select count(*) from supplies_census_answers where source = $1', ['import'])).toBe(0);
    const good = multipart(`iin;devices;internet;connectable;categories\n${iins[0]};none;fixed;yes;low_income\n${iins[2]};none;none;no;orphan\n`);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/supplies/organisations/${city}/census-imports?dryRun=false`,
      payload: good.payload,
      headers: { ...good.headers, cookie: admin },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, written: 2 });
  });
});

describe('stock, runs, loans', () => {
  let fingerprint = '';
  let allocationId = 0;
  let loanId = 0;

  test('stock import refuses an inventory number twice and a negative count, nothing written', async () => {
    const items = multipart('kind;inventory_number;serial;source\nlaptop;KAS-001;SN1;budget\nlaptop;KAS-001;SN2;budget\nrouter;KAS-R1;;sponsor\n');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/supplies/organisations/${city}/stock-imports?kind=items&dryRun=false`,
      payload: items.payload,
      headers: { ...items.headers, cookie: admin },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ line: 3, code: 'supplies.duplicate_inventory_number' });
    const books = multipart('isbn;title;grade;subject;language;publisher;year;copies\n978-601-07-1234-5;Математика 5;5;math;kk;Атамұра;2020;-3\n');
    const res2 = await t.app.inject({
      method: 'POST',
      url: `/api/supplies/organisations/${city}/stock-imports?kind=textbooks&dryRun=false`,
      payload: books.payload,
      headers: { ...books.headers, cookie: admin },
    });
    expect(res2.json().errors[0].code).toBe('supplies.negative_count');
    expect(await t.one<number>('select count(*) from supplies_items')).toBe(0);
  });

  test('a good stock file is imported', async () => {
    const items = multipart('kind;inventory_number;serial;source\nlaptop;KAS-001;SN1;budget\nlaptop;KAS-002;SN2;budget\nrouter;KAS-R1;;sponsor\n');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/supplies/organisations/${city}/stock-imports?kind=items&dryRun=false`,
      payload: items.payload,
      headers: { ...items.headers, cookie: admin },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().written).toBe(3);
    const dup = await req(admin, 'POST', `/api/supplies/organisations/${city}/items`, { kind: 'laptop', inventoryNumber: 'KAS-001' });
    expect(dup.statusCode).toBe(409);
    const elsewhere = await t.db.query(
      `insert into supplies_items (organisation_id, category, kind, inventory_number) values ($1, 'device', 'laptop', 'ZH-001')`,
      [other],
    );
    expect(elsewhere.rowCount).toBe(1);
  });

  test("preview: the household gets 1 device and a kit with the reason in the reader's language; confirm writes it", async () => {
    const res = await req(admin, 'POST', '/api/supplies/allocation-runs/preview', { scope: { organisationId: city } });
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json();
    const line = run.lines.find((l: { recipient: { firstName: string } }) => l.recipient?.firstName === 'Серік');
    expect(line).toMatchObject({ devices: 1, kits: 1, priority: 2 });
    expect(line.reasonText).toContain('көпбалалы отбасы');
    expect(run.stock).toEqual({ devices: 2, kits: 1 });
    expect(run.totals.newDevices).toBeLessThanOrEqual(2);
    fingerprint = run.fingerprint;
    const stale = await req(admin, 'POST', '/api/supplies/allocation-runs', { scope: { organisationId: city }, fingerprint: 'x' });
    expect(stale.statusCode).toBe(409);
    const ok = await req(admin, 'POST', '/api/supplies/allocation-runs', { scope: { organisationId: city }, fingerprint });
    expect(ok.statusCode, ok.body).toBe(201);
    allocationId = await t.one<number>(
      `select id from supplies_allocations where household_key like 'h:%' and status = 'active' and pupil_ids @> $1::bigint[]`,
      [[son]],
    );
  });

  test('a re-run moves no one already served', async () => {
    const res = await req(admin, 'POST', '/api/supplies/allocation-runs/preview', { scope: { organisationId: city } });
    const line = res.json().lines.find((l: { recipient: { firstName: string } }) => l.recipient?.firstName === 'Серік');
    expect(line).toMatchObject({ devices: 1, previousDevices: 1, newDevices: 0 });
  });

  test('issue a laptop: agreement in Kazakh with every letter; already lent and other organisation refused', async () => {
    const res = await req(admin, 'POST', '/api/supplies/loans', { organisationId: city, inventoryNumber: 'KAS-001', allocationId, language: 'kk' });
    expect(res.statusCode, res.body).toBe(201);
    loanId = res.json().id;
    expect(res.json().dueOn).toBe('2021-05-25');
    const again = await req(admin, 'POST', '/api/supplies/loans', {
      organisationId: city,
      inventoryNumber: 'KAS-001',
      recipientId: await t.one<number>("select person_id from accounts where login = 'demo.parent'"),
    });
    expect(again.json().error.code).toBe('supplies.item_on_loan');
    const elsewhere = await req(admin, 'POST', '/api/supplies/loans', { organisationId: city, inventoryNumber: 'ZH-001', allocationId });
    expect(elsewhere.json().error.code).toBe('supplies.item_of_another_organisation');
    const pdf = await req(parent, 'GET', `/api/supplies/loans/${loanId}/agreement.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = (await new PDFParse({ data: new Uint8Array(pdf.rawPayload) }).getText()).text;
    expect(text).toContain('Құрылғыны уақытша пайдалануға беру туралы шарт');
    expect(text).toMatch(/[әғқңөұүһі]/);
    expect(text).toContain('KAS-001');
    const ru = await req(admin, 'GET', `/api/supplies/loans/${loanId}/agreement.pdf?lang=ru`);
    expect((await new PDFParse({ data: new Uint8Array(ru.rawPayload) }).getText()).text).toContain('Договор');
    expect((await req(teacher, 'GET', `/api/supplies/loans/${loanId}/agreement.pdf`)).statusCode).toBe(404);
  });

  test('the parent sees the allocation, its reason and the loan with its return date', async () => {
    const res = await req(parent, 'GET', '/api/supplies/my-households');
    expect(res.statusCode, res.body).toBe(200);
    const h = res.json().households[0];
    expect(h.allocation.devices).toBe(1);
    expect(h.allocation.reasonText).toMatch(/^1 құрылғы және интернет жинағы: қашықтан оқитын 2 оқушы/);
    expect(h.loans[0]).toMatchObject({ id: loanId, dueOn: '2021-05-25', item: { inventoryNumber: 'KAS-001' } });
  });

  test('overdue list and recall notify the family and the school', async () => {
    await t.db.query("update supplies_loans set due_on = '2020-12-01' where id = $1", [loanId]);
    const list = await req(admin, 'GET', `/api/supplies/loans?organisationId=${city}&status=overdue`);
    expect(list.json().items.map((l: { id: number }) => l.id)).toEqual([loanId]);
    const recall = await req(admin, 'POST', `/api/supplies/organisations/${city}/recalls`);
    expect(recall.json()).toMatchObject({ recalled: 1 });
    expect(recall.json().notified).toBeGreaterThanOrEqual(2);
    expect(await t.one<number>("select count(*) from notifications where kind = 'supplies.recall'")).toBe(1);
  });

  test('return with condition; a return of something never lent is refused', async () => {
    const res = await req(admin, 'POST', '/api/supplies/returns', { organisationId: city, inventoryNumber: 'KAS-001', condition: 'damaged' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().returnedCondition).toBe('damaged');
    const again = await req(admin, 'POST', '/api/supplies/returns', { organisationId: city, inventoryNumber: 'KAS-001', condition: 'ok' });
    expect(again.json().error.code).toBe('supplies.not_lent');
    expect(await t.one<string>("select status from supplies_items where inventory_number = 'KAS-001'")).toBe('repair');
  });

  test('a district officer transfers an item with a trail', async () => {
    const id = await t.one<number>("select id from supplies_items where inventory_number = 'KAS-002'");
    const res = await req(district, 'POST', `/api/supplies/items/${id}/transfer`, { toOrganisationId: other, note: 'rural school short' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().transfers).toHaveLength(1);
    expect((await req(admin, 'POST', `/api/supplies/items/${id}/transfer`, { toOrganisationId: city })).statusCode).toBe(404);
  });

  test('appeal and its decision are kept', async () => {
    const res = await req(parent, 'POST', '/api/supplies/appeals', { childId: son, text: 'Бізге екі ноутбук керек' });
    expect(res.statusCode, res.body).toBe(201);
    const d = await req(admin, 'POST', `/api/supplies/appeals/${res.json().id}/decision`, { decision: 'rejected', note: 'Ережеге сай: 2 оқушы — 1 құрылғы' });
    expect(d.json()).toMatchObject({ status: 'rejected' });
    expect((await req(admin, 'POST', `/api/supplies/appeals/${res.json().id}/decision`, { decision: 'upheld', note: 'x' })).statusCode).toBe(409);
  });
});

describe('rules, textbooks, officers', () => {
  test('a rule set that does not parse is refused with the place; a valid one becomes v2', async () => {
    const bad = await req(ministry, 'POST', '/api/supplies/rule-sets', { regionId: null, source: '{"priorities": [' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('supplies.rule_set_unparseable');
    const invalid = await req(ministry, 'POST', '/api/supplies/rule-sets', { regionId: null, body: { priorities: [] } });
    expect(invalid.json().error.code).toBe('supplies.rule_set_invalid');
    const cur = (await req(ministry, 'GET', '/api/supplies/rule-sets/current')).json();
    expect(cur.version).toBe(1);
    const ok = await req(ministry, 'POST', '/api/supplies/rule-sets', { regionId: null, body: cur.body, notes: 'same rules' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().version).toBe(cur.id === null ? 1 : cur.version + 1);
  });

  test('textbooks: issued to a whole class in one go, the public page and the QR sheet need no sign-in', async () => {
    const books = multipart(
      'isbn;title;grade;subject;language;publisher;year;copies;e_version_url\n978-601-07-1234-5;Математика 5;5;math;kk;Атамұра;2020;20;https://example.org/m5.pdf\n',
    );
    const imp = await t.app.inject({
      method: 'POST',
      url: `/api/supplies/organisations/${city}/stock-imports?kind=textbooks&dryRun=false`,
      payload: books.payload,
      headers: { ...books.headers, cookie: admin },
    });
    expect(imp.statusCode, imp.body).toBe(200);
    const title = await t.one<number>("select id from supplies_textbook_titles where isbn = '978-601-07-1234-5'");
    const cls = await t.one<number>("select id from classes where organisation_id = $1 and name = '5 А'", [city]);
    const r1 = await req(admin, 'POST', `/api/supplies/classes/${cls}/textbook-issues`, { titleId: title });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toEqual({ pupils: 18, changed: 18 });
    const cls2 = await t.one<number>("select id from classes where organisation_id = $1 and name = '5 Ә'", [city]);
    expect((await req(admin, 'POST', `/api/supplies/classes/${cls2}/textbook-issues`, { titleId: title })).json().error.code).toBe(
      'supplies.not_enough_copies',
    );
    const pub = await t.app.inject({ url: `/api/supplies/textbooks/${title}` });
    expect(pub.json()).toMatchObject({ title: 'Математика 5', eVersionUrl: 'https://example.org/m5.pdf' });
    const page = await t.app.inject({ url: `/textbooks/${title}`, headers: { 'accept-language': 'kk' } });
    expect(page.body).toContain('Электрондық нұсқасын ашу');
    expect(page.body.length).toBeLessThan(2000);
    const qr = await t.app.inject({ url: `/api/supplies/textbooks/${title}/qr-sheet.pdf` });
    expect(qr.headers['content-type']).toContain('application/pdf');
    const back = await req(admin, 'POST', `/api/supplies/classes/${cls}/textbook-returns`, { titleId: title });
    expect(back.json().changed).toBe(18);
  });

  test('officers: needs vs provided by area, with drill-down inside their area only', async () => {
    const res = await req(ministry, 'GET', '/api/supplies/areas');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().level).toBe('country');
    const d = await req(district, 'GET', '/api/supplies/areas');
    expect(d.json().level).toBe('district');
    const rows: Record<string, number | null>[] = d.json().rows;
    expect(rows.some((r) => r.id === city)).toBe(true);
    // officers never see a small number about people: each shown figure is 0 or at least the threshold,
    // and a column never hides just one figure (it could be worked out from the district's total)
    const threshold = d.json().threshold;
    expect(threshold).toBe(5);
    for (const k of ['pupils', 'withoutDevice', 'withoutInternet', 'devicesAllocated', 'devicesIssued', 'shortDevices']) {
      for (const r of rows) if (r[k] !== null) expect(r[k] === 0 || r[k]! >= threshold, `${k} ${r[k]}`).toBe(true);
      expect(rows.filter((r) => r[k] === null).length).not.toBe(1);
    }
    // the school's admin sees the school's own figures; the officer's view of the same school hides a small one
    const own = await req(admin, 'GET', `/api/supplies/organisations/${city}/needs`);
    const actual = own.json().summary.withoutDevice as number;
    expect(actual).toBeGreaterThanOrEqual(2);
    const officersView = await req(district, 'GET', `/api/supplies/organisations/${city}/needs`);
    expect(officersView.json().summary.withoutDevice).toBe(actual < threshold ? null : actual);
    const otherRegion = await t.one<number>("select id from regions where code = 'karaganda'");
    expect((await req(district, 'GET', `/api/supplies/areas?regionId=${otherRegion}`)).statusCode).toBe(404);
  });
});

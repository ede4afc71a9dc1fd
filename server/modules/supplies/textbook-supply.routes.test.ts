import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../test/app.js';

// 10 August 2020: a fortnight before the 25 August deadline, inside the checkpoint window
const ENV = { LEARNING_TODAY: '2020-08-10T09:00:00+06:00', FILES_DIR: mkdtempSync(path.join(tmpdir(), 'sabaq-ebooks-')), SUPPLIES_EBOOK_MAX_BYTES: '200000' };
let t: TestApp;
let admin: string, district: string, region: string, ministry: string, parent: string;
let city: number, village: number, outside: number, almaty: number, karasay: number;
let titleA: number, titleB: number, titleC: number, order: number;

const req = (cookie: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, payload: payload as object | undefined });

function upload(content: Buffer, name = 'book.pdf') {
  const boundary = `----sabaqebook${Math.random().toString(16).slice(2)}`;
  return {
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** A minimal EPUB's first entry: the stored (uncompressed) `mimetype` file. */
function epubHead(mimetype = 'application/epub+zip', method = 0): Buffer {
  const name = Buffer.from('mimetype');
  const body = Buffer.from(mimetype);
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(10, 4);
  h.writeUInt16LE(method, 8);
  h.writeUInt32LE(body.length, 18);
  h.writeUInt32LE(body.length, 22);
  h.writeUInt16LE(name.length, 26);
  h.writeUInt16LE(0, 28);
  return Buffer.concat([h, name, body, Buffer.from('PK\x03\x04rest-of-the-book')]);
}

const count = (table: string) => t.one<number>(`select count(*)::int from ${table}`);
const stockOf = (org: number, title: number) =>
  t.one<number>('select coalesce((select copies from supplies_textbook_stock where organisation_id = $1 and title_id = $2), 0)', [org, title]);

beforeAll(async () => {
  Object.assign(process.env, ENV);
  t = await createTestApp({ env: ENV });
  [admin, district, region, ministry, parent] = (await Promise.all(
    ['demo.admin', 'demo.district', 'demo.region', 'demo.ministry', 'demo.parent'].map((l) => t.login(l)),
  )) as [string, string, string, string, string];
  city = await t.one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
  village = await t.one<number>("select id from organisations where name_en = 'Zhandosov Village Secondary School'");
  outside = await t.one<number>("select id from organisations where name_en = 'Botakara Secondary School'");
  almaty = await t.one<number>('select region_id from organisations where id = $1', [city]);
  karasay = await t.one<number>('select district_id from organisations where id = $1', [city]);
  const title = (n: string, isbn: string) =>
    t.one<number>(
      `insert into supplies_textbook_titles (title, grade, subject, language, publisher, year, isbn) values ($1, 5, 'math', 'ru', 'Атамұра', 2020, $2) returning id`,
      [n, isbn],
    );
  titleA = await title('Математика 5 (тест)', '978-601-99-0001-1');
  titleB = await title('Русский язык 5 (тест)', '978-601-99-0001-2');
  titleC = await title('История 5 (тест)', '978-601-99-0001-3');
});
afterAll(async () => t?.close());

describe('purchase orders', () => {
  test('a region officer orders titles for the region; the deadline defaults to 25 August of the school year', async () => {
    const res = await req(region, 'POST', '/api/supplies/textbook-orders', {
      regionId: almaty,
      publisher: 'Атамұра',
      reference: '№ 12/2020',
      lines: [
        { titleId: titleA, copies: 100, unitPrice: 1850.5 },
        { titleId: titleB, copies: 60, unitPrice: 1700 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json();
    order = o.id;
    expect(o).toMatchObject({ regionId: almaty, deadline: '2020-08-25', copies: 160, value: 100 * 1850.5 + 60 * 1700, dispatches: [] });
  });

  test('a district officer cannot order for the region, an unknown title is named, a title twice is refused; nothing written', async () => {
    const before = await count('supplies_textbook_orders');
    const body = { regionId: almaty, publisher: 'X', lines: [{ titleId: titleA, copies: 1, unitPrice: 1 }] };
    expect((await req(district, 'POST', '/api/supplies/textbook-orders', body)).statusCode).toBe(404);
    const unknown = await req(region, 'POST', '/api/supplies/textbook-orders', { ...body, lines: [{ titleId: 99_999_999, copies: 1, unitPrice: 1 }] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.code).toBe('supplies.title_unknown');
    const twice = await req(region, 'POST', '/api/supplies/textbook-orders', { ...body, lines: [body.lines[0], body.lines[0]] });
    expect(twice.statusCode).toBe(400);
    const negative = await req(region, 'POST', '/api/supplies/textbook-orders', { ...body, lines: [{ titleId: titleA, copies: -5, unitPrice: 1 }] });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error).toHaveProperty('code');
    expect(await count('supplies_textbook_orders')).toBe(before);
  });
});

describe('dispatch plan', () => {
  test('the region officer plans copies per school with dates; more than ordered is refused and nothing is written', async () => {
    const ok = await req(region, 'POST', `/api/supplies/textbook-orders/${order}/dispatches`, {
      lines: [
        { titleId: titleA, organisationId: city, copies: 30, plannedOn: '2020-08-01', sent: true },
        { titleId: titleB, organisationId: city, copies: 20, plannedOn: '2020-08-20' },
        { titleId: titleA, organisationId: village, copies: 10, plannedOn: '2020-08-05' },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().dispatches).toHaveLength(3);
    expect(ok.json().dispatchCount).toBe(3);
    expect(ok.json().lines.find((l: { title: { id: number } }) => l.title.id === titleA)).toMatchObject({ copies: 100, planned: 40 });

    const before = await count('supplies_textbook_dispatches');
    const over = await req(region, 'POST', `/api/supplies/textbook-orders/${order}/dispatches`, {
      lines: [
        { titleId: titleB, organisationId: village, copies: 1, plannedOn: '2020-08-05' },
        { titleId: titleA, organisationId: village, copies: 61, plannedOn: '2020-08-05' },
      ],
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({ code: 'supplies.over_dispatch', details: { ordered: 100, planned: 40, adding: 61 } });
    const elsewhere = await req(region, 'POST', `/api/supplies/textbook-orders/${order}/dispatches`, {
      lines: [{ titleId: titleA, organisationId: outside, copies: 1, plannedOn: '2020-08-05' }],
    });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().error.code).toBe('supplies.school_outside_region');
    const notOrdered = await req(region, 'POST', `/api/supplies/textbook-orders/${order}/dispatches`, {
      lines: [{ titleId: titleC, organisationId: city, copies: 1, plannedOn: '2020-08-05' }],
    });
    expect(notOrdered.statusCode).toBe(422);
    expect(await count('supplies_textbook_dispatches')).toBe(before);
  });
});

describe('deliveries', () => {
  test('a partial delivery joins the school stock in the same step and marks the dispatch sent', async () => {
    const stockBefore = await stockOf(city, titleB);
    const res = await req(admin, 'POST', `/api/supplies/organisations/${city}/textbook-deliveries`, { lines: [{ titleId: titleB, copies: 12 }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().stock).toEqual([{ titleId: titleB, copies: stockBefore + 12 }]);
    expect(await stockOf(city, titleB)).toBe(stockBefore + 12);
    expect(
      await t.one<boolean>(
        `select sent_at is not null from supplies_textbook_dispatches x join supplies_textbook_order_lines l on l.id = x.order_line_id
      where x.organisation_id = $1 and l.title_id = $2`,
        [city, titleB],
      ),
    ).toBe(true);
    const dispatches = (await req(admin, 'GET', `/api/supplies/organisations/${city}/textbook-dispatches`)).json().items;
    expect(dispatches.find((d: { title: { id: number } }) => d.title.id === titleB)).toMatchObject({ copies: 20, delivered: 12 });
  });

  test('over-delivery is refused with what is still awaited; nothing is written, not even the good line', async () => {
    const [deliveries, stockA, stockB] = [await count('supplies_textbook_deliveries'), await stockOf(city, titleA), await stockOf(city, titleB)];
    const res = await req(admin, 'POST', `/api/supplies/organisations/${city}/textbook-deliveries`, {
      lines: [
        { titleId: titleA, copies: 5 },
        { titleId: titleB, copies: 9 },
      ],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'supplies.over_delivery', details: { titleId: titleB, awaited: 8, copies: 9 } });
    expect(await count('supplies_textbook_deliveries')).toBe(deliveries);
    expect(await stockOf(city, titleA)).toBe(stockA);
    expect(await stockOf(city, titleB)).toBe(stockB);
  });

  test('a title never dispatched to the school is refused; another school is not found; a parent cannot record', async () => {
    const notSent = await req(admin, 'POST', `/api/supplies/organisations/${city}/textbook-deliveries`, { lines: [{ titleId: titleC, copies: 1 }] });
    expect(notSent.statusCode).toBe(422);
    expect(notSent.json().error.code).toBe('supplies.title_not_dispatched');
    expect(
      (await req(admin, 'POST', `/api/supplies/organisations/${village}/textbook-deliveries`, { lines: [{ titleId: titleA, copies: 1 }] })).statusCode,
    ).toBe(404);
    expect((await req(parent, 'POST', `/api/supplies/organisations/${city}/textbook-deliveries`, { lines: [{ titleId: titleA, copies: 1 }] })).statusCode).toBe(
      404,
    );
    const zero = await req(admin, 'POST', `/api/supplies/organisations/${city}/textbook-deliveries`, { lines: [{ titleId: titleA, copies: 0 }] });
    expect(zero.statusCode).toBe(400);
    const future = await req(admin, 'POST', `/api/supplies/organisations/${city}/textbook-deliveries`, {
      receivedOn: '2020-08-11',
      lines: [{ titleId: titleA, copies: 1 }],
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.code).toBe('supplies.date_in_future');
  });

  test('the rest of a dispatch can arrive later; exactly what was awaited is accepted', async () => {
    const res = await req(admin, 'POST', `/api/supplies/organisations/${city}/textbook-deliveries`, { lines: [{ titleId: titleB, copies: 8 }] });
    expect(res.statusCode, res.body).toBe(201);
    const again = await req(admin, 'POST', `/api/supplies/organisations/${city}/textbook-deliveries`, { lines: [{ titleId: titleB, copies: 1 }] });
    expect(again.statusCode).toBe(409);
  });
});

describe('progress against the deadline', () => {
  const sql = async (where: string, params: unknown[]) => {
    const { rows } = await t.db.query<{ planned: number; dispatched: number; delivered: number; issued: number }>(
      `select (select coalesce(sum(x.copies), 0) from supplies_textbook_dispatches x join organisations g on g.id = x.organisation_id where ${where})::int as planned,
              (select coalesce(sum(x.copies), 0) from supplies_textbook_dispatches x join organisations g on g.id = x.organisation_id where ${where} and x.sent_at is not null)::int as dispatched,
              (select coalesce(sum(d.copies), 0) from supplies_textbook_deliveries d join organisations g on g.id = d.organisation_id where ${where})::int as delivered,
              (select count(*) from supplies_textbook_issues i join organisations g on g.id = i.organisation_id where ${where} and i.returned_at is null
                 and exists (select 1 from supplies_textbook_dispatches x join supplies_textbook_order_lines l on l.id = x.order_line_id
                              where x.organisation_id = i.organisation_id and l.title_id = i.title_id))::int as issued`,
      params,
    );
    return rows[0]!;
  };

  test("the district officer's figures per school equal a direct count, and the school behind the checkpoint is on the late list", async () => {
    // pupils get some of the delivered copies
    const cls = await t.one<number>("select id from classes where organisation_id = $1 and name = '5 Б'", [city]);
    const issue = await req(admin, 'POST', `/api/supplies/classes/${cls}/textbook-issues`, { titleId: titleB });
    expect(issue.statusCode, issue.body).toBe(200);

    const res = await req(district, 'GET', '/api/supplies/textbook-supply/progress');
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ level: 'district', today: '2020-08-10' });
    for (const school of [city, village]) {
      const row = p.rows.find((r: { id: number }) => r.id === school);
      expect(row, `school ${school}`).toBeDefined();
      expect({ planned: row.planned, dispatched: row.dispatched, delivered: row.delivered, issued: row.issued }).toEqual(await sql('g.id = $1', [school]));
    }
    const cityRow = p.rows.find((r: { id: number }) => r.id === city);
    expect(cityRow.issued).toBeGreaterThan(0);
    expect(cityRow.deliveredPct).toBe(Math.floor((100 * cityRow.delivered) / cityRow.planned));
    // the village's 10 copies planned for 5 August were never sent: late
    const villageRow = p.rows.find((r: { id: number }) => r.id === village);
    expect(villageRow.status).toBe('late');
    expect(p.late.map((l: { id: number }) => l.id)).toContain(village);
  });

  test('the region view rolls districts up (equal to a direct count); the ministry sees regions with what was ordered', async () => {
    const res = await req(region, 'GET', `/api/supplies/textbook-supply/progress?regionId=${almaty}`);
    expect(res.statusCode).toBe(200);
    const row = res.json().rows.find((r: { id: number }) => r.id === karasay);
    expect({ planned: row.planned, dispatched: row.dispatched, delivered: row.delivered, issued: row.issued }).toEqual(
      await sql('g.district_id = $1', [karasay]),
    );
    const country = (await req(ministry, 'GET', '/api/supplies/textbook-supply/progress')).json();
    expect(country.level).toBe('country');
    const almatyRow = country.rows.find((r: { id: number }) => r.id === almaty);
    expect(almatyRow.ordered).toBe(
      await t.one<number>(
        'select sum(l.copies)::int from supplies_textbook_order_lines l join supplies_textbook_orders o on o.id = l.order_id where o.region_id = $1',
        [almaty],
      ),
    );
    expect((await req(district, 'GET', `/api/supplies/textbook-supply/progress?regionId=${almaty}`)).statusCode).toBe(404);
    expect((await req(region, 'GET', `/api/supplies/textbook-supply/progress?regionId=99999999`)).statusCode).toBe(404);
  });

  test('the table exports as CSV and XLSX through the shared writer', async () => {
    const csv = await req(region, 'GET', `/api/supplies/textbook-supply/progress/export?regionId=${almaty}&format=csv&lang=ru`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Территория;Закуплено;Запланировано');
    expect(csv.body).toContain('Карасайский район');
    const xlsx = await req(region, 'GET', `/api/supplies/textbook-supply/progress/export?regionId=${almaty}&format=xlsx&lang=en`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Area');
    const names = sheet.getColumn(1).values as unknown[];
    expect(names).toContain('Karasay District');
  });
});

describe('e-versions in the file store', () => {
  test('an officer uploads a PDF; it is served publicly with caching, and the public page links to it', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 0x41), Buffer.from('\n%%EOF\n')]);
    const u = upload(bytes);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/supplies/textbooks/${titleA}/e-version`,
      headers: { cookie: region, ...u.headers },
      payload: u.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { url, type, bytes: size } = res.json();
    expect(type).toBe('pdf');
    expect(size).toBe(bytes.length);
    const file = await t.app.inject({ method: 'GET', url });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['cache-control']).toBe('public, max-age=86400');
    expect(file.rawPayload.equals(bytes)).toBe(true);
    const cached = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': String(file.headers.etag) } });
    expect(cached.statusCode).toBe(304);
    // one range, for a viewer that shows the first pages first
    expect(file.headers['accept-ranges']).toBe('bytes');
    const part = await t.app.inject({ method: 'GET', url, headers: { range: 'bytes=0-99' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-99/${bytes.length}`);
    expect(part.rawPayload.equals(bytes.subarray(0, 100))).toBe(true);
    const tail = await t.app.inject({ method: 'GET', url, headers: { range: 'bytes=-7' } });
    expect(tail.rawPayload.toString()).toBe('\n%%EOF\n');
    const beyond = await t.app.inject({ method: 'GET', url, headers: { range: `bytes=${bytes.length}-` } });
    expect(beyond.statusCode).toBe(416);
    const changed = await t.app.inject({ method: 'GET', url, headers: { range: 'bytes=0-99', 'if-range': '"an-older-file"' } });
    expect(changed.statusCode).toBe(200);
    expect(changed.rawPayload.length).toBe(bytes.length);
    const page = await t.app.inject({ method: 'GET', url: `/textbooks/${titleA}`, headers: { 'accept-language': 'ru' } });
    expect(page.body).toContain(`href="${url.replace('&', '&amp;')}"`);
    expect((await t.app.inject({ method: 'GET', url: `/api/supplies/textbooks/${titleA}` })).json().eVersionUrl).toBe(url);
  });

  test('an EPUB is recognised by its stored mimetype entry; a renamed text file or a plain zip is refused and nothing changes', async () => {
    const send = (body: Buffer, name: string) => {
      const u = upload(body, name);
      return t.app.inject({
        method: 'POST',
        url: `/api/supplies/textbooks/${titleB}/e-version`,
        headers: { cookie: ministry, ...u.headers },
        payload: u.payload,
      });
    };
    const epub = await send(epubHead(), 'book.epub');
    expect(epub.statusCode, epub.body).toBe(201);
    expect(epub.json().type).toBe('epub');
    const before = await t.one<string>('select e_file_key from supplies_textbook_titles where id = $1', [titleB]);
    for (const [body, name] of [
      [Buffer.from('not a book at all'), 'book.pdf'],
      [epubHead('application/zip'), 'book.epub'],
      [epubHead('application/epub+zip', 8), 'book.epub'],
    ] as const) {
      const bad = await send(body, name);
      expect(bad.statusCode, name).toBe(415);
      expect(bad.json().error.code).toBe('supplies.e_book_type');
    }
    expect(await t.one<string>('select e_file_key from supplies_textbook_titles where id = $1', [titleB])).toBe(before);
    const served = await t.app.inject({ method: 'GET', url: `/textbooks/${titleB}/e-book` });
    expect(served.headers['content-type']).toBe('application/epub+zip');
  });

  test('too large → 413; a school admin may not upload; no file yet → 404', async () => {
    const big = upload(Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(250_000, 0x41)]));
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/supplies/textbooks/${titleC}/e-version`,
      headers: { cookie: region, ...big.headers },
      payload: big.payload,
    });
    expect(res.statusCode).toBe(413);
    const small = upload(Buffer.from('%PDF-1.4\n'));
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/supplies/textbooks/${titleC}/e-version`,
          headers: { cookie: admin, ...small.headers },
          payload: small.payload,
        })
      ).statusCode,
    ).toBe(403);
    const none = await t.app.inject({ method: 'GET', url: `/textbooks/${titleC}/e-book` });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('supplies.e_book_missing');
  });
});

describe('editing and cancelling orders and dispatches (decision 0039)', () => {
  let ord: number, toCity: number, toVillage: number;
  const trail = () => t.one<number>('select count(*)::int from supplies_textbook_changes where order_id = $1', [ord]);

  beforeAll(async () => {
    const o = await req(region, 'POST', '/api/supplies/textbook-orders', {
      regionId: almaty,
      publisher: 'Мектеп',
      lines: [{ titleId: titleC, copies: 50, unitPrice: 2000 }],
    });
    ord = o.json().id;
    const d = await req(region, 'POST', `/api/supplies/textbook-orders/${ord}/dispatches`, {
      lines: [
        { titleId: titleC, organisationId: city, copies: 20, plannedOn: '2020-08-01' },
        { titleId: titleC, organisationId: village, copies: 10, plannedOn: '2020-08-02' },
      ],
    });
    const ids = d.json().dispatches as { id: number; organisation: { id: number } }[];
    toCity = ids.find((x) => x.organisation.id === city)!.id;
    toVillage = ids.find((x) => x.organisation.id === village)!.id;
    expect((await req(admin, 'POST', `/api/supplies/organisations/${city}/textbook-deliveries`, { lines: [{ titleId: titleC, copies: 15 }] })).statusCode).toBe(
      201,
    );
  });

  test('copies, price and deadline change with a trail of old and new values; the same values again record nothing', async () => {
    const res = await req(region, 'PATCH', `/api/supplies/textbook-orders/${ord}`, {
      deadline: '2020-08-28',
      lines: [{ titleId: titleC, copies: 40, unitPrice: 2100 }],
      reason: 'Қосымша келісім',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ deadline: '2020-08-28', copies: 40, value: 84_000 });
    expect(res.json().changes[0]).toMatchObject({
      action: 'order_edited',
      reason: 'Қосымша келісім',
      changedBy: { firstName: 'Динара' },
      changes: expect.arrayContaining([
        { field: 'deadline', old: '2020-08-25', new: '2020-08-28' },
        { field: `copies:${titleC}`, old: 50, new: 40 },
        { field: `price:${titleC}`, old: 2000, new: 2100 },
      ]),
    });
    const n = await trail();
    expect((await req(region, 'PATCH', `/api/supplies/textbook-orders/${ord}`, { lines: [{ titleId: titleC, copies: 40 }] })).statusCode).toBe(200);
    expect(await trail()).toBe(n);
  });

  test('an order is never reduced below what is planned for dispatch; a title not in the order is named; nothing written', async () => {
    const n = await trail();
    const res = await req(region, 'PATCH', `/api/supplies/textbook-orders/${ord}`, { reference: 'X', lines: [{ titleId: titleC, copies: 29 }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'supplies.order_below_dispatched', details: { titleId: titleC, copies: 29, planned: 30 } });
    expect(res.json().error.message).toContain('30');
    const other = await req(region, 'PATCH', `/api/supplies/textbook-orders/${ord}`, { lines: [{ titleId: titleA, copies: 1 }] });
    expect(other.statusCode).toBe(422);
    expect(await t.one<string | null>('select reference from supplies_textbook_orders where id = $1', [ord])).toBeNull();
    expect(await trail()).toBe(n);
    expect((await req(district, 'PATCH', `/api/supplies/textbook-orders/${ord}`, { reference: 'X' })).statusCode).toBe(404);
  });

  test('a dispatch changes copies and date; never below what the school received, never above what was ordered', async () => {
    const below = await req(region, 'PATCH', `/api/supplies/textbook-dispatches/${toCity}`, { copies: 14 });
    expect(below.statusCode).toBe(409);
    expect(below.json().error).toMatchObject({ code: 'supplies.dispatch_below_delivered', details: { copies: 14, delivered: 15 } });
    const over = await req(region, 'PATCH', `/api/supplies/textbook-dispatches/${toCity}`, { copies: 31 });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('supplies.over_dispatch');
    expect(await t.one<number>('select copies from supplies_textbook_dispatches where id = $1', [toCity])).toBe(20);
    const ok = await req(ministry, 'PATCH', `/api/supplies/textbook-dispatches/${toCity}`, { copies: 15, plannedOn: '2020-08-03' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ copies: 15, plannedOn: '2020-08-03', delivered: 15 });
    expect((await req(district, 'PATCH', `/api/supplies/textbook-dispatches/${toCity}`, { copies: 16 })).statusCode).toBe(404);
  });

  test('a dispatch with deliveries cannot be cancelled, nor its order; one without can, and the trail keeps what it was', async () => {
    const refused = await req(region, 'POST', `/api/supplies/textbook-dispatches/${toCity}/cancel`, { reason: 'x' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'supplies.dispatch_has_deliveries', details: { delivered: 15 } });
    const orderRefused = await req(region, 'POST', `/api/supplies/textbook-orders/${ord}/cancel`, {});
    expect(orderRefused.statusCode).toBe(409);
    expect(orderRefused.json().error.code).toBe('supplies.order_has_deliveries');
    expect(await t.one<number>('select count(*)::int from supplies_textbook_dispatches where id = $1', [toVillage])).toBe(1);

    const ok = await req(region, 'POST', `/api/supplies/textbook-dispatches/${toVillage}/cancel`, { reason: 'Мектеп жабылды' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await t.one<number>('select count(*)::int from supplies_textbook_dispatches where id = $1', [toVillage])).toBe(0);
    const detail = (await req(region, 'GET', `/api/supplies/textbook-orders/${ord}`)).json();
    expect(detail.lines[0]).toMatchObject({ planned: 15 });
    expect(detail.changes[0]).toMatchObject({
      action: 'dispatch_cancelled',
      dispatchId: toVillage,
      reason: 'Мектеп жабылды',
      changes: [{ field: 'dispatch', old: { titleId: titleC, organisationId: village, copies: 10, plannedOn: '2020-08-02' }, new: null }],
    });
    expect((await req(region, 'POST', `/api/supplies/textbook-dispatches/${toVillage}/cancel`, {})).statusCode).toBe(404);
  });

  test('an order without deliveries is cancelled with its dispatches; it stays listed, counts for nothing and changes no more', async () => {
    const o = await req(region, 'POST', '/api/supplies/textbook-orders', {
      regionId: almaty,
      publisher: 'Мектеп',
      lines: [{ titleId: titleC, copies: 7, unitPrice: 10 }],
    });
    const id = o.json().id as number;
    await req(region, 'POST', `/api/supplies/textbook-orders/${id}/dispatches`, {
      lines: [{ titleId: titleC, organisationId: village, copies: 7, plannedOn: '2020-08-09' }],
    });
    const orderedBefore = (await req(ministry, 'GET', '/api/supplies/textbook-supply/progress'))
      .json()
      .rows.find((r: { id: number }) => r.id === almaty).ordered;
    const res = await req(region, 'POST', `/api/supplies/textbook-orders/${id}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().cancelledAt).not.toBeNull();
    expect(res.json().dispatchCount).toBe(0);
    expect(res.json().changes.map((c: { action: string }) => c.action)).toEqual(['order_cancelled', 'dispatch_cancelled']);
    const orderedAfter = (await req(ministry, 'GET', '/api/supplies/textbook-supply/progress'))
      .json()
      .rows.find((r: { id: number }) => r.id === almaty).ordered;
    expect(orderedAfter).toBe(orderedBefore - 7);
    const again = await req(region, 'PATCH', `/api/supplies/textbook-orders/${id}`, { reference: 'late' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('supplies.order_cancelled');
    const plan = await req(region, 'POST', `/api/supplies/textbook-orders/${id}/dispatches`, {
      lines: [{ titleId: titleC, organisationId: village, copies: 1, plannedOn: '2020-08-09' }],
    });
    expect(plan.statusCode).toBe(409);
    const list = (await req(region, 'GET', `/api/supplies/textbook-orders?regionId=${almaty}`)).json().items;
    expect(list.find((x: { id: number }) => x.id === id).cancelledAt).not.toBeNull();
  });
});

import type { Queryable } from '../../platform/db.js';
import type { ChangeView, DispatchView } from '../../../contracts/textbook-supply.js';

/** SQL of the textbook supply chain: orders, dispatches, deliveries, progress figures, e-version files. */

const NAME = (t: string) => `json_build_object('kk', ${t}.name_kk, 'ru', ${t}.name_ru, 'en', ${t}.name_en)`;
type Name = { kk: string; ru: string; en: string };
const TITLE = `json_build_object('id', t.id, 'title', t.title, 'grade', t.grade, 'language', t.language, 'isbn', t.isbn)`;

export async function currentYearStart(db: Queryable): Promise<string | null> {
  const { rows } = await db.query<{ starts_on: string }>('select starts_on from academic_years where is_current');
  return rows[0]?.starts_on ?? null;
}

export async function regionExists(db: Queryable, id: number): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from regions where id = $1', [id]);
  return (rowCount ?? 0) > 0;
}

export async function titlesExist(db: Queryable, ids: number[]): Promise<Set<number>> {
  const { rows } = await db.query<{ id: number }>('select id from supplies_textbook_titles where id = any($1::bigint[])', [ids]);
  return new Set(rows.map((r) => Number(r.id)));
}

export async function listTitles(db: Queryable) {
  const { rows } = await db.query<{ id: number; title: string; grade: number; subject: string; language: string; publisher: string; isbn: string }>(
    'select id, title, grade, subject, language, publisher, isbn from supplies_textbook_titles order by grade, subject, title, id limit 2000',
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function insertOrder(
  db: Queryable,
  o: { regionId: number; publisher: string; reference: string | null; deadline: string; by: number | null; at: Date },
  lines: { titleId: number; copies: number; unitPrice: number }[],
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into supplies_textbook_orders (region_id, publisher, reference, deadline, created_by, created_at) values ($1, $2, $3, $4, $5, $6) returning id`,
    [o.regionId, o.publisher, o.reference, o.deadline, o.by, o.at],
  );
  const id = Number(rows[0]!.id);
  await db.query(
    `insert into supplies_textbook_order_lines (order_id, title_id, copies, unit_price)
     select $1, t, c, p from unnest($2::bigint[], $3::int[], $4::numeric[]) as x(t, c, p)`,
    [id, lines.map((l) => l.titleId), lines.map((l) => l.copies), lines.map((l) => l.unitPrice)],
  );
  return id;
}

export type OrderRow = {
  id: number;
  regionId: number;
  publisher: string;
  reference: string | null;
  deadline: string;
  createdAt: string;
  cancelledAt: string | null;
};

const ORDER = `select id, region_id as "regionId", publisher, reference, deadline::text as deadline, created_at as "createdAt", cancelled_at as "cancelledAt"
  from supplies_textbook_orders`;
const orderOut = (r: OrderRow): OrderRow => ({
  ...r,
  id: Number(r.id),
  createdAt: new Date(r.createdAt).toISOString(),
  cancelledAt: r.cancelledAt === null ? null : new Date(r.cancelledAt).toISOString(),
});

export async function findOrder(db: Queryable, id: number, lock = false): Promise<OrderRow | null> {
  const { rows } = await db.query<OrderRow>(`${ORDER} where id = $1 ${lock ? 'for update' : ''}`, [id]);
  return rows[0] ? orderOut(rows[0]) : null;
}

export async function ordersOf(db: Queryable, regionIds: number[] | null): Promise<OrderRow[]> {
  const { rows } = await db.query<OrderRow>(
    `${ORDER} where $1::int[] is null or region_id = any($1::int[]) order by cancelled_at is not null, created_at desc, id desc limit 500`,
    [regionIds],
  );
  return rows.map(orderOut);
}

export type LineRow = {
  id: number;
  orderId: number;
  title: DispatchView['title'];
  copies: number;
  unitPrice: number;
  planned: number;
  delivered: number;
};

export async function linesOf(db: Queryable, orderIds: number[]): Promise<LineRow[]> {
  const { rows } = await db.query<LineRow>(
    `select l.id, l.order_id as "orderId", ${TITLE} as title, l.copies, l.unit_price as "unitPrice",
            coalesce((select sum(x.copies) from supplies_textbook_dispatches x where x.order_line_id = l.id), 0) as planned,
            coalesce((select sum(d.copies) from supplies_textbook_dispatches x join supplies_textbook_deliveries d on d.dispatch_id = x.id where x.order_line_id = l.id), 0) as delivered
       from supplies_textbook_order_lines l join supplies_textbook_titles t on t.id = l.title_id
      where l.order_id = any($1::bigint[]) order by l.order_id, t.grade, t.title, l.id`,
    [orderIds],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), orderId: Number(r.orderId), planned: Number(r.planned), delivered: Number(r.delivered) }));
}

/** Lines of an order by title, locked (a dispatch plan checks what is left to plan). */
export async function lockLines(db: Queryable, orderId: number): Promise<Map<number, { id: number; copies: number; planned: number }>> {
  const { rows } = await db.query<{ id: number; title_id: number; copies: number }>(
    'select id, title_id, copies from supplies_textbook_order_lines where order_id = $1 order by id for update',
    [orderId],
  );
  const planned = await db.query<{ order_line_id: number; n: number }>(
    `select order_line_id, sum(copies) as n from supplies_textbook_dispatches where order_line_id = any($1::bigint[]) group by 1`,
    [rows.map((r) => r.id)],
  );
  const byLine = new Map(planned.rows.map((p) => [Number(p.order_line_id), Number(p.n)]));
  return new Map(rows.map((r) => [Number(r.title_id), { id: Number(r.id), copies: r.copies, planned: byLine.get(Number(r.id)) ?? 0 }]));
}

export async function organisationsIn(db: Queryable, ids: number[]): Promise<Map<number, { regionId: number; districtId: number }>> {
  const { rows } = await db.query<{ id: number; region_id: number; district_id: number }>(
    'select id, region_id, district_id from organisations where id = any($1::int[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { regionId: r.region_id, districtId: r.district_id }]));
}

export async function insertDispatches(
  db: Queryable,
  rows: { lineId: number; organisationId: number; copies: number; plannedOn: string; sentAt: Date | null }[],
  by: number,
  at: Date,
): Promise<number[]> {
  const res = await db.query<{ id: number }>(
    `insert into supplies_textbook_dispatches (order_line_id, organisation_id, copies, planned_on, sent_at, created_by, created_at)
     select l, o, c, p, s, $6, $7 from unnest($1::bigint[], $2::int[], $3::int[], $4::date[], $5::timestamptz[]) with ordinality as x(l, o, c, p, s, n) order by n
     returning id`,
    [rows.map((r) => r.lineId), rows.map((r) => r.organisationId), rows.map((r) => r.copies), rows.map((r) => r.plannedOn), rows.map((r) => r.sentAt), by, at],
  );
  return res.rows.map((r) => Number(r.id));
}

const DISPATCH = `select x.id, l.order_id as "orderId", ${TITLE} as title,
         json_build_object('id', o.id, 'name', ${NAME('o')}, 'districtId', o.district_id) as organisation,
         x.copies, x.planned_on::text as "plannedOn", x.sent_at as "sentAt",
         coalesce((select sum(d.copies) from supplies_textbook_deliveries d where d.dispatch_id = x.id), 0) as delivered,
         ord.deadline::text as deadline
    from supplies_textbook_dispatches x
    join supplies_textbook_order_lines l on l.id = x.order_line_id
    join supplies_textbook_orders ord on ord.id = l.order_id
    join supplies_textbook_titles t on t.id = l.title_id
    join organisations o on o.id = x.organisation_id`;

function dispatchOut(r: DispatchView & { sentAt: string | Date | null }): DispatchView {
  return {
    ...r,
    id: Number(r.id),
    orderId: Number(r.orderId),
    delivered: Number(r.delivered),
    sentAt: r.sentAt === null ? null : new Date(r.sentAt).toISOString(),
  };
}

export async function dispatchesWhere(
  db: Queryable,
  w: { orderId?: number; organisationId?: number; districtIds?: number[] | null; id?: number },
  limit = 5000,
): Promise<DispatchView[]> {
  const { rows } = await db.query<DispatchView>(
    `${DISPATCH}
      where ($1::bigint is null or l.order_id = $1) and ($2::int is null or x.organisation_id = $2)
        and ($3::int[] is null or o.district_id = any($3::int[])) and ($4::bigint is null or x.id = $4)
      order by x.planned_on, o.id, t.grade, t.title, x.id limit $5`,
    [w.orderId ?? null, w.organisationId ?? null, w.districtIds ?? null, w.id ?? null, limit],
  );
  return rows.map(dispatchOut);
}

export async function countDispatches(db: Queryable, orderId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select count(*) as n from supplies_textbook_dispatches x join supplies_textbook_order_lines l on l.id = x.order_line_id where l.order_id = $1',
    [orderId],
  );
  return Number(rows[0]!.n);
}

export async function markSent(db: Queryable, ids: number[], at: Date): Promise<void> {
  await db.query('update supplies_textbook_dispatches set sent_at = $2 where id = any($1::bigint[]) and sent_at is null', [ids, at]);
}

/** The school's dispatches of these titles with what each has received, locked for a delivery. */
export async function lockSchoolDispatches(
  db: Queryable,
  organisationId: number,
  titleIds: number[],
): Promise<{ id: number; titleId: number; copies: number; delivered: number; plannedOn: string }[]> {
  const { rows } = await db.query<{ id: number; title_id: number; copies: number; planned_on: string }>(
    `select x.id, l.title_id, x.copies, x.planned_on::text as planned_on from supplies_textbook_dispatches x
       join supplies_textbook_order_lines l on l.id = x.order_line_id
      where x.organisation_id = $1 and l.title_id = any($2::bigint[]) order by x.id for update of x`,
    [organisationId, titleIds],
  );
  const got = await db.query<{ dispatch_id: number; n: number }>(
    'select dispatch_id, sum(copies) as n from supplies_textbook_deliveries where dispatch_id = any($1::bigint[]) group by 1',
    [rows.map((r) => r.id)],
  );
  const by = new Map(got.rows.map((g) => [Number(g.dispatch_id), Number(g.n)]));
  return rows.map((r) => ({ id: Number(r.id), titleId: Number(r.title_id), copies: r.copies, delivered: by.get(Number(r.id)) ?? 0, plannedOn: r.planned_on }));
}

export async function insertDeliveries(
  db: Queryable,
  rows: { dispatchId: number; titleId: number; copies: number }[],
  d: { organisationId: number; receivedOn: string; by: number; at: Date; note: string | null },
): Promise<number[]> {
  const res = await db.query<{ id: number }>(
    `insert into supplies_textbook_deliveries (dispatch_id, organisation_id, title_id, copies, received_on, received_by, recorded_at, note)
     select x, $4, t, c, $5, $6, $7, $8 from unnest($1::bigint[], $2::bigint[], $3::int[]) with ordinality as u(x, t, c, n) order by n returning id`,
    [rows.map((r) => r.dispatchId), rows.map((r) => r.titleId), rows.map((r) => r.copies), d.organisationId, d.receivedOn, d.by, d.at, d.note],
  );
  return res.rows.map((r) => Number(r.id));
}

export async function stockCopies(db: Queryable, organisationId: number, titleIds: number[]): Promise<{ titleId: number; copies: number }[]> {
  const { rows } = await db.query<{ title_id: number; copies: number }>(
    'select title_id, copies from supplies_textbook_stock where organisation_id = $1 and title_id = any($2::bigint[]) order by title_id',
    [organisationId, titleIds],
  );
  return rows.map((r) => ({ titleId: Number(r.title_id), copies: r.copies }));
}

// ── edits, cancellations and their trail ─────────────────────────────────────────────────────────

export async function updateOrder(db: Queryable, id: number, o: { publisher: string; reference: string | null; deadline: string }): Promise<void> {
  await db.query('update supplies_textbook_orders set publisher = $2, reference = $3, deadline = $4 where id = $1', [id, o.publisher, o.reference, o.deadline]);
}

export async function updateLine(db: Queryable, id: number, copies: number, unitPrice: number): Promise<void> {
  await db.query('update supplies_textbook_order_lines set copies = $2, unit_price = $3 where id = $1', [id, copies, unitPrice]);
}

export async function cancelOrder(db: Queryable, id: number, by: number, at: Date): Promise<void> {
  await db.query('update supplies_textbook_orders set cancelled_at = $3, cancelled_by = $2 where id = $1', [id, by, at]);
}

/** A dispatch with its line, order and what it received, locked (with its order line) for a change. */
export async function lockDispatch(db: Queryable, id: number) {
  const { rows } = await db.query<{
    id: number;
    order_id: number;
    line_id: number;
    title_id: number;
    organisation_id: number;
    copies: number;
    planned_on: string;
    sent: boolean;
  }>(
    `select x.id, l.order_id, l.id as line_id, l.title_id, x.organisation_id, x.copies, x.planned_on::text as planned_on, x.sent_at is not null as sent
       from supplies_textbook_dispatches x join supplies_textbook_order_lines l on l.id = x.order_line_id
      where x.id = $1 for update of x, l`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  const got = await db.query<{ n: number }>('select coalesce(sum(copies), 0) as n from supplies_textbook_deliveries where dispatch_id = $1', [id]);
  const planned = await db.query<{ n: number }>('select coalesce(sum(copies), 0) as n from supplies_textbook_dispatches where order_line_id = $1', [r.line_id]);
  const ordered = await db.query<{ copies: number }>('select copies from supplies_textbook_order_lines where id = $1', [r.line_id]);
  return {
    id: Number(r.id),
    orderId: Number(r.order_id),
    lineId: Number(r.line_id),
    titleId: Number(r.title_id),
    organisationId: r.organisation_id,
    copies: r.copies,
    plannedOn: r.planned_on,
    sent: r.sent,
    delivered: Number(got.rows[0]!.n),
    linePlanned: Number(planned.rows[0]!.n),
    lineOrdered: ordered.rows[0]!.copies,
  };
}

export async function updateDispatch(db: Queryable, id: number, copies: number, plannedOn: string): Promise<void> {
  await db.query('update supplies_textbook_dispatches set copies = $2, planned_on = $3 where id = $1', [id, copies, plannedOn]);
}

export async function deleteDispatches(db: Queryable, ids: number[]): Promise<void> {
  await db.query('delete from supplies_textbook_dispatches where id = any($1::bigint[])', [ids]);
}

/** Dispatches of an order with their received copies (for a cancellation). */
export async function orderDispatches(db: Queryable, orderId: number) {
  const { rows } = await db.query<{ id: number; title_id: number; organisation_id: number; copies: number; planned_on: string; delivered: number }>(
    `select x.id, l.title_id, x.organisation_id, x.copies, x.planned_on::text as planned_on,
            coalesce((select sum(d.copies) from supplies_textbook_deliveries d where d.dispatch_id = x.id), 0) as delivered
       from supplies_textbook_dispatches x join supplies_textbook_order_lines l on l.id = x.order_line_id
      where l.order_id = $1 order by x.id for update of x`,
    [orderId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    titleId: Number(r.title_id),
    organisationId: r.organisation_id,
    copies: r.copies,
    plannedOn: r.planned_on,
    delivered: Number(r.delivered),
  }));
}

export async function insertChange(
  db: Queryable,
  c: { orderId: number; dispatchId: number | null; action: ChangeView['action']; changes: ChangeView['changes']; reason: string | null; by: number; at: Date },
): Promise<void> {
  await db.query(
    `insert into supplies_textbook_changes (order_id, dispatch_id, action, changes, reason, changed_by, changed_at) values ($1, $2, $3, $4, $5, $6, $7)`,
    [c.orderId, c.dispatchId, c.action, JSON.stringify(c.changes), c.reason, c.by, c.at],
  );
}

export async function changesOf(db: Queryable, orderId: number, limit = 100): Promise<ChangeView[]> {
  const { rows } = await db.query<ChangeView & { changedAt: Date | string }>(
    `select c.id, c.dispatch_id as "dispatchId", c.action, c.changes, c.reason,
            case when p.id is null then null else json_build_object('id', p.id, 'lastName', p.last_name, 'firstName', p.first_name) end as "changedBy",
            c.changed_at as "changedAt"
       from supplies_textbook_changes c left join persons p on p.id = c.changed_by
      where c.order_id = $1 order by c.id desc limit $2`,
    [orderId, limit],
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    dispatchId: r.dispatchId === null ? null : Number(r.dispatchId),
    changedBy: r.changedBy ? { ...r.changedBy, id: Number(r.changedBy.id) } : null,
    changedAt: new Date(r.changedAt).toISOString(),
  }));
}

// ── progress ────────────────────────────────────────────────────────────────────────────────────

export type SchoolFigures = {
  id: number;
  districtId: number;
  regionId: number;
  name: Name;
  planned: number;
  dispatched: number;
  delivered: number;
  issued: number;
  overdueDispatches: number;
  deadline: string | null;
};

/**
 * Per school with a dispatch in scope: copies planned, dispatched (sent), delivered, issued to pupils
 * (open issues of the titles dispatched to it), dispatches past their date unsent, the earliest deadline.
 */
export async function schoolFigures(
  db: Queryable,
  scope: { regionIds: number[] | null; districtIds: number[] | null },
  today: string,
): Promise<SchoolFigures[]> {
  const { rows } = await db.query<SchoolFigures & { district_id: number; region_id: number; overdue: number }>(
    `with x as (
       select x.organisation_id, l.title_id, x.id, x.copies, x.sent_at, x.planned_on, o.deadline
         from supplies_textbook_dispatches x
         join supplies_textbook_order_lines l on l.id = x.order_line_id
         join supplies_textbook_orders o on o.id = l.order_id
         join organisations g on g.id = x.organisation_id
        where ($1::int[] is null or g.region_id = any($1::int[])) and ($2::int[] is null or g.district_id = any($2::int[]))
     ), per as (
       select organisation_id, sum(copies) as planned, coalesce(sum(copies) filter (where sent_at is not null), 0) as dispatched,
              count(*) filter (where sent_at is null and planned_on < $3::date) as overdue, min(deadline)::text as deadline
         from x group by organisation_id
     ), del as (
       select d.organisation_id, sum(d.copies) as delivered from supplies_textbook_deliveries d
        where d.dispatch_id in (select id from x) group by 1
     ), iss as (
       select i.organisation_id, count(*) as issued from supplies_textbook_issues i
        where i.returned_at is null and (i.organisation_id, i.title_id) in (select organisation_id, title_id from x) group by 1
     )
     select g.id, g.district_id, g.region_id, ${NAME('g')} as name, per.planned, per.dispatched, coalesce(del.delivered, 0) as delivered,
            coalesce(iss.issued, 0) as issued, per.overdue, per.deadline
       from per join organisations g on g.id = per.organisation_id
       left join del on del.organisation_id = g.id left join iss on iss.organisation_id = g.id
      order by g.region_id, g.district_id, g.id`,
    [scope.regionIds, scope.districtIds, today],
  );
  return rows.map((r) => ({
    id: r.id,
    districtId: r.district_id,
    regionId: r.region_id,
    name: r.name,
    planned: Number(r.planned),
    dispatched: Number(r.dispatched),
    delivered: Number(r.delivered),
    issued: Number(r.issued),
    overdueDispatches: Number(r.overdue),
    deadline: r.deadline,
  }));
}

/** Copies purchased per region (orders of the regions in scope). */
export async function orderedByRegion(db: Queryable, regionIds: number[] | null): Promise<Map<number, { copies: number; deadline: string }>> {
  const { rows } = await db.query<{ region_id: number; copies: number; deadline: string }>(
    `select o.region_id, sum(l.copies) as copies, min(o.deadline)::text as deadline from supplies_textbook_orders o
       join supplies_textbook_order_lines l on l.order_id = o.id where o.cancelled_at is null and ($1::int[] is null or o.region_id = any($1::int[])) group by 1`,
    [regionIds],
  );
  return new Map(rows.map((r) => [r.region_id, { copies: Number(r.copies), deadline: r.deadline }]));
}

export async function areaNames(db: Queryable, level: 'region' | 'district', ids: number[] | null, regionIds: number[] | null = null) {
  const table = level === 'region' ? 'regions' : 'districts';
  const { rows } = await db.query<{ id: number; region_id: number; name: Name }>(
    `select a.id, ${level === 'region' ? 'a.id' : 'a.region_id'} as region_id, ${NAME('a')} as name from ${table} a
      where ($1::int[] is null or a.id = any($1::int[])) and ($2::int[] is null or ${level === 'region' ? 'a.id' : 'a.region_id'} = any($2::int[])) order by a.id`,
    [ids, regionIds],
  );
  return rows;
}

export async function districtRegion(db: Queryable, id: number): Promise<number | null> {
  const { rows } = await db.query<{ region_id: number }>('select region_id from districts where id = $1', [id]);
  return rows[0]?.region_id ?? null;
}

// ── e-version files ─────────────────────────────────────────────────────────────────────────────

export async function eFileOf(db: Queryable, titleId: number, lock = false) {
  const { rows } = await db.query<{ id: number; isbn: string; key: string | null; type: 'pdf' | 'epub' | null; bytes: number | null; sha256: string | null }>(
    `select id, isbn, e_file_key as key, e_file_type as type, e_version_bytes as bytes, e_file_sha256 as sha256
       from supplies_textbook_titles where id = $1 ${lock ? 'for update' : ''}`,
    [titleId],
  );
  return rows[0] ? { ...rows[0], id: Number(rows[0].id) } : null;
}

export async function setEFile(
  db: Queryable,
  titleId: number,
  f: { key: string; type: 'pdf' | 'epub'; bytes: number; sha256: string; url: string; by: number; at: Date },
): Promise<void> {
  await db.query(
    `update supplies_textbook_titles set e_file_key = $2, e_file_type = $3, e_version_bytes = $4, e_file_sha256 = $5, e_version_url = $6,
            e_file_uploaded_by = $7, e_file_uploaded_at = $8 where id = $1`,
    [titleId, f.key, f.type, f.bytes, f.sha256, f.url, f.by, f.at],
  );
}

import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Db, Queryable } from '../../platform/db.js';
import type {
  ChangeView,
  DeliveryBody,
  DispatchBody,
  DispatchEditBody,
  OrderBody,
  OrderEditBody,
  ProgressResponse,
  ProgressRow,
} from '../../../contracts/textbook-supply.js';
import type { Actor } from '../identity/identity.actor.js';
import type { FileStore } from '../files/files.usecases.js';
import { FileMissingError } from '../files/files.usecases.js';
import * as supplies from './supplies.repository.js';
import * as repo from './textbook-supply.repository.js';
import * as errors from './textbook-supply.errors.js';
import { areaNotFound, organisationNotFound, textbookNotFound } from './supplies.errors.js';
import { canOrderFor, canReceive, canSend, canUploadEVersion, officerAreas } from './textbook-supply.policy.js';
import { defaultDeadline, isLate, pct, spreadDelivery, sumFigures, supplyStatus, type SupplyFigures } from './textbook-supply.rules.js';
import { covers } from './supplies.policy.js';

/** Textbook supply: purchase orders per region, the dispatch plan, deliveries by school, progress, e-version files. */

const dayOf = (now: Date) => new Date(now.getTime() + 6 * 3_600_000).toISOString().slice(0, 10); // Kazakhstan's calendar day

function uniqueTitles(lines: { titleId: number }[]): void {
  const seen = new Set<number>();
  for (const l of lines) {
    if (seen.has(l.titleId)) throw errors.titleTwice(`Title ${l.titleId} appears twice; give each title once`, { titleId: l.titleId });
    seen.add(l.titleId);
  }
}

async function orderInScope(db: Queryable, actor: Actor, id: number, lock = false) {
  const order = await repo.findOrder(db, id, lock);
  if (!order || !canOrderFor(actor, order.regionId)) throw errors.orderNotFound();
  return order;
}

async function withLines(db: Queryable, orders: repo.OrderRow[]) {
  const lines = orders.length
    ? await repo.linesOf(
        db,
        orders.map((o) => o.id),
      )
    : [];
  return orders.map((o) => {
    const own = lines.filter((l) => l.orderId === o.id).map(({ orderId: _, ...l }) => l);
    return {
      ...o,
      copies: own.reduce((s, l) => s + l.copies, 0),
      value: Math.round(own.reduce((s, l) => s + l.copies * l.unitPrice, 0) * 100) / 100,
      lines: own,
    };
  });
}

// ── orders ─────────────────────────────────────────────────────────────────────────────────────

/** A region's purchase order (region officers, ministry); the deadline defaults to 25 August of the school year. */
export async function createOrder(db: Db, actor: Actor, body: OrderBody, now: Date) {
  if (!(await repo.regionExists(db, body.regionId)) || !canOrderFor(actor, body.regionId)) throw errors.regionNotFound();
  uniqueTitles(body.lines);
  const known = await repo.titlesExist(
    db,
    body.lines.map((l) => l.titleId),
  );
  const unknown = body.lines.find((l) => !known.has(l.titleId));
  if (unknown) throw errors.titleUnknown(`Title ${unknown.titleId} does not exist`, { titleId: unknown.titleId });
  const deadline = body.deadline ?? defaultDeadline((await repo.currentYearStart(db)) ?? dayOf(now));
  if (deadline < '2000-01-01' || deadline > '2100-12-31') throw errors.deadlineBeforeYear();
  const id = await db.transaction((tx) =>
    repo.insertOrder(
      tx,
      { regionId: body.regionId, publisher: body.publisher, reference: body.reference ?? null, deadline, by: actor.personId, at: now },
      body.lines,
    ),
  );
  return getOrder(db, actor, id);
}

export async function listOrders(db: Queryable, actor: Actor, regionId: number | undefined) {
  const a = officerAreas(actor);
  if (regionId !== undefined) {
    if (!(await repo.regionExists(db, regionId)) || !canOrderFor(actor, regionId)) throw errors.regionNotFound();
    return { items: await withLines(db, await repo.ordersOf(db, [regionId])) };
  }
  if (!a.all && a.regions.length === 0) throw areaNotFound();
  return { items: await withLines(db, await repo.ordersOf(db, a.all ? null : a.regions)) };
}

export async function getOrder(db: Queryable, actor: Actor, id: number) {
  const order = await orderInScope(db, actor, id);
  const [full] = await withLines(db, [order]);
  // a region's plan runs to thousands of dispatches: the first ones by planned date, and how many there are
  const dispatches = await repo.dispatchesWhere(db, { orderId: id }, ORDER_DISPATCHES_SHOWN);
  return { ...full!, dispatchCount: await repo.countDispatches(db, id), dispatches, changes: await repo.changesOf(db, id) };
}

// ── edits and cancellations (decision 0039) ─────────────────────────────────────────────────────

const money = (n: number) => Math.round(n * 100) / 100;

/**
 * Changes an order's publisher, reference, deadline, or the copies and unit price of its lines, in
 * one transaction with a trail line (old → new; the same values again record nothing). A line
 * cannot go below the copies already planned for dispatch (409); a cancelled order changes no more.
 */
export async function editOrder(db: Db, actor: Actor, id: number, body: OrderEditBody, now: Date) {
  await orderInScope(db, actor, id);
  if (body.lines) uniqueTitles(body.lines);
  if (body.deadline !== undefined && (body.deadline < '2000-01-01' || body.deadline > '2100-12-31')) throw errors.deadlineBeforeYear();
  await db.transaction(async (tx) => {
    const order = await orderInScope(tx, actor, id, true);
    if (order.cancelledAt) throw errors.orderCancelled(`Order ${id} was cancelled`);
    const changes: ChangeView['changes'] = [];
    const next = {
      publisher: body.publisher ?? order.publisher,
      reference: body.reference === undefined ? order.reference : body.reference || null,
      deadline: body.deadline ?? order.deadline,
    };
    for (const f of ['publisher', 'reference', 'deadline'] as const) if (next[f] !== order[f]) changes.push({ field: f, old: order[f], new: next[f] });
    if (changes.length) await repo.updateOrder(tx, id, next);
    if (body.lines?.length) {
      const lines = await repo.lockLines(tx, id);
      const prices = new Map((await repo.linesOf(tx, [id])).map((l) => [l.title.id, Number(l.unitPrice)]));
      for (const l of body.lines) {
        const line = lines.get(l.titleId);
        if (!line) throw errors.titleNotOrdered(`Title ${l.titleId} is not in order ${id}`, { titleId: l.titleId });
        const copies = l.copies ?? line.copies;
        const oldPrice = prices.get(l.titleId)!;
        const price = l.unitPrice === undefined ? oldPrice : money(l.unitPrice);
        if (copies < line.planned)
          throw errors.orderBelowDispatched(`Title ${l.titleId}: ${copies} copies ordered, but ${line.planned} are already planned for dispatch`, {
            titleId: l.titleId,
            copies,
            planned: line.planned,
          });
        if (copies !== line.copies) changes.push({ field: `copies:${l.titleId}`, old: line.copies, new: copies });
        if (price !== oldPrice) changes.push({ field: `price:${l.titleId}`, old: oldPrice, new: price });
        if (copies !== line.copies || price !== oldPrice) await repo.updateLine(tx, line.id, copies, price);
      }
    }
    if (changes.length)
      await repo.insertChange(tx, { orderId: id, dispatchId: null, action: 'order_edited', changes, reason: body.reason || null, by: actor.personId, at: now });
  });
  return getOrder(db, actor, id);
}

/**
 * Cancels an order and every dispatch planned from it (each kept in the trail); refused (409) once any
 * of its copies were delivered. A cancelled order stays listed and counts for nothing.
 */
export async function cancelOrder(db: Db, actor: Actor, id: number, body: { reason?: string }, now: Date) {
  await orderInScope(db, actor, id);
  await db.transaction(async (tx) => {
    const order = await orderInScope(tx, actor, id, true);
    if (order.cancelledAt) throw errors.orderCancelled(`Order ${id} was already cancelled`);
    const dispatches = await repo.orderDispatches(tx, id);
    const delivered = dispatches.reduce((s, d) => s + d.delivered, 0);
    if (delivered > 0)
      throw errors.orderHasDeliveries(`Order ${id}: ${delivered} copies were already delivered to schools; it cannot be cancelled`, { delivered });
    for (const d of dispatches)
      await repo.insertChange(tx, {
        orderId: id,
        dispatchId: d.id,
        action: 'dispatch_cancelled',
        changes: [{ field: 'dispatch', old: { titleId: d.titleId, organisationId: d.organisationId, copies: d.copies, plannedOn: d.plannedOn }, new: null }],
        reason: body.reason || null,
        by: actor.personId,
        at: now,
      });
    await repo.deleteDispatches(
      tx,
      dispatches.map((d) => d.id),
    );
    await repo.cancelOrder(tx, id, actor.personId, now);
    await repo.insertChange(tx, {
      orderId: id,
      dispatchId: null,
      action: 'order_cancelled',
      changes: [{ field: 'cancelled', old: false, new: true }],
      reason: body.reason || null,
      by: actor.personId,
      at: now,
    });
  });
  return getOrder(db, actor, id);
}

async function dispatchInScope(db: Queryable, actor: Actor, id: number) {
  const d = await repo.lockDispatch(db, id);
  if (!d) throw errors.dispatchNotFound();
  const order = await repo.findOrder(db, d.orderId);
  if (!order || !canOrderFor(actor, order.regionId)) throw errors.dispatchNotFound();
  return d;
}

/**
 * Changes a planned dispatch's copies or date (region officers and the ministry, as they plan). Never
 * below what the school received (409), never more planned than ordered (409); a trail line.
 */
export async function editDispatch(db: Db, actor: Actor, id: number, body: DispatchEditBody, now: Date) {
  return db.transaction(async (tx) => {
    const d = await dispatchInScope(tx, actor, id);
    const copies = body.copies ?? d.copies;
    const plannedOn = body.plannedOn ?? d.plannedOn;
    if (copies < d.delivered)
      throw errors.dispatchBelowDelivered(`Dispatch ${id}: ${copies} copies, but the school has already received ${d.delivered}`, {
        copies,
        delivered: d.delivered,
      });
    if (d.linePlanned - d.copies + copies > d.lineOrdered)
      throw errors.overDispatch(`Title ${d.titleId}: ${d.linePlanned - d.copies + copies} copies planned, ${d.lineOrdered} ordered`, {
        titleId: d.titleId,
        ordered: d.lineOrdered,
        planned: d.linePlanned - d.copies,
        adding: copies,
      });
    const changes: ChangeView['changes'] = [];
    if (copies !== d.copies) changes.push({ field: 'copies', old: d.copies, new: copies });
    if (plannedOn !== d.plannedOn) changes.push({ field: 'plannedOn', old: d.plannedOn, new: plannedOn });
    if (changes.length) {
      await repo.updateDispatch(tx, id, copies, plannedOn);
      await repo.insertChange(tx, {
        orderId: d.orderId,
        dispatchId: id,
        action: 'dispatch_edited',
        changes,
        reason: body.reason || null,
        by: actor.personId,
        at: now,
      });
    }
    return (await repo.dispatchesWhere(tx, { id }))[0]!;
  });
}

/** Cancels a planned dispatch (the row goes, its last state stays in the trail); refused (409) once the school received copies of it. */
export async function cancelDispatch(db: Db, actor: Actor, id: number, body: { reason?: string }, now: Date) {
  return db.transaction(async (tx) => {
    const d = await dispatchInScope(tx, actor, id);
    if (d.delivered > 0)
      throw errors.dispatchHasDeliveries(`Dispatch ${id}: the school has received ${d.delivered} copies; it cannot be cancelled`, { delivered: d.delivered });
    await repo.insertChange(tx, {
      orderId: d.orderId,
      dispatchId: id,
      action: 'dispatch_cancelled',
      changes: [{ field: 'dispatch', old: { titleId: d.titleId, organisationId: d.organisationId, copies: d.copies, plannedOn: d.plannedOn }, new: null }],
      reason: body.reason || null,
      by: actor.personId,
      at: now,
    });
    await repo.deleteDispatches(tx, [id]);
    return { id, orderId: d.orderId, cancelledAt: now.toISOString() };
  });
}

export const ORDER_DISPATCHES_SHOWN = 200;

// ── dispatch plan ──────────────────────────────────────────────────────────────────────────────

/**
 * Adds lines to the order's dispatch schedule: copies of an ordered title to a school of the
 * region on a planned date (optionally already sent). Never more planned than ordered; all or nothing.
 */
export async function planDispatches(db: Db, actor: Actor, orderId: number, body: DispatchBody, now: Date) {
  await orderInScope(db, actor, orderId);
  const orgs = await repo.organisationsIn(db, [...new Set(body.lines.map((l) => l.organisationId))]);
  await db.transaction(async (tx) => {
    const order = await orderInScope(tx, actor, orderId, true);
    if (order.cancelledAt) throw errors.orderCancelled(`Order ${orderId} was cancelled`);
    const lines = await repo.lockLines(tx, orderId);
    const adding = new Map<number, number>();
    for (const l of body.lines) {
      const org = orgs.get(l.organisationId);
      if (!org || org.regionId !== order.regionId)
        throw errors.schoolOutsideRegion(`Organisation ${l.organisationId} is not a school of the order's region`, { organisationId: l.organisationId });
      const line = lines.get(l.titleId);
      if (!line) throw errors.titleNotOrdered(`Title ${l.titleId} is not in order ${orderId}`, { titleId: l.titleId });
      adding.set(l.titleId, (adding.get(l.titleId) ?? 0) + l.copies);
    }
    for (const [titleId, n] of adding) {
      const line = lines.get(titleId)!;
      if (line.planned + n > line.copies)
        throw errors.overDispatch(`Title ${titleId}: ${line.planned + n} copies planned, ${line.copies} ordered`, {
          titleId,
          ordered: line.copies,
          planned: line.planned,
          adding: n,
        });
    }
    await repo.insertDispatches(
      tx,
      body.lines.map((l) => ({
        lineId: lines.get(l.titleId)!.id,
        organisationId: l.organisationId,
        copies: l.copies,
        plannedOn: l.plannedOn,
        sentAt: l.sent ? now : null,
      })),
      actor.personId,
      now,
    );
  });
  return getOrder(db, actor, orderId);
}

/** Marks a dispatch as sent (officers whose area holds the school). */
export async function markSent(db: Db, actor: Actor, dispatchId: number, now: Date) {
  const [d] = await repo.dispatchesWhere(db, { id: dispatchId });
  if (!d) throw errors.dispatchNotFound();
  const orgs = await repo.organisationsIn(db, [d.organisation.id]);
  const org = orgs.get(d.organisation.id)!;
  if (!canSend(actor, org)) throw errors.dispatchNotFound();
  await repo.markSent(db, [dispatchId], now);
  return (await repo.dispatchesWhere(db, { id: dispatchId }))[0]!;
}

// ── deliveries ─────────────────────────────────────────────────────────────────────────────────

/** What is coming to a school: its admin, and officers of its area. */
export async function schoolDispatches(db: Queryable, actor: Actor, organisationId: number) {
  const org = await supplies.findOrganisation(db, organisationId);
  if (!org || !(canReceive(actor, org.id) || covers(actor, org))) throw organisationNotFound();
  return { items: await repo.dispatchesWhere(db, { organisationId }) };
}

/**
 * The school admin records what arrived (partial deliveries allowed). Each title's copies are spread
 * over the school's dispatches of it, earliest first; more than awaited → 409, a title never
 * dispatched to the school → 422; nothing written then. The copies join the school's textbook stock
 * in the same transaction, and a dispatch that delivered is marked sent.
 */
export async function recordDelivery(db: Db, actor: Actor, organisationId: number, body: DeliveryBody, now: Date) {
  const org = await supplies.findOrganisation(db, organisationId);
  if (!org || !canReceive(actor, org.id)) throw organisationNotFound();
  uniqueTitles(body.lines);
  const receivedOn = body.receivedOn ?? dayOf(now);
  if (receivedOn > dayOf(now)) throw errors.dateInFuture(`The delivery date ${receivedOn} is after today (${dayOf(now)})`);
  const titleIds = body.lines.map((l) => l.titleId);
  return db.transaction(async (tx) => {
    const dispatches = await repo.lockSchoolDispatches(tx, org.id, titleIds);
    const rows: { dispatchId: number; titleId: number; copies: number }[] = [];
    for (const l of body.lines) {
      const own = dispatches.filter((d) => d.titleId === l.titleId);
      if (own.length === 0) throw errors.titleNotDispatched(`No copies of title ${l.titleId} were dispatched to this school`, { titleId: l.titleId });
      const spread = spreadDelivery(l.copies, own);
      if (!spread) {
        const awaited = own.reduce((s, d) => s + Math.max(0, d.copies - d.delivered), 0);
        throw errors.overDelivery(`Title ${l.titleId}: ${l.copies} copies recorded, ${awaited} still awaited`, {
          titleId: l.titleId,
          awaited,
          copies: l.copies,
        });
      }
      rows.push(...spread.map((s) => ({ ...s, titleId: l.titleId })));
    }
    const ids = await repo.insertDeliveries(tx, rows, { organisationId: org.id, receivedOn, by: actor.personId, at: now, note: body.note ?? null });
    await repo.markSent(
      tx,
      rows.map((r) => r.dispatchId),
      now,
    );
    for (const l of body.lines) await supplies.addCopies(tx, org.id, l.titleId, l.copies);
    return {
      deliveries: rows.map((r, i) => ({ id: ids[i]!, ...r })),
      stock: await repo.stockCopies(tx, org.id, titleIds),
    };
  });
}

// ── progress ───────────────────────────────────────────────────────────────────────────────────

function row(
  level: ProgressRow['level'],
  id: number,
  name: ProgressRow['name'],
  f: SupplyFigures & { issued: number },
  ordered: number | null,
  today: string,
  lateSchools: number,
): ProgressRow {
  const status = supplyStatus(f, today);
  return {
    level,
    id,
    name,
    ordered,
    planned: f.planned,
    dispatched: f.dispatched,
    delivered: f.delivered,
    issued: f.issued,
    dispatchedPct: pct(f.dispatched, f.planned),
    deliveredPct: pct(f.delivered, f.planned),
    overdueDispatches: f.overdueDispatches,
    deadline: f.deadline,
    status,
    lateSchools,
  };
}

/**
 * Ordered / planned / dispatched / delivered / issued to pupils by region → district → school,
 * against the deadline, with the late list. Out of the officer's area → 404.
 */
export async function progress(db: Queryable, actor: Actor, q: { regionId?: number; districtId?: number }, now: Date): Promise<ProgressResponse> {
  const a = officerAreas(actor);
  if (!a.all && a.regions.length === 0 && a.districts.length === 0) throw areaNotFound();
  const today = dayOf(now);
  let level: ProgressResponse['level'];
  let scope: { regionIds: number[] | null; districtIds: number[] | null };
  if (q.districtId !== undefined) {
    const regionId = await repo.districtRegion(db, q.districtId);
    if (regionId === null || !(a.all || a.regions.includes(regionId) || a.districts.includes(q.districtId))) throw areaNotFound();
    level = 'district';
    scope = { regionIds: null, districtIds: [q.districtId] };
  } else if (q.regionId !== undefined) {
    if (!(await repo.regionExists(db, q.regionId)) || !(a.all || a.regions.includes(q.regionId))) throw areaNotFound();
    level = 'region';
    scope = { regionIds: [q.regionId], districtIds: null };
  } else if (a.all) {
    level = 'country';
    scope = { regionIds: null, districtIds: null };
  } else if (a.regions.length > 0) {
    level = 'region';
    scope = { regionIds: a.regions, districtIds: null };
  } else {
    level = 'district';
    scope = { regionIds: null, districtIds: a.districts };
  }
  const schools = await repo.schoolFigures(db, scope, today);
  const lateOf = (xs: repo.SchoolFigures[]) => xs.filter((s) => isLate(supplyStatus(s, today))).length;
  let rows: ProgressRow[];
  let ordered: number | null = null;
  if (level === 'country') {
    const byRegion = await repo.orderedByRegion(db, null);
    ordered = [...byRegion.values()].reduce((s, r) => s + r.copies, 0);
    rows = (await repo.areaNames(db, 'region', null)).map((r) => {
      const own = schools.filter((s) => s.regionId === r.id);
      const f = sumFigures(own);
      return row(
        'region',
        r.id,
        r.name,
        { ...f, deadline: f.deadline ?? byRegion.get(r.id)?.deadline ?? null },
        byRegion.get(r.id)?.copies ?? 0,
        today,
        lateOf(own),
      );
    });
  } else if (level === 'region') {
    const byRegion = await repo.orderedByRegion(db, scope.regionIds);
    ordered = [...byRegion.values()].reduce((s, r) => s + r.copies, 0);
    rows = (await repo.areaNames(db, 'district', null, scope.regionIds)).map((d) => {
      const own = schools.filter((s) => s.districtId === d.id);
      return row('district', d.id, d.name, sumFigures(own), null, today, lateOf(own));
    });
  } else {
    rows = schools.map((s) => row('organisation', s.id, s.name, s, null, today, isLate(supplyStatus(s, today)) ? 1 : 0));
  }
  const total = sumFigures(schools);
  const totals = row('region', 0, { kk: '', ru: '', en: '' }, total, ordered, today, lateOf(schools));
  const late = schools
    .map((s) => ({ ...row('organisation', s.id, s.name, s, null, today, 1), districtId: s.districtId, regionId: s.regionId, missing: s.planned - s.delivered }))
    .filter((s) => isLate(s.status))
    .sort((x, y) => y.missing - x.missing || x.id - y.id)
    .slice(0, 200);
  const { level: _l, id: _i, name: _n, ...rest } = totals;
  return { level, today, rows, totals: rest, late };
}

// ── e-version files ────────────────────────────────────────────────────────────────────────────

/** What the first bytes say: a PDF (`%PDF-`) or an EPUB (a zip whose first entry is the stored `mimetype` "application/epub+zip"). */
export function eBookTypeOf(head: Buffer): 'pdf' | 'epub' | null {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head.length < 30 || head.readUInt32LE(0) !== 0x04034b50) return null;
  const nameLength = head.readUInt16LE(26);
  const extraLength = head.readUInt16LE(28);
  const name = head.subarray(30, 30 + nameLength).toString('latin1');
  const start = 30 + nameLength + extraLength;
  const content = head.subarray(start, start + 'application/epub+zip'.length).toString('latin1');
  return name === 'mimetype' && head.readUInt16LE(8) === 0 && content === 'application/epub+zip' ? 'epub' : null;
}

/** Stores an uploaded (spooled) PDF or EPUB as the title's public e-version; the previous file is removed. */
export async function uploadEVersion(args: { db: Db; store: FileStore; actor: Actor; titleId: number; spoolPath: string; now: Date }) {
  const { db, store, actor, titleId } = args;
  const title = await repo.eFileOf(db, titleId);
  if (!title) throw textbookNotFound();
  if (!canUploadEVersion(actor)) throw errors.uploadForbidden();
  const size = (await stat(args.spoolPath)).size;
  if (size === 0) throw errors.eBookNoFile('The file is empty');
  const fh = await open(args.spoolPath, 'r');
  const head = Buffer.alloc(Math.min(size, 4096));
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  const type = eBookTypeOf(head);
  if (!type) throw errors.eBookType();
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(args.spoolPath)) hash.update(chunk as Buffer);
  const sha256 = hash.digest('hex');
  const key = `textbooks/${titleId}/${randomUUID()}`;
  await store.put(key, createReadStream(args.spoolPath), size);
  const url = `/textbooks/${titleId}/e-book?v=${sha256.slice(0, 12)}`;
  let previous: string | null = null;
  try {
    await db.transaction(async (tx) => {
      previous = (await repo.eFileOf(tx, titleId, true))?.key ?? null;
      await repo.setEFile(tx, titleId, { key, type, bytes: size, sha256, url, by: actor.personId, at: args.now });
    });
  } catch (e) {
    await store.delete(key).catch(() => {});
    throw e;
  }
  if (previous && previous !== key) await store.delete(previous).catch(() => {});
  return { id: titleId, type, bytes: size, url };
}

/** The public e-version's bytes (no sign-in). */
export async function openEVersion(db: Queryable, store: FileStore, titleId: number) {
  const t = await repo.eFileOf(db, titleId);
  if (!t) throw textbookNotFound();
  if (!t.key || !t.type) throw errors.eBookMissing();
  try {
    return { ...t, type: t.type, stream: await store.get(t.key) };
  } catch (e) {
    if (e instanceof FileMissingError) throw errors.eBookMissing('The e-version is recorded but missing from the store');
    throw e;
  }
}

/** Titles to choose from (admins and officers). */
export async function titles(db: Queryable, actor: Actor) {
  const a = officerAreas(actor);
  if (!a.all && a.regions.length === 0 && a.districts.length === 0 && !actor.grants.some((g) => g.role === 'org_admin')) throw areaNotFound();
  return { items: await repo.listTitles(db) };
}

import type { Queryable } from '../../platform/db.js';
import type { z } from 'zod';
import type { itemView, ReasonPart } from '../../../contracts/supplies.js';

/**
 * SQL of the supplies module. Organisations, classes, people and parent links belong to other modules
 * and are only read here; the duty and formats modules are asked through their use cases.
 */

export type Name = { kk: string; ru: string; en: string };
export type PersonName = { lastName: string; firstName: string; middleName: string | null };
const NAME = (t: string) => `json_build_object('kk', ${t}.name_kk, 'ru', ${t}.name_ru, 'en', ${t}.name_en)`;
const PERSON = (t: string) => `json_build_object('lastName', ${t}.last_name, 'firstName', ${t}.first_name, 'middleName', ${t}.middle_name)`;
const ids = (a: unknown[] | null | undefined) => (a ?? []).map((x) => Number(x));

export interface OrgRow {
  id: number;
  districtId: number;
  regionId: number;
  name: Name;
  timeZone: string;
}

export async function findOrganisation(db: Queryable, id: number): Promise<OrgRow | null> {
  const { rows } = await db.query<{ id: number; district_id: number; region_id: number; name: Name; time_zone: string }>(
    `select o.id, o.district_id, o.region_id, ${NAME('o')} as name, o.time_zone from organisations o where o.id = $1`,
    [id],
  );
  const r = rows[0];
  return r ? { id: r.id, districtId: r.district_id, regionId: r.region_id, name: r.name, timeZone: r.time_zone } : null;
}

export async function organisationsIn(db: Queryable, level: 'organisation' | 'district' | 'region', id: number): Promise<OrgRow[]> {
  const col = level === 'organisation' ? 'o.id' : level === 'district' ? 'o.district_id' : 'o.region_id';
  const { rows } = await db.query<{ id: number; district_id: number; region_id: number; name: Name; time_zone: string }>(
    `select o.id, o.district_id, o.region_id, ${NAME('o')} as name, o.time_zone from organisations o where ${col} = $1 order by o.id`,
    [id],
  );
  return rows.map((r) => ({ id: r.id, districtId: r.district_id, regionId: r.region_id, name: r.name, timeZone: r.time_zone }));
}

export async function areaExists(db: Queryable, level: 'district' | 'region', id: number): Promise<{ regionId: number; districtId: number | null } | null> {
  const { rows } =
    level === 'district'
      ? await db.query<{ region_id: number; id: number }>('select region_id, id from districts where id = $1', [id])
      : await db.query<{ region_id: number; id: number }>('select id as region_id, null::int as id from regions where id = $1', [id]);
  const r = rows[0];
  return r ? { regionId: r.region_id, districtId: level === 'district' ? r.id : null } : null;
}

// ── people of organisations ─────────────────────────────────────────────────────────────────────

export interface AnswerRow {
  devices: 'none' | 'shared' | 'own';
  internet: 'none' | 'mobile' | 'fixed';
  connectable: boolean;
  categories: string[];
  source: 'parent' | 'admin' | 'import';
  answeredAt: string;
  answeredBy: PersonName | null;
}

export interface PersonRow {
  personId: number;
  role: 'pupil' | 'teacher';
  organisationId: number;
  name: PersonName;
  classId: number | null;
  className: string | null;
  grade: number | null;
  parentIds: number[];
  answer: AnswerRow | null;
}

const ANSWER = `(select json_build_object('devices', a.devices, 'internet', a.internet, 'connectable', a.connectable, 'categories', a.categories,
    'source', a.source, 'answeredAt', a.answered_at, 'answeredBy', (select ${PERSON('b')} from persons b where b.id = a.answered_by))
   from supplies_census_answers a where a.person_id = x.person_id order by a.id desc limit 1)`;

/** Pupils (in this year's classes) and teachers of the organisations, with parents and the current census answer. */
export async function peopleOf(db: Queryable, organisationIds: number[], onlyPersonIds: number[] | null = null): Promise<PersonRow[]> {
  if (organisationIds.length === 0) return [];
  const { rows } = await db.query<{
    person_id: number;
    role: 'pupil' | 'teacher';
    organisation_id: number;
    name: PersonName;
    class_id: number | null;
    class_name: string | null;
    grade: number | null;
    parent_ids: unknown[];
    answer: (Omit<AnswerRow, 'answeredAt'> & { answeredAt: string }) | null;
  }>(
    `with x as (
       select m.pupil_id as person_id, 'pupil'::text as role, c.organisation_id, c.id as class_id, c.name as class_name, c.grade
         from classes c join academic_years y on y.id = c.academic_year_id and y.is_current
         join class_members m on m.class_id = c.id
        where c.organisation_id = any($1::int[])
       union all
       select distinct on (r.person_id, r.organisation_id) r.person_id, 'teacher', r.organisation_id, null::bigint, null::text, null::smallint
         from role_assignments r where r.role = 'teacher' and r.organisation_id = any($1::int[])
     )
     select x.person_id, x.role, x.organisation_id, ${PERSON('p')} as name, x.class_id, x.class_name, x.grade,
            (select coalesce(array_agg(l.parent_id order by l.parent_id), '{}') from parent_links l where l.child_id = x.person_id and x.role = 'pupil') as parent_ids,
            ${ANSWER} as answer
       from x join persons p on p.id = x.person_id
      where ($2::bigint[] is null or x.person_id = any($2::bigint[]))
      order by x.organisation_id, x.role, x.class_name nulls last, p.last_name, p.first_name, x.person_id`,
    [organisationIds, onlyPersonIds],
  );
  return rows.map((r) => ({
    personId: Number(r.person_id),
    role: r.role,
    organisationId: r.organisation_id,
    name: r.name,
    classId: r.class_id === null ? null : Number(r.class_id),
    className: r.class_name,
    grade: r.grade,
    parentIds: ids(r.parent_ids),
    answer: r.answer ? { ...r.answer, answeredAt: new Date(r.answer.answeredAt).toISOString() } : null,
  }));
}

/** The organisations where these children are in a class this year. */
export async function childrenOrganisations(db: Queryable, childIds: number[]): Promise<{ childId: number; organisationId: number }[]> {
  if (childIds.length === 0) return [];
  const { rows } = await db.query<{ child_id: number; organisation_id: number }>(
    `select distinct m.pupil_id as child_id, c.organisation_id from class_members m join classes c on c.id = m.class_id
       join academic_years y on y.id = c.academic_year_id and y.is_current where m.pupil_id = any($1::bigint[]) order by 1, 2`,
    [childIds],
  );
  return rows.map((r) => ({ childId: Number(r.child_id), organisationId: r.organisation_id }));
}

export async function personNames(db: Queryable, personIds: number[]): Promise<Map<number, PersonName>> {
  if (personIds.length === 0) return new Map();
  const { rows } = await db.query<{ id: number; name: PersonName }>(`select p.id, ${PERSON('p')} as name from persons p where p.id = any($1::bigint[])`, [
    personIds,
  ]);
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

export interface NewAnswer {
  personId: number;
  organisationId: number;
  role: 'pupil' | 'teacher';
  devices: string;
  internet: string;
  connectable: boolean;
  categories: string[];
  source: 'parent' | 'admin' | 'import';
  answeredBy: number;
  answeredAt: Date;
}

export async function insertAnswers(db: Queryable, rows: NewAnswer[]): Promise<number> {
  if (rows.length === 0) return 0;
  const { rowCount } = await db.query(
    `insert into supplies_census_answers (person_id, organisation_id, role, devices, internet, connectable, categories, source, answered_by, answered_at)
     select t.p, t.o, t.r, t.d, t.i, t.c, string_to_array(t.k, ','), t.s, t.b, $10
       from unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::boolean[], $7::text[], $8::text[], $9::bigint[])
         as t(p, o, r, d, i, c, k, s, b)`,
    [
      rows.map((r) => r.personId),
      rows.map((r) => r.organisationId),
      rows.map((r) => r.role),
      rows.map((r) => r.devices),
      rows.map((r) => r.internet),
      rows.map((r) => r.connectable),
      rows.map((r) => r.categories.join(',')),
      rows.map((r) => r.source),
      rows.map((r) => r.answeredBy),
      rows[0]!.answeredAt,
    ],
  );
  return rowCount ?? 0;
}

/** Persons by IIN (imports name people by IIN). */
export async function personsByIin(db: Queryable, iins: string[]): Promise<Map<string, number>> {
  if (iins.length === 0) return new Map();
  const { rows } = await db.query<{ iin: string; id: number }>('select iin, id from persons where iin = any($1::text[])', [iins]);
  return new Map(rows.map((r) => [r.iin, Number(r.id)]));
}

// ── rule sets ───────────────────────────────────────────────────────────────────────────────────

export interface RuleSetRow {
  id: number;
  regionId: number | null;
  version: number;
  body: unknown;
  notes: string | null;
  createdAt: string;
}

/** The region's latest rule set, else the country's latest (null when neither is stored). */
export async function currentRuleSet(db: Queryable, regionId: number | null): Promise<RuleSetRow | null> {
  const { rows } = await db.query<{ id: number; region_id: number | null; version: number; body: unknown; notes: string | null; created_at: Date }>(
    `select id, region_id, version, body, notes, created_at from supplies_rule_sets
      where region_id is not distinct from $1 or region_id is null
      order by (region_id is null), version desc limit 1`,
    [regionId],
  );
  const r = rows[0];
  return r ? { id: r.id, regionId: r.region_id, version: r.version, body: r.body, notes: r.notes, createdAt: r.created_at.toISOString() } : null;
}

export async function insertRuleSet(db: Queryable, regionId: number | null, body: unknown, notes: string | null, by: number | null, at: Date): Promise<number> {
  await db.query('select pg_advisory_xact_lock(hashtext($1))', [`supplies.rules:${regionId ?? 0}`]);
  const { rows } = await db.query<{ id: number }>(
    `insert into supplies_rule_sets (region_id, version, body, notes, created_by, created_at)
     values ($1, (select coalesce(max(version), 0) + 1 from supplies_rule_sets where coalesce(region_id, 0) = coalesce($1, 0)), $2, $3, $4, $5) returning id`,
    [regionId, JSON.stringify(body), notes, by, at],
  );
  return rows[0]!.id;
}

// ── stock ───────────────────────────────────────────────────────────────────────────────────────

export type ItemRow = z.infer<typeof itemView>;
const ITEM = `select id, organisation_id as "organisationId", category, kind, inventory_number as "inventoryNumber", serial, source, condition, status,
  operator, tariff, monthly_cost as "monthlyCost", activated_on as "activatedOn", ends_on as "endsOn" from supplies_items`;

export async function itemsOf(db: Queryable, organisationId: number): Promise<ItemRow[]> {
  const { rows } = await db.query<ItemRow & Record<string, unknown>>(`${ITEM} where organisation_id = $1 order by category, inventory_number`, [
    organisationId,
  ]);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function findItem(db: Queryable, id: number, forUpdate = false): Promise<ItemRow | null> {
  const { rows } = await db.query<ItemRow & Record<string, unknown>>(`${ITEM} where id = $1${forUpdate ? ' for update' : ''}`, [id]);
  return rows[0] ? { ...rows[0], id: Number(rows[0].id) } : null;
}

export async function findItemByInventory(db: Queryable, inventoryNumber: string, forUpdate = false): Promise<ItemRow | null> {
  const { rows } = await db.query<ItemRow & Record<string, unknown>>(`${ITEM} where inventory_number = $1${forUpdate ? ' for update' : ''}`, [inventoryNumber]);
  return rows[0] ? { ...rows[0], id: Number(rows[0].id) } : null;
}

export async function existingInventoryNumbers(db: Queryable, numbers: string[]): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const { rows } = await db.query<{ n: string }>('select inventory_number as n from supplies_items where inventory_number = any($1::text[])', [numbers]);
  return new Set(rows.map((r) => r.n));
}

export interface NewItem {
  organisationId: number;
  category: 'device' | 'kit';
  kind: string;
  inventoryNumber: string;
  serial: string | null;
  source: string;
  condition: string;
  operator: string | null;
  tariff: string | null;
  monthlyCost: number | null;
  activatedOn: string | null;
  endsOn: string | null;
}

export async function insertItems(db: Queryable, items: NewItem[]): Promise<number[]> {
  if (items.length === 0) return [];
  const col = <K extends keyof NewItem>(k: K) => items.map((i) => i[k]);
  const { rows } = await db.query<{ id: number }>(
    `insert into supplies_items (organisation_id, category, kind, inventory_number, serial, source, condition, operator, tariff, monthly_cost, activated_on, ends_on)
     select * from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::numeric[], $11::date[], $12::date[])
     returning id`,
    [
      col('organisationId'),
      col('category'),
      col('kind'),
      col('inventoryNumber'),
      col('serial'),
      col('source'),
      col('condition'),
      col('operator'),
      col('tariff'),
      col('monthlyCost'),
      col('activatedOn'),
      col('endsOn'),
    ],
  );
  return rows.map((r) => Number(r.id));
}

export async function moveItem(db: Queryable, itemId: number, from: number, to: number, by: number, at: Date, note: string | null): Promise<void> {
  await db.query('update supplies_items set organisation_id = $2 where id = $1', [itemId, to]);
  await db.query(
    'insert into supplies_transfers (item_id, from_organisation_id, to_organisation_id, moved_by, moved_at, note) values ($1, $2, $3, $4, $5, $6)',
    [itemId, from, to, by, at, note],
  );
}

export async function itemTrail(db: Queryable, itemId: number) {
  const [t, l] = await Promise.all([
    db.query<{ fromOrganisationId: number; toOrganisationId: number; movedAt: Date; note: string | null }>(
      `select from_organisation_id as "fromOrganisationId", to_organisation_id as "toOrganisationId", moved_at as "movedAt", note
         from supplies_transfers where item_id = $1 order by id`,
      [itemId],
    ),
    db.query<{ id: number; issuedAt: Date; dueOn: string; returnedAt: Date | null; returnedCondition: string | null }>(
      `select id, issued_at as "issuedAt", due_on as "dueOn", returned_at as "returnedAt", returned_condition as "returnedCondition"
         from supplies_loans where item_id = $1 order by id`,
      [itemId],
    ),
  ]);
  return {
    transfers: t.rows.map((r) => ({ ...r, movedAt: r.movedAt.toISOString() })),
    loans: l.rows.map((r) => ({ ...r, id: Number(r.id), issuedAt: r.issuedAt.toISOString(), returnedAt: r.returnedAt?.toISOString() ?? null })),
  };
}

export async function setItemStatus(db: Queryable, itemId: number, status: string, condition?: string): Promise<void> {
  await db.query('update supplies_items set status = $2, condition = coalesce($3, condition) where id = $1', [itemId, status, condition ?? null]);
}

/** Available items and what earlier allocations still hold of them (allocated, not yet issued), per organisation. */
export async function stockCounts(
  db: Queryable,
  organisationIds: number[],
): Promise<Map<number, { devices: number; kits: number; devicesAll: number; kitsAll: number; committedDevices: number; committedKits: number }>> {
  const { rows } = await db.query<{ id: number; devices: number; kits: number; devices_all: number; kits_all: number; c_devices: number; c_kits: number }>(
    `select o.id,
       (select count(*) from supplies_items i where i.organisation_id = o.id and i.category = 'device' and i.status = 'available') as devices,
       (select count(*) from supplies_items i where i.organisation_id = o.id and i.category = 'kit' and i.status = 'available') as kits,
       (select count(*) from supplies_items i where i.organisation_id = o.id and i.category = 'device' and i.status <> 'written_off') as devices_all,
       (select count(*) from supplies_items i where i.organisation_id = o.id and i.category = 'kit' and i.status <> 'written_off') as kits_all,
       coalesce((select sum(greatest(0, a.devices - (select count(*) from supplies_loans l join supplies_items i on i.id = l.item_id
                   where l.organisation_id = a.organisation_id and l.household_key = a.household_key and l.returned_at is null and i.category = 'device')))
                   from supplies_allocations a where a.organisation_id = o.id and a.status = 'active'), 0) as c_devices,
       coalesce((select sum(greatest(0, a.kits - (select count(*) from supplies_loans l join supplies_items i on i.id = l.item_id
                   where l.organisation_id = a.organisation_id and l.household_key = a.household_key and l.returned_at is null and i.category = 'kit')))
                   from supplies_allocations a where a.organisation_id = o.id and a.status = 'active'), 0) as c_kits
       from unnest($1::int[]) as o(id)`,
    [organisationIds],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        devices: Number(r.devices),
        kits: Number(r.kits),
        devicesAll: Number(r.devices_all),
        kitsAll: Number(r.kits_all),
        committedDevices: Number(r.c_devices),
        committedKits: Number(r.c_kits),
      },
    ]),
  );
}

export interface TextbookStockRow {
  titleId: number;
  title: string;
  grade: number;
  subject: string;
  language: string;
  isbn: string;
  copies: number;
  issued: number;
}

export async function textbookStock(db: Queryable, organisationId: number): Promise<TextbookStockRow[]> {
  const { rows } = await db.query<TextbookStockRow & Record<string, unknown>>(
    `select t.id as "titleId", t.title, t.grade, t.subject, t.language, t.isbn, s.copies,
            (select count(*) from supplies_textbook_issues i where i.title_id = t.id and i.organisation_id = s.organisation_id and i.returned_at is null) as issued
       from supplies_textbook_stock s join supplies_textbook_titles t on t.id = s.title_id where s.organisation_id = $1 order by t.grade, t.subject, t.title`,
    [organisationId],
  );
  return rows.map((r) => ({ ...r, titleId: Number(r.titleId), issued: Number(r.issued) }));
}

export async function titlesByIsbn(db: Queryable, isbns: string[]): Promise<Map<string, number>> {
  if (isbns.length === 0) return new Map();
  const { rows } = await db.query<{ isbn: string; id: number }>('select isbn, id from supplies_textbook_titles where isbn = any($1::text[])', [isbns]);
  return new Map(rows.map((r) => [r.isbn, Number(r.id)]));
}

export interface NewTitle {
  title: string;
  grade: number;
  subject: string;
  language: string;
  publisher: string;
  year: number;
  isbn: string;
  eVersionUrl: string | null;
}

export async function upsertTitle(db: Queryable, t: NewTitle): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into supplies_textbook_titles (title, grade, subject, language, publisher, year, isbn, e_version_url)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (isbn) do update set e_version_url = coalesce(excluded.e_version_url, supplies_textbook_titles.e_version_url) returning id`,
    [t.title, t.grade, t.subject, t.language, t.publisher, t.year, t.isbn, t.eVersionUrl],
  );
  return Number(rows[0]!.id);
}

export async function addCopies(db: Queryable, organisationId: number, titleId: number, copies: number): Promise<void> {
  await db.query(
    `insert into supplies_textbook_stock (organisation_id, title_id, copies) values ($1, $2, $3)
     on conflict (organisation_id, title_id) do update set copies = supplies_textbook_stock.copies + excluded.copies`,
    [organisationId, titleId, copies],
  );
}

export async function findTitle(db: Queryable, id: number) {
  const { rows } = await db.query<{
    id: number;
    title: string;
    grade: number;
    subject: string;
    language: string;
    publisher: string;
    year: number;
    isbn: string;
    eVersionUrl: string | null;
    eVersionBytes: number | null;
  }>(
    `select id, title, grade, subject, language, publisher, year, isbn, e_version_url as "eVersionUrl", e_version_bytes as "eVersionBytes"
       from supplies_textbook_titles where id = $1`,
    [id],
  );
  return rows[0] ? { ...rows[0], id: Number(rows[0].id) } : null;
}

// ── allocations ─────────────────────────────────────────────────────────────────────────────────

export interface AllocationRow {
  id: number;
  runId: number;
  organisationId: number;
  householdKey: string;
  recipientId: number;
  pupilIds: number[];
  devices: number;
  kits: number;
  entitledDevices: number;
  entitledKits: number;
  priority: number;
  reason: ReasonPart[];
  createdAt: string;
  status: 'active' | 'superseded';
}
const ALLOCATION = `select id, run_id as "runId", organisation_id as "organisationId", household_key as "householdKey", recipient_id as "recipientId",
  pupil_ids as "pupilIds", devices, kits, entitled_devices as "entitledDevices", entitled_kits as "entitledKits", priority, reason, created_at as "createdAt", status
  from supplies_allocations`;
const toAllocation = (r: Record<string, unknown>): AllocationRow => ({
  ...(r as unknown as AllocationRow),
  id: Number(r.id),
  runId: Number(r.runId),
  recipientId: Number(r.recipientId),
  pupilIds: ids(r.pupilIds as unknown[]),
  createdAt: (r.createdAt as Date).toISOString(),
});

export async function activeAllocations(db: Queryable, organisationIds: number[]): Promise<AllocationRow[]> {
  const { rows } = await db.query(`${ALLOCATION} where organisation_id = any($1::int[]) and status = 'active' order by id`, [organisationIds]);
  return rows.map(toAllocation);
}

export async function findAllocation(db: Queryable, id: number): Promise<AllocationRow | null> {
  const { rows } = await db.query(`${ALLOCATION} where id = $1`, [id]);
  return rows[0] ? toAllocation(rows[0]) : null;
}

export async function insertRun(
  db: Queryable,
  r: {
    scopeLevel: string;
    scopeId: number;
    ruleSetId: number | null;
    rulesVersion: number;
    fingerprint: string;
    reshuffle: boolean;
    totals: unknown;
    by: number;
    at: Date;
  },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into supplies_allocation_runs (scope_level, scope_id, rule_set_id, rules_version, fingerprint, reshuffle, totals, confirmed_by, confirmed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [r.scopeLevel, r.scopeId, r.ruleSetId, r.rulesVersion, r.fingerprint, r.reshuffle, JSON.stringify(r.totals), r.by, r.at],
  );
  return Number(rows[0]!.id);
}

export async function supersedeAllocations(db: Queryable, organisationIds: number[], keys: { organisationId: number; key: string }[] | null): Promise<void> {
  if (keys === null) {
    await db.query(`update supplies_allocations set status = 'superseded' where organisation_id = any($1::int[]) and status = 'active'`, [organisationIds]);
    return;
  }
  if (keys.length === 0) return;
  await db.query(
    `update supplies_allocations a set status = 'superseded' from unnest($1::int[], $2::text[]) as k(o, h)
      where a.organisation_id = k.o and a.household_key = k.h and a.status = 'active'`,
    [keys.map((k) => k.organisationId), keys.map((k) => k.key)],
  );
}

export async function insertAllocations(
  db: Queryable,
  runId: number,
  at: Date,
  lines: {
    organisationId: number;
    key: string;
    recipientId: number;
    pupilIds: number[];
    devices: number;
    kits: number;
    entitledDevices: number;
    entitledKits: number;
    priority: number;
    reason: ReasonPart[];
  }[],
): Promise<number> {
  if (lines.length === 0) return 0;
  const { rowCount } = await db.query(
    `insert into supplies_allocations (run_id, organisation_id, household_key, recipient_id, pupil_ids, devices, kits, entitled_devices, entitled_kits, priority, reason, created_at)
     select $1, t.o, t.h, t.r, coalesce(string_to_array(nullif(t.p, ''), ',')::bigint[], '{}'), t.d, t.k, t.ed, t.ek, t.pr, t.re::jsonb, $2
       from unnest($3::int[], $4::text[], $5::bigint[], $6::text[], $7::int[], $8::int[], $9::int[], $10::int[], $11::int[], $12::text[])
         as t(o, h, r, p, d, k, ed, ek, pr, re)`,
    [
      runId,
      at,
      lines.map((l) => l.organisationId),
      lines.map((l) => l.key),
      lines.map((l) => l.recipientId),
      lines.map((l) => l.pupilIds.join(',')),
      lines.map((l) => l.devices),
      lines.map((l) => l.kits),
      lines.map((l) => l.entitledDevices),
      lines.map((l) => l.entitledKits),
      lines.map((l) => l.priority),
      lines.map((l) => JSON.stringify(l.reason)),
    ],
  );
  return rowCount ?? 0;
}

export async function listRuns(db: Queryable, level: string, scopeIds: number[]) {
  const { rows } = await db.query<{
    id: number;
    scopeLevel: string;
    scopeId: number;
    rulesVersion: number;
    reshuffle: boolean;
    confirmedAt: Date;
    totals: Record<string, unknown>;
  }>(
    `select id, scope_level as "scopeLevel", scope_id as "scopeId", rules_version as "rulesVersion", reshuffle, confirmed_at as "confirmedAt", totals
       from supplies_allocation_runs where scope_level = $1 and scope_id = any($2::int[]) order by id desc limit 100`,
    [level, scopeIds],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), confirmedAt: r.confirmedAt.toISOString() }));
}

export async function findRun(db: Queryable, id: number) {
  const { rows } = await db.query<{
    id: number;
    scopeLevel: 'organisation' | 'district' | 'region';
    scopeId: number;
    rulesVersion: number;
    reshuffle: boolean;
    confirmedAt: Date;
    totals: Record<string, unknown>;
    fingerprint: string;
  }>(
    `select id, scope_level as "scopeLevel", scope_id as "scopeId", rules_version as "rulesVersion", reshuffle, confirmed_at as "confirmedAt", totals, fingerprint
       from supplies_allocation_runs where id = $1`,
    [id],
  );
  return rows[0] ? { ...rows[0], id: Number(rows[0].id), confirmedAt: rows[0].confirmedAt.toISOString() } : null;
}

export async function allocationsOfRun(db: Queryable, runId: number): Promise<AllocationRow[]> {
  const { rows } = await db.query(`${ALLOCATION} where run_id = $1 order by priority, id`, [runId]);
  return rows.map(toAllocation);
}

// ── appeals ─────────────────────────────────────────────────────────────────────────────────────

export interface AppealRow {
  id: number;
  organisationId: number;
  householdKey: string;
  text: string;
  submittedAt: string;
  status: 'open' | 'upheld' | 'rejected';
  decisionNote: string | null;
  decidedAt: string | null;
  appellant: PersonName | null;
  appellantId: number;
}
const APPEAL = `select a.id, a.organisation_id as "organisationId", a.household_key as "householdKey", a.text, a.submitted_at as "submittedAt", a.status,
  a.decision_note as "decisionNote", a.decided_at as "decidedAt", a.appellant_id as "appellantId",
  (select ${PERSON('p')} from persons p where p.id = a.appellant_id) as appellant from supplies_appeals a`;
const toAppeal = (r: Record<string, unknown>): AppealRow => ({
  ...(r as unknown as AppealRow),
  id: Number(r.id),
  appellantId: Number(r.appellantId),
  submittedAt: (r.submittedAt as Date).toISOString(),
  decidedAt: (r.decidedAt as Date | null)?.toISOString() ?? null,
});

export async function insertAppeal(
  db: Queryable,
  a: { organisationId: number; householdKey: string; appellantId: number; text: string; at: Date },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    'insert into supplies_appeals (organisation_id, household_key, appellant_id, text, submitted_at) values ($1, $2, $3, $4, $5) returning id',
    [a.organisationId, a.householdKey, a.appellantId, a.text, a.at],
  );
  return Number(rows[0]!.id);
}
export async function findAppeal(db: Queryable, id: number, forUpdate = false): Promise<AppealRow | null> {
  const { rows } = await db.query(`${APPEAL} where a.id = $1${forUpdate ? ' for update of a' : ''}`, [id]);
  return rows[0] ? toAppeal(rows[0]) : null;
}
export async function appealsOf(db: Queryable, organisationId: number, keys: string[] | null): Promise<AppealRow[]> {
  const { rows } = await db.query(`${APPEAL} where a.organisation_id = $1 and ($2::text[] is null or a.household_key = any($2::text[])) order by a.id desc`, [
    organisationId,
    keys,
  ]);
  return rows.map(toAppeal);
}
export async function decideAppeal(db: Queryable, id: number, status: string, note: string, by: number, at: Date): Promise<void> {
  await db.query('update supplies_appeals set status = $2, decision_note = $3, decided_by = $4, decided_at = $5 where id = $1', [id, status, note, by, at]);
}

// ── loans ───────────────────────────────────────────────────────────────────────────────────────

export interface LoanRow {
  id: number;
  organisationId: number;
  householdKey: string;
  allocationId: number | null;
  recipientId: number;
  pupilIds: number[];
  item: { id: number; kind: string; category: 'device' | 'kit'; inventoryNumber: string; serial: string | null };
  recipient: (PersonName & { id: number; iin: string }) | null;
  issuedAt: string;
  dueOn: string;
  language: 'kk' | 'ru';
  recalledAt: string | null;
  returnedAt: string | null;
  returnedCondition: string | null;
}
const LOAN = `select l.id, l.organisation_id as "organisationId", l.household_key as "householdKey", l.allocation_id as "allocationId", l.recipient_id as "recipientId",
  l.pupil_ids as "pupilIds", json_build_object('id', i.id, 'kind', i.kind, 'category', i.category, 'inventoryNumber', i.inventory_number, 'serial', i.serial) as item,
  (select json_build_object('id', p.id, 'iin', p.iin, 'lastName', p.last_name, 'firstName', p.first_name, 'middleName', p.middle_name) from persons p where p.id = l.recipient_id) as recipient,
  l.issued_at as "issuedAt", l.due_on as "dueOn", l.language, l.recalled_at as "recalledAt", l.returned_at as "returnedAt", l.returned_condition as "returnedCondition"
  from supplies_loans l join supplies_items i on i.id = l.item_id`;
const toLoan = (r: Record<string, unknown>): LoanRow => ({
  ...(r as unknown as LoanRow),
  id: Number(r.id),
  recipientId: Number(r.recipientId),
  allocationId: r.allocationId === null ? null : Number(r.allocationId),
  pupilIds: ids(r.pupilIds as unknown[]),
  issuedAt: (r.issuedAt as Date).toISOString(),
  recalledAt: (r.recalledAt as Date | null)?.toISOString() ?? null,
  returnedAt: (r.returnedAt as Date | null)?.toISOString() ?? null,
});

export async function insertLoan(
  db: Queryable,
  l: {
    itemId: number;
    organisationId: number;
    allocationId: number | null;
    householdKey: string;
    recipientId: number;
    pupilIds: number[];
    issuedBy: number;
    issuedAt: Date;
    dueOn: string;
    language: 'kk' | 'ru';
  },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into supplies_loans (item_id, organisation_id, allocation_id, household_key, recipient_id, pupil_ids, issued_by, issued_at, due_on, language)
     values ($1, $2, $3, $4, $5, $6::bigint[], $7, $8, $9, $10) returning id`,
    [l.itemId, l.organisationId, l.allocationId, l.householdKey, l.recipientId, l.pupilIds, l.issuedBy, l.issuedAt, l.dueOn, l.language],
  );
  return Number(rows[0]!.id);
}
export async function findLoan(db: Queryable, id: number, forUpdate = false): Promise<LoanRow | null> {
  const { rows } = await db.query(`${LOAN} where l.id = $1${forUpdate ? ' for update of l' : ''}`, [id]);
  return rows[0] ? toLoan(rows[0]) : null;
}
export async function loansWhere(
  db: Queryable,
  f: { organisationIds?: number[]; recipientIds?: number[]; status: 'open' | 'overdue' | 'returned' | 'all'; today: string },
): Promise<LoanRow[]> {
  const { rows } = await db.query(
    `${LOAN} where ($1::int[] is null or l.organisation_id = any($1::int[])) and ($2::bigint[] is null or l.recipient_id = any($2::bigint[]))
       and case $3 when 'open' then l.returned_at is null when 'overdue' then l.returned_at is null and l.due_on < $4::date
                   when 'returned' then l.returned_at is not null else true end
     order by l.due_on, l.id limit 2000`,
    [f.organisationIds ?? null, f.recipientIds ?? null, f.status, f.today],
  );
  return rows.map(toLoan);
}
export async function returnLoan(db: Queryable, id: number, condition: string, by: number, at: Date): Promise<void> {
  await db.query('update supplies_loans set returned_at = $2, returned_condition = $3, received_by = $4 where id = $1', [id, at, condition, by]);
}
export async function markRecalled(db: Queryable, ids: number[], at: Date): Promise<void> {
  if (ids.length) await db.query('update supplies_loans set recalled_at = $2 where id = any($1::bigint[])', [ids, at]);
}
export async function adminsOf(db: Queryable, organisationId: number): Promise<number[]> {
  const { rows } = await db.query<{ person_id: number }>(`select distinct person_id from role_assignments where role = 'org_admin' and organisation_id = $1`, [
    organisationId,
  ]);
  return rows.map((r) => Number(r.person_id));
}

// ── textbooks by class ──────────────────────────────────────────────────────────────────────────

export async function findClass(db: Queryable, id: number) {
  const { rows } = await db.query<{ id: number; organisation_id: number; name: string }>('select id, organisation_id, name from classes where id = $1', [id]);
  return rows[0] ? { id: Number(rows[0].id), organisationId: rows[0].organisation_id, name: rows[0].name } : null;
}
export async function classPupils(db: Queryable, classId: number): Promise<number[]> {
  const { rows } = await db.query<{ pupil_id: number }>('select pupil_id from class_members where class_id = $1 order by pupil_id', [classId]);
  return rows.map((r) => Number(r.pupil_id));
}
export async function lockTextbookStock(db: Queryable, organisationId: number, titleId: number): Promise<{ copies: number; issued: number } | null> {
  const { rows } = await db.query<{ copies: number }>('select copies from supplies_textbook_stock where organisation_id = $1 and title_id = $2 for update', [
    organisationId,
    titleId,
  ]);
  if (!rows[0]) return null;
  const { rows: n } = await db.query<{ n: number }>(
    'select count(*) as n from supplies_textbook_issues where organisation_id = $1 and title_id = $2 and returned_at is null',
    [organisationId, titleId],
  );
  return { copies: rows[0].copies, issued: Number(n[0]!.n) };
}
export async function issueTextbooks(
  db: Queryable,
  t: { titleId: number; organisationId: number; classId: number; pupilIds: number[]; by: number; at: Date },
): Promise<number> {
  const { rowCount } = await db.query(
    `insert into supplies_textbook_issues (title_id, organisation_id, class_id, pupil_id, issued_by, issued_at)
     select $1, $2, $3, p, $5, $6 from unnest($4::bigint[]) as p
      where not exists (select 1 from supplies_textbook_issues x where x.title_id = $1 and x.pupil_id = p and x.returned_at is null)`,
    [t.titleId, t.organisationId, t.classId, t.pupilIds, t.by, t.at],
  );
  return rowCount ?? 0;
}
export async function pupilsWithoutTextbook(db: Queryable, titleId: number, pupilIds: number[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `select count(*) as n from unnest($2::bigint[]) p where not exists (select 1 from supplies_textbook_issues x where x.title_id = $1 and x.pupil_id = p and x.returned_at is null)`,
    [titleId, pupilIds],
  );
  return Number(rows[0]!.n);
}
export async function returnTextbooks(db: Queryable, t: { titleId: number; classId: number; condition: string; by: number; at: Date }): Promise<number> {
  const { rowCount } = await db.query(
    `update supplies_textbook_issues set returned_at = $3, returned_condition = $4, received_by = $5
      where title_id = $1 and class_id = $2 and returned_at is null`,
    [t.titleId, t.classId, t.at, t.condition, t.by],
  );
  return rowCount ?? 0;
}

// ── officers ────────────────────────────────────────────────────────────────────────────────────

export interface AreaFigures {
  level: 'region' | 'district' | 'organisation';
  id: number;
  name: Name;
  pupils: number;
  answered: number;
  withoutDevice: number;
  withoutInternet: number;
  devicesAllocated: number;
  devicesIssued: number;
  kitsAllocated: number;
  kitsIssued: number;
  shortDevices: number;
  shortKits: number;
}

/** Needs vs provided, grouped by region, district or organisation (filtered to a region or district). */
export async function areaFigures(
  db: Queryable,
  groupBy: 'region' | 'district' | 'organisation',
  filter: { regionIds: number[] | null; districtIds: number[] | null },
): Promise<AreaFigures[]> {
  const key = groupBy === 'region' ? 'o.region_id' : groupBy === 'district' ? 'o.district_id' : 'o.id';
  const table = groupBy === 'region' ? 'regions' : groupBy === 'district' ? 'districts' : 'organisations';
  const { rows } = await db.query<Record<string, unknown>>(
    `with orgs as (select o.id, ${key} as k from organisations o
                    where ($1::int[] is null or o.region_id = any($1::int[])) and ($2::int[] is null or o.district_id = any($2::int[]))),
     answers as (select distinct on (a.person_id) a.person_id, a.organisation_id, a.devices, a.internet from supplies_census_answers a
                  where a.organisation_id in (select id from orgs) and a.role = 'pupil' order by a.person_id, a.id desc),
     runs as (select distinct on (r.scope_level, r.scope_id) r.totals from supplies_allocation_runs r order by r.scope_level, r.scope_id, r.id desc),
     short as (select (s->>'organisationId')::int as organisation_id, sum((s->>'devices')::int) as d, sum((s->>'kits')::int) as k
                 from runs, jsonb_array_elements(runs.totals->'shortfall') s group by 1)
     select g.id, ${NAME('g')} as name,
       (select coalesce(sum(o2.pupil_count), 0) from organisations o2 where o2.id in (select id from orgs where k = g.id)) as pupils,
       (select count(*) from answers a join orgs on orgs.id = a.organisation_id where orgs.k = g.id) as answered,
       (select count(*) from answers a join orgs on orgs.id = a.organisation_id where orgs.k = g.id and a.devices = 'none') as without_device,
       (select count(*) from answers a join orgs on orgs.id = a.organisation_id where orgs.k = g.id and a.internet = 'none') as without_internet,
       (select coalesce(sum(x.devices), 0) from supplies_allocations x join orgs on orgs.id = x.organisation_id where orgs.k = g.id and x.status = 'active') as devices_allocated,
       (select coalesce(sum(x.kits), 0) from supplies_allocations x join orgs on orgs.id = x.organisation_id where orgs.k = g.id and x.status = 'active') as kits_allocated,
       (select count(*) from supplies_loans l join supplies_items i on i.id = l.item_id join orgs on orgs.id = l.organisation_id
         where orgs.k = g.id and l.returned_at is null and i.category = 'device') as devices_issued,
       (select count(*) from supplies_loans l join supplies_items i on i.id = l.item_id join orgs on orgs.id = l.organisation_id
         where orgs.k = g.id and l.returned_at is null and i.category = 'kit') as kits_issued,
       (select coalesce(sum(s.d), 0) from short s join orgs on orgs.id = s.organisation_id where orgs.k = g.id) as short_devices,
       (select coalesce(sum(s.k), 0) from short s join orgs on orgs.id = s.organisation_id where orgs.k = g.id) as short_kits
      from ${table} g where g.id in (select k from orgs) order by g.name_en`,
    [filter.regionIds, filter.districtIds],
  );
  return rows.map((r) => ({
    level: groupBy,
    id: Number(r.id),
    name: r.name as Name,
    pupils: Number(r.pupils),
    answered: Number(r.answered),
    withoutDevice: Number(r.without_device),
    withoutInternet: Number(r.without_internet),
    devicesAllocated: Number(r.devices_allocated),
    devicesIssued: Number(r.devices_issued),
    kitsAllocated: Number(r.kits_allocated),
    kitsIssued: Number(r.kits_issued),
    shortDevices: Number(r.short_devices),
    shortKits: Number(r.short_kits),
  }));
}

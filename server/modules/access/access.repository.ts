/**
 * SQL of the access module. Reads other modules' tables read-only where noted: `role_assignments`
 * (who belongs to an organisation), `persons` (names), `organisations` (names, region).
 */
import type { Queryable } from '../../platform/db.js';
import type { z } from 'zod';
import type { entranceLog as entranceLogSchema, exemption, healthRecord } from '../../../contracts/access.js';
import type { HealthRecord, RuleParams } from './access.rules.js';

type RecordOut = z.infer<typeof healthRecord>;
type ExemptionOut = z.infer<typeof exemption> & { organisationId: number; personId: number };
type EntranceOut = z.infer<typeof entranceLogSchema>['items'][number];

const MEMBER_ROLES = ['pupil', 'teacher', 'org_admin', 'gate_guard', 'health_officer'];
const personJson = (alias: string) => `json_build_object('id', ${alias}.id, 'lastName', ${alias}.last_name, 'firstName', ${alias}.first_name)`;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function organisationRegion(db: Queryable, organisationId: number): Promise<number | null> {
  const { rows } = await db.query<{ region_id: number }>('select region_id from organisations where id = $1', [organisationId]);
  return rows[0]?.region_id ?? null;
}

/** Organisations with campus buildings where the person holds a member role. */
export async function campusOrganisationsOf(db: Queryable, personId: number) {
  const { rows } = await db.query<{ id: number; name: { kk: string; ru: string; en: string }; region_id: number }>(
    `select o.id, json_build_object('kk', o.name_kk, 'ru', o.name_ru, 'en', o.name_en) as name, o.region_id
       from organisations o where exists (select 1 from access_buildings b where b.organisation_id = o.id)
        and exists (select 1 from role_assignments r where r.organisation_id = o.id and r.person_id = $1 and r.role = any($2::text[]))
      order by o.id`,
    [personId, MEMBER_ROLES],
  );
  return rows;
}

export async function isMember(db: Queryable, organisationId: number, personId: number): Promise<boolean> {
  const { rows } = await db.query('select 1 from role_assignments where organisation_id = $1 and person_id = $2 and role = any($3::text[]) limit 1', [
    organisationId,
    personId,
    MEMBER_ROLES,
  ]);
  return rows.length > 0;
}

/** IIN → person id for the organisation's members among `iins`. */
export async function membersByIin(db: Queryable, organisationId: number, iins: string[]): Promise<Map<string, number>> {
  const { rows } = await db.query<{ iin: string; id: number }>(
    `select p.iin, p.id from persons p where p.iin = any($2::text[])
        and exists (select 1 from role_assignments r where r.organisation_id = $1 and r.person_id = p.id and r.role = any($3::text[]))`,
    [organisationId, iins, MEMBER_ROLES],
  );
  return new Map(rows.map((r) => [r.iin, Number(r.id)]));
}

export async function memberIds(db: Queryable, organisationId: number): Promise<number[]> {
  const { rows } = await db.query<{ person_id: string }>(
    'select distinct person_id from role_assignments where organisation_id = $1 and role = any($2::text[])',
    [organisationId, MEMBER_ROLES],
  );
  return rows.map((r) => Number(r.person_id));
}

export async function personName(db: Queryable, personId: number): Promise<string> {
  const { rows } = await db.query<{ n: string }>("select last_name || ' ' || first_name as n from persons where id = $1", [personId]);
  return rows[0]?.n ?? '';
}

// ── records ──
export interface NewRecord {
  personId: number;
  organisationId: number;
  kind: 'vaccination' | 'test' | 'recovery';
  at: Date;
  product: string | null;
  doseNumber: number | null;
  seriesDoses: number | null;
  testKind: string | null;
  result: string | null;
  state: 'confirmed' | 'reported';
  source: string;
  batchId: number | null;
  note?: string | null;
  document?: { name: string; type: string; bytes: Buffer } | null;
}

export async function insertRecords(db: Queryable, rows: NewRecord[], now: Date): Promise<number[]> {
  if (rows.length === 0) return [];
  const col = <K extends keyof NewRecord>(k: K) => rows.map((r) => r[k] ?? null);
  const { rows: ids } = await db.query<{ id: number }>(
    `insert into access_health_records (person_id, organisation_id, kind, occurred_at, product, dose_number, series_doses, test_kind, result,
        state, source, batch_id, reported_note, document_name, document_type, document, created_at)
     select t.*, $17 from unnest($1::bigint[], $2::int[], $3::text[], $4::timestamptz[], $5::text[], $6::smallint[], $7::smallint[], $8::text[], $9::text[],
        $10::text[], $11::text[], $12::int[], $13::text[], $14::text[], $15::text[], $16::bytea[]) as t
     returning id`,
    [
      col('personId'),
      col('organisationId'),
      col('kind'),
      col('at'),
      col('product'),
      col('doseNumber'),
      col('seriesDoses'),
      col('testKind'),
      col('result'),
      col('state'),
      col('source'),
      col('batchId'),
      col('note'),
      rows.map((r) => r.document?.name ?? null),
      rows.map((r) => r.document?.type ?? null),
      rows.map((r) => r.document?.bytes ?? null),
      now,
    ],
  );
  return ids.map((r) => r.id);
}

const RECORD_SELECT = `select r.id, ${personJson('p')} as person, r.organisation_id as "organisationId", r.kind, r.occurred_at as "occurredAt", r.product,
    r.dose_number as "doseNumber", r.series_doses as "seriesDoses", r.test_kind as "testKind", r.result, r.state, r.source, r.batch_id as "batchId",
    r.reported_note as "reportedNote", r.document is not null as "hasDocument", r.decision_note as "decisionNote", r.decided_at as "decidedAt", r.created_at as "createdAt"
  from access_health_records r join persons p on p.id = r.person_id`;

type RecordRow = Record<string, unknown> & {
  occurredAt: Date;
  decidedAt: Date | null;
  createdAt: Date;
  organisationId: number;
  state: string;
  person: { id: number };
};
const recordOut = (r: RecordRow): RecordOut =>
  ({ ...r, occurredAt: r.occurredAt.toISOString(), decidedAt: iso(r.decidedAt), createdAt: r.createdAt.toISOString() }) as unknown as RecordOut;

export async function recordsOfPerson(db: Queryable, personId: number) {
  const { rows } = await db.query<RecordRow>(`${RECORD_SELECT} where r.person_id = $1 order by r.occurred_at desc, r.id desc`, [personId]);
  return rows.map(recordOut);
}
export async function recordsOfOrganisation(db: Queryable, organisationId: number, state: string) {
  const { rows } = await db.query<RecordRow>(`${RECORD_SELECT} where r.organisation_id = $1 and r.state = $2 order by r.created_at desc, r.id desc limit 500`, [
    organisationId,
    state,
  ]);
  return rows.map(recordOut);
}
export async function recordById(db: Queryable, id: number, lock = false) {
  const { rows } = await db.query<RecordRow>(`${RECORD_SELECT} where r.id = $1${lock ? ' for update of r' : ''}`, [id]);
  return rows[0] ? recordOut(rows[0]) : null;
}
export async function recordDocument(db: Queryable, id: number) {
  const { rows } = await db.query<{ document_name: string; document_type: string; document: Buffer; organisation_id: number }>(
    'select document_name, document_type, document, organisation_id from access_health_records where id = $1 and document is not null',
    [id],
  );
  return rows[0] ?? null;
}
export async function decideRecord(db: Queryable, id: number, state: 'confirmed' | 'rejected', by: number, note: string | null, now: Date) {
  await db.query('update access_health_records set state = $2, decided_by = $3, decision_note = $4, decided_at = $5 where id = $1', [id, state, by, note, now]);
}

/** Confirmed records per person, for the status computation. */
export async function confirmedRecords(db: Queryable, personIds: number[]): Promise<Map<number, HealthRecord[]>> {
  const { rows } = await db.query<{
    person_id: string;
    kind: string;
    occurred_at: Date;
    dose_number: number | null;
    series_doses: number | null;
    test_kind: string | null;
    result: string | null;
  }>(
    `select person_id, kind, occurred_at, dose_number, series_doses, test_kind, result from access_health_records
      where person_id = any($1::bigint[]) and state = 'confirmed'`,
    [personIds],
  );
  const out = new Map<number, HealthRecord[]>();
  for (const r of rows) {
    const id = Number(r.person_id);
    const list = out.get(id) ?? [];
    if (r.kind === 'vaccination') list.push({ kind: 'vaccination', at: r.occurred_at, doseNumber: r.dose_number!, seriesDoses: r.series_doses! });
    else if (r.kind === 'test') list.push({ kind: 'test', at: r.occurred_at, testKind: r.test_kind as 'pcr', result: r.result as 'negative' });
    else list.push({ kind: 'recovery', at: r.occurred_at });
    out.set(id, list);
  }
  return out;
}

export async function activeExemptions(db: Queryable, personIds: number[]): Promise<Map<number, { validFrom: string; validUntil: string }[]>> {
  const { rows } = await db.query<{ person_id: string; valid_from: string; valid_until: string }>(
    `select person_id, to_char(valid_from, 'YYYY-MM-DD') as valid_from, to_char(valid_until, 'YYYY-MM-DD') as valid_until
       from access_exemptions where person_id = any($1::bigint[]) and revoked_at is null`,
    [personIds],
  );
  const out = new Map<number, { validFrom: string; validUntil: string }[]>();
  for (const r of rows) {
    const id = Number(r.person_id);
    out.set(id, [...(out.get(id) ?? []), { validFrom: r.valid_from, validUntil: r.valid_until }]);
  }
  return out;
}

// ── batches ──
export async function insertBatch(
  db: Queryable,
  b: { organisationId: number; format: string; source: string; count: number; by: number; now: Date },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    'insert into access_import_batches (organisation_id, format, source, record_count, imported_by, imported_at) values ($1, $2, $3, $4, $5, $6) returning id',
    [b.organisationId, b.format, b.source, b.count, b.by, b.now],
  );
  return rows[0]!.id;
}
export async function batchesOf(db: Queryable, organisationId: number) {
  const { rows } = await db.query<{
    id: number;
    format: string;
    source: string;
    recordCount: number;
    importedBy: { id: number; lastName: string; firstName: string };
    importedAt: Date;
  }>(
    `select b.id, b.format, b.source, b.record_count as "recordCount", ${personJson('p')} as "importedBy", b.imported_at as "importedAt"
       from access_import_batches b join persons p on p.id = b.imported_by where b.organisation_id = $1 order by b.imported_at desc, b.id desc limit 200`,
    [organisationId],
  );
  return rows.map((r) => ({ ...r, importedAt: r.importedAt.toISOString() }));
}

// ── exemptions ──
export async function insertExemption(
  db: Queryable,
  e: { personId: number; organisationId: number; reason: string; validFrom: string; validUntil: string; by: number; now: Date },
) {
  const { rows } = await db.query<{ id: number }>(
    `insert into access_exemptions (person_id, organisation_id, reason, valid_from, valid_until, approved_by, approved_at) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [e.personId, e.organisationId, e.reason, e.validFrom, e.validUntil, e.by, e.now],
  );
  return rows[0]!.id;
}
const EXEMPTION_SELECT = `select e.id, ${personJson('p')} as person, e.reason, to_char(e.valid_from, 'YYYY-MM-DD') as "validFrom", to_char(e.valid_until, 'YYYY-MM-DD') as "validUntil",
    ${personJson('a')} as "approvedBy", e.approved_at as "approvedAt", e.revoked_at as "revokedAt", e.organisation_id as "organisationId", e.person_id as "personId"
  from access_exemptions e join persons p on p.id = e.person_id join persons a on a.id = e.approved_by`;
type ExemptionRow = Record<string, unknown> & { approvedAt: Date; revokedAt: Date | null; organisationId: number; personId: string };
const exemptionOut = (r: ExemptionRow): ExemptionOut =>
  ({ ...r, approvedAt: r.approvedAt.toISOString(), revokedAt: iso(r.revokedAt), personId: Number(r.personId) }) as unknown as ExemptionOut;
export async function exemptionsOf(db: Queryable, organisationId: number) {
  const { rows } = await db.query<ExemptionRow>(`${EXEMPTION_SELECT} where e.organisation_id = $1 order by e.approved_at desc, e.id desc`, [organisationId]);
  return rows.map(exemptionOut);
}
export async function exemptionById(db: Queryable, id: number) {
  const { rows } = await db.query<ExemptionRow>(`${EXEMPTION_SELECT} where e.id = $1`, [id]);
  return rows[0] ? exemptionOut(rows[0]) : null;
}
export async function revokeExemption(db: Queryable, id: number, now: Date): Promise<boolean> {
  const r = await db.query('update access_exemptions set revoked_at = $2 where id = $1 and revoked_at is null', [id, now]);
  return (r.rowCount ?? 0) > 0;
}

// ── rules and statuses ──
export type RuleSetRow = { id: number; regionId: number | null; version: number; params: RuleParams; publishedAt: Date };
export async function latestRuleSet(db: Queryable, regionId: number | null): Promise<RuleSetRow | null> {
  const { rows } = await db.query<RuleSetRow>(
    `select id, region_id as "regionId", version, params, published_at as "publishedAt" from access_rule_sets
      where region_id is not distinct from $1 order by version desc limit 1`,
    [regionId],
  );
  return rows[0] ?? null;
}
export async function insertRuleSet(db: Queryable, r: { regionId: number | null; params: RuleParams; by: number; now: Date }): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into access_rule_sets (region_id, version, params, published_by, published_at)
     values ($1, coalesce((select max(version) from access_rule_sets where region_id is not distinct from $1), 0) + 1, $2, $3, $4) returning id`,
    [r.regionId, JSON.stringify(r.params), r.by, r.now],
  );
  return rows[0]!.id;
}
/** The stored statuses; `lock`: row locks in person order, so a status change is noticed by one transaction only. */
export async function storedStatuses(db: Queryable, personIds: number[], lock = false): Promise<Map<number, string>> {
  const { rows } = await db.query<{ person_id: string; status: string }>(
    `select person_id, status from access_statuses where person_id = any($1::bigint[]) order by person_id${lock ? ' for update' : ''}`,
    [personIds],
  );
  return new Map(rows.map((r) => [Number(r.person_id), r.status]));
}
export async function upsertStatuses(
  db: Queryable,
  rows: { personId: number; status: string; reason: string | null; validUntil: Date | null; ruleSetId: number | null; nextChangeAt: Date | null }[],
  now: Date,
) {
  if (rows.length === 0) return;
  await db.query(
    `insert into access_statuses (person_id, status, valid_until, rule_set_id, computed_at, next_change_at, reason)
     select p, s, v, r, $5, n, re from unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::int[], $6::timestamptz[], $7::text[]) as t(p, s, v, r, n, re) order by p
     on conflict (person_id) do update set status = excluded.status, valid_until = excluded.valid_until, rule_set_id = excluded.rule_set_id,
       computed_at = excluded.computed_at, next_change_at = excluded.next_change_at, reason = excluded.reason`,
    [
      rows.map((r) => r.personId),
      rows.map((r) => r.status),
      rows.map((r) => r.validUntil),
      rows.map((r) => r.ruleSetId),
      now,
      rows.map((r) => r.nextChangeAt),
      rows.map((r) => r.reason),
    ],
  );
}
/**
 * Statuses whose next change with time is due, locked: another process running the same job skips
 * them (SKIP LOCKED) and takes the next ones, so each change is handled by one transaction.
 */
export async function dueStatuses(db: Queryable, now: Date, limit: number): Promise<number[]> {
  const { rows } = await db.query<{ person_id: string }>(
    `select person_id from access_statuses where next_change_at <= $1 order by next_change_at, person_id limit $2 for update skip locked`,
    [now, limit],
  );
  return rows.map((r) => Number(r.person_id));
}
/** The campus organisation whose region's rules decide each person's status (the first by id). */
export async function campusOrganisationOfPeople(db: Queryable, personIds: number[]): Promise<Map<number, { organisationId: number; regionId: number }>> {
  const { rows } = await db.query<{ person_id: string; organisation_id: number; region_id: number }>(
    `select distinct on (r.person_id) r.person_id, o.id as organisation_id, o.region_id from role_assignments r join organisations o on o.id = r.organisation_id
      where r.person_id = any($1::bigint[]) and r.role = any($2::text[]) and exists (select 1 from access_buildings b where b.organisation_id = o.id)
      order by r.person_id, o.id`,
    [personIds, MEMBER_ROLES],
  );
  return new Map(rows.map((r) => [Number(r.person_id), { organisationId: r.organisation_id, regionId: r.region_id }]));
}
/** People no campus organisation counts any more: time changes nothing for them until a write does. */
export async function clearNextChange(db: Queryable, personIds: number[]): Promise<void> {
  if (personIds.length) await db.query('update access_statuses set next_change_at = null where person_id = any($1::bigint[])', [personIds]);
}
/** People of campus organisations in a region (all regions when null). */
export async function campusPeopleIn(db: Queryable, regionId: number | null): Promise<{ personId: number; regionId: number }[]> {
  const { rows } = await db.query<{ person_id: string; region_id: number }>(
    `select distinct r.person_id, o.region_id from role_assignments r join organisations o on o.id = r.organisation_id
      where r.role = any($2::text[]) and ($1::int is null or o.region_id = $1)
        and exists (select 1 from access_buildings b where b.organisation_id = o.id)`,
    [regionId, MEMBER_ROLES],
  );
  return rows.map((r) => ({ personId: Number(r.person_id), regionId: r.region_id }));
}
export async function overviewOf(db: Queryable, organisationId: number) {
  const { rows } = await db.query<{ person: { id: number; lastName: string; firstName: string }; status: string | null; valid_until: Date | null }>(
    `select ${personJson('p')} as person, s.status, s.valid_until from persons p left join access_statuses s on s.person_id = p.id
      where p.id in (select person_id from role_assignments where organisation_id = $1 and role = any($2::text[]))
      order by p.last_name, p.first_name, p.id`,
    [organisationId, MEMBER_ROLES],
  );
  return rows;
}

// ── holders, keys, revocations ──
export async function holderOf(db: Queryable, personId: number): Promise<string | null> {
  const { rows } = await db.query<{ pseudonym: string }>('select pseudonym from access_holders where person_id = $1', [personId]);
  return rows[0]?.pseudonym ?? null;
}
export async function insertHolder(db: Queryable, personId: number, pseudonym: string, now: Date): Promise<string> {
  const { rows } = await db.query<{ pseudonym: string }>(
    `insert into access_holders (person_id, pseudonym, created_at) values ($1, $2, $3)
     on conflict (person_id) do update set person_id = excluded.person_id returning pseudonym`,
    [personId, pseudonym, now],
  );
  return rows[0]!.pseudonym;
}
export type KeyRow = {
  id: number;
  organisationId: number;
  kid: Buffer;
  publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  privatePkcs8: Buffer;
  createdAt: Date;
  retiredAt: Date | null;
  revokedAt: Date | null;
};
const KEY_SELECT = `select id, organisation_id as "organisationId", kid, public_jwk as "publicJwk", private_pkcs8 as "privatePkcs8", created_at as "createdAt",
  retired_at as "retiredAt", revoked_at as "revokedAt" from access_signing_keys`;
export async function activeKey(db: Queryable, organisationId: number): Promise<KeyRow | null> {
  const { rows } = await db.query<KeyRow>(`${KEY_SELECT} where organisation_id = $1 and retired_at is null`, [organisationId]);
  return rows[0] ?? null;
}
export async function keyById(db: Queryable, id: number): Promise<KeyRow | null> {
  const { rows } = await db.query<KeyRow>(`${KEY_SELECT} where id = $1`, [id]);
  return rows[0] ?? null;
}
export async function keysOf(db: Queryable, organisationId: number): Promise<KeyRow[]> {
  return (await db.query<KeyRow>(`${KEY_SELECT} where organisation_id = $1 order by id desc`, [organisationId])).rows;
}
export async function insertKey(
  db: Queryable,
  k: { organisationId: number; kid: Buffer; publicJwk: object; privatePkcs8: Buffer; now: Date },
): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `insert into access_signing_keys (organisation_id, kid, public_jwk, private_pkcs8, created_at) values ($1, $2, $3, $4, $5)
     on conflict (organisation_id) where retired_at is null do nothing returning id`,
    [k.organisationId, k.kid, JSON.stringify(k.publicJwk), k.privatePkcs8, k.now],
  );
  return rows[0]?.id ?? null;
}
export async function retireKeys(db: Queryable, organisationId: number, now: Date) {
  await db.query('update access_signing_keys set retired_at = $2 where organisation_id = $1 and retired_at is null', [organisationId, now]);
}
export async function revokeKey(db: Queryable, id: number, reason: string, now: Date): Promise<boolean> {
  const r = await db.query(
    'update access_signing_keys set revoked_at = $2, revoked_reason = $3, retired_at = coalesce(retired_at, $2) where id = $1 and revoked_at is null',
    [id, now, reason],
  );
  return (r.rowCount ?? 0) > 0;
}
/** Keys verifiers trust: not revoked, and active or retired within the longest pass lifetime. */
export async function trustedKeys(db: Queryable, retiredSince: Date): Promise<KeyRow[]> {
  return (await db.query<KeyRow>(`${KEY_SELECT} where revoked_at is null and (retired_at is null or retired_at > $1) order by id`, [retiredSince])).rows;
}
export async function revokedKids(db: Queryable): Promise<Buffer[]> {
  return (await db.query<{ kid: Buffer }>('select kid from access_signing_keys where revoked_at is not null order by id')).rows.map((r) => r.kid);
}
export async function revokedHolders(db: Queryable): Promise<string[]> {
  return (await db.query<{ pseudonym: string }>('select pseudonym from access_revoked_holders order by pseudonym')).rows.map((r) => r.pseudonym);
}
export async function revokeHolder(db: Queryable, pseudonym: string, reason: string, by: number, now: Date): Promise<boolean> {
  const r = await db.query('insert into access_revoked_holders (pseudonym, reason, revoked_by, revoked_at) values ($1, $2, $3, $4) on conflict do nothing', [
    pseudonym,
    reason,
    by,
    now,
  ]);
  return (r.rowCount ?? 0) > 0;
}
export async function personOfHolder(db: Queryable, pseudonym: string): Promise<number | null> {
  const { rows } = await db.query<{ person_id: string }>('select person_id from access_holders where pseudonym = $1', [pseudonym]);
  return rows[0] ? Number(rows[0].person_id) : null;
}

// ── buildings, gates, dormitories, scans ──
export async function buildingsOf(db: Queryable, organisationId: number) {
  const { rows } = await db.query<{
    id: number;
    name: string;
    kind: string;
    capacity: number;
    gates: { id: number; name: string }[];
    rooms: number;
    residents: number;
  }>(
    `select b.id, b.name, b.kind, b.capacity,
        coalesce((select json_agg(json_build_object('id', g.id, 'name', g.name) order by g.id) from access_gates g where g.building_id = b.id), '[]') as gates,
        (select count(*)::int from access_dorm_rooms r where r.building_id = b.id) as rooms,
        (select count(*)::int from access_residents x join access_dorm_rooms r on r.id = x.room_id where r.building_id = b.id and x.to_date is null) as residents
       from access_buildings b where b.organisation_id = $1 order by b.id`,
    [organisationId],
  );
  return rows;
}
export async function buildingById(db: Queryable, id: number) {
  const { rows } = await db.query<{ id: number; organisationId: number; kind: string; name: string }>(
    'select id, organisation_id as "organisationId", kind, name from access_buildings where id = $1',
    [id],
  );
  return rows[0] ?? null;
}
export async function insertBuilding(db: Queryable, b: { organisationId: number; name: string; kind: string; capacity: number }): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    'insert into access_buildings (organisation_id, name, kind, capacity) values ($1, $2, $3, $4) on conflict do nothing returning id',
    [b.organisationId, b.name, b.kind, b.capacity],
  );
  return rows[0]?.id ?? null;
}
export async function insertGate(db: Queryable, buildingId: number, name: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('insert into access_gates (building_id, name) values ($1, $2) on conflict do nothing returning id', [
    buildingId,
    name,
  ]);
  return rows[0]?.id ?? null;
}
export async function gatesOfOrganisations(db: Queryable, organisationIds: number[]) {
  const { rows } = await db.query<{ id: number; name: string; buildingId: number; buildingName: string; organisationId: number }>(
    `select g.id, g.name, b.id as "buildingId", b.name as "buildingName", b.organisation_id as "organisationId"
       from access_gates g join access_buildings b on b.id = g.building_id where b.organisation_id = any($1::int[]) order by b.id, g.id`,
    [organisationIds],
  );
  return rows;
}
export async function roomsOf(db: Queryable, buildingId: number) {
  const { rows } = await db.query(
    `select r.id, r.number, r.beds, coalesce((select json_agg(json_build_object('id', x.id, 'person', ${personJson('p')}, 'fromDate', to_char(x.from_date, 'YYYY-MM-DD'), 'status', s.status) order by p.last_name)
         from access_residents x join persons p on p.id = x.person_id left join access_statuses s on s.person_id = x.person_id
        where x.room_id = r.id and x.to_date is null), '[]') as residents
       from access_dorm_rooms r where r.building_id = $1 order by r.number`,
    [buildingId],
  );
  return rows;
}
export async function insertRoom(db: Queryable, buildingId: number, number: string, beds: number): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    'insert into access_dorm_rooms (building_id, number, beds) values ($1, $2, $3) on conflict do nothing returning id',
    [buildingId, number, beds],
  );
  return rows[0]?.id ?? null;
}
export async function roomById(db: Queryable, id: number, lock = false) {
  const { rows } = await db.query<{ id: number; beds: number; buildingId: number; organisationId: number; taken: number }>(
    `select r.id, r.beds, r.building_id as "buildingId", b.organisation_id as "organisationId",
        (select count(*)::int from access_residents x where x.room_id = r.id and x.to_date is null) as taken
       from access_dorm_rooms r join access_buildings b on b.id = r.building_id where r.id = $1${lock ? ' for update of r' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}
export async function insertResident(db: Queryable, roomId: number, personId: number, fromDate: string, by: number): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    'insert into access_residents (room_id, person_id, from_date, created_by) values ($1, $2, $3, $4) on conflict do nothing returning id',
    [roomId, personId, fromDate, by],
  );
  return rows[0]?.id ?? null;
}
export async function insertScans(
  db: Queryable,
  guardId: number,
  scans: {
    clientId: string;
    gateId: number;
    direction: string;
    result: string;
    reason: string | null;
    holder: string | null;
    replay: boolean;
    scannedAt: string;
  }[],
  now: Date,
): Promise<number> {
  const c = <K extends keyof (typeof scans)[number]>(k: K) => scans.map((s) => s[k]);
  const r = await db.query(
    `insert into access_scans (client_id, gate_id, guard_id, holder, direction, result, reason, replay, scanned_at, uploaded_at)
     select t.c, t.g, $9, t.h, t.d, t.r, t.re, t.rp, t.s, $10 from unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::timestamptz[])
       as t(c, g, h, d, r, re, rp, s)
     on conflict (client_id, scanned_at) do nothing`,
    [c('clientId'), c('gateId'), c('holder'), c('direction'), c('result'), c('reason'), c('replay'), c('scannedAt'), guardId, now],
  );
  return r.rowCount ?? 0;
}
export async function entranceLog(db: Queryable, organisationId: number, gateId: number | undefined, limit: number) {
  const { rows } = await db.query<{ scannedAt: Date } & Record<string, unknown>>(
    `select s.id, s.gate_id as "gateId", g.name as "gateName", s.direction, s.result, s.reason, s.replay, s.scanned_at as "scannedAt", ${personJson('p')} as guard
       from access_scans s join access_gates g on g.id = s.gate_id join access_buildings b on b.id = g.building_id join persons p on p.id = s.guard_id
      where b.organisation_id = $1 and ($2::int is null or s.gate_id = $2) order by s.scanned_at desc, s.id desc limit $3`,
    [organisationId, gateId ?? null, limit],
  );
  return rows.map((r) => ({ ...r, scannedAt: r.scannedAt.toISOString() }) as unknown as EntranceOut);
}
/** Inside a building now: holders whose last admitted scan at its gates today was an entry. */
export async function occupancyOf(db: Queryable, organisationId: number, since: Date) {
  const { rows } = await db.query<{ buildingId: number; name: string; capacity: number; inside: number }>(
    `select b.id as "buildingId", b.name, b.capacity, coalesce((
        select count(*)::int from (select distinct on (s.holder) s.direction from access_scans s join access_gates g on g.id = s.gate_id
          where g.building_id = b.id and s.result = 'admitted' and s.holder is not null and s.scanned_at >= $2 order by s.holder, s.scanned_at desc) last
         where last.direction = 'in'), 0) as inside
       from access_buildings b where b.organisation_id = $1 order by b.id`,
    [organisationId, since],
  );
  return rows;
}
export async function regionExists(db: Queryable, regionId: number): Promise<boolean> {
  return (await db.query('select 1 from regions where id = $1', [regionId])).rows.length > 0;
}

// ── gate photos and fever refusals (migration 0950, decision 0030) ──
// The photo's bytes and hash live in the files module's table, read here only (never written).
export async function photoOf(db: Queryable, personId: number): Promise<{ fileId: string; hash: string; setAt: Date } | null> {
  const { rows } = await db.query<{ fileId: string; hash: string; setAt: Date }>(
    `select ph.file_id as "fileId", encode(f.sha256, 'hex') as hash, ph.set_at as "setAt"
       from access_photos ph join files f on f.id = ph.file_id where ph.person_id = $1`,
    [personId],
  );
  return rows[0] ?? null;
}
export async function setPhoto(db: Queryable, personId: number, fileId: string, by: number, now: Date): Promise<void> {
  await db.query(
    `insert into access_photos (person_id, file_id, set_by, set_at) values ($1, $2, $3, $4)
     on conflict (person_id) do update set file_id = excluded.file_id, set_by = excluded.set_by, set_at = excluded.set_at`,
    [personId, fileId, by, now],
  );
}
export async function deletePhoto(db: Queryable, personId: number): Promise<boolean> {
  const r = await db.query('delete from access_photos where person_id = $1', [personId]);
  return (r.rowCount ?? 0) > 0;
}
/** Holders (pseudonyms) of the organisations' members who have a photo, with its hash; newest first, capped. */
export async function photosOfOrganisations(db: Queryable, organisationIds: number[], limit: number) {
  const { rows } = await db.query<{ holder: string; hash: string }>(
    `select h.pseudonym as holder, encode(f.sha256, 'hex') as hash
       from access_photos ph join access_holders h on h.person_id = ph.person_id join files f on f.id = ph.file_id
      where exists (select 1 from role_assignments r where r.person_id = ph.person_id and r.organisation_id = any($1::int[]) and r.role = any($2::text[]))
      order by ph.set_at desc, ph.person_id limit $3`,
    [organisationIds, MEMBER_ROLES, limit],
  );
  return rows;
}
/** The person behind a holder pseudonym, when they are a member of one of the organisations. */
export async function memberOfHolder(db: Queryable, holder: string, organisationIds: number[]): Promise<number | null> {
  const { rows } = await db.query<{ person_id: string }>(
    `select h.person_id from access_holders h where h.pseudonym = $1
        and exists (select 1 from role_assignments r where r.person_id = h.person_id and r.organisation_id = any($2::int[]) and r.role = any($3::text[]))`,
    [holder, organisationIds, MEMBER_ROLES],
  );
  return rows[0] ? Number(rows[0].person_id) : null;
}
/** The organisation's people by name (admin screens), with whether they have a gate photo; no health data. */
export async function peopleOf(db: Queryable, organisationId: number, q: string | undefined, limit: number) {
  const { rows } = await db.query<{ person: { id: number; lastName: string; firstName: string }; hasPhoto: boolean }>(
    `select ${personJson('p')} as person, exists (select 1 from access_photos ph where ph.person_id = p.id) as "hasPhoto"
       from persons p
      where exists (select 1 from role_assignments r where r.person_id = p.id and r.organisation_id = $1 and r.role = any($2::text[]))
        and ($3::text is null or (p.last_name || ' ' || p.first_name) ilike '%' || $3 || '%')
      order by p.last_name, p.first_name, p.id limit $4`,
    [organisationId, MEMBER_ROLES, q || null, limit],
  );
  return rows;
}
export async function insertFeverEvents(
  db: Queryable,
  rows: {
    clientId: string | null;
    organisationId: number;
    gateId: number;
    personId: number | null;
    temperatureC: number;
    thresholdC: number;
    measuredAt: string;
    guardId: number;
  }[],
  now: Date,
): Promise<number[]> {
  if (rows.length === 0) return [];
  const c = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  const r = await db.query<{ id: number; person_id: string | null; organisation_id: number }>(
    `insert into access_fever_events (client_id, organisation_id, gate_id, person_id, temperature_c, threshold_c, measured_at, guard_id, created_at)
     select t.c, t.o, t.g, t.p, t.te, t.th, t.m, t.gu, $9 from unnest($1::uuid[], $2::int[], $3::int[], $4::bigint[], $5::numeric[], $6::numeric[], $7::timestamptz[], $8::bigint[])
       as t(c, o, g, p, te, th, m, gu)
     on conflict (client_id) do nothing returning id`,
    [c('clientId'), c('organisationId'), c('gateId'), c('personId'), c('temperatureC'), c('thresholdC'), c('measuredAt'), c('guardId'), now],
  );
  return r.rows.map((x) => x.id);
}
export async function feverEventsOf(db: Queryable, organisationId: number, limit: number) {
  const { rows } = await db.query<{
    id: number;
    person: { id: number; lastName: string; firstName: string } | null;
    gateName: string;
    temperatureC: string;
    thresholdC: string;
    measuredAt: Date;
  }>(
    `select e.id, case when p.id is null then null else ${personJson('p')} end as person, g.name as "gateName",
            e.temperature_c as "temperatureC", e.threshold_c as "thresholdC", e.measured_at as "measuredAt"
       from access_fever_events e join access_gates g on g.id = e.gate_id left join persons p on p.id = e.person_id
      where e.organisation_id = $1 order by e.measured_at desc, e.id desc limit $2`,
    [organisationId, limit],
  );
  return rows.map((r) => ({ ...r, temperatureC: Number(r.temperatureC), thresholdC: Number(r.thresholdC), measuredAt: r.measuredAt.toISOString() }));
}
/** The organisation's health officers (who hear of a fever at the gate). */
export async function healthOfficersOf(db: Queryable, organisationId: number): Promise<number[]> {
  const { rows } = await db.query<{ person_id: string }>(
    "select distinct person_id from role_assignments where organisation_id = $1 and role = 'health_officer'",
    [organisationId],
  );
  return rows.map((r) => Number(r.person_id));
}

// ── aggregates for analytics (no person, no record: counts by organisation) ──
export interface PassStatusCounts {
  organisationId: number;
  regionId: number;
  districtId: number | null;
  admitted: number;
  blockedPositive: number;
  blockedVaccination: number;
  blockedExpired: number;
  noRecord: number;
}
/** Campus organisations (those with a building) among the given ones or in a region/district/the country. */
export interface OrganisationScope {
  regionId: number | null;
  districtId: number | null;
  organisationId: number | null;
}
const scopeWhere = `($1::int is null or o.region_id = $1) and ($2::int is null or o.district_id = $2) and ($3::int is null or o.id = $3)
  and exists (select 1 from access_buildings b where b.organisation_id = o.id)`;
/**
 * Each campus organisation's people (the pass-carrying roles, each person once per organisation) by their
 * stored status; the not admitted by reason category: a positive test; a vaccination not complete or
 * still in its waiting period; a vaccination, test or recovery that ran out (and a row stored before
 * reasons were, until the status job recomputes it). No status row or `no_data`: no record.
 */
export async function passStatusCounts(db: Queryable, s: OrganisationScope): Promise<PassStatusCounts[]> {
  const { rows } = await db.query<Record<string, number | null>>(
    // the campus organisations first (few), then their people through the (organisation_id, role) index:
    // never a pass over every pupil's role of the country
    `with campus as materialized (select o.id, o.region_id, o.district_id from organisations o where ${scopeWhere})
     select o.id as "organisationId", o.region_id as "regionId", o.district_id as "districtId",
        count(*) filter (where st.status = 'admitted')::int as admitted,
        count(*) filter (where st.status = 'not_admitted' and st.reason = 'positive_test')::int as "blockedPositive",
        count(*) filter (where st.status = 'not_admitted' and st.reason in ('incomplete_vaccination', 'waiting_period'))::int as "blockedVaccination",
        count(*) filter (where st.status = 'not_admitted' and (st.reason is null or st.reason in ('vaccination_expired', 'test_expired', 'recovery_expired')))::int as "blockedExpired",
        count(*) filter (where st.status is null or st.status = 'no_data')::int as "noRecord"
       from campus o
       join (select distinct r.organisation_id, r.person_id from role_assignments r join campus c on c.id = r.organisation_id where r.role = any($4::text[])) m
         on m.organisation_id = o.id
       left join access_statuses st on st.person_id = m.person_id
      group by o.id, o.region_id, o.district_id order by o.id`,
    [s.regionId, s.districtId, s.organisationId, MEMBER_ROLES],
  );
  return rows as unknown as PassStatusCounts[];
}
/** Gate scans of campus organisations between two instants by ISO weekday (1 Monday … 7 Sunday, school time +06) and result. */
export async function gateScanCounts(
  db: Queryable,
  s: OrganisationScope,
  since: Date,
  until: Date,
): Promise<{ organisationId: number; weekday: number; admitted: number; refused: number }[]> {
  const { rows } = await db.query<{ organisationId: number; weekday: number; admitted: number; refused: number }>(
    `select o.id as "organisationId", extract(isodow from (sc.scanned_at at time zone 'UTC') + interval '6 hours')::int as weekday,
        count(*) filter (where sc.result = 'admitted')::int as admitted, count(*) filter (where sc.result = 'refused')::int as refused
       from organisations o join access_buildings b on b.organisation_id = o.id join access_gates g on g.building_id = b.id
       join access_scans sc on sc.gate_id = g.id and sc.scanned_at >= $4 and sc.scanned_at < $5
      where ${scopeWhere}
      group by 1, 2 order by 1, 2`,
    [s.regionId, s.districtId, s.organisationId, since, until],
  );
  return rows;
}

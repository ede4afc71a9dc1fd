import type { Queryable } from '../../platform/db.js';
import type { ActivityKind, AreaLevel, FormatCode, FormatsSettings, ReasonPart, SituationLevel } from '../../../contracts/formats.js';
import type { AreaNode } from './formats.policy.js';
import type { SituationEntry } from './formats.rules.js';

/**
 * SQL of the formats module. The organisation tree (regions … classes, class_members) belongs to
 * the organisations module and is only read here, in bulk, for the recomputation and the lists.
 */

export type Name = { kk: string; ru: string; en: string };
const NAME = (t: string) => `json_build_object('kk', ${t}.name_kk, 'ru', ${t}.name_ru, 'en', ${t}.name_en)`;

/** Which organisations a recomputation or a list covers; all null: the whole country. */
export interface FactScope {
  regionId: number | null;
  districtId: number | null;
  settlementId: number | null;
}
export const WHOLE_COUNTRY: FactScope = { regionId: null, districtId: null, settlementId: null };
const SCOPE_SQL = (o: string, first: number) =>
  `($${first}::int is null or ${o}.region_id = $${first}) and ($${first + 1}::int is null or ${o}.district_id = $${first + 1}) and ($${first + 2}::int is null or ${o}.settlement_id = $${first + 2})`;
const scopeParams = (s: FactScope) => [s.regionId, s.districtId, s.settlementId];

// ── settings ────────────────────────────────────────────────────────────────────────────────

export async function getSettings(db: Queryable): Promise<FormatsSettings> {
  const { rows } = await db.query<{ situation_scale: 'binary' | 'zones'; regions_may_edit_rules: boolean }>(
    'select situation_scale, regions_may_edit_rules from formats_settings where id',
  );
  const r = rows[0];
  // case: the row the migration wrote was emptied (a seed --reset truncates every table): the defaults apply
  return r ? { situationScale: r.situation_scale, regionsMayEditRules: r.regions_may_edit_rules } : { situationScale: 'binary', regionsMayEditRules: false };
}

export async function updateSettings(db: Queryable, s: FormatsSettings, personId: number): Promise<void> {
  await db.query(
    `insert into formats_settings (id, situation_scale, regions_may_edit_rules, updated_at, updated_by) values (true, $1, $2, now(), $3)
     on conflict (id) do update set situation_scale = excluded.situation_scale, regions_may_edit_rules = excluded.regions_may_edit_rules,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [s.situationScale, s.regionsMayEditRules, personId],
  );
}

// ── areas ───────────────────────────────────────────────────────────────────────────────────

export interface AreaRow extends AreaNode {
  name: Name;
  hasChildren: boolean;
}

const COUNTRY_NAME: Name = { kk: 'Қазақстан Республикасы', ru: 'Республика Казахстан', en: 'Republic of Kazakhstan' };

export async function findArea(db: Queryable, level: AreaLevel, id: number | null): Promise<AreaRow | null> {
  if (level === 'country') return { level, id: null, regionId: null, districtId: null, settlementId: null, name: COUNTRY_NAME, hasChildren: true };
  if (id === null) return null;
  const sql = {
    region: `select r.id as region_id, null::int as district_id, null::int as settlement_id, ${NAME('r')} as name, true as has_children
               from regions r where r.id = $1`,
    district: `select d.region_id, d.id as district_id, null::int as settlement_id, ${NAME('d')} as name, true as has_children
                 from districts d where d.id = $1`,
    settlement: `select d.region_id, s.district_id, s.id as settlement_id, ${NAME('s')} as name, false as has_children
                   from settlements s join districts d on d.id = s.district_id where s.id = $1`,
  }[level];
  const { rows } = await db.query<{ region_id: number; district_id: number | null; settlement_id: number | null; name: Name; has_children: boolean }>(sql, [
    id,
  ]);
  const r = rows[0];
  return r ? { level, id, regionId: r.region_id, districtId: r.district_id, settlementId: r.settlement_id, name: r.name, hasChildren: r.has_children } : null;
}

/** The areas one level below `parent` (country → regions, region → districts, district → settlements). */
export async function childAreas(db: Queryable, parent: AreaNode, onlyIds: number[] | null): Promise<AreaRow[]> {
  const only = onlyIds === null ? null : onlyIds;
  if (parent.level === 'country') {
    const { rows } = await db.query<{ id: number; name: Name }>(
      `select r.id, ${NAME('r')} as name from regions r where ($1::int[] is null or r.id = any($1)) order by r.name_en`,
      [only],
    );
    return rows.map((r) => ({ level: 'region', id: r.id, regionId: r.id, districtId: null, settlementId: null, name: r.name, hasChildren: true }));
  }
  if (parent.level === 'region') {
    const { rows } = await db.query<{ id: number; name: Name }>(
      `select d.id, ${NAME('d')} as name from districts d where d.region_id = $1 and ($2::int[] is null or d.id = any($2)) order by d.name_en`,
      [parent.id, only],
    );
    return rows.map((d) => ({ level: 'district', id: d.id, regionId: parent.regionId, districtId: d.id, settlementId: null, name: d.name, hasChildren: true }));
  }
  if (parent.level === 'district') {
    const { rows } = await db.query<{ id: number; name: Name }>(
      `select s.id, ${NAME('s')} as name from settlements s where s.district_id = $1 order by s.name_en limit 2000`,
      [parent.id],
    );
    return rows.map((s) => ({
      level: 'settlement',
      id: s.id,
      regionId: parent.regionId,
      districtId: parent.districtId,
      settlementId: s.id,
      name: s.name,
      hasChildren: false,
    }));
  }
  return [];
}

export async function regionsOfDistricts(db: Queryable, districtIds: number[]): Promise<number[]> {
  if (districtIds.length === 0) return [];
  const { rows } = await db.query<{ region_id: number }>('select distinct region_id from districts where id = any($1::int[])', [districtIds]);
  return rows.map((r) => r.region_id);
}

// ── situations ──────────────────────────────────────────────────────────────────────────────

export interface SituationRow {
  id: number;
  area: { level: AreaLevel; id: number | null; name: Name };
  level: SituationLevel | null;
  effectiveFrom: string;
  source: string;
  recordedAt: string;
  recordedBy: string | null;
}

const SITUATION_SELECT = `
  select e.id, e.area_level, coalesce(e.settlement_id, e.district_id, e.region_id) as area_id,
    case e.area_level
      when 'country' then json_build_object('kk', 'Қазақстан Республикасы', 'ru', 'Республика Казахстан', 'en', 'Republic of Kazakhstan')
      when 'region' then (select ${NAME('r')} from regions r where r.id = e.region_id)
      when 'district' then (select ${NAME('d')} from districts d where d.id = e.district_id)
      else (select ${NAME('s')} from settlements s where s.id = e.settlement_id) end as name,
    e.level, e.effective_from, e.source, e.recorded_at,
    (select p.last_name || ' ' || p.first_name from persons p where p.id = e.recorded_by) as recorded_by
  from epidemic_situations e`;

type SituationDbRow = {
  id: number;
  area_level: AreaLevel;
  area_id: number | null;
  name: Name;
  level: SituationLevel | null;
  effective_from: string;
  source: string;
  recorded_at: Date;
  recorded_by: string | null;
};
const toSituation = (r: SituationDbRow): SituationRow => ({
  id: r.id,
  area: { level: r.area_level, id: r.area_id, name: r.name },
  level: r.level,
  effectiveFrom: r.effective_from,
  source: r.source,
  recordedAt: r.recorded_at.toISOString(),
  recordedBy: r.recorded_by,
});

export async function insertSituation(
  db: Queryable,
  area: AreaNode,
  level: SituationLevel | null,
  effectiveFrom: string,
  source: string,
  personId: number,
): Promise<SituationRow> {
  const { rows } = await db.query<{ id: number }>(
    `insert into epidemic_situations (area_level, region_id, district_id, settlement_id, level, effective_from, source, recorded_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [area.level, area.regionId, area.districtId, area.settlementId, level, effectiveFrom, source, personId],
  );
  const { rows: out } = await db.query<SituationDbRow & Record<string, unknown>>(`${SITUATION_SELECT} where e.id = $1`, [rows[0]!.id]);
  return toSituation(out[0]!);
}

/** Every record (a few thousand at most), for resolving situations in memory. */
export async function allSituationEntries(db: Queryable): Promise<SituationEntry[]> {
  const { rows } = await db.query<{
    id: number;
    area_level: AreaLevel;
    area_id: number | null;
    level: SituationLevel | null;
    effective_from: string;
    recorded_at: Date;
    source: string;
  }>(
    `select id, area_level, coalesce(settlement_id, district_id, region_id) as area_id, level, effective_from, recorded_at, source
       from epidemic_situations`,
  );
  return rows.map((r) => ({
    id: r.id,
    areaLevel: r.area_level,
    areaId: r.area_id,
    level: r.level,
    effectiveFrom: r.effective_from,
    recordedAt: r.recorded_at.toISOString(),
    source: r.source,
  }));
}

const AREA_WHERE = `e.area_level = $1 and coalesce(e.settlement_id, e.district_id, e.region_id, 0) = coalesce($2::int, 0)`;

export async function situationHistory(
  db: Queryable,
  area: AreaNode,
  page: { limit: number; offset: number },
): Promise<{ rows: SituationRow[]; total: number }> {
  const [list, count] = await Promise.all([
    db.query<SituationDbRow & Record<string, unknown>>(
      `${SITUATION_SELECT} where ${AREA_WHERE} order by e.effective_from desc, e.recorded_at desc, e.id desc limit $3 offset $4`,
      [area.level, area.id, page.limit, page.offset],
    ),
    db.query<{ n: number }>(`select count(*) as n from epidemic_situations e where ${AREA_WHERE}`, [area.level, area.id]),
  ]);
  return { rows: list.rows.map(toSituation), total: count.rows[0]!.n };
}

export async function situationsByIds(db: Queryable, ids: number[]): Promise<Map<number, SituationRow>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<SituationDbRow & Record<string, unknown>>(`${SITUATION_SELECT} where e.id = any($1::bigint[])`, [ids]);
  return new Map(rows.map((r) => [r.id, toSituation(r)]));
}

// ── rule sets ───────────────────────────────────────────────────────────────────────────────

export interface RuleSetRow {
  id: number;
  regionId: number | null;
  region: { id: number; name: Name } | null;
  regionCode: string | null;
  version: number;
  name: string;
  body: unknown;
  effectiveFrom: string;
  notes: string;
  publishedAt: string;
  publishedBy: string | null;
}

const RULE_SET_SELECT = `
  select rs.id, rs.region_id, rs.version, rs.name, rs.body, rs.effective_from, rs.notes, rs.published_at,
    case when r.id is not null then json_build_object('id', r.id, 'name', ${NAME('r')}) end as region, r.code as region_code,
    (select p.last_name || ' ' || p.first_name from persons p where p.id = rs.published_by) as published_by
  from format_rule_sets rs left join regions r on r.id = rs.region_id`;

type RuleSetDbRow = {
  id: number;
  region_id: number | null;
  version: number;
  name: string;
  body: unknown;
  effective_from: string;
  notes: string;
  published_at: Date;
  region: { id: number; name: Name } | null;
  region_code: string | null;
  published_by: string | null;
};
const toRuleSet = (r: RuleSetDbRow): RuleSetRow => ({
  id: r.id,
  regionId: r.region_id,
  region: r.region,
  regionCode: r.region_code,
  version: r.version,
  name: r.name,
  body: r.body,
  effectiveFrom: r.effective_from,
  notes: r.notes,
  publishedAt: r.published_at.toISOString(),
  publishedBy: r.published_by,
});

export async function allRuleSets(db: Queryable): Promise<RuleSetRow[]> {
  const { rows } = await db.query<RuleSetDbRow & Record<string, unknown>>(`${RULE_SET_SELECT} order by rs.region_id nulls first, rs.version`);
  return rows.map(toRuleSet);
}

export async function listRuleSets(db: Queryable, regionIds: number[] | 'all'): Promise<RuleSetRow[]> {
  const { rows } = await db.query<RuleSetDbRow & Record<string, unknown>>(
    `${RULE_SET_SELECT} where rs.region_id is null or $1::boolean or rs.region_id = any($2::int[])
      order by rs.region_id nulls first, rs.version desc`,
    [regionIds === 'all', regionIds === 'all' ? [] : regionIds],
  );
  return rows.map(toRuleSet);
}

export async function findRuleSet(db: Queryable, id: number): Promise<RuleSetRow | null> {
  const { rows } = await db.query<RuleSetDbRow & Record<string, unknown>>(`${RULE_SET_SELECT} where rs.id = $1`, [id]);
  return rows[0] ? toRuleSet(rows[0]) : null;
}

export async function latestVersion(db: Queryable, regionId: number | null): Promise<number> {
  const { rows } = await db.query<{ v: number | null }>('select max(version) as v from format_rule_sets where coalesce(region_id, 0) = coalesce($1::int, 0)', [
    regionId,
  ]);
  return rows[0]!.v ?? 0;
}

export async function insertRuleSet(
  db: Queryable,
  r: { regionId: number | null; version: number; name: string; body: unknown; effectiveFrom: string; notes: string; personId: number | null },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into format_rule_sets (region_id, version, name, body, effective_from, notes, published_by)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [r.regionId, r.version, r.name, JSON.stringify(r.body), r.effectiveFrom, r.notes, r.personId],
  );
  return rows[0]!.id;
}

export async function regionCode(db: Queryable, regionId: number): Promise<string | null> {
  const { rows } = await db.query<{ code: string }>('select code from regions where id = $1', [regionId]);
  return rows[0]?.code ?? null;
}

// ── facts for the recomputation ─────────────────────────────────────────────────────────────

export interface OrgFactRow {
  id: number;
  kind: 'school' | 'college' | 'university' | 'kindergarten' | 'additional';
  settlement_id: number;
  district_id: number;
  region_id: number;
  region_code: string;
  settlement_kind: 'rural' | 'urban';
  pupil_count: number;
}

export async function orgFacts(db: Queryable, scope: FactScope): Promise<OrgFactRow[]> {
  const { rows } = await db.query<OrgFactRow & Record<string, unknown>>(
    `select o.id, o.kind, o.settlement_id, o.district_id, o.region_id, r.code as region_code, s.kind as settlement_kind, o.pupil_count
       from organisations o join settlements s on s.id = o.settlement_id join regions r on r.id = o.region_id
      where ${SCOPE_SQL('o', 1)} order by o.id`,
    scopeParams(scope),
  );
  return rows;
}

export interface ClassFactRow {
  id: number;
  organisation_id: number;
  grade: number | null;
  specialty: string | null;
}

/** The current school year's classes and groups (pupil counts are read only for the classes that change). */
export async function classFacts(db: Queryable, scope: FactScope): Promise<ClassFactRow[]> {
  const { rows } = await db.query<ClassFactRow & Record<string, unknown>>(
    `select c.id, c.organisation_id, c.grade, c.specialty
       from classes c join organisations o on o.id = c.organisation_id
      where c.academic_year_id = (select id from academic_years where is_current) and ${SCOPE_SQL('o', 1)}
      order by c.id`,
    scopeParams(scope),
  );
  return rows;
}

export async function classPupilCounts(db: Queryable, classIds: number[]): Promise<Map<number, number>> {
  if (classIds.length === 0) return new Map();
  const { rows } = await db.query<{ class_id: number; n: number }>(
    'select class_id, count(*)::int as n from class_members where class_id = any($1::bigint[]) group by class_id',
    [classIds],
  );
  return new Map(rows.map((r) => [r.class_id, r.n]));
}

// ── decisions ───────────────────────────────────────────────────────────────────────────────

export interface StoredDecision {
  id: number;
  organisation_id: number;
  class_id: number | null;
  format: FormatCode;
  effective_from: string;
  fingerprint: string | null;
}

/** Every version in force (not superseded) in the scope: light rows, the reasons stay in the database. */
export async function storedDecisions(db: Queryable, scope: FactScope): Promise<StoredDecision[]> {
  const { rows } = await db.query<StoredDecision & Record<string, unknown>>(
    `select d.id, d.organisation_id, d.class_id, d.format, d.effective_from, d.fingerprint
       from format_decisions d join organisations o on o.id = d.organisation_id
      where d.superseded_at is null and ${SCOPE_SQL('o', 1)}`,
    scopeParams(scope),
  );
  return rows;
}

export async function supersedeDecisions(db: Queryable, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 20_000) {
    await db.query('update format_decisions set superseded_at = now() where id = any($1::bigint[])', [ids.slice(i, i + 20_000)]);
  }
}

export interface NewDecision {
  organisationId: number;
  classId: number | null;
  format: FormatCode;
  onSite: string[] | null;
  subgroupMax: number | null;
  reason: ReasonPart[];
  ruleSetId: number;
  ruleId: string | null;
  effectiveFrom: string;
  fingerprint: string;
}

export async function insertDecisions(db: Queryable, rows: NewDecision[]): Promise<void> {
  const CHUNK = 5_000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    await db.query(
      `insert into format_decisions (organisation_id, class_id, format, on_site, subgroup_max, reason, rule_set_id, rule_id, effective_from, fingerprint)
       select o, c, f, case when s = '' then null else string_to_array(s, ',') end, m, r::jsonb, rs, ri, e, fp
         from unnest($1::int[], $2::bigint[], $3::text[], $4::text[], $5::smallint[], $6::text[], $7::bigint[], $8::text[], $9::date[], $10::text[])
           as t(o, c, f, s, m, r, rs, ri, e, fp)`,
      [
        part.map((d) => d.organisationId),
        part.map((d) => d.classId),
        part.map((d) => d.format),
        part.map((d) => (d.onSite ?? []).join(',')),
        part.map((d) => d.subgroupMax),
        part.map((d) => JSON.stringify(d.reason)),
        part.map((d) => d.ruleSetId),
        part.map((d) => d.ruleId),
        part.map((d) => d.effectiveFrom),
        part.map((d) => d.fingerprint),
      ],
    );
  }
}

// ── overrides ───────────────────────────────────────────────────────────────────────────────

export interface ActiveOverride {
  id: number;
  organisation_id: number;
  class_id: number | null;
  format: FormatCode;
  effective_from: string;
  effective_to: string | null;
}

export async function activeOverrides(db: Queryable, scope: FactScope): Promise<ActiveOverride[]> {
  const { rows } = await db.query<ActiveOverride & Record<string, unknown>>(
    `select x.id, x.organisation_id, x.class_id, x.format, x.effective_from, x.effective_to
       from format_overrides x join organisations o on o.id = x.organisation_id
      where x.revoked_at is null and ${SCOPE_SQL('o', 1)}`,
    scopeParams(scope),
  );
  return rows;
}

export interface OverrideRow {
  id: number;
  organisationId: number;
  classId: number | null;
  className: string | null;
  format: FormatCode;
  onSite: ActivityKind[] | null;
  subgroupMax: number | null;
  reason: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

const OVERRIDE_SELECT = `
  select x.id, x.organisation_id, x.class_id, c.name as class_name, x.format, x.on_site, x.subgroup_max, x.reason,
    x.effective_from, x.effective_to, x.created_at, x.revoked_at, x.revoke_reason,
    (select p.last_name || ' ' || p.first_name from persons p where p.id = x.created_by) as created_by,
    (select p.last_name || ' ' || p.first_name from persons p where p.id = x.revoked_by) as revoked_by
  from format_overrides x left join classes c on c.id = x.class_id`;

type OverrideDbRow = {
  id: number;
  organisation_id: number;
  class_id: number | null;
  class_name: string | null;
  format: FormatCode;
  on_site: ActivityKind[] | null;
  subgroup_max: number | null;
  reason: string;
  effective_from: string;
  effective_to: string | null;
  created_at: Date;
  revoked_at: Date | null;
  revoke_reason: string | null;
  created_by: string | null;
  revoked_by: string | null;
};
const toOverride = (r: OverrideDbRow): OverrideRow => ({
  id: r.id,
  organisationId: r.organisation_id,
  classId: r.class_id,
  className: r.class_name,
  format: r.format,
  onSite: r.on_site,
  subgroupMax: r.subgroup_max,
  reason: r.reason,
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  revokedAt: r.revoked_at?.toISOString() ?? null,
  revokedBy: r.revoked_by,
  revokeReason: r.revoke_reason,
});

export async function listOverrides(db: Queryable, organisationId: number, classIds: number[] | null): Promise<OverrideRow[]> {
  const { rows } = await db.query<OverrideDbRow & Record<string, unknown>>(
    `${OVERRIDE_SELECT} where x.organisation_id = $1 and ($2::bigint[] is null or x.class_id is null or x.class_id = any($2))
      order by x.created_at desc, x.id desc`,
    [organisationId, classIds],
  );
  return rows.map(toOverride);
}

export async function findOverride(db: Queryable, id: number, forUpdate = false): Promise<OverrideRow | null> {
  const { rows } = await db.query<OverrideDbRow & Record<string, unknown>>(
    forUpdate ? `${OVERRIDE_SELECT} where x.id = $1 for update of x` : `${OVERRIDE_SELECT} where x.id = $1`,
    [id],
  );
  return rows[0] ? toOverride(rows[0]) : null;
}

export async function insertOverride(
  db: Queryable,
  o: {
    organisationId: number;
    classId: number | null;
    format: FormatCode;
    onSite: string[] | null;
    subgroupMax: number | null;
    reason: string;
    effectiveFrom: string;
    effectiveTo: string | null;
    personId: number;
  },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into format_overrides (organisation_id, class_id, format, on_site, subgroup_max, reason, effective_from, effective_to, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [o.organisationId, o.classId, o.format, o.onSite, o.subgroupMax, o.reason, o.effectiveFrom, o.effectiveTo, o.personId],
  );
  return rows[0]!.id;
}

export async function revokeOverride(db: Queryable, id: number, personId: number, reason: string): Promise<void> {
  await db.query('update format_overrides set revoked_at = now(), revoked_by = $2, revoke_reason = $3 where id = $1', [id, personId, reason]);
}

// ── effective formats (decisions with overrides applied) ────────────────────────────────────

export interface EffectiveRow {
  format: FormatCode;
  on_site: string[] | null;
  subgroup_max: number | null;
  source: 'decision' | 'override';
  effective_from: string;
  reason: ReasonPart[];
  rule_set_id: number | null;
  rule_set_version: number | null;
  rule_id: string | null;
}

export interface OrgDecisionRow {
  organisation: {
    id: number;
    kind: OrgFactRow['kind'];
    name: Name;
    pupilCount: number;
    district: { id: number; name: Name };
    settlement: { id: number; name: Name; kind: 'urban' | 'rural' };
  };
  regionId: number;
  effective: EffectiveRow | null;
  classesByFormat: Record<string, number>;
}

const ORG_LIST_SELECT = (dateParam: string) => `
  select json_build_object('id', o.id, 'kind', o.kind, 'name', ${NAME('o')}, 'pupilCount', o.pupil_count,
      'district', json_build_object('id', d.id, 'name', ${NAME('d')}),
      'settlement', json_build_object('id', s.id, 'name', ${NAME('s')}, 'kind', s.kind)) as organisation,
    o.region_id,
    (select to_jsonb(e) || jsonb_build_object('rule_set_version', (select version from format_rule_sets rs where rs.id = e.rule_set_id))
       from formats_effective_org_format(o.id, ${dateParam}) e) as effective,
    (select coalesce(jsonb_object_agg(f.format, f.n), '{}'::jsonb) from (
        select ef.format, count(*) as n from classes c cross join lateral formats_effective_format(c.id, ${dateParam}) ef
         where c.organisation_id = o.id and c.academic_year_id = (select id from academic_years where is_current)
         group by ef.format) f) as classes_by_format
  from organisations o join districts d on d.id = o.district_id join settlements s on s.id = o.settlement_id`;

type OrgListDbRow = {
  organisation: OrgDecisionRow['organisation'];
  region_id: number;
  effective: EffectiveRow | null;
  classes_by_format: Record<string, number>;
};
const toOrgDecision = (r: OrgListDbRow): OrgDecisionRow => ({
  organisation: r.organisation,
  regionId: r.region_id,
  effective: r.effective,
  classesByFormat: r.classes_by_format,
});

export interface OrgListFilter {
  all: boolean;
  regionIds: number[];
  districtIds: number[];
  regionId: number | null;
  districtId: number | null;
  format: FormatCode | null;
  kind: string | null;
}

export async function listOrganisationDecisions(
  db: Queryable,
  f: OrgListFilter,
  date: string,
  page: { limit: number; offset: number },
): Promise<{ rows: OrgDecisionRow[]; total: number }> {
  const where = `where ($1::boolean or o.region_id = any($2::int[]) or o.district_id = any($3::int[]))
    and ($4::int is null or o.region_id = $4) and ($5::int is null or o.district_id = $5) and ($7::text is null or o.kind = $7)
    and ($6::text is null or (select e.format from formats_effective_org_format(o.id, $8::date) e) = $6)`;
  const params = [f.all, f.regionIds, f.districtIds, f.regionId, f.districtId, f.format, f.kind, date];
  const [list, count] = await Promise.all([
    db.query<OrgListDbRow & Record<string, unknown>>(`${ORG_LIST_SELECT('$8::date')} ${where} order by d.name_en, o.name_en, o.id limit $9 offset $10`, [
      ...params,
      page.limit,
      page.offset,
    ]),
    db.query<{ n: number }>(`select count(*) as n from organisations o ${where}`, params),
  ]);
  return { rows: list.rows.map(toOrgDecision), total: count.rows[0]!.n };
}

export async function organisationDecision(db: Queryable, organisationId: number, date: string): Promise<OrgDecisionRow | null> {
  const { rows } = await db.query<OrgListDbRow & Record<string, unknown>>(`${ORG_LIST_SELECT('$2::date')} where o.id = $1`, [organisationId, date]);
  return rows[0] ? toOrgDecision(rows[0]) : null;
}

export interface ClassDecisionRow {
  id: number;
  name: string;
  grade: number | null;
  specialty: string | null;
  pupils: number;
  effective: EffectiveRow | null;
}

export async function classDecisions(db: Queryable, organisationId: number, date: string, onlyIds: number[] | null): Promise<ClassDecisionRow[]> {
  const { rows } = await db.query<{ id: number; name: string; grade: number | null; specialty: string | null; pupils: number; effective: EffectiveRow | null }>(
    `select c.id, c.name, c.grade, c.specialty,
        (select count(*) from class_members m where m.class_id = c.id)::int as pupils,
        (select to_jsonb(e) || jsonb_build_object('rule_set_version', (select version from format_rule_sets rs where rs.id = e.rule_set_id))
           from formats_effective_format(c.id, $2::date) e) as effective
       from classes c
      where c.organisation_id = $1 and c.academic_year_id = (select id from academic_years where is_current)
        and ($3::bigint[] is null or c.id = any($3))
      order by c.grade nulls last, c.name`,
    [organisationId, date, onlyIds],
  );
  return rows;
}

export interface ClassNodeRow {
  id: number;
  organisation_id: number;
  district_id: number;
  region_id: number;
}

export async function findClassNode(db: Queryable, classId: number): Promise<ClassNodeRow | null> {
  const { rows } = await db.query<ClassNodeRow & Record<string, unknown>>(
    'select c.id, c.organisation_id, o.district_id, o.region_id from classes c join organisations o on o.id = c.organisation_id where c.id = $1',
    [classId],
  );
  return rows[0] ?? null;
}

/** The effective format of each (class, date) pair, through the SQL function other modules use too. */
export async function effectiveFormats(db: Queryable, pairs: { classId: number; date: string }[]): Promise<(EffectiveRow | null)[]> {
  if (pairs.length === 0) return [];
  const { rows } = await db.query<{ i: number; effective: EffectiveRow | null }>(
    `select p.i, (select to_jsonb(ef) || jsonb_build_object('rule_set_version', (select version from format_rule_sets rs where rs.id = ef.rule_set_id))
                    from formats_effective_format(p.class_id, p.on_date) ef) as effective
       from unnest($1::bigint[], $2::date[]) with ordinality as p(class_id, on_date, i) order by p.i`,
    [pairs.map((p) => p.classId), pairs.map((p) => p.date)],
  );
  return rows.map((r) => r.effective);
}

// ── names for previews ──────────────────────────────────────────────────────────────────────

export async function districtNames(
  db: Queryable,
  ids: number[],
): Promise<Map<number, { district: { id: number; name: Name }; region: { id: number; name: Name } }>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ id: number; name: Name; region: { id: number; name: Name } }>(
    `select d.id, ${NAME('d')} as name, json_build_object('id', r.id, 'name', ${NAME('r')}) as region
       from districts d join regions r on r.id = d.region_id where d.id = any($1::int[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { district: { id: r.id, name: r.name }, region: r.region }]));
}

export async function organisationNames(db: Queryable, ids: number[]): Promise<Map<number, Name>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ id: number; name: Name }>(`select o.id, ${NAME('o')} as name from organisations o where o.id = any($1::int[])`, [ids]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function classNames(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ id: number; name: string }>('select id, name from classes where id = any($1::bigint[])', [ids]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

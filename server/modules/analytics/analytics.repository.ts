import type { Queryable } from '../../platform/db.js';
import type { AreaKind } from '../../../contracts/analytics.js';

/**
 * Reads of the rollups (analytics_* tables, kept by analytics.refresh.ts) and of the organisation
 * tree's names. Read-only: analytics never writes another module's tables (decision 0017).
 */

export interface Names {
  kk: string;
  ru: string;
  en: string;
}
export interface AreaNode {
  kind: AreaKind;
  id: number | null;
  name: Names;
  regionId: number | null;
  districtId: number | null;
  organisationId: number | null;
  parent: { kind: AreaKind; id: number | null } | null;
}

export const NOW_MEASURES = ['pupils_regular', 'pupils_distance', 'pupils_duty', 'pupils_combined', 'duty_placed', 'duty_waiting'] as const;
export const DAY_MEASURES = [
  'lessons',
  'lessons_materials',
  'lessons_remote',
  'att_in_person',
  'att_online',
  'att_absent',
  'att_excused',
  'homework_set',
  'homework_handed_in',
  'homework_marked',
  'marks',
] as const;
export type Measure = (typeof NOW_MEASURES)[number] | (typeof DAY_MEASURES)[number];
export type Measures = Record<Measure, number>;

export interface ChildFigures {
  kind: AreaKind;
  id: number;
  name: Names;
  measures: Measures;
}

const COUNTRY: Names = { kk: 'Қазақстан', ru: 'Казахстан', en: 'Kazakhstan' };

/** An area of the tree with its place in it, or null when it does not exist (classes: this school year's). */
export async function findArea(db: Queryable, kind: AreaKind, id: number | null): Promise<AreaNode | null> {
  const base = { regionId: null, districtId: null, organisationId: null };
  if (kind === 'country') return { kind, id: null, name: COUNTRY, ...base, parent: null };
  const sql: Record<Exclude<AreaKind, 'country'>, string> = {
    region: `select id, name_kk, name_ru, name_en, id as region_id, null::int as district_id, null::int as organisation_id from regions where id = $1`,
    district: `select id, name_kk, name_ru, name_en, region_id, id as district_id, null::int as organisation_id from districts where id = $1`,
    organisation: `select id, name_kk, name_ru, name_en, region_id, district_id, id as organisation_id from organisations where id = $1`,
    class: `select c.id, c.name as name_kk, c.name as name_ru, c.name as name_en, o.region_id, o.district_id, o.id as organisation_id
      from classes c join organisations o on o.id = c.organisation_id join academic_years y on y.id = c.academic_year_id and y.is_current where c.id = $1`,
  };
  const { rows } = await db.query<{
    id: number;
    name_kk: string;
    name_ru: string;
    name_en: string;
    region_id: number;
    district_id: number | null;
    organisation_id: number | null;
  }>(sql[kind], [id]);
  const r = rows[0];
  if (!r) return null;
  const parent: AreaNode['parent'] =
    kind === 'region'
      ? { kind: 'country', id: null }
      : kind === 'district'
        ? { kind: 'region', id: r.region_id }
        : kind === 'organisation'
          ? { kind: 'district', id: r.district_id }
          : { kind: 'organisation', id: r.organisation_id };
  return {
    kind,
    id: r.id,
    name: { kk: r.name_kk, ru: r.name_ru, en: r.name_en },
    regionId: r.region_id,
    districtId: r.district_id,
    organisationId: r.organisation_id,
    parent,
  };
}

const zeroNow = NOW_MEASURES.map((m) => `coalesce(n.${m}, 0)::int as ${m}`).join(', ');
const zeroDay = DAY_MEASURES.map((m) => `coalesce(d.${m}, 0)::int as ${m}`).join(', ');
const sumNow = NOW_MEASURES.map((m) => `sum(${m}) as ${m}`).join(', ');
const sumDay = DAY_MEASURES.map((m) => `sum(${m}) as ${m}`).join(', ');
const classNow = `sum(pupils) filter (where format = 'regular') as pupils_regular, sum(pupils) filter (where format = 'distance') as pupils_distance,
  sum(pupils) filter (where format = 'duty') as pupils_duty, sum(pupils) filter (where format = 'combined') as pupils_combined,
  sum(duty_placed) as duty_placed, sum(duty_waiting) as duty_waiting`;

/**
 * The figures of each child of an area (regions of the country, districts of a region, schools of a
 * district, classes of a school; a class is its own single row). Days are summed over [from, to].
 * Every child is listed, with zeros when nothing was recorded.
 */
export async function childFigures(db: Queryable, kind: AreaKind, id: number | null, from: string, to: string, classIds?: number[]): Promise<ChildFigures[]> {
  let sql: string;
  let childKind: AreaKind;
  const params: unknown[] = [from, to];
  switch (kind) {
    case 'country':
      childKind = 'region';
      sql = `select x.id, x.name_kk, x.name_ru, x.name_en, ${zeroNow}, ${zeroDay} from regions x
        left join (select region_id as id, ${sumNow} from analytics_org_now group by region_id) n on n.id = x.id
        left join (select region_id as id, ${sumDay} from analytics_org_day where on_date between $1 and $2 group by region_id) d on d.id = x.id
        order by x.name_en`;
      break;
    case 'region':
      childKind = 'district';
      params.push(id);
      sql = `select x.id, x.name_kk, x.name_ru, x.name_en, ${zeroNow}, ${zeroDay} from districts x
        left join (select district_id as id, ${sumNow} from analytics_org_now where region_id = $3 group by district_id) n on n.id = x.id
        left join (select district_id as id, ${sumDay} from analytics_org_day where region_id = $3 and on_date between $1 and $2 group by district_id) d on d.id = x.id
        where x.region_id = $3 order by x.name_en`;
      break;
    case 'district':
      childKind = 'organisation';
      params.push(id);
      sql = `select x.id, x.name_kk, x.name_ru, x.name_en, ${zeroNow}, ${zeroDay} from organisations x
        left join analytics_org_now n on n.organisation_id = x.id
        left join (select organisation_id as id, ${sumDay} from analytics_org_day where district_id = $3 and on_date between $1 and $2 group by organisation_id) d on d.id = x.id
        where x.district_id = $3 order by x.name_en`;
      break;
    case 'organisation':
    case 'class':
      childKind = 'class';
      params.push(id);
      sql = `select x.id, x.name as name_kk, x.name as name_ru, x.name as name_en, ${zeroNow}, ${zeroDay} from classes x
        join academic_years y on y.id = x.academic_year_id and y.is_current
        left join (select class_id as id, ${classNow} from analytics_class_now where ${kind === 'class' ? 'class_id' : 'organisation_id'} = $3 group by class_id) n on n.id = x.id
        left join (select class_id as id, ${sumDay} from analytics_class_day where ${kind === 'class' ? 'class_id' : 'organisation_id'} = $3 and on_date between $1 and $2 group by class_id) d on d.id = x.id
        where x.${kind === 'class' ? 'id' : 'organisation_id'} = $3 ${classIds ? 'and x.id = any($4)' : ''}
        order by x.grade nulls last, x.name`;
      if (classIds) params.push(classIds);
      break;
  }
  const { rows } = await db.query<Record<string, number | string>>(sql, params);
  return rows.map((r) => ({
    kind: childKind,
    id: Number(r.id),
    name: { kk: String(r.name_kk), ru: String(r.name_ru), en: String(r.name_en) },
    measures: Object.fromEntries([...NOW_MEASURES, ...DAY_MEASURES].map((m) => [m, Number(r[m])])) as Measures,
  }));
}

export async function refreshState(db: Queryable): Promise<{ snapshotDate: string | null; refreshedAt: Date | null }> {
  const { rows } = await db.query<{ snapshot_date: string | null; refreshed_at: Date | null }>('select snapshot_date, refreshed_at from analytics_state');
  return { snapshotDate: rows[0]?.snapshot_date ?? null, refreshedAt: rows[0]?.refreshed_at ?? null };
}

/** The classes of this school year a teacher teaches or leads (their analytics scope). */
export async function currentClassesOf(db: Queryable, classIds: number[]): Promise<{ id: number; name: string; organisationId: number }[]> {
  if (classIds.length === 0) return [];
  const { rows } = await db.query<{ id: number; name: string; organisation_id: number }>(
    `select c.id, c.name, c.organisation_id from classes c
    join academic_years y on y.id = c.academic_year_id and y.is_current where c.id = any($1) order by c.grade nulls last, c.name`,
    [classIds],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, organisationId: r.organisation_id }));
}

import type { Queryable } from '../../platform/db.js';
import { requestContext } from '../../platform/request-context.js';
import type { Actor } from '../identity/identity.actor.js';
import type { AreaKind, AreaRef, Figure, FigureKey, Overview } from '../../../contracts/analytics.js';
import * as repo from './analytics.repository.js';
import type { AreaNode, ChildFigures, Measures } from './analytics.repository.js';
import { accessTo, teacherClassIds } from './analytics.policy.js';
import { suppress } from './analytics.suppression.js';
import type { AnalyticsSettings } from './analytics.settings.js';
import * as errors from './analytics.errors.js';
import { passesOf, suppliesOf } from './analytics.extras.js';

type Unit = Figure['counts'];
interface TableDef {
  key: Figure['table'];
  /** a state on the snapshot date (else events over the range) */
  state: boolean;
  /** the categories partition a whole: the total column is their sum */
  total: FigureKey | null;
  columns: { key: FigureKey; counts: Unit }[];
  /** counts people: suppressed for readers not entitled to the records */
  people: boolean;
}

/** The figures, grouped into tables with their own sums (each suppressed on its own). */
export const TABLES: TableDef[] = [
  {
    key: 'formats',
    state: true,
    people: true,
    total: 'pupils_total',
    columns: [
      { key: 'pupils_regular', counts: 'pupils' },
      { key: 'pupils_distance', counts: 'pupils' },
      { key: 'pupils_duty', counts: 'pupils' },
      { key: 'pupils_combined', counts: 'pupils' },
    ],
  },
  {
    key: 'duty',
    state: true,
    people: true,
    total: 'duty_total',
    columns: [
      { key: 'duty_placed', counts: 'applications' },
      { key: 'duty_waiting', counts: 'applications' },
    ],
  },
  {
    key: 'attendance',
    state: false,
    people: true,
    total: 'att_total',
    columns: [
      { key: 'att_in_person', counts: 'attendance_records' },
      { key: 'att_online', counts: 'attendance_records' },
      { key: 'att_absent', counts: 'attendance_records' },
      { key: 'att_excused', counts: 'attendance_records' },
    ],
  },
  {
    key: 'homework',
    state: false,
    people: true,
    total: null,
    columns: [
      { key: 'homework_handed_in', counts: 'submissions' },
      { key: 'homework_marked', counts: 'submissions' },
      { key: 'marks', counts: 'marks' },
    ],
  },
  // lessons and homework set count the teachers' work, not people
  {
    key: 'teaching',
    state: false,
    people: false,
    total: null,
    columns: [
      { key: 'lessons', counts: 'lessons' },
      { key: 'lessons_materials', counts: 'lessons' },
      { key: 'lessons_remote', counts: 'lessons' },
      { key: 'homework_set', counts: 'homework' },
    ],
  },
];

const CHILD_KIND: Record<AreaKind, AreaKind | null> = { country: 'region', region: 'district', district: 'organisation', organisation: 'class', class: null };

export function parseArea(key: string): { kind: AreaKind; id: number | null } {
  if (key === 'country') return { kind: 'country', id: null };
  const m = /^(region|district|organisation|class):([1-9][0-9]{0,9})$/.exec(key);
  if (!m || Number(m[2]) > 2 ** 31 - 1) throw errors.unknownArea();
  return { kind: m[1] as AreaKind, id: Number(m[2]) };
}

export const areaKeyOf = (kind: AreaKind, id: number | null) => (kind === 'country' ? 'country' : `${kind}:${id}`);
const ref = (n: { kind: AreaKind; id: number | null; name: repo.Names }): AreaRef => ({ key: areaKeyOf(n.kind, n.id), kind: n.kind, id: n.id, name: n.name });

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The range of school days: default the week ending today; at most the setting's number of days. */
export function resolveRange(q: { from?: string; to?: string }, today: string, maxDays: number): { from: string; to: string } {
  const to = q.to ?? today;
  const from = q.from ?? addDays(to, -6);
  if (from > to) throw errors.badRange();
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days > maxDays) throw errors.rangeTooLong(`The range is ${days} days; at most ${maxDays} are allowed`);
  return { from, to };
}

/** The area if the actor may see it (and how), else the same 404 as for one that does not exist. */
export async function visibleArea(db: Queryable, actor: Actor, key: string): Promise<{ area: AreaNode; access: 'records' | 'aggregate' }> {
  const { kind, id } = parseArea(key);
  const area = await repo.findArea(db, kind, id);
  const access = area ? accessTo(actor, area) : null;
  if (!area || !access) throw errors.areaNotFound();
  return { area, access };
}

function measureOf(m: Measures, key: FigureKey): number {
  switch (key) {
    case 'pupils_total':
      return m.pupils_regular + m.pupils_distance + m.pupils_duty + m.pupils_combined;
    case 'duty_total':
      return m.duty_placed + m.duty_waiting;
    case 'att_total':
      return m.att_in_person + m.att_online + m.att_absent + m.att_excused;
    default:
      return m[key];
  }
}

/**
 * Builds the published figures: for each table, a grid of the children's rows plus the area's
 * total row, suppressed as one (small cells and their complements) when the reader sees aggregates
 * only. The area's total is the sum of its children (what a reader could add up anyway).
 */
export function publish(children: ChildFigures[], total: Measures, suppressSmall: boolean, threshold: number) {
  const childValues: Record<string, number | null>[] = children.map(() => ({}));
  const totalValues: Record<string, number | null> = {};
  for (const t of TABLES) {
    const keys = [...t.columns.map((c) => c.key), ...(t.total ? [t.total] : [])];
    const grid = [...children.map((c) => keys.map((k) => measureOf(c.measures, k))), keys.map((k) => measureOf(total, k))];
    const mask = suppressSmall && t.people ? suppress(grid, threshold, t.total !== null) : null;
    grid.forEach((row, r) => {
      const target = r < children.length ? childValues[r]! : totalValues;
      keys.forEach((k, c) => {
        target[k] = mask && mask[r]![c] ? null : row[c]!;
      });
    });
  }
  return { childValues, totalValues };
}

function sumMeasures(rows: ChildFigures[]): Measures {
  const out = Object.fromEntries([...repo.NOW_MEASURES, ...repo.DAY_MEASURES].map((m) => [m, 0])) as Measures;
  for (const r of rows) for (const m of Object.keys(out) as (keyof Measures)[]) out[m] += r.measures[m];
  return out;
}

async function pathTo(db: Queryable, actor: Actor, area: AreaNode): Promise<AreaRef[]> {
  const path: AreaRef[] = [];
  let parent = area.parent;
  while (parent) {
    const node = await repo.findArea(db, parent.kind, parent.id);
    if (!node || !accessTo(actor, node)) break;
    path.unshift(ref(node));
    parent = node.parent;
  }
  return path;
}

/** An area's headline figures (each with its date and what it counts) and its children's rows for drill-down. */
/**
 * The published figures of an area between two refreshes: the rollups change only when a refresh
 * completes (it stamps `analytics_state.refreshed_at` last), so an answer computed once serves every
 * officer asking for the same area, range and suppression until the next refresh. Per database
 * handle (tests and the replica have their own), bounded; the areas' access is still checked per request.
 * Names of the areas are as of the answer's computation. A request that has just written (the
 * read-your-own-writes cookie, decision 0023) neither uses nor fills it: it reads the primary afresh.
 */
type Published = { children: ChildFigures[]; childValues: ReturnType<typeof publish>['childValues']; totalValues: ReturnType<typeof publish>['totalValues'] };
const FIGURES_CACHE_LIMIT = 2000;
const figuresCache = new WeakMap<object, { refreshedAt: number; entries: Map<string, Published> }>();

async function publishedFigures(
  db: Queryable,
  area: AreaNode,
  from: string,
  to: string,
  suppressSmall: boolean,
  threshold: number,
  refreshedAt: Date | null,
): Promise<Published> {
  const key = `${area.kind}:${area.id}:${from}:${to}:${suppressSmall ? threshold : 'all'}`;
  if (requestContext.getStore()?.wroteAt) refreshedAt = null; // read-your-own-writes: no shared answer
  let cache = figuresCache.get(db);
  if (refreshedAt !== null && (!cache || cache.refreshedAt !== refreshedAt.getTime())) {
    cache = { refreshedAt: refreshedAt.getTime(), entries: new Map() };
    figuresCache.set(db, cache);
  }
  const hit = refreshedAt !== null ? cache!.entries.get(key) : undefined;
  if (hit) return hit;
  const rows = await repo.childFigures(db, area.kind, area.id, from, to);
  const childKind = CHILD_KIND[area.kind];
  const children = childKind ? rows : [];
  const total = sumMeasures(rows);
  const published = { children, ...publish(children, total, suppressSmall, threshold) };
  if (refreshedAt !== null) {
    if (cache!.entries.size >= FIGURES_CACHE_LIMIT) cache!.entries.delete(cache!.entries.keys().next().value!);
    cache!.entries.set(key, published);
  }
  return published;
}

export async function overview(
  db: Queryable,
  actor: Actor,
  q: { area: string; from?: string; to?: string },
  today: string,
  settings: AnalyticsSettings,
  now: Date = new Date(),
  /** extras: false leaves out passes and supplies (a caller that needs only the rollups' figures) */
  opts: { extras: boolean } = { extras: true },
): Promise<Overview> {
  const { from, to } = resolveRange(q, today, settings.ANALYTICS_MAX_RANGE_DAYS);
  const { area, access } = await visibleArea(db, actor, q.area);
  const childKind = CHILD_KIND[area.kind];
  const suppressSmall = access === 'aggregate';
  const state = await repo.refreshState(db);
  const { children, childValues, totalValues } = await publishedFigures(db, area, from, to, suppressSmall, settings.ANALYTICS_SMALL_CELL, state.refreshedAt);
  const asOf = state.snapshotDate ?? today;
  const figures: Figure[] = [];
  for (const t of TABLES) {
    const cols = [...t.columns, ...(t.total ? [{ key: t.total, counts: t.columns[0]!.counts }] : [])];
    for (const c of cols) {
      figures.push({
        key: c.key,
        table: t.key,
        value: totalValues[c.key] ?? null,
        counts: c.counts,
        asOf: t.state ? asOf : null,
        from: t.state ? null : from,
        to: t.state ? null : to,
      });
    }
  }
  const childRefs = children.map((c) => ref(c));
  const passes = opts.extras
    ? await passesOf(db, actor, area, childRefs, { from, to, today, threshold: settings.ANALYTICS_SMALL_CELL, now: now.getTime() })
    : null;
  const supplies = opts.extras ? await suppliesOf(db, actor, area, now) : null;
  return {
    area: ref(area),
    path: await pathTo(db, actor, area),
    from,
    to,
    asOf,
    refreshedAt: state.refreshedAt ? state.refreshedAt.toISOString() : null,
    suppression: { applied: suppressSmall, threshold: settings.ANALYTICS_SMALL_CELL },
    figures,
    childKind,
    children: childRefs.map((area, i) => ({ area, values: childValues[i]! })),
    passes,
    supplies,
  };
}

/** The areas an actor may open, the widest first (a teacher: each class they teach or lead). */
export async function scope(db: Queryable, actor: Actor): Promise<{ areas: AreaRef[] }> {
  const areas: AreaRef[] = [];
  const add = async (kind: AreaKind, id: number | null) => {
    const node = await repo.findArea(db, kind, id);
    if (node && !areas.some((a) => a.key === areaKeyOf(kind, id))) areas.push(ref(node));
  };
  if (actor.grants.some((g) => g.role === 'ministry_officer')) await add('country', null);
  for (const g of actor.grants) if (g.role === 'region_officer' && g.regionId) await add('region', g.regionId);
  for (const g of actor.grants) if (g.role === 'district_officer' && g.districtId) await add('district', g.districtId);
  for (const g of actor.grants) if (g.role === 'org_admin' && g.organisationId) await add('organisation', g.organisationId);
  for (const c of await repo.currentClassesOf(db, teacherClassIds(actor))) {
    if (!areas.some((a) => a.key === `organisation:${c.organisationId}`)) await add('class', c.id);
  }
  return { areas };
}
export { suppress } from './analytics.suppression.js';

// Used by training (docs/ARCHITECTURE.md, module boundaries): the small-number threshold.
export { analyticsSettings, type AnalyticsSettings } from './analytics.settings.js';

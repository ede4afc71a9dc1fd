import type { Queryable } from '../../platform/db.js';
import { requestContext } from '../../platform/request-context.js';
import type { Actor } from '../identity/identity.actor.js';
import { gateKeys, passStatusKeys, type AreaRef, type PassesFigures, type SuppliesFiguresOut } from '../../../contracts/analytics.js';
import { mayReadHealthOf, passFigures, type PassStatusCounts } from '../access/access.usecases.js';
import { areas as suppliesAreas } from '../supplies/supplies.usecases.js';
import { progress as textbookProgress } from '../supplies/textbook-supply.usecases.js';
import type { AreaNode } from './analytics.repository.js';
import { suppress, suppressLinked } from './analytics.suppression.js';

/**
 * The overview's figures from other modules, read only through their use cases (docs/ARCHITECTURE.md):
 * campus passes (access: people by status, the blocked by reason category; gate scans by weekday) and
 * devices, internet and textbooks (supplies, already suppressed there). Passes are about health: every
 * reader but the organisation's own health officer gets them suppressed (decision 0018), whatever
 * their access to the rest of the overview (an organisation's admin sees its pupils, not their health).
 */

type Cells = Record<string, number | null>;

const STATUS_OF: Record<(typeof passStatusKeys)[number], (r: PassStatusCounts) => number> = {
  passes_valid: (r) => r.admitted,
  passes_blocked_positive: (r) => r.blockedPositive,
  passes_blocked_vaccination: (r) => r.blockedVaccination,
  passes_blocked_expired: (r) => r.blockedExpired,
  passes_no_record: (r) => r.noRecord,
  passes_people: (r) => r.admitted + r.blockedPositive + r.blockedVaccination + r.blockedExpired + r.noRecord,
};

/** Which child of the area an organisation falls in (country → region, region → district, district → organisation). */
function childIdOf(area: AreaNode, org: { organisationId: number; regionId: number; districtId: number | null }): number | null {
  if (area.kind === 'country') return org.regionId;
  if (area.kind === 'region') return org.districtId;
  if (area.kind === 'district') return org.organisationId;
  return null;
}

/** Pure: the published pass figures from the access module's counts (children in the order given). */
export function publishPasses(
  area: AreaNode,
  childAreas: AreaRef[],
  counts: Awaited<ReturnType<typeof passFigures>>,
  suppressSmall: boolean,
  threshold: number,
): Omit<PassesFigures, 'asOf' | 'from' | 'to'> | null {
  if (counts.statuses.length === 0) return null;
  if (area.kind !== 'organisation' && !counts.statuses.some((s) => childAreas.some((c) => c.id === childIdOf(area, s)))) return null;
  const orgOf = new Map(counts.statuses.map((s) => [s.organisationId, s]));
  const childIndex = new Map(childAreas.map((c, i) => [c.id, i]));
  const status = childAreas.map(() => passStatusKeys.map(() => 0));
  const gate = childAreas.map(() => gateKeys.map(() => 0));
  const used = childAreas.map(() => false);
  const statusTotal = passStatusKeys.map(() => 0);
  const gateTotal = gateKeys.map(() => 0);
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map(() => gateKeys.map(() => 0));
  // the total is the sum of the children's rows (as the overview's other tables): an organisation in no
  // child (no district) is left out, so no total minus the children reveals it
  const alone = area.kind === 'organisation';
  for (const s of counts.statuses) {
    const i = childIndex.get(childIdOf(area, s) ?? -1);
    if (i === undefined && !alone) continue;
    passStatusKeys.forEach((k, c) => {
      const v = STATUS_OF[k](s);
      statusTotal[c]! += v;
      if (i !== undefined) status[i]![c]! += v;
    });
    if (i !== undefined) used[i] = true;
  }
  for (const g of counts.scans) {
    const org = orgOf.get(g.organisationId);
    if (!org) continue;
    const i = childIndex.get(childIdOf(area, org) ?? -1);
    if (i === undefined && !alone) continue;
    const row = [g.admitted, g.refused, g.admitted + g.refused];
    row.forEach((v, c) => {
      gateTotal[c]! += v;
      weekdays[g.weekday - 1]![c]! += v;
      if (i !== undefined) gate[i]![c]! += v;
    });
  }
  // only the children with campus organisations (the others are zero rows: they change no sum)
  const shown = childAreas.map((_, i) => i).filter((i) => used[i]);
  const statusGrid = [...shown.map((i) => status[i]!), statusTotal];
  const gateGrid = [...shown.map((i) => gate[i]!), gateTotal];
  const weekdayGrid = [...weekdays, gateTotal];
  const none = (g: number[][]) => g.map((row) => row.map(() => false));
  const statusMask = suppressSmall ? suppress(statusGrid, threshold, true) : none(statusGrid);
  const [gateMask, weekdayMask] = suppressSmall ? suppressLinked(gateGrid, weekdayGrid, threshold) : [none(gateGrid), none(weekdayGrid)];
  const pick = (keys: readonly string[], grid: number[][], mask: boolean[][], r: number) =>
    Object.fromEntries(keys.map((k, c) => [k, mask[r]![c] ? null : grid[r]![c]!]));
  const cellsOf = (r: number): Cells => ({ ...pick(passStatusKeys, statusGrid, statusMask, r), ...pick(gateKeys, gateGrid, gateMask, r) });
  return {
    suppression: { applied: suppressSmall, threshold },
    children: shown.map((i, r) => ({ area: childAreas[i]!, values: cellsOf(r) })),
    total: cellsOf(shown.length),
    weekdays: weekdays.map((_, d) => ({ weekday: d + 1, values: pick(gateKeys, weekdayGrid, weekdayMask, d) })),
  };
}

const EXTRAS_TTL_MS = 30_000;
const EXTRAS_CACHE_LIMIT = 2000;

/**
 * Figures of other modules kept for 30 s per database handle and key: a dashboard's passes (statuses
 * change by the minute-long status job, scans arrive in uploads) and supplies (a country's census is
 * millions of answers) may be that much behind, and say their date. One load per key at a time (the
 * others wait for it), and an expired entry is served while its reload runs, so officers opening the
 * same area never queue behind country-wide counts; a request that has just written reads afresh.
 */
export function shortLived<T>() {
  const caches = new WeakMap<object, Map<string, { at: number; value: Promise<T>; reloading?: boolean }>>();
  return async (db: Queryable, key: string, now: number, load: () => Promise<T>): Promise<T> => {
    if (requestContext.getStore()?.wroteAt) return load();
    let cache = caches.get(db);
    if (!cache) {
      cache = new Map();
      caches.set(db, cache);
    }
    const hit = cache.get(key);
    const put = () => {
      const value = load();
      const entry = { at: now, value };
      value.then(
        () => cache.set(key, entry),
        () => cache.get(key) === entry && cache.delete(key),
      );
      return entry;
    };
    if (!hit) {
      if (cache.size >= EXTRAS_CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      const entry = put();
      cache.set(key, entry);
      return entry.value;
    }
    if (now - hit.at >= EXTRAS_TTL_MS && !hit.reloading) {
      hit.reloading = true;
      put().value.catch(() => {
        hit.reloading = false;
      });
    }
    return hit.value;
  };
}

const passCache = shortLived<Awaited<ReturnType<typeof passFigures>>>();
const suppliesCache = shortLived<SuppliesFiguresOut | null>();

/** The access module's counts for an area and range (kept briefly: shortLived). */
function passCounts(db: Queryable, area: AreaNode, from: string, to: string, now: number) {
  return passCache(db, `${area.kind}:${area.id}:${from}:${to}`, now, () =>
    passFigures(db, { regionId: area.regionId, districtId: area.districtId, organisationId: area.organisationId }, { from, to }),
  );
}

/** The area's pass figures, or null for a class or an area without a campus organisation. */
export async function passesOf(
  db: Queryable,
  actor: Actor,
  area: AreaNode,
  childAreas: AreaRef[],
  q: { from: string; to: string; today: string; threshold: number; now?: number },
): Promise<PassesFigures | null> {
  if (area.kind === 'class') return null;
  const counts = await passCounts(db, area, q.from, q.to, q.now ?? Date.now());
  const suppressSmall = !(area.kind === 'organisation' && area.organisationId !== null && mayReadHealthOf(actor, area.organisationId));
  const published = publishPasses(area, area.kind === 'organisation' ? [] : childAreas, counts, suppressSmall, q.threshold);
  return published ? { asOf: q.today, from: q.from, to: q.to, ...published } : null;
}

const isNotFound = (e: unknown) => (e as { statusCode?: number } | null)?.statusCode === 404;

/**
 * Devices/internet (needs vs provided) and textbooks (supply progress) for the country, a region or a
 * district, from the supplies module's use cases with the reader's own authorisation (an area the
 * supplies module does not give this reader is left out: null), small numbers hidden there.
 */
export async function suppliesOf(db: Queryable, actor: Actor, area: AreaNode, now: Date): Promise<SuppliesFiguresOut | null> {
  if (area.kind !== 'country' && area.kind !== 'region' && area.kind !== 'district') return null;
  // what supplies answers depends on the area and on the reader's officer grants only (its scope check)
  const grants = actor.grants
    .filter((g) => g.role === 'ministry_officer' || g.role === 'region_officer' || g.role === 'district_officer')
    .map((g) => `${g.role}:${g.regionId ?? ''}:${g.districtId ?? ''}`)
    .sort()
    .join(',');
  return suppliesCache(db, `${area.kind}:${area.id}:${now.toISOString().slice(0, 10)}:${grants}`, now.getTime(), () => loadSupplies(db, actor, area, now));
}

async function loadSupplies(db: Queryable, actor: Actor, area: AreaNode, now: Date): Promise<SuppliesFiguresOut | null> {
  const filter = area.kind === 'region' ? { regionId: area.id! } : area.kind === 'district' ? { districtId: area.id! } : {};
  const orNull = async <T>(p: Promise<T>): Promise<T | null> => {
    try {
      return await p;
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  };
  const devices = await orNull(suppliesAreas(db, actor, filter));
  const textbooks = await orNull(textbookProgress(db, actor, filter, now));
  if (!devices && !textbooks) return null;
  return { devices, textbooks: textbooks ? { today: textbooks.today, rows: textbooks.rows, totals: textbooks.totals } : null };
}

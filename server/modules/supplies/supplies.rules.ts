import type { ReasonPart, RuleSetBody } from '../../../contracts/supplies.js';

/** Pure decisions of the supplies module: entitlement, the allocation run, overdue. No database here. */

export interface MemberFacts {
  personId: number;
  role: 'pupil' | 'teacher';
  /** learning in person (regular-mode class or placed in a duty group): needs no device */
  inPerson: boolean;
  devices: 'none' | 'shared' | 'own';
  internet: 'none' | 'mobile' | 'fixed';
  connectable: boolean;
  categories: string[];
}

export interface HouseholdFacts {
  /** 'h:<parent id>' (siblings share it), 'p:<pupil id>' without a parent, 't:<teacher id>' */
  key: string;
  organisationId: number;
  districtId: number;
  recipientId: number;
  /** members with a census answer (those without are gaps, never counted) */
  members: MemberFacts[];
  /** the earliest answer (ISO): earlier declarations are served first within a priority */
  declaredAt: string;
}

export interface Previous {
  devices: number;
  kits: number;
}

export interface Entitlement {
  devices: number;
  kits: number;
  priority: number;
  /** the category that gave the priority, null when none */
  category: string | null;
  distancePupils: number;
  inPerson: number;
  parts: ReasonPart[];
}

/** The devices the bands give for n pupils (above the last band: the last band's devices). */
export function devicesForPupils(bands: RuleSetBody['bands'], n: number): number {
  if (n <= 0) return 0;
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  for (const b of sorted) if (n >= b.min && n <= b.max) return b.devices;
  const last = sorted[sorted.length - 1]!;
  return n > last.max ? last.devices : 0;
}

/** What a household is entitled to under the rules, with the grounds (reason parts, outcome excluded). */
export function entitlementOf(rules: RuleSetBody, h: HouseholdFacts): Entitlement {
  const pupils = h.members.filter((m) => m.role === 'pupil');
  const teachers = h.members.filter((m) => m.role === 'teacher');
  const inPerson = pupils.filter((m) => m.inPerson).length;
  const distance = pupils.filter((m) => !m.inPerson);
  const needing = distance.filter((m) => rules.countAsWithout.includes(m.devices));
  const teacherNeeding = teachers.filter((m) => rules.countAsWithout.includes(m.devices));
  let devices = devicesForPupils(rules.bands, needing.length) + teacherNeeding.length * rules.teacherDevices;

  const stated = new Set(h.members.flatMap((m) => m.categories));
  if (teachers.length > 0) stated.add('teacher');
  let priority = rules.priorities.length + 1;
  let category: string | null = null;
  for (const [i, c] of rules.priorities.entries())
    if (stated.has(c)) {
      priority = i + 1;
      category = c;
      break;
    }
  const eligibleByCategory = category !== null || rules.serveWithoutCategory;

  const online = [...distance, ...teachers];
  const offline = online.filter((m) => rules.kits.withoutInternet.includes(m.internet));
  const canConnect = offline.some((m) => m.connectable) || !rules.kits.onlyConnectable;
  let kits = offline.length > 0 && canConnect ? rules.kits.perHousehold : 0;

  const parts: ReasonPart[] = [];
  if (needing.length > 0) parts.push({ code: 'distance_pupils', n: needing.length });
  if (inPerson > 0) parts.push({ code: 'in_person', n: inPerson });
  if (distance.length > 0 && needing.length === 0 && teacherNeeding.length === 0) parts.push({ code: 'has_devices' });
  if (category !== null) parts.push({ code: 'category', category });
  else parts.push({ code: 'no_category' });
  if (offline.length > 0 && !canConnect) parts.push({ code: 'not_connectable' });
  if (!eligibleByCategory) {
    devices = 0;
    kits = 0;
  }
  parts.push({ code: 'priority', n: priority });
  return { devices, kits, priority, category, distancePupils: needing.length, inPerson, parts };
}

export interface AllocationLine {
  key: string;
  organisationId: number;
  districtId: number;
  recipientId: number;
  pupilIds: number[];
  priority: number;
  entitledDevices: number;
  entitledKits: number;
  previousDevices: number;
  previousKits: number;
  /** totals after the run (previous + new) */
  devices: number;
  kits: number;
  newDevices: number;
  newKits: number;
  shortDevices: number;
  shortKits: number;
  reason: ReasonPart[];
}

export interface AllocationOutcome {
  /** every household with an entitlement or an earlier allocation, in serving order */
  lines: AllocationLine[];
  /** the stock left after the run */
  left: { devices: number; kits: number };
}

/** Serving order: priority, then who declared first, then the key (ties never depend on input order). */
export function servingOrder(a: { priority: number; declaredAt: string; key: string }, b: { priority: number; declaredAt: string; key: string }): number {
  return a.priority - b.priority || (a.declaredAt < b.declaredAt ? -1 : a.declaredAt > b.declaredAt ? 1 : 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * One allocation run: households in serving order take what they are entitled to from the free
 * stock, as far as it goes. Deterministic (input order does not matter) and stable: what `previous`
 * holds (an earlier confirmed run) stays, and only the rest of each entitlement is served from the
 * free stock, so a re-run after new stock serves the next in line and moves no one. `stock` is the
 * free stock (not committed to earlier allocations); for a reshuffle pass no `previous` and the whole stock.
 * `households` may be a stream (a generator over a cursor): only those that may need something are
 * kept, so a country run holds ~10 % of its households in memory, never all of them.
 */
export function allocate(
  rules: RuleSetBody,
  version: number,
  households: Iterable<HouseholdFacts>,
  stock: { devices: number; kits: number },
  previous: ReadonlyMap<string, Previous> = new Map(),
): AllocationOutcome {
  // most households need nothing: skip them before building reasons and sorting (a country has millions)
  const rows = [];
  for (const h of households) {
    if (!previous.has(h.key) && !mayNeed(rules, h)) continue;
    const e = entitlementOf(rules, h);
    rows.push({ h, e, key: h.key, declaredAt: h.declaredAt, priority: e.priority });
  }
  rows.sort(servingOrder);
  let devicesLeft = Math.max(0, stock.devices);
  let kitsLeft = Math.max(0, stock.kits);
  const lines: AllocationLine[] = [];
  for (const { h, e } of rows) {
    const prev = previous.get(h.key) ?? { devices: 0, kits: 0 };
    if (e.devices === 0 && e.kits === 0 && prev.devices === 0 && prev.kits === 0) continue;
    const wantDevices = Math.max(0, e.devices - prev.devices);
    const wantKits = Math.max(0, e.kits - prev.kits);
    const newDevices = Math.min(wantDevices, devicesLeft);
    const newKits = Math.min(wantKits, kitsLeft);
    devicesLeft -= newDevices;
    kitsLeft -= newKits;
    const devices = prev.devices + newDevices;
    const kits = prev.kits + newKits;
    const shortDevices = wantDevices - newDevices;
    const shortKits = wantKits - newKits;
    const reason: ReasonPart[] = [devices > 0 ? { code: 'devices', n: devices } : { code: 'no_devices' }];
    if (kits > 0) reason.push({ code: 'kit', n: kits });
    reason.push(...e.parts);
    if (prev.devices > 0 || prev.kits > 0) reason.push({ code: 'kept' });
    if (shortDevices + shortKits > 0) reason.push({ code: 'no_stock', n: shortDevices + shortKits });
    reason.push({ code: 'rules', n: version });
    lines.push({
      key: h.key,
      organisationId: h.organisationId,
      districtId: h.districtId,
      recipientId: h.recipientId,
      pupilIds: h.members
        .filter((m) => m.role === 'pupil')
        .map((m) => m.personId)
        .sort((a, b) => a - b),
      priority: e.priority,
      entitledDevices: e.devices,
      entitledKits: e.kits,
      previousDevices: prev.devices,
      previousKits: prev.kits,
      devices,
      kits,
      newDevices,
      newKits,
      shortDevices,
      shortKits,
      reason,
    });
  }
  return { lines, left: { devices: devicesLeft, kits: kitsLeft } };
}

/** A cheap first look: could the household be entitled to anything? (false → it certainly is not) */
function mayNeed(rules: RuleSetBody, h: HouseholdFacts): boolean {
  for (const m of h.members) {
    if (m.role === 'pupil' && m.inPerson) continue;
    if (rules.countAsWithout.includes(m.devices) || rules.kits.withoutInternet.includes(m.internet)) return true;
  }
  return false;
}

/** The shortfall per organisation: the purchase request. */
export function shortfallByOrganisation(lines: AllocationLine[]): { organisationId: number; districtId: number; devices: number; kits: number }[] {
  const by = new Map<number, { organisationId: number; districtId: number; devices: number; kits: number }>();
  for (const l of lines) {
    if (l.shortDevices + l.shortKits === 0) continue;
    const s = by.get(l.organisationId) ?? { organisationId: l.organisationId, districtId: l.districtId, devices: 0, kits: 0 };
    s.devices += l.shortDevices;
    s.kits += l.shortKits;
    by.set(l.organisationId, s);
  }
  return [...by.values()].sort((a, b) => a.organisationId - b.organisationId);
}

/** A short, stable fingerprint of a run's outcome: confirm refuses when the world changed since the preview. */
export function fingerprintOf(version: number, lines: AllocationLine[], stock: { devices: number; kits: number }): string {
  let h = 2166136261 >>> 0;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 16777619) >>> 0;
    }
  };
  feed(`v${version}|${stock.devices}|${stock.kits}`);
  for (const l of lines) feed(`|${l.key}:${l.devices}:${l.kits}:${l.entitledDevices}:${l.entitledKits}`);
  return `${version}-${lines.length}-${h.toString(16)}`;
}

/** Open and past its due date (a date in the organisation's calendar). */
export function isOverdue(loan: { dueOn: string; returnedAt: string | null }, today: string): boolean {
  return loan.returnedAt === null && loan.dueOn < today;
}

/** Household key: siblings share the lowest parent id among their parents. */
export function householdKey(role: 'pupil' | 'teacher', personId: number, parentIds: number[]): string {
  if (role === 'teacher') return `t:${personId}`;
  return parentIds.length > 0 ? `h:${Math.min(...parentIds)}` : `p:${personId}`;
}

import type { Db, Queryable } from '../../platform/db.js';
import type { DutyKind } from '../../../contracts/duty.js';
import { hasRole, type Actor } from '../identity/identity.actor.js';
import { notify } from '../notifications/notifications.usecases.js';
import * as repo from './duty.repository.js';
import type { ApplicationRow, SettingsRow, WindowRow } from './duty.repository.js';
import { formGroups, type GroupingResult } from './duty.grouping.js';
import { dutyKindOf, gradeFits, isWindowOpen, localDate, priorityOf, windowProblem } from './duty.rules.js';
import { DEFAULT_SETTINGS } from './duty.defaults.js';
import { canEditSettings, canManageDuty, isOfficer, isParentOf, officerScope } from './duty.policy.js';
import * as errors from './duty.errors.js';

/** A unique-index violation (a second active application raced the first). */
const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

// ── settings ────────────────────────────────────────────────────────────────────────────────

/** The settings in force for an organisation kind in a region: the region's own, else the country's, else the defaults. */
export async function settingsFor(db: Queryable, kind: DutyKind, regionId: number | null): Promise<SettingsRow & { inherited: boolean }> {
  const row = await repo.findSettings(db, kind, regionId);
  if (row) return { ...row, inherited: row.regionId !== regionId };
  return { kind, regionId: null, ...DEFAULT_SETTINGS[kind], inherited: regionId !== null };
}

export async function readSettings(db: Queryable, actor: Actor, kind: DutyKind, regionId: number | undefined) {
  if (!isOfficer(actor) && !actor.grants.some((g) => g.role === 'org_admin')) throw errors.notAnOfficer();
  if (regionId !== undefined && !(await repo.regionExists(db, regionId))) throw errors.notAnOfficer('Region not found');
  const s = await settingsFor(db, kind, regionId ?? null);
  return { ...s, regionId: s.inherited ? (regionId ?? null) : s.regionId };
}

export async function changeSettings(db: Queryable, actor: Actor, body: Omit<SettingsRow, never>) {
  if (!isOfficer(actor)) throw errors.notAnOfficer();
  if (body.regionId !== null && !(await repo.regionExists(db, body.regionId))) throw errors.notAnOfficer('Region not found');
  if (!canEditSettings(actor, body.regionId))
    throw errors.forbiddenAction(
      body.regionId === null ? 'Only the ministry sets the country defaults' : "Only the region's officers or the ministry set its settings",
    );
  if (body.groupMax < body.groupMin) throw errors.capBelowMinimum(`The group cap (${body.groupMax}) is below the group minimum (${body.groupMin})`);
  const codes = body.reasons.map((r) => r.code);
  if (new Set(codes).size !== codes.length) throw errors.settingsInvalid('A reason code appears twice');
  await repo.upsertSettings(
    db,
    { ...body, eligibleGrades: [...new Set(body.eligibleGrades)].sort((a, b) => a - b), shifts: [...new Set(body.shifts)].sort() },
    actor.personId,
  );
  return readSettings(db, actor, body.kind, body.regionId ?? undefined);
}

// ── windows ─────────────────────────────────────────────────────────────────────────────────

export function toWindow(w: WindowRow, now: Date) {
  return {
    id: w.id,
    organisationId: w.organisationId,
    kind: dutyKindOf(w.org.kind) ?? 'school',
    opensOn: w.opensOn,
    closesOn: w.closesOn,
    eligibleGrades: w.eligibleGrades,
    groupMax: w.groupMax,
    groupMin: w.groupMin,
    joinAdjacentGrades: w.joinAdjacentGrades,
    shifts: w.shifts,
    dayPatterns: w.dayPatterns,
    reasons: w.reasons,
    closedAt: w.closedAt,
    lastGroupedAt: w.lastGroupedAt,
    isOpen: isWindowOpen(w, localDate(now, w.org.timeZone)),
    counts: w.counts,
    groups: w.groups,
  };
}

async function managedOrganisation(db: Queryable, actor: Actor, organisationId: number) {
  const org = await repo.findOrganisation(db, organisationId);
  if (!org || !canManageDuty(actor, org)) throw errors.organisationNotFound();
  return org;
}

async function managedWindow(db: Queryable, actor: Actor, windowId: number, forUpdate = false): Promise<WindowRow> {
  const w = await repo.findWindow(db, windowId, forUpdate);
  if (!w || !canManageDuty(actor, { id: w.organisationId, ...w.org })) throw errors.windowNotFound();
  return w;
}

export async function listWindows(db: Queryable, actor: Actor, organisationId: number, now: Date) {
  await managedOrganisation(db, actor, organisationId);
  return { items: (await repo.listWindows(db, organisationId)).map((w) => toWindow(w, now)), canManage: true };
}

export async function getWindow(db: Queryable, actor: Actor, windowId: number, now: Date) {
  return toWindow(await managedWindow(db, actor, windowId), now);
}

/** Opens an application window; omitted caps and grades come from the settings, and may only be stricter. */
export async function openWindow(
  db: Db,
  actor: Actor,
  organisationId: number,
  body: {
    opensOn: string;
    closesOn: string;
    eligibleGrades?: number[];
    groupMax?: number;
    groupMin?: number;
    joinAdjacentGrades?: boolean;
    shifts?: number[];
    dayPatterns?: string[];
  },
  now: Date,
) {
  const org = await managedOrganisation(db, actor, organisationId);
  const kind = dutyKindOf(org.kind);
  if (!kind) throw errors.notApplicable(`A ${org.kind} does not run duty groups: its format decides its on-site activities`);
  const settings = await settingsFor(db, kind, org.regionId);
  const w = {
    eligibleGrades: [...new Set(body.eligibleGrades ?? settings.eligibleGrades)].sort((a, b) => a - b),
    groupMax: body.groupMax ?? settings.groupMax,
    groupMin: body.groupMin ?? Math.min(settings.groupMin, body.groupMax ?? settings.groupMax),
    joinAdjacentGrades: body.joinAdjacentGrades ?? settings.joinAdjacentGrades,
    shifts: [...new Set(body.shifts ?? settings.shifts)].sort(),
    dayPatterns: [...new Set(body.dayPatterns ?? settings.dayPatterns)],
  };
  if (body.closesOn < body.opensOn) throw errors.windowDates(`The window closes (${body.closesOn}) before it opens (${body.opensOn})`);
  const problem = windowProblem(w, settings);
  if (problem === 'cap_below_minimum') throw errors.capBelowMinimum(`The group cap (${w.groupMax}) is below the group minimum (${w.groupMin})`);
  if (problem === 'cap_above_maximum') throw errors.capAboveMaximum(`The group cap (${w.groupMax}) is above the ${settings.groupMax} the settings allow`);
  if (problem === 'grades_not_allowed') throw errors.gradesNotAllowed(`Eligible grades under the settings: ${settings.eligibleGrades.join(', ')}`);
  if (problem === 'shifts_not_allowed')
    throw errors.shiftsNotAllowed(`Shifts under the settings: ${settings.shifts.join(', ')}; days: ${settings.dayPatterns.join(', ')}`);
  const yearId = await repo.currentYearId(db);
  if (yearId === null) throw errors.noCurrentYear();
  return db.transaction(async (tx) => {
    // one window at a time per organisation: serialise openings of the same organisation
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`duty.window:${org.id}`]);
    const other = await repo.overlappingWindow(tx, org.id, body.opensOn, body.closesOn);
    if (other !== null) throw errors.windowOverlaps(`Window ${other} of this organisation overlaps these dates: close it first`, { windowId: other });
    const id = await repo.insertWindow(tx, {
      organisationId: org.id,
      academicYearId: yearId,
      opensOn: body.opensOn,
      closesOn: body.closesOn,
      ...w,
      reasons: settings.reasons,
      personId: actor.personId,
    });
    return toWindow((await repo.findWindow(tx, id))!, now);
  });
}

export async function closeWindow(db: Db, actor: Actor, windowId: number, now: Date) {
  return db.transaction(async (tx) => {
    const w = await managedWindow(tx, actor, windowId, true);
    if (w.closedAt !== null) throw errors.windowAlreadyClosed();
    await repo.closeWindow(tx, w.id, now);
    return toWindow((await repo.findWindow(tx, w.id))!, now);
  });
}

// ── parents ─────────────────────────────────────────────────────────────────────────────────

async function parentViews(db: Queryable, apps: ApplicationRow[]) {
  const places = await repo.groupPlaces(
    db,
    apps.flatMap((a) => (a.groupId !== null ? [a.groupId] : [])),
  );
  const positions = await repo.waitingPositions(db, [...new Set(apps.filter((a) => a.status === 'waiting').map((a) => a.windowId))]);
  return apps.map((a) => ({
    id: a.id,
    windowId: a.windowId,
    status: a.status,
    reasons: a.reasons,
    preferredShift: a.preferredShift,
    note: a.note,
    submittedAt: a.submittedAt,
    withdrawnAt: a.withdrawnAt,
    waitingPosition: positions.get(a.id) ?? null,
    group: a.groupId !== null ? (places.get(a.groupId) ?? null) : null,
  }));
}

/** Each of the parent's children with their school's window and their application (group, room, shift, days). */
export async function myChildren(db: Queryable, actor: Actor, now: Date) {
  const yearId = await repo.currentYearId(db);
  if (yearId === null || actor.childIds.length === 0) return { children: [] };
  const classes = (await repo.childrenClasses(db, actor.childIds, yearId)).filter((c) => dutyKindOf(c.organisationKind) !== null);
  const windows = await repo.windowsForOrganisations(db, [...new Set(classes.map((c) => c.organisationId))], yearId);
  const apps = await repo.latestApplications(db, [...new Set(classes.map((c) => c.childId))], yearId);
  const views = new Map((await parentViews(db, apps)).map((v, i) => [`${apps[i]!.childId}:${apps[i]!.organisationId}`, v]));
  return {
    children: classes.map((c) => {
      const orgWindows = windows.filter((w) => w.organisationId === c.organisationId);
      const open = orgWindows.find((w) => isWindowOpen(w, localDate(now, w.org.timeZone)));
      const w = open ?? orgWindows[0] ?? null;
      return {
        child: { id: c.childId, ...c.child },
        organisation: { id: c.organisationId, name: c.organisationName },
        class: { id: c.classId, name: c.className, grade: c.grade },
        window: w
          ? {
              id: w.id,
              opensOn: w.opensOn,
              closesOn: w.closesOn,
              isOpen: isWindowOpen(w, localDate(now, w.org.timeZone)),
              eligibleGrades: w.eligibleGrades,
              shifts: w.shifts,
              dayPatterns: w.dayPatterns,
              reasons: w.reasons,
              eligible: c.grade !== null && w.eligibleGrades.includes(c.grade),
            }
          : null,
        application: views.get(`${c.childId}:${c.organisationId}`) ?? null,
      };
    }),
  };
}

/**
 * A parent applies for their own child in an eligible grade while the window is open; one active
 * application per child and school year. Every refusal writes nothing.
 */
export async function apply(
  db: Db,
  actor: Actor,
  body: {
    windowId: number;
    childId: number;
    reasons: string[];
    preferredShift: number | null;
    note: string | null;
  },
  now: Date,
) {
  if (!isParentOf(actor, body.childId)) throw errors.childNotFound();
  const w = await repo.findWindow(db, body.windowId);
  if (!w) throw errors.windowNotFound();
  const placement = (await repo.childrenClasses(db, [body.childId], w.academicYearId)).find((c) => c.organisationId === w.organisationId);
  // case: a window of a school the child does not attend is, for this parent, a window that does not exist
  if (!placement) throw errors.windowNotFound();
  const today = localDate(now, w.org.timeZone);
  if (!isWindowOpen(w, today)) {
    throw errors.windowClosed(w.closedAt ? 'The school closed its application window' : `Applications are accepted from ${w.opensOn} to ${w.closesOn}`, {
      opensOn: w.opensOn,
      closesOn: w.closesOn,
    });
  }
  if (placement.grade === null || !w.eligibleGrades.includes(placement.grade)) {
    throw errors.gradeNotEligible(`Duty groups here serve grades ${w.eligibleGrades.join(', ')}; the child is in ${placement.className}`, {
      eligibleGrades: w.eligibleGrades,
      grade: placement.grade,
    });
  }
  const { priority, unknown } = priorityOf(body.reasons, w.reasons);
  if (unknown.length) throw errors.unknownReason(`Unknown reason: ${unknown.join(', ')}`, { unknown, allowed: w.reasons.map((r) => r.code) });
  if (body.preferredShift !== null && !w.shifts.includes(body.preferredShift)) {
    throw errors.unknownShift(`Shift ${body.preferredShift} is not offered: ${w.shifts.join(', ')}`, { shifts: w.shifts });
  }
  const reasons = [...new Set(body.reasons)];
  try {
    return await db.transaction(async (tx) => {
      const existing = await repo.activeApplicationOf(tx, body.childId, w.academicYearId);
      if (existing) throw errors.duplicateApplication(undefined, { applicationId: existing.id });
      const id = await repo.insertApplication(tx, {
        windowId: w.id,
        organisationId: w.organisationId,
        academicYearId: w.academicYearId,
        childId: body.childId,
        classId: placement.classId,
        grade: placement.grade!,
        applicantId: actor.personId,
        reasons,
        priority,
        preferredShift: body.preferredShift,
        note: body.note,
        now,
      });
      return (await parentViews(tx, [(await repo.findApplication(tx, id))!]))[0]!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw errors.duplicateApplication();
    throw err;
  }
}

export async function parentApplication(db: Queryable, actor: Actor, id: number) {
  const a = await repo.findApplication(db, id);
  if (!a || !isParentOf(actor, a.childId)) throw errors.applicationNotFound();
  return (await parentViews(db, [a]))[0]!;
}

/** The parent withdraws; a placed child's seat is freed (the next run gives it to the waiting list). */
export async function withdraw(db: Db, actor: Actor, id: number, now: Date) {
  return db.transaction(async (tx) => {
    const a = await repo.findApplication(tx, id, true);
    if (!a || !isParentOf(actor, a.childId)) throw errors.applicationNotFound();
    if (a.status === 'withdrawn') throw errors.alreadyWithdrawn();
    await repo.withdrawApplication(tx, a.id, now);
    return (await parentViews(tx, [(await repo.findApplication(tx, a.id))!]))[0]!;
  });
}

// ── admins: applications, grouping, moves ───────────────────────────────────────────────────

async function adminViews(db: Queryable, rows: repo.AdminApplicationRow[]) {
  const positions = await repo.waitingPositions(db, [...new Set(rows.filter((a) => a.status === 'waiting').map((a) => a.windowId))]);
  return rows.map((a) => ({
    id: a.id,
    child: { id: a.childId, ...a.child },
    class: { id: a.classId, name: a.className },
    grade: a.grade,
    reasons: a.reasons,
    priority: a.priority,
    preferredShift: a.preferredShift,
    note: a.note,
    status: a.status,
    submittedAt: a.submittedAt,
    groupId: a.groupId,
    waitingPosition: positions.get(a.id) ?? null,
    waitingReason: a.waitingReason,
    placedByHand: a.placedByHand,
    siblingIds: a.siblingIds,
  }));
}

export async function listApplications(db: Queryable, actor: Actor, windowId: number, status: ApplicationRow['status'] | undefined) {
  const w = await managedWindow(db, actor, windowId);
  return { items: await adminViews(db, await repo.listApplications(db, w.id, status ?? null)) };
}

export async function groupsOf(db: Queryable, actor: Actor, windowId: number, now: Date) {
  const w = await managedWindow(db, actor, windowId);
  const groups = await repo.groupsWithMembers(db, w.id);
  const waiting = (await adminViews(db, await repo.listApplications(db, w.id, 'waiting'))).sort((a, b) => (a.waitingPosition ?? 0) - (b.waitingPosition ?? 0));
  return {
    window: toWindow(w, now),
    groups: groups.map((g) => ({ ...g, size: g.members.length, belowMinimum: g.members.length < w.groupMin })),
    waiting,
  };
}

/** Writes one window's grouping result: removed groups, new groups, placements, the waiting list, notifications. */
export async function writeGrouping(tx: Queryable, w: WindowRow, before: Awaited<ReturnType<typeof repo.groupingInput>>, result: GroupingResult, now: Date) {
  const keptIds = new Set(result.groups.flatMap((g) => (g.id !== null ? [g.id] : [])));
  const removed = before.groups.filter((g) => !keptIds.has(g.id)).map((g) => g.id);
  await repo.clearGroupsOf(tx, removed);
  for (const g of result.groups) {
    const old = before.groups.find((x) => x.id === g.id);
    if (old && (old.label !== g.label || old.grades.join() !== g.grades.join()))
      await repo.updateGroup(tx, { id: g.id!, label: g.label, grades: g.grades, capacity: g.capacity });
  }
  const fresh = result.groups.filter((g) => g.id === null);
  const newIds = await repo.insertGroups(tx, w.id, w.organisationId, fresh);
  const idOf = new Map(fresh.map((g, i) => [g, newIds[i]!]));
  const beforeGroup = new Map(before.groups.flatMap((g) => g.memberIds.map((m) => [m, g.id] as const)));
  const placements = result.groups.flatMap((g) => g.memberIds.map((m) => ({ applicationId: m, groupId: g.id ?? idOf.get(g)! })));
  await repo.placeApplications(tx, placements, now);
  const waiting = [
    ...result.waiting.map((x) => ({ applicationId: x.applicationId, reason: x.reason as string })),
    ...result.ineligible.map((id) => ({ applicationId: id, reason: 'grade_not_eligible' })),
  ];
  await repo.markWaiting(tx, waiting, now);
  const events: { applicationId: number; kind: 'duty.placed' | 'duty.waiting' | 'duty.moved' }[] = [];
  let moved = 0;
  let newlyPlaced = 0;
  for (const p of placements) {
    const was = beforeGroup.get(p.applicationId);
    if (was === undefined) {
      newlyPlaced += 1;
      events.push({ applicationId: p.applicationId, kind: 'duty.placed' });
    } else if (was !== p.groupId) {
      moved += 1;
      events.push({ applicationId: p.applicationId, kind: 'duty.moved' });
    }
  }
  for (const x of waiting) if (before.statusOf.get(x.applicationId) !== 'waiting') events.push({ applicationId: x.applicationId, kind: 'duty.waiting' });
  await notify(tx, await repo.familyNotifications(tx, events), now);
  await repo.markGrouped(tx, w.id, now);
  return {
    groups: result.groups.length,
    groupsCreated: fresh.length,
    groupsRemoved: removed.length,
    placed: placements.length,
    newlyPlaced,
    moved,
    waiting: waiting.length,
    belowMinimum: result.groups.filter((g) => g.belowMinimum).length,
  };
}

/**
 * Forms the window's groups. A re-run keeps every placed child where they are (new children fill
 * the gaps) unless `reshuffle` starts over. One transaction; the window row lock serialises runs
 * and hand moves.
 */
export async function runGrouping(db: Db, actor: Actor, windowId: number, reshuffle: boolean, now: Date) {
  return db.transaction(async (tx) => {
    const w = await managedWindow(tx, actor, windowId, true);
    return regroupWindow(tx, w, reshuffle, now);
  });
}

/** The grouping of one window, inside the caller's transaction (which holds the window's row lock). */
export async function regroupWindow(tx: Queryable, w: WindowRow, reshuffle: boolean, now: Date) {
  const before = await repo.groupingInput(tx, w);
  const result = formGroups({
    settings: {
      groupMax: w.groupMax,
      groupMin: w.groupMin,
      eligibleGrades: w.eligibleGrades,
      joinAdjacentGrades: w.joinAdjacentGrades,
      shifts: w.shifts,
      dayPatterns: w.dayPatterns,
    },
    rooms: before.rooms,
    teachers: before.teachers,
    applications: before.applications,
    groups: before.groups,
    reshuffle,
  });
  return writeGrouping(tx, w, before, result, now);
}

/** The admin moves a child into a group (the cap still holds: 409) or back to the waiting list (`groupId` null). */
export async function moveChild(db: Db, actor: Actor, applicationId: number, groupId: number | null, now: Date) {
  return db.transaction(async (tx) => {
    const found = await repo.findApplication(tx, applicationId);
    if (!found) throw errors.applicationNotFound();
    const w = await repo.findWindow(tx, found.windowId, true);
    if (!w || !canManageDuty(actor, { id: w.organisationId, ...w.org })) throw errors.applicationNotFound();
    const a = (await repo.findApplication(tx, applicationId, true))!;
    if (a.status === 'withdrawn') throw errors.applicationWithdrawn();
    if (groupId !== null) {
      const g = await repo.findGroup(tx, groupId, true);
      if (!g || g.windowId !== w.id) throw errors.groupNotFound();
      if (a.groupId === g.id)
        return (
          await adminViews(
            tx,
            (await repo.listApplications(tx, w.id, null)).filter((x) => x.id === a.id),
          )
        )[0]!;
      if (!gradeFits(g.grades, a.grade, w.joinAdjacentGrades)) {
        throw errors.gradeMismatch(`Group holds grade${g.grades.length > 1 ? 's' : ''} ${g.grades.join('-')}; the child is in grade ${a.grade}`, {
          grades: g.grades,
          grade: a.grade,
        });
      }
      if (g.size >= g.capacity) throw errors.groupFull(`The group already has ${g.size} of ${g.capacity} children`, { size: g.size, capacity: g.capacity });
      if (!g.grades.includes(a.grade)) {
        await tx.query('update duty_groups set grades = (select array_agg(distinct x order by x) from unnest(grades || $2::smallint) x) where id = $1', [
          g.id,
          a.grade,
        ]);
      }
    }
    await repo.moveApplication(tx, a.id, groupId, now);
    await notify(
      tx,
      await repo.familyNotifications(tx, [
        { applicationId: a.id, kind: groupId === null ? 'duty.waiting' : a.groupId === null ? 'duty.placed' : 'duty.moved' },
      ]),
      now,
    );
    return (
      await adminViews(
        tx,
        (await repo.listApplications(tx, w.id, null)).filter((x) => x.id === a.id),
      )
    )[0]!;
  });
}

// ── officers ────────────────────────────────────────────────────────────────────────────────

/**
 * Totals for an officer's scope, one row per region (ministry), district (region officer) or
 * organisation (district officer); `regionId` / `districtId` drill down inside the scope.
 */
export async function totalsFor(db: Queryable, actor: Actor, q: { regionId?: number; districtId?: number }, now: Date) {
  if (!isOfficer(actor)) throw errors.notAnOfficer();
  const scope = officerScope(actor);
  const level: 'region' | 'district' | 'organisation' =
    q.districtId !== undefined
      ? 'organisation'
      : q.regionId !== undefined
        ? 'district'
        : hasRole(actor, 'ministry_officer')
          ? 'region'
          : scope.regionIds.length
            ? 'district'
            : 'organisation';
  const today = localDate(now, 'Asia/Almaty');
  const rows = await repo.totals(db, level, { ...scope, regionId: q.regionId ?? null, districtId: q.districtId ?? null, today });
  const sum = (k: keyof Omit<repo.TotalsRow, 'area'>) => rows.reduce((s, r) => s + r[k], 0);
  return {
    level,
    rows,
    totals: {
      windows: sum('windows'),
      openWindows: sum('openWindows'),
      applications: sum('applications'),
      placed: sum('placed'),
      waiting: sum('waiting'),
      submitted: sum('submitted'),
      groups: sum('groups'),
    },
  };
}

/** Of these children, the ones placed in a duty group this school year: they learn in person (supplies reads this). */
export async function childrenInDutyGroups(db: Queryable, childIds: number[]): Promise<Set<number>> {
  return new Set(await repo.placedChildren(db, childIds));
}

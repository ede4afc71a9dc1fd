import type { Queryable } from '../../platform/db.js';
import type { DutyKind, ReasonOption } from '../../../contracts/duty.js';
import type { ApplicationInput, ExistingGroup, RoomInput, TeacherInput } from './duty.grouping.js';

/**
 * SQL of the duty module. Classes, pupils, parent links, rooms and teachers belong to other modules
 * (organisations, identity) and are only read here.
 */

export type Name = { kk: string; ru: string; en: string };
type PersonName = { lastName: string; firstName: string; middleName: string | null };
const PERSON = (t: string) => `json_build_object('lastName', ${t}.last_name, 'firstName', ${t}.first_name, 'middleName', ${t}.middle_name)`;

// ── settings ────────────────────────────────────────────────────────────────────────────────

export interface SettingsRow {
  kind: DutyKind;
  regionId: number | null;
  eligibleGrades: number[];
  groupMax: number;
  groupMin: number;
  joinAdjacentGrades: boolean;
  shifts: number[];
  dayPatterns: string[];
  reasons: ReasonOption[];
}

type SettingsDbRow = {
  kind: DutyKind;
  region_id: number | null;
  eligible_grades: number[];
  group_max: number;
  group_min: number;
  join_adjacent_grades: boolean;
  shifts: number[];
  day_patterns: string[];
  reasons: ReasonOption[];
};
const toSettings = (r: SettingsDbRow): SettingsRow => ({
  kind: r.kind,
  regionId: r.region_id,
  eligibleGrades: r.eligible_grades,
  groupMax: r.group_max,
  groupMin: r.group_min,
  joinAdjacentGrades: r.join_adjacent_grades,
  shifts: r.shifts,
  dayPatterns: r.day_patterns,
  reasons: r.reasons,
});

/** The region's own settings, else the country's (null when neither is stored). */
export async function findSettings(db: Queryable, kind: DutyKind, regionId: number | null): Promise<SettingsRow | null> {
  const { rows } = await db.query<SettingsDbRow & Record<string, unknown>>(
    `select kind, region_id, eligible_grades, group_max, group_min, join_adjacent_grades, shifts, day_patterns, reasons
       from duty_settings where kind = $1 and (region_id is null or region_id = $2)
      order by region_id nulls last limit 1`,
    [kind, regionId],
  );
  return rows[0] ? toSettings(rows[0]) : null;
}

export async function upsertSettings(db: Queryable, s: SettingsRow, personId: number | null): Promise<void> {
  await db.query(
    `insert into duty_settings (kind, region_id, eligible_grades, group_max, group_min, join_adjacent_grades, shifts, day_patterns, reasons, updated_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (kind, coalesce(region_id, 0)) do update set eligible_grades = excluded.eligible_grades, group_max = excluded.group_max,
       group_min = excluded.group_min, join_adjacent_grades = excluded.join_adjacent_grades, shifts = excluded.shifts,
       day_patterns = excluded.day_patterns, reasons = excluded.reasons, updated_by = excluded.updated_by, updated_at = now()`,
    [s.kind, s.regionId, s.eligibleGrades, s.groupMax, s.groupMin, s.joinAdjacentGrades, s.shifts, s.dayPatterns, JSON.stringify(s.reasons), personId],
  );
}

export async function regionExists(db: Queryable, regionId: number): Promise<boolean> {
  const { rows } = await db.query('select 1 from regions where id = $1', [regionId]);
  return rows.length > 0;
}

// ── organisations (read) ────────────────────────────────────────────────────────────────────

export interface OrgRow {
  id: number;
  kind: string;
  districtId: number;
  regionId: number;
  timeZone: string;
  name: Name;
}

export async function findOrganisation(db: Queryable, id: number): Promise<OrgRow | null> {
  const { rows } = await db.query<{ id: number; kind: string; district_id: number; region_id: number; time_zone: string; name: Name }>(
    `select id, kind, district_id, region_id, time_zone, json_build_object('kk', name_kk, 'ru', name_ru, 'en', name_en) as name
       from organisations where id = $1`,
    [id],
  );
  const r = rows[0];
  return r ? { id: r.id, kind: r.kind, districtId: r.district_id, regionId: r.region_id, timeZone: r.time_zone, name: r.name } : null;
}

export async function currentYearId(db: Queryable): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('select id from academic_years where is_current');
  return rows[0]?.id ?? null;
}

// ── windows ─────────────────────────────────────────────────────────────────────────────────

export interface WindowRow {
  id: number;
  organisationId: number;
  academicYearId: number;
  opensOn: string;
  closesOn: string;
  eligibleGrades: number[];
  groupMax: number;
  groupMin: number;
  joinAdjacentGrades: boolean;
  shifts: number[];
  dayPatterns: string[];
  reasons: ReasonOption[];
  closedAt: string | null;
  lastGroupedAt: string | null;
  org: { kind: string; districtId: number; regionId: number; timeZone: string };
  counts: { submitted: number; placed: number; waiting: number; withdrawn: number };
  groups: number;
}

const WINDOW_SELECT = `
  select w.id, w.organisation_id, w.academic_year_id, w.opens_on, w.closes_on, w.eligible_grades, w.group_max, w.group_min,
    w.join_adjacent_grades, w.shifts, w.day_patterns, w.reasons, w.closed_at, w.last_grouped_at,
    o.kind as org_kind, o.district_id, o.region_id, o.time_zone,
    (select json_build_object(
        'submitted', count(*) filter (where a.status = 'submitted'), 'placed', count(*) filter (where a.status = 'placed'),
        'waiting', count(*) filter (where a.status = 'waiting'), 'withdrawn', count(*) filter (where a.status = 'withdrawn'))
       from duty_applications a where a.window_id = w.id) as counts,
    (select count(*) from duty_groups g where g.window_id = w.id)::int as groups
  from duty_windows w join organisations o on o.id = w.organisation_id`;

type WindowDbRow = {
  id: number;
  organisation_id: number;
  academic_year_id: number;
  opens_on: string;
  closes_on: string;
  eligible_grades: number[];
  group_max: number;
  group_min: number;
  join_adjacent_grades: boolean;
  shifts: number[];
  day_patterns: string[];
  reasons: ReasonOption[];
  closed_at: Date | null;
  last_grouped_at: Date | null;
  org_kind: string;
  district_id: number;
  region_id: number;
  time_zone: string;
  counts: WindowRow['counts'];
  groups: number;
};
const toWindow = (r: WindowDbRow): WindowRow => ({
  id: r.id,
  organisationId: r.organisation_id,
  academicYearId: r.academic_year_id,
  opensOn: r.opens_on,
  closesOn: r.closes_on,
  eligibleGrades: r.eligible_grades,
  groupMax: r.group_max,
  groupMin: r.group_min,
  joinAdjacentGrades: r.join_adjacent_grades,
  shifts: r.shifts,
  dayPatterns: r.day_patterns,
  reasons: r.reasons,
  closedAt: r.closed_at?.toISOString() ?? null,
  lastGroupedAt: r.last_grouped_at?.toISOString() ?? null,
  org: { kind: r.org_kind, districtId: r.district_id, regionId: r.region_id, timeZone: r.time_zone },
  counts: r.counts,
  groups: r.groups,
});

export async function findWindow(db: Queryable, id: number, forUpdate = false): Promise<WindowRow | null> {
  if (forUpdate) await db.query('select id from duty_windows where id = $1 for update', [id]);
  const { rows } = await db.query<WindowDbRow & Record<string, unknown>>(`${WINDOW_SELECT} where w.id = $1`, [id]);
  return rows[0] ? toWindow(rows[0]) : null;
}

export async function listWindows(db: Queryable, organisationId: number): Promise<WindowRow[]> {
  const { rows } = await db.query<WindowDbRow & Record<string, unknown>>(`${WINDOW_SELECT} where w.organisation_id = $1 order by w.opens_on desc, w.id desc`, [
    organisationId,
  ]);
  return rows.map(toWindow);
}

export async function overlappingWindow(db: Queryable, organisationId: number, opensOn: string, closesOn: string): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `select id from duty_windows where organisation_id = $1 and closed_at is null and opens_on <= $3 and closes_on >= $2 limit 1`,
    [organisationId, opensOn, closesOn],
  );
  return rows[0]?.id ?? null;
}

export async function insertWindow(
  db: Queryable,
  w: {
    organisationId: number;
    academicYearId: number;
    opensOn: string;
    closesOn: string;
    eligibleGrades: number[];
    groupMax: number;
    groupMin: number;
    joinAdjacentGrades: boolean;
    shifts: number[];
    dayPatterns: string[];
    reasons: ReasonOption[];
    personId: number | null;
  },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into duty_windows (organisation_id, academic_year_id, opens_on, closes_on, eligible_grades, group_max, group_min,
       join_adjacent_grades, shifts, day_patterns, reasons, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
    [
      w.organisationId,
      w.academicYearId,
      w.opensOn,
      w.closesOn,
      w.eligibleGrades,
      w.groupMax,
      w.groupMin,
      w.joinAdjacentGrades,
      w.shifts,
      w.dayPatterns,
      JSON.stringify(w.reasons),
      w.personId,
    ],
  );
  return rows[0]!.id;
}

export async function closeWindow(db: Queryable, id: number, now: Date): Promise<void> {
  await db.query('update duty_windows set closed_at = $2 where id = $1', [id, now]);
}

/** The window a parent applies through: the one open on `today`, else the latest one. */
export async function windowsForOrganisations(db: Queryable, organisationIds: number[], yearId: number): Promise<WindowRow[]> {
  if (organisationIds.length === 0) return [];
  const { rows } = await db.query<WindowDbRow & Record<string, unknown>>(
    `${WINDOW_SELECT} where w.organisation_id = any($1::int[]) and w.academic_year_id = $2 order by w.opens_on desc, w.id desc`,
    [organisationIds, yearId],
  );
  return rows.map(toWindow);
}

// ── children and applications ───────────────────────────────────────────────────────────────

export interface ChildClassRow {
  childId: number;
  child: PersonName;
  classId: number;
  className: string;
  grade: number | null;
  organisationId: number;
  organisationKind: string;
  organisationName: Name;
}

/** The classes the children study in this school year. */
export async function childrenClasses(db: Queryable, childIds: number[], yearId: number): Promise<ChildClassRow[]> {
  if (childIds.length === 0) return [];
  const { rows } = await db.query<{
    child_id: number;
    child: PersonName;
    class_id: number;
    class_name: string;
    grade: number | null;
    organisation_id: number;
    organisation_kind: string;
    organisation_name: Name;
  }>(
    `select p.id as child_id, ${PERSON('p')} as child, c.id as class_id, c.name as class_name, c.grade,
        o.id as organisation_id, o.kind as organisation_kind, json_build_object('kk', o.name_kk, 'ru', o.name_ru, 'en', o.name_en) as organisation_name
       from class_members m join classes c on c.id = m.class_id join organisations o on o.id = c.organisation_id
       join persons p on p.id = m.pupil_id
      where m.pupil_id = any($1::bigint[]) and c.academic_year_id = $2
      order by p.birth_date, p.id, o.id`,
    [childIds, yearId],
  );
  return rows.map((r) => ({
    childId: r.child_id,
    child: r.child,
    classId: r.class_id,
    className: r.class_name,
    grade: r.grade,
    organisationId: r.organisation_id,
    organisationKind: r.organisation_kind,
    organisationName: r.organisation_name,
  }));
}

export interface ApplicationRow {
  id: number;
  windowId: number;
  organisationId: number;
  academicYearId: number;
  childId: number;
  classId: number;
  grade: number;
  applicantId: number;
  reasons: string[];
  priority: number;
  preferredShift: number | null;
  note: string | null;
  status: 'submitted' | 'placed' | 'waiting' | 'withdrawn';
  groupId: number | null;
  waitingReason: string | null;
  placedByHand: boolean;
  submittedAt: string;
  withdrawnAt: string | null;
}

const APP_COLS = `a.id, a.window_id, a.organisation_id, a.academic_year_id, a.child_id, a.class_id, a.grade, a.applicant_id, a.reasons,
  a.priority, a.preferred_shift, a.note, a.status, a.group_id, a.waiting_reason, a.placed_by_hand, a.submitted_at, a.withdrawn_at`;

type AppDbRow = {
  id: number;
  window_id: number;
  organisation_id: number;
  academic_year_id: number;
  child_id: number;
  class_id: number;
  grade: number;
  applicant_id: number;
  reasons: string[];
  priority: number;
  preferred_shift: number | null;
  note: string | null;
  status: ApplicationRow['status'];
  group_id: number | null;
  waiting_reason: string | null;
  placed_by_hand: boolean;
  submitted_at: Date;
  withdrawn_at: Date | null;
};
const toApplication = (r: AppDbRow): ApplicationRow => ({
  id: r.id,
  windowId: r.window_id,
  organisationId: r.organisation_id,
  academicYearId: r.academic_year_id,
  childId: r.child_id,
  classId: r.class_id,
  grade: r.grade,
  applicantId: r.applicant_id,
  reasons: r.reasons,
  priority: r.priority,
  preferredShift: r.preferred_shift,
  note: r.note,
  status: r.status,
  groupId: r.group_id,
  waitingReason: r.waiting_reason,
  placedByHand: r.placed_by_hand,
  submittedAt: r.submitted_at.toISOString(),
  withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
});

export async function findApplication(db: Queryable, id: number, forUpdate = false): Promise<ApplicationRow | null> {
  const { rows } = await db.query<AppDbRow & Record<string, unknown>>(
    `select ${APP_COLS} from duty_applications a where a.id = $1${forUpdate ? ' for update' : ''}`,
    [id],
  );
  return rows[0] ? toApplication(rows[0]) : null;
}

export async function activeApplicationOf(db: Queryable, childId: number, yearId: number): Promise<ApplicationRow | null> {
  const { rows } = await db.query<AppDbRow & Record<string, unknown>>(
    `select ${APP_COLS} from duty_applications a where a.child_id = $1 and a.academic_year_id = $2 and a.status <> 'withdrawn'`,
    [childId, yearId],
  );
  return rows[0] ? toApplication(rows[0]) : null;
}

/** The latest application of each child this year (withdrawn ones included, so a parent sees them). */
export async function latestApplications(db: Queryable, childIds: number[], yearId: number): Promise<ApplicationRow[]> {
  if (childIds.length === 0) return [];
  const { rows } = await db.query<AppDbRow & Record<string, unknown>>(
    `select distinct on (a.child_id, a.organisation_id) ${APP_COLS} from duty_applications a
      where a.child_id = any($1::bigint[]) and a.academic_year_id = $2
      order by a.child_id, a.organisation_id, (a.status <> 'withdrawn') desc, a.submitted_at desc, a.id desc`,
    [childIds, yearId],
  );
  return rows.map(toApplication);
}

export async function insertApplication(
  db: Queryable,
  a: {
    windowId: number;
    organisationId: number;
    academicYearId: number;
    childId: number;
    classId: number;
    grade: number;
    applicantId: number;
    reasons: string[];
    priority: number;
    preferredShift: number | null;
    note: string | null;
    now: Date;
  },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into duty_applications (window_id, organisation_id, academic_year_id, child_id, class_id, grade, applicant_id, reasons,
       priority, preferred_shift, note, submitted_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
    [a.windowId, a.organisationId, a.academicYearId, a.childId, a.classId, a.grade, a.applicantId, a.reasons, a.priority, a.preferredShift, a.note, a.now],
  );
  return rows[0]!.id;
}

export async function withdrawApplication(db: Queryable, id: number, now: Date): Promise<void> {
  await db.query(`update duty_applications set status = 'withdrawn', group_id = null, waiting_reason = null, withdrawn_at = $2 where id = $1`, [id, now]);
}

/** Each waiting application's place in the queue (priority, then application time, then id). */
export async function waitingPositions(db: Queryable, windowIds: number[]): Promise<Map<number, number>> {
  if (windowIds.length === 0) return new Map();
  const { rows } = await db.query<{ id: number; pos: number }>(
    `select id, row_number() over (partition by window_id order by priority, submitted_at, id)::int as pos
       from duty_applications where window_id = any($1::bigint[]) and status = 'waiting'`,
    [windowIds],
  );
  return new Map(rows.map((r) => [r.id, r.pos]));
}

export interface GroupPlaceRow {
  id: number;
  label: string;
  room: { id: number; name: string };
  shift: number;
  days: string;
  teacher: PersonName;
}

export async function groupPlaces(db: Queryable, groupIds: number[]): Promise<Map<number, GroupPlaceRow>> {
  if (groupIds.length === 0) return new Map();
  const { rows } = await db.query<GroupPlaceRow & Record<string, unknown>>(
    `select g.id, g.label, json_build_object('id', r.id, 'name', r.name) as room, g.shift, g.days, ${PERSON('t')} as teacher
       from duty_groups g join rooms r on r.id = g.room_id join persons t on t.id = g.teacher_id where g.id = any($1::bigint[])`,
    [groupIds],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

export interface AdminApplicationRow extends ApplicationRow {
  child: PersonName;
  className: string;
  siblingIds: number[];
}

export async function listApplications(db: Queryable, windowId: number, status: ApplicationRow['status'] | null): Promise<AdminApplicationRow[]> {
  const { rows } = await db.query<AppDbRow & { child: PersonName; class_name: string; sibling_ids: number[] } & Record<string, unknown>>(
    `select ${APP_COLS}, ${PERSON('p')} as child, c.name as class_name,
        coalesce((select json_agg(distinct s.id order by s.id) from parent_links l1 join parent_links l2 on l2.parent_id = l1.parent_id
                    join duty_applications s on s.child_id = l2.child_id and s.window_id = a.window_id and s.status <> 'withdrawn'
                   where l1.child_id = a.child_id and s.id <> a.id), '[]') as sibling_ids
       from duty_applications a join persons p on p.id = a.child_id join classes c on c.id = a.class_id
      where a.window_id = $1 and ($2::text is null or a.status = $2)
      order by a.status, a.priority, a.submitted_at, a.id`,
    [windowId, status],
  );
  return rows.map((r) => ({ ...toApplication(r), child: r.child, className: r.class_name, siblingIds: r.sibling_ids }));
}

// ── grouping input and output ───────────────────────────────────────────────────────────────

/**
 * Everything the grouping of one window needs: classrooms, teachers (the homeroom teachers of the
 * eligible grades first), active applications with the child's parents, and the stored groups.
 */
export async function groupingInput(
  db: Queryable,
  w: WindowRow,
): Promise<{
  rooms: RoomInput[];
  teachers: TeacherInput[];
  applications: ApplicationInput[];
  groups: ExistingGroup[];
  statusOf: Map<number, ApplicationRow['status']>;
}> {
  // one after the other: `db` is the grouping transaction's single connection
  const rooms = await db.query<{ id: number; capacity: number }>(
    `select id, capacity from rooms where organisation_id = $1 and kind = 'classroom' order by id`,
    [w.organisationId],
  );
  const teachers = await db.query<{ id: number; rank: number }>(
    `select r.person_id as id,
          case when exists (select 1 from classes c where c.homeroom_teacher_id = r.person_id and c.organisation_id = $1
                              and c.academic_year_id = $2 and c.grade = any($3::smallint[])) then 0 else 1 end as rank
         from role_assignments r where r.organisation_id = $1 and r.role = 'teacher'`,
    [w.organisationId, w.academicYearId, w.eligibleGrades],
  );
  const apps = await db.query<{
    id: number;
    child_id: number;
    grade: number;
    priority: number;
    submitted_at: Date;
    preferred_shift: number | null;
    parent_ids: number[];
    status: ApplicationRow['status'];
  }>(
    `select a.id, a.child_id, a.grade, a.priority, a.submitted_at, a.preferred_shift, a.status,
          coalesce((select json_agg(l.parent_id order by l.parent_id) from parent_links l where l.child_id = a.child_id), '[]') as parent_ids
         from duty_applications a where a.window_id = $1 and a.status <> 'withdrawn'`,
    [w.id],
  );
  const groups = await db.query<{
    id: number;
    label: string;
    grades: number[];
    shift: number;
    days: string;
    room_id: number;
    teacher_id: number;
    member_ids: number[];
  }>(
    `select g.id, g.label, g.grades, g.shift, g.days, g.room_id, g.teacher_id,
          coalesce((select json_agg(a.id order by a.id) from duty_applications a where a.group_id = g.id), '[]') as member_ids
         from duty_groups g where g.window_id = $1`,
    [w.id],
  );
  return {
    rooms: rooms.rows,
    teachers: teachers.rows,
    applications: apps.rows.map((a) => ({
      id: a.id,
      childId: a.child_id,
      grade: a.grade,
      priority: a.priority,
      submittedAt: a.submitted_at.toISOString(),
      preferredShift: a.preferred_shift,
      parentIds: a.parent_ids.length ? a.parent_ids : [-a.child_id],
    })),
    groups: groups.rows.map((g) => ({
      id: g.id,
      label: g.label,
      grades: g.grades,
      shift: g.shift,
      days: g.days,
      roomId: g.room_id,
      teacherId: g.teacher_id,
      memberIds: g.member_ids,
    })),
    statusOf: new Map(apps.rows.map((a) => [a.id, a.status])),
  };
}

export async function clearGroupsOf(db: Queryable, groupIds: number[]): Promise<void> {
  if (groupIds.length === 0) return;
  await db.query(`update duty_applications set group_id = null, status = 'submitted' where group_id = any($1::bigint[])`, [groupIds]);
  await db.query('delete from duty_groups where id = any($1::bigint[])', [groupIds]);
}

export async function updateGroup(db: Queryable, g: { id: number; label: string; grades: number[]; capacity: number }): Promise<void> {
  await db.query('update duty_groups set label = $2, grades = $3, capacity = $4 where id = $1', [g.id, g.label, g.grades, g.capacity]);
}

export async function insertGroups(
  db: Queryable,
  windowId: number,
  organisationId: number,
  groups: {
    label: string;
    grades: number[];
    shift: number;
    days: string;
    roomId: number;
    teacherId: number;
    capacity: number;
  }[],
): Promise<number[]> {
  if (groups.length === 0) return [];
  // labels are unique within a window, so they tie each returned id to its group
  const { rows } = await db.query<{ id: number; label: string }>(
    `insert into duty_groups (window_id, organisation_id, label, grades, shift, days, room_id, teacher_id, capacity)
     select $1, $2, l, string_to_array(gr, ',')::smallint[], s, d, r, t, c
       from unnest($3::text[], $4::text[], $5::smallint[], $6::text[], $7::int[], $8::bigint[], $9::smallint[]) as x(l, gr, s, d, r, t, c)
     returning id, label`,
    [
      windowId,
      organisationId,
      groups.map((g) => g.label),
      groups.map((g) => g.grades.join(',')),
      groups.map((g) => g.shift),
      groups.map((g) => g.days),
      groups.map((g) => g.roomId),
      groups.map((g) => g.teacherId),
      groups.map((g) => g.capacity),
    ],
  );
  const byLabel = new Map(rows.map((r) => [r.label, r.id]));
  return groups.map((g) => byLabel.get(g.label)!);
}

export async function placeApplications(db: Queryable, placements: { applicationId: number; groupId: number }[], now: Date): Promise<void> {
  if (placements.length === 0) return;
  await db.query(
    `update duty_applications a set group_id = p.g, status = 'placed', waiting_reason = null,
        decided_at = case when a.group_id is distinct from p.g then $3 else a.decided_at end,
        placed_by_hand = case when a.group_id is distinct from p.g then false else a.placed_by_hand end
       from unnest($1::bigint[], $2::bigint[]) as p(a, g) where a.id = p.a`,
    [placements.map((p) => p.applicationId), placements.map((p) => p.groupId), now],
  );
}

export async function markWaiting(db: Queryable, waiting: { applicationId: number; reason: string }[], now: Date): Promise<void> {
  if (waiting.length === 0) return;
  await db.query(
    `update duty_applications a set group_id = null, status = 'waiting', waiting_reason = p.r,
        decided_at = case when a.status <> 'waiting' then $3 else a.decided_at end
       from unnest($1::bigint[], $2::text[]) as p(a, r) where a.id = p.a`,
    [waiting.map((w) => w.applicationId), waiting.map((w) => w.reason), now],
  );
}

export async function markGrouped(db: Queryable, windowId: number, now: Date): Promise<void> {
  await db.query('update duty_windows set last_grouped_at = $2 where id = $1', [windowId, now]);
}

export interface GroupRow {
  id: number;
  label: string;
  grades: number[];
  shift: number;
  days: string;
  capacity: number;
  room: { id: number; name: string; capacity: number };
  teacher: PersonName & { id: number };
  members: { applicationId: number; child: PersonName & { id: number }; grade: number; className: string; placedByHand: boolean }[];
}

export async function groupsWithMembers(db: Queryable, windowId: number): Promise<GroupRow[]> {
  const { rows } = await db.query<GroupRow & Record<string, unknown>>(
    `select g.id, g.label, g.grades, g.shift, g.days, g.capacity,
        json_build_object('id', r.id, 'name', r.name, 'capacity', r.capacity) as room,
        json_build_object('id', t.id, 'lastName', t.last_name, 'firstName', t.first_name, 'middleName', t.middle_name) as teacher,
        coalesce((select json_agg(json_build_object('applicationId', a.id,
            'child', json_build_object('id', p.id, 'lastName', p.last_name, 'firstName', p.first_name, 'middleName', p.middle_name),
            'grade', a.grade, 'className', c.name, 'placedByHand', a.placed_by_hand) order by p.last_name, p.first_name, a.id)
           from duty_applications a join persons p on p.id = a.child_id join classes c on c.id = a.class_id
          where a.group_id = g.id), '[]') as members
       from duty_groups g join rooms r on r.id = g.room_id join persons t on t.id = g.teacher_id
      where g.window_id = $1 order by g.shift, g.days, g.label`,
    [windowId],
  );
  return rows;
}

export async function findGroup(
  db: Queryable,
  id: number,
  forUpdate = false,
): Promise<{ id: number; windowId: number; grades: number[]; capacity: number; size: number } | null> {
  if (forUpdate) await db.query('select id from duty_groups where id = $1 for update', [id]);
  const { rows } = await db.query<{ id: number; window_id: number; grades: number[]; capacity: number; size: number }>(
    `select g.id, g.window_id, g.grades, g.capacity, (select count(*) from duty_applications a where a.group_id = g.id)::int as size
       from duty_groups g where g.id = $1`,
    [id],
  );
  const r = rows[0];
  return r ? { id: r.id, windowId: r.window_id, grades: r.grades, capacity: r.capacity, size: r.size } : null;
}

export async function moveApplication(db: Queryable, applicationId: number, groupId: number | null, now: Date): Promise<void> {
  if (groupId === null) {
    await db.query(
      `update duty_applications set group_id = null, status = 'waiting', waiting_reason = 'moved_by_admin', placed_by_hand = true, decided_at = $2
        where id = $1`,
      [applicationId, now],
    );
  } else {
    await db.query(
      `update duty_applications set group_id = $2, status = 'placed', waiting_reason = null, placed_by_hand = true, decided_at = $3 where id = $1`,
      [applicationId, groupId, now],
    );
  }
}

// ── notifications to families ───────────────────────────────────────────────────────────────

/**
 * The notifications to the parents (with an account) of the children whose application changed:
 * placed in a group, moved, or put on the waiting list. One set-based read; the caller hands the
 * rows to the notifications module's `notify()`.
 */
export async function familyNotifications(
  db: Queryable,
  events: { applicationId: number; kind: 'duty.placed' | 'duty.waiting' | 'duty.moved' }[],
): Promise<{ personId: number; kind: string; params: Record<string, unknown> }[]> {
  if (events.length === 0) return [];
  const { rows } = await db.query<{ person_id: number; kind: string; params: Record<string, unknown> }>(
    `select l.parent_id as person_id, e.k as kind, jsonb_build_object(
         'applicationId', a.id, 'childId', a.child_id, 'childName', p.first_name,
         'organisationName', jsonb_build_object('kk', o.name_kk, 'ru', o.name_ru, 'en', o.name_en),
         'group', case when g.id is null then null else jsonb_build_object('label', g.label, 'shift', g.shift, 'days', g.days, 'room', r.name) end) as params
       from unnest($1::bigint[], $2::text[]) as e(a, k)
       join duty_applications a on a.id = e.a join persons p on p.id = a.child_id join organisations o on o.id = a.organisation_id
       join parent_links l on l.child_id = a.child_id
       left join duty_groups g on g.id = a.group_id left join rooms r on r.id = g.room_id
      where exists (select 1 from accounts ac where ac.person_id = l.parent_id and ac.disabled_at is null)`,
    [events.map((e) => e.applicationId), events.map((e) => e.kind)],
  );
  return rows.map((r) => ({ personId: r.person_id, kind: r.kind, params: r.params }));
}

// ── officers' totals ────────────────────────────────────────────────────────────────────────

export interface TotalsRow {
  area: { id: number; name: Name };
  windows: number;
  openWindows: number;
  applications: number;
  placed: number;
  waiting: number;
  submitted: number;
  groups: number;
}

/** Totals per region, district or organisation, within the officer's scope filter. */
export async function totals(
  db: Queryable,
  level: 'region' | 'district' | 'organisation',
  f: {
    all: boolean;
    regionIds: number[];
    districtIds: number[];
    regionId: number | null;
    districtId: number | null;
    today: string;
  },
): Promise<TotalsRow[]> {
  const key = { region: 'o.region_id', district: 'o.district_id', organisation: 'o.id' }[level];
  const nameTable = { region: 'regions', district: 'districts', organisation: 'organisations' }[level];
  const { rows } = await db.query<TotalsRow & Record<string, unknown>>(
    `with scoped as (
       select o.id, o.region_id, o.district_id from organisations o
        where ($1::boolean or o.region_id = any($2::int[]) or o.district_id = any($3::int[]))
          and ($4::int is null or o.region_id = $4) and ($5::int is null or o.district_id = $5)
     ),
     w as (
       select ${key.replace('o.', 's.')} as area_id, count(*)::int as windows,
         count(*) filter (where w.closed_at is null and w.opens_on <= $6::date and w.closes_on >= $6::date)::int as open_windows
         from duty_windows w join scoped s on s.id = w.organisation_id
         where w.academic_year_id = (select id from academic_years where is_current) group by 1
     ),
     a as (
       select ${key.replace('o.', 's.')} as area_id, count(*) filter (where a.status <> 'withdrawn')::int as applications,
         count(*) filter (where a.status = 'placed')::int as placed, count(*) filter (where a.status = 'waiting')::int as waiting,
         count(*) filter (where a.status = 'submitted')::int as submitted
         from duty_applications a join scoped s on s.id = a.organisation_id
         where a.academic_year_id = (select id from academic_years where is_current) group by 1
     ),
     g as (
       select ${key.replace('o.', 's.')} as area_id, count(*)::int as groups
         from duty_groups g join duty_windows w on w.id = g.window_id join scoped s on s.id = g.organisation_id
         where w.academic_year_id = (select id from academic_years where is_current) group by 1
     )
     select json_build_object('id', n.id, 'name', json_build_object('kk', n.name_kk, 'ru', n.name_ru, 'en', n.name_en)) as area,
       coalesce(w.windows, 0) as windows, coalesce(w.open_windows, 0) as "openWindows", coalesce(a.applications, 0) as applications,
       coalesce(a.placed, 0) as placed, coalesce(a.waiting, 0) as waiting, coalesce(a.submitted, 0) as submitted, coalesce(g.groups, 0) as groups
       from w full join a using (area_id) full join g using (area_id) join ${nameTable} n on n.id = area_id
      order by n.name_en`,
    [f.all, f.regionIds, f.districtIds, f.regionId, f.districtId, f.today],
  );
  return rows;
}

/** Of these children, the ones placed in a duty group this school year (read by supplies: they learn in person). */
export async function placedChildren(db: Queryable, childIds: number[]): Promise<number[]> {
  if (childIds.length === 0) return [];
  const { rows } = await db.query<{ child_id: number }>(
    `select a.child_id from duty_applications a join academic_years y on y.id = a.academic_year_id and y.is_current
      where a.child_id = any($1::bigint[]) and a.status = 'placed'`,
    [childIds],
  );
  return rows.map((r) => Number(r.child_id));
}

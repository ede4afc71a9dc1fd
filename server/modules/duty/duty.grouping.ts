/**
 * Forming duty groups from parents' applications — a pure, deterministic function, the same for
 * school duty classes (≤ 15), kindergarten duty groups (≤ 15) and clubs of additional education (≤ 5).
 *
 * A group meets in one room, in one shift, on one day pattern (e.g. Mon-Wed-Fri / Tue-Thu-Sat);
 * that (shift, days) pair is its slot. In a slot a room holds one group and a teacher leads one.
 *
 * The order of work:
 *  1. Groups kept from an earlier run keep their children, room, slot and teacher (unless
 *     `reshuffle`); children whose application is no longer active leave them.
 *  2. The others are taken by priority (lower number = more urgent), then application time, then
 *     id. A family (applications sharing a parent) is placed together at its first member's turn,
 *     all in one shift: the shift of a sibling already placed, else the first shift (by the head's
 *     preference) that fits the whole family, else the one that fits most of it.
 *  3. A child joins a group of their own grade with space, else opens a new group (a free room and
 *     teacher in a slot, preferred shift first), else — where adjacent grades may be joined — a
 *     group whose grades stay within two adjacent ones, else waits.
 *  4. Groups opened in this run that stay below the minimum are merged into a compatible group
 *     where they fit (of another shift only when none of their children has a sibling placed
 *     elsewhere); the freed room and teacher then serve the waiting list again.
 *  5. Whoever is left waits, in the order of step 2.
 */

export interface GroupingSettings {
  /** the most children in a group (a room's capacity may lower it) */
  groupMax: number;
  /** a group below it is merged where possible and otherwise flagged */
  groupMin: number;
  eligibleGrades: number[];
  joinAdjacentGrades: boolean;
  shifts: number[];
  dayPatterns: string[];
}

export interface RoomInput {
  id: number;
  capacity: number;
}
/** `rank`: lower is asked first (e.g. the primary-grade class teachers before the others). */
export interface TeacherInput {
  id: number;
  rank: number;
}

export interface ApplicationInput {
  id: number;
  childId: number;
  grade: number;
  /** lower = more urgent; from the application's reasons */
  priority: number;
  /** ISO instant */
  submittedAt: string;
  preferredShift: number | null;
  parentIds: number[];
}

export interface ExistingGroup {
  id: number;
  label: string;
  grades: number[];
  shift: number;
  days: string;
  roomId: number;
  teacherId: number;
  /** application ids */
  memberIds: number[];
}

export interface GroupingInput {
  settings: GroupingSettings;
  rooms: RoomInput[];
  teachers: TeacherInput[];
  /** the active applications (submitted, placed or waiting) */
  applications: ApplicationInput[];
  groups: ExistingGroup[];
  /** start from nothing: already placed children may move */
  reshuffle: boolean;
}

export interface PlannedGroup {
  /** the stored group's id, or null for a group opened by this run */
  id: number | null;
  label: string;
  grades: number[];
  shift: number;
  days: string;
  roomId: number;
  teacherId: number;
  capacity: number;
  memberIds: number[];
  belowMinimum: boolean;
}

export type WaitReason = 'no_room_or_teacher' | 'sibling_shift_full';

export interface GroupingResult {
  groups: PlannedGroup[];
  /** in waiting-list order */
  waiting: { applicationId: number; reason: WaitReason }[];
  /** applications for a grade the window does not serve (never placed) */
  ineligible: number[];
}

interface Group extends PlannedGroup {
  created: boolean;
  seq: number;
  /** indexes of its slot, room and teacher (-1: not among this run's) */
  slot: number;
  ri: number;
  ti: number;
}

const slotKey = (shift: number, days: string) => `${shift}|${days}`;

/** Applications in waiting-list order: priority, then application time, then id. */
export function byQueueOrder(a: ApplicationInput, b: ApplicationInput): number {
  return a.priority - b.priority || (a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : 0) || a.id - b.id;
}

/** Families: applications connected by a shared parent (union-find over parent ids). */
export function familiesOf(apps: ApplicationInput[]): Map<number, number> {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let c = x;
    while (c !== r) {
      const n = parent.get(c)!;
      parent.set(c, r);
      c = n;
    }
    return r;
  };
  for (const a of apps) parent.set(a.id, a.id);
  const byParent = new Map<number, number>();
  for (const a of [...apps].sort((x, y) => x.id - y.id)) {
    for (const p of a.parentIds) {
      const other = byParent.get(p);
      if (other === undefined) byParent.set(p, a.id);
      else {
        const ra = find(a.id),
          rb = find(other);
        if (ra !== rb) parent.set(Math.max(ra, rb), Math.min(ra, rb));
      }
    }
  }
  const family = new Map<number, number>();
  for (const a of apps) family.set(a.id, find(a.id));
  return family;
}

/** '2' for one grade, '1+2' for two joined ones; a group is named '<grades>-<n>', e.g. '2-1', '1+2-1'. */
function gradeLabel(grades: number[]): string {
  return [...grades].sort((a, b) => a - b).join('+');
}

export function formGroups(input: GroupingInput): GroupingResult {
  const s = input.settings;
  const spread = s.joinAdjacentGrades ? 1 : 0;
  const eligible = new Set(s.eligibleGrades);
  const apps = [...input.applications].sort((a, b) => a.id - b.id);
  const appById = new Map(apps.map((a) => [a.id, a]));
  const ineligible = apps.filter((a) => !eligible.has(a.grade)).map((a) => a.id);
  const rooms = [...input.rooms].sort((a, b) => b.capacity - a.capacity || a.id - b.id);
  const teachers = [...input.teachers].sort((a, b) => a.rank - b.rank || a.id - b.id);
  const slots = s.shifts.flatMap((shift) => s.dayPatterns.map((days) => ({ shift, days })));

  // Who is busy in which slot, by index: rooms and teachers are taken lowest index first (largest
  // room, first-ranked teacher), so each slot keeps a pointer below which everything is taken.
  const slotIndex = new Map(slots.map((sl, i) => [slotKey(sl.shift, sl.days), i]));
  const roomIndex = new Map(rooms.map((r, i) => [r.id, i]));
  const teacherIndex = new Map(teachers.map((t, i) => [t.id, i]));
  const R = rooms.length,
    T = teachers.length;
  const roomBusy = new Uint8Array(slots.length * R);
  const teacherBusy = new Uint8Array(slots.length * T);
  const roomFrom = new Int32Array(slots.length);
  const teacherFrom = new Int32Array(slots.length);
  const firstFree = (busy: Uint8Array, from: Int32Array, n: number, slot: number): number => {
    let i = from[slot]!;
    while (i < n && busy[slot * n + i]) i += 1;
    from[slot] = i;
    return i < n ? i : -1;
  };
  const release = (busy: Uint8Array, from: Int32Array, n: number, slot: number, i: number) => {
    if (slot < 0 || i < 0) return;
    busy[slot * n + i] = 0;
    if (i < from[slot]!) from[slot] = i;
  };

  const groups: Group[] = [];
  const groupOf = new Map<number, Group>();
  let seq = 0;

  // 1. what earlier runs placed stays where it is
  if (!input.reshuffle) {
    for (const g of [...input.groups].sort((a, b) => a.id - b.id)) {
      const members = g.memberIds.filter((id) => appById.has(id) && eligible.has(appById.get(id)!.grade) && !groupOf.has(id));
      if (members.length === 0) continue; // an emptied group gives its room and teacher back
      const slot = slotIndex.get(slotKey(g.shift, g.days)) ?? -1;
      const ri = roomIndex.get(g.roomId) ?? -1;
      const ti = teacherIndex.get(g.teacherId) ?? -1;
      const group: Group = {
        id: g.id,
        label: g.label,
        grades: [...g.grades],
        shift: g.shift,
        days: g.days,
        roomId: g.roomId,
        teacherId: g.teacherId,
        capacity: Math.max(members.length, Math.min(s.groupMax, ri >= 0 ? rooms[ri]!.capacity : s.groupMax)),
        memberIds: members,
        belowMinimum: false,
        created: false,
        seq: seq++,
        slot,
        ri,
        ti,
      };
      groups.push(group);
      for (const id of members) groupOf.set(id, group);
      // case: a room or teacher no longer listed, or a slot the settings dropped: the group stays, nothing to book
      if (slot >= 0 && ri >= 0) roomBusy[slot * R + ri] = 1;
      if (slot >= 0 && ti >= 0) teacherBusy[slot * T + ti] = 1;
    }
  }
  const usedLabels = new Set(groups.map((g) => g.label));

  const family = familiesOf(apps);
  const membersOf = new Map<number, ApplicationInput[]>();
  for (const a of apps) {
    const f = family.get(a.id)!;
    const list = membersOf.get(f);
    if (list) list.push(a);
    else membersOf.set(f, [a]);
  }
  const familyShifts = (f: number): number[] => {
    const out: number[] = [];
    for (const m of membersOf.get(f)!) {
      const sh = groupOf.get(m.id)?.shift;
      if (sh !== undefined && !out.includes(sh)) out.push(sh);
    }
    return out;
  };

  const fits = (g: Group, grade: number): boolean => {
    if (g.memberIds.length >= g.capacity) return false;
    let lo = grade,
      hi = grade;
    for (const x of g.grades) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    return hi - lo <= spread;
  };
  const sameGradeGroup = (shift: number, grade: number): Group | undefined => {
    for (const g of groups) if (g.shift === shift && g.grades.length === 1 && g.grades[0] === grade && g.memberIds.length < g.capacity) return g;
    return undefined;
  };
  const nearGroup = (shift: number, grade: number): Group | undefined => {
    for (const g of groups) if (g.shift === shift && fits(g, grade)) return g;
    return undefined;
  };
  const canOpen = (shift: number): boolean => {
    for (let i = 0; i < slots.length; i++) {
      if (slots[i]!.shift === shift && firstFree(roomBusy, roomFrom, R, i) >= 0 && firstFree(teacherBusy, teacherFrom, T, i) >= 0) return true;
    }
    return false;
  };

  type Action = { app: number; group: Group; opened: boolean; prevGrades: number[] };
  const drop = (g: Group) => {
    groups.splice(groups.indexOf(g), 1);
    release(roomBusy, roomFrom, R, g.slot, g.ri);
    release(teacherBusy, teacherFrom, T, g.slot, g.ti);
    usedLabels.delete(g.label);
  };
  const undo = (actions: Action[]) => {
    for (const a of actions.reverse()) {
      a.group.memberIds.pop();
      a.group.grades = a.prevGrades;
      groupOf.delete(a.app);
      if (a.opened) drop(a.group);
    }
  };

  const open = (grade: number, shift: number): Group | null => {
    for (let i = 0; i < slots.length; i++) {
      if (slots[i]!.shift !== shift) continue;
      const ri = firstFree(roomBusy, roomFrom, R, i);
      const ti = firstFree(teacherBusy, teacherFrom, T, i);
      if (ri < 0 || ti < 0) continue;
      let n = 1;
      while (usedLabels.has(`${grade}-${n}`)) n += 1;
      const room = rooms[ri]!;
      const group: Group = {
        id: null,
        label: `${grade}-${n}`,
        grades: [grade],
        shift,
        days: slots[i]!.days,
        roomId: room.id,
        teacherId: teachers[ti]!.id,
        capacity: Math.min(s.groupMax, room.capacity),
        memberIds: [],
        belowMinimum: false,
        created: true,
        seq: seq++,
        slot: i,
        ri,
        ti,
      };
      usedLabels.add(group.label);
      roomBusy[i * R + ri] = 1;
      teacherBusy[i * T + ti] = 1;
      groups.push(group);
      return group;
    }
    return null;
  };

  const join = (app: ApplicationInput, g: Group, opened: boolean): Action => {
    const prevGrades = g.grades;
    g.memberIds.push(app.id);
    if (!g.grades.includes(app.grade)) g.grades = [...g.grades, app.grade].sort((a, b) => a - b);
    groupOf.set(app.id, g);
    return { app: app.id, group: g, opened, prevGrades };
  };

  /** Places one child in a shift: a group of their grade with room, else a new group, else an adjacent grade's. */
  const placeOne = (app: ApplicationInput, shift: number): Action | null => {
    const same = sameGradeGroup(shift, app.grade);
    if (same) return join(app, same, false);
    const g = open(app.grade, shift);
    if (g) return join(app, g, true);
    if (spread > 0) {
      const near = nearGroup(shift, app.grade);
      if (near) return join(app, near, false);
    }
    return null;
  };

  /** What placeOne would do in a shift, without doing it: [placed, opened]. */
  const outcome = (app: ApplicationInput, shift: number): [number, number] => {
    if (sameGradeGroup(shift, app.grade)) return [1, 0];
    if (canOpen(shift)) return [1, 1];
    if (spread > 0 && nearGroup(shift, app.grade)) return [1, 0];
    return [0, 0];
  };

  const shiftOrder = (preferred: number | null): number[] =>
    preferred !== null && s.shifts.includes(preferred) ? [preferred, ...s.shifts.filter((x) => x !== preferred)] : [...s.shifts];

  const waitReason = new Map<number, WaitReason>();

  /** One pass over the not-yet-placed children in queue order, a family at a time. */
  const placementPass = () => {
    const pending = apps.filter((a) => eligible.has(a.grade) && !groupOf.has(a.id)).sort(byQueueOrder);
    const done = new Set<number>();
    for (const head of pending) {
      const f = family.get(head.id)!;
      if (done.has(f)) continue;
      done.add(f);
      const members = membersOf
        .get(f)!
        .filter((a) => !groupOf.has(a.id) && eligible.has(a.grade))
        .sort(byQueueOrder);
      const fixed = familyShifts(f);
      const candidates = fixed.length ? shiftOrder(head.preferredShift).filter((x) => fixed.includes(x)) : shiftOrder(head.preferredShift);
      // the shift that places the most of the family, opening the fewest new groups; the preference breaks ties
      let best: { shift: number; placed: number; opened: number } | null = null;
      for (const shift of candidates) {
        let placed: number, opened: number;
        if (members.length === 1) {
          [placed, opened] = outcome(members[0]!, shift);
        } else {
          const actions: Action[] = [];
          for (const m of members) {
            const a = placeOne(m, shift);
            if (a) actions.push(a);
          }
          placed = actions.length;
          opened = actions.filter((a) => a.opened).length;
          undo(actions);
        }
        if (!best || placed > best.placed || (placed === best.placed && opened < best.opened)) best = { shift, placed, opened };
        if (placed === members.length && opened === 0) break;
      }
      for (const m of members) {
        const a = best && best.placed > 0 ? placeOne(m, best.shift) : null;
        if (!a) waitReason.set(m.id, fixed.length || (best && best.placed > 0) ? 'sibling_shift_full' : 'no_room_or_teacher');
        else waitReason.delete(m.id);
      }
    }
  };

  /** Folds groups opened in this run that stay below the minimum into a compatible group (see step 4). */
  const mergePass = (): boolean => {
    let merged = false;
    const small = groups.filter((g) => g.created && g.memberIds.length < s.groupMin).sort((a, b) => a.memberIds.length - b.memberIds.length || a.seq - b.seq);
    for (const src of small) {
      if (!groups.includes(src)) continue;
      // a group whose children have no brother or sister placed outside it may change shift
      const movable = src.memberIds.every((id) => membersOf.get(family.get(id)!)!.every((m) => !groupOf.has(m.id) || groupOf.get(m.id) === src));
      let target: Group | undefined;
      for (const t of groups) {
        if (t === src || !(t.shift === src.shift || movable) || t.memberIds.length + src.memberIds.length > t.capacity) continue;
        const all = [...t.grades, ...src.grades];
        if (Math.max(...all) - Math.min(...all) > spread) continue;
        const better =
          !target ||
          Number(t.shift === src.shift) - Number(target.shift === src.shift) > 0 ||
          ((t.shift === src.shift) === (target.shift === src.shift) &&
            (t.memberIds.length > target.memberIds.length || (t.memberIds.length === target.memberIds.length && t.seq < target.seq)));
        if (better) target = t;
      }
      if (!target) continue;
      for (const id of src.memberIds) groupOf.set(id, target);
      target.memberIds = [...target.memberIds, ...src.memberIds];
      target.grades = [...new Set([...target.grades, ...src.grades])].sort((a, b) => a - b);
      drop(src);
      merged = true;
    }
    return merged;
  };

  placementPass();
  for (let round = 0; round < 4 && mergePass(); round += 1) placementPass();

  // a group that took in another grade is named after its grades ('1+2-1'); kept groups keep their names
  for (const g of groups) {
    if (!g.created) continue;
    const base = gradeLabel(g.grades);
    if (g.label.startsWith(`${base}-`) && /^\d+$/.test(g.label.slice(base.length + 1))) continue;
    usedLabels.delete(g.label);
    let n = 1;
    while (usedLabels.has(`${base}-${n}`)) n += 1;
    g.label = `${base}-${n}`;
    usedLabels.add(g.label);
  }

  const waiting = apps
    .filter((a) => eligible.has(a.grade) && !groupOf.has(a.id))
    .sort(byQueueOrder)
    .map((a) => ({ applicationId: a.id, reason: waitReason.get(a.id) ?? ('no_room_or_teacher' as const) }));
  const planned = groups
    .sort((a, b) => a.seq - b.seq)
    .map(({ created: _c, seq: _s, slot: _sl, ri: _r, ti: _t, ...g }) => ({ ...g, memberIds: [...g.memberIds], belowMinimum: g.memberIds.length < s.groupMin }));
  return { groups: planned, waiting, ineligible };
}

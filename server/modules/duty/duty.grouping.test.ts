import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  byQueueOrder,
  familiesOf,
  formGroups,
  type ApplicationInput,
  type GroupingInput,
  type GroupingResult,
  type GroupingSettings,
} from './duty.grouping.js';

// ── generators ──────────────────────────────────────────────────────────────────────────────

const settingsArb: fc.Arbitrary<GroupingSettings> = fc
  .record({
    groupMax: fc.integer({ min: 1, max: 15 }),
    minShare: fc.integer({ min: 0, max: 100 }),
    joinAdjacentGrades: fc.boolean(),
    shifts: fc.subarray([1, 2, 3], { minLength: 1 }),
    dayPatterns: fc.subarray(['mon-wed-fri', 'tue-thu-sat'], { minLength: 1 }),
  })
  .map(({ minShare, ...s }) => ({
    ...s,
    groupMin: Math.max(1, Math.round((s.groupMax * minShare) / 100)),
    eligibleGrades: [1, 2, 3, 4],
  }));

const appsArb = (n: number): fc.Arbitrary<ApplicationInput[]> =>
  fc
    .array(
      fc.record({
        grade: fc.integer({ min: 0, max: 5 }), // 0 and 5 are not eligible
        priority: fc.integer({ min: 1, max: 4 }),
        minute: fc.integer({ min: 0, max: 5000 }),
        preferredShift: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
        // a small pool of parents makes siblings common
        parentIds: fc.uniqueArray(fc.integer({ min: 1, max: Math.max(2, Math.floor(n * 0.7)) }), { minLength: 1, maxLength: 2 }),
      }),
      { maxLength: n },
    )
    .map((rows) =>
      rows.map((r, i) => ({
        id: 1000 + i,
        childId: 5000 + i,
        grade: r.grade,
        priority: r.priority,
        submittedAt: new Date(Date.UTC(2020, 7, 20) + r.minute * 60_000).toISOString(),
        preferredShift: r.preferredShift,
        parentIds: r.parentIds,
      })),
    );

const inputArb: fc.Arbitrary<GroupingInput> = fc.record({
  settings: settingsArb,
  rooms: fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 50 }), capacity: fc.integer({ min: 1, max: 30 }) }), { selector: (r) => r.id, maxLength: 6 }),
  teachers: fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 50 }), rank: fc.integer({ min: 0, max: 1 }) }), { selector: (t) => t.id, maxLength: 6 }),
  applications: appsArb(60),
  groups: fc.constant([]),
  reshuffle: fc.constant(false),
});

// ── invariants every result must keep ───────────────────────────────────────────────────────

function checkInvariants(input: GroupingInput, out: GroupingResult, splitBefore: (family: number) => boolean = () => false): void {
  const s = input.settings;
  const apps = new Map(input.applications.map((a) => [a.id, a]));
  const capacity = new Map(input.rooms.map((r) => [r.id, r.capacity]));
  const teacherIds = new Set(input.teachers.map((t) => t.id));
  const placedIn = new Map<number, (typeof out.groups)[number]>();
  const roomSlots = new Set<string>();
  const teacherSlots = new Set<string>();

  for (const g of out.groups) {
    // a group never holds more than its cap, nor more than its room seats
    expect(g.memberIds.length).toBeGreaterThan(0);
    expect(g.memberIds.length).toBeLessThanOrEqual(Math.min(s.groupMax, capacity.get(g.roomId)!));
    expect(s.shifts).toContain(g.shift);
    expect(s.dayPatterns).toContain(g.days);
    expect(teacherIds.has(g.teacherId)).toBe(true);
    // no room and no teacher is booked twice in a slot
    const rk = `${g.roomId}|${g.shift}|${g.days}`;
    const tk = `${g.teacherId}|${g.shift}|${g.days}`;
    expect(roomSlots.has(rk)).toBe(false);
    expect(teacherSlots.has(tk)).toBe(false);
    roomSlots.add(rk);
    teacherSlots.add(tk);
    // grades stay one, or two adjacent ones where that is allowed
    expect(Math.max(...g.grades) - Math.min(...g.grades)).toBeLessThanOrEqual(s.joinAdjacentGrades ? 1 : 0);
    expect(g.belowMinimum).toBe(g.memberIds.length < s.groupMin);
    for (const id of g.memberIds) {
      // every placed child applied, in an eligible grade, and is placed once
      const app = apps.get(id);
      expect(app).toBeDefined();
      expect(s.eligibleGrades).toContain(app!.grade);
      expect(g.grades).toContain(app!.grade);
      expect(placedIn.has(id)).toBe(false);
      placedIn.set(id, g);
    }
  }

  // siblings in the school share a shift
  const family = familiesOf(input.applications);
  const shiftOfFamily = new Map<number, number>();
  for (const [id, g] of placedIn) {
    const f = family.get(id)!;
    if (shiftOfFamily.has(f) && !splitBefore(f)) expect(shiftOfFamily.get(f)).toBe(g.shift);
    shiftOfFamily.set(f, g.shift);
  }

  // everyone else eligible waits, in priority then application-time order; the ineligible are set apart
  const eligibleUnplaced = input.applications.filter((a) => s.eligibleGrades.includes(a.grade) && !placedIn.has(a.id));
  expect(out.waiting.map((w) => w.applicationId)).toEqual([...eligibleUnplaced].sort(byQueueOrder).map((a) => a.id));
  expect(new Set(out.ineligible)).toEqual(new Set(input.applications.filter((a) => !s.eligibleGrades.includes(a.grade)).map((a) => a.id)));
}

/** The stored state after a run, as the next run reads it. */
function asStored(out: GroupingResult): GroupingInput['groups'] {
  return out.groups.map((g, i) => ({
    id: g.id ?? 900_000 + i,
    label: g.label,
    grades: g.grades,
    shift: g.shift,
    days: g.days,
    roomId: g.roomId,
    teacherId: g.teacherId,
    memberIds: g.memberIds,
  }));
}

describe('forming duty groups (property-based)', () => {
  test('every result keeps the cap, eligibility, siblings, rooms and teachers', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        checkInvariants(input, formGroups(input));
      }),
      { numRuns: 400 },
    );
  });

  test('the result is deterministic: the same input, in any order, gives the same groups', () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), (input, seed) => {
        const shuffle = <T>(xs: T[]) =>
          [...xs]
            .map((x, i) => ({ x, k: Math.sin(seed + i * 7919) }))
            .sort((a, b) => a.k - b.k)
            .map((p) => p.x);
        const a = formGroups(input);
        const b = formGroups({ ...input, applications: shuffle(input.applications), rooms: shuffle(input.rooms), teachers: shuffle(input.teachers) });
        expect(b).toEqual(a);
        expect(formGroups(input)).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });

  test('a re-run after new applications never moves a child already placed', () => {
    fc.assert(
      fc.property(inputArb, appsArb(30), (input, later) => {
        const first = formGroups(input);
        const newcomers = later.map((a, i) => ({
          ...a,
          id: 10_000 + i,
          childId: 90_000 + i,
          submittedAt: `2020-09-${String(1 + (i % 28)).padStart(2, '0')}T08:00:00.000Z`,
        }));
        const stored = asStored(first);
        const second = formGroups({ ...input, applications: [...input.applications, ...newcomers], groups: stored });
        checkInvariantsWithKept(input, first, second, newcomers);
        for (const g of stored) {
          const again = second.groups.find((x) => x.id === g.id);
          expect(again).toBeDefined();
          expect(again).toMatchObject({ roomId: g.roomId, teacherId: g.teacherId, shift: g.shift, days: g.days, label: g.label });
          for (const id of g.memberIds) expect(again!.memberIds).toContain(id);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('a re-run with nothing new changes nothing', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const first = formGroups(input);
        const stored = asStored(first);
        const second = formGroups({ ...input, groups: stored });
        expect(second.groups.map((g) => ({ id: g.id, memberIds: [...g.memberIds].sort() }))).toEqual(
          stored.map((g) => ({ id: g.id, memberIds: [...g.memberIds].sort() })),
        );
        expect(second.waiting).toEqual(first.waiting.map((w) => ({ ...w, reason: expect.any(String) })));
      }),
      { numRuns: 200 },
    );
  });

  test('reshuffle starts over and still keeps every invariant', () => {
    fc.assert(
      fc.property(inputArb, appsArb(20), (input, later) => {
        const first = formGroups(input);
        const newcomers = later.map((a, i) => ({ ...a, id: 20_000 + i, childId: 80_000 + i }));
        const all = { ...input, applications: [...input.applications, ...newcomers], groups: asStored(first), reshuffle: true };
        const out = formGroups(all);
        checkInvariants(all, out);
        expect(out.groups.every((g) => g.id === null)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * Invariants of a re-run: those of a first run, except for one case: a newcomer whose parents
 * link two families placed earlier in different shifts. Placed children never move, so that
 * family stays split (a reshuffle reunites it).
 */
function checkInvariantsWithKept(input: GroupingInput, first: GroupingResult, out: GroupingResult, newcomers: ApplicationInput[]): void {
  const all = [...input.applications, ...newcomers];
  const family = familiesOf(all);
  const shifts = new Map<number, Set<number>>();
  for (const g of first.groups)
    for (const id of g.memberIds) {
      const f = family.get(id)!;
      shifts.set(f, (shifts.get(f) ?? new Set()).add(g.shift));
    }
  checkInvariants({ ...input, applications: all }, out, (f) => (shifts.get(f)?.size ?? 0) > 1);
}

describe('forming duty groups (examples)', () => {
  const settings: GroupingSettings = {
    groupMax: 15,
    groupMin: 10,
    eligibleGrades: [1, 2, 3, 4],
    joinAdjacentGrades: false,
    shifts: [1, 2],
    dayPatterns: ['mon-wed-fri', 'tue-thu-sat'],
  };
  let nextId = 1;
  const app = (grade: number, o: Partial<ApplicationInput> = {}): ApplicationInput => {
    const id = nextId++;
    return {
      id,
      childId: 100 + id,
      grade,
      priority: 2,
      submittedAt: `2020-08-21T09:${String(id % 60).padStart(2, '0')}:00.000Z`,
      preferredShift: null,
      parentIds: [1000 + id],
      ...o,
    };
  };

  test('thirty-one second-graders in one room make three groups of at most fifteen across slots', () => {
    const apps = Array.from({ length: 31 }, () => app(2));
    const out = formGroups({
      settings,
      rooms: [{ id: 1, capacity: 24 }],
      teachers: [
        { id: 7, rank: 0 },
        { id: 8, rank: 0 },
      ],
      applications: apps,
      groups: [],
      reshuffle: false,
    });
    expect(out.groups.map((g) => [g.label, g.memberIds.length, g.shift, g.days, g.teacherId])).toEqual([
      ['2-1', 15, 1, 'mon-wed-fri', 7],
      ['2-2', 15, 1, 'tue-thu-sat', 7],
      ['2-3', 1, 2, 'mon-wed-fri', 7],
    ]);
    expect(out.groups[2]!.belowMinimum).toBe(true);
    expect(out.waiting).toEqual([]);
  });

  test('without a room or teacher free, children wait by priority then application time', () => {
    const a = app(1, { priority: 3, submittedAt: '2020-08-20T08:00:00.000Z' });
    const b = app(1, { priority: 1, submittedAt: '2020-08-22T08:00:00.000Z' });
    const c = app(1, { priority: 1, submittedAt: '2020-08-21T08:00:00.000Z' });
    const out = formGroups({
      settings: { ...settings, groupMax: 1, shifts: [1], dayPatterns: ['mon-wed-fri'] },
      rooms: [{ id: 1, capacity: 20 }],
      teachers: [{ id: 7, rank: 0 }],
      applications: [a, b, c],
      groups: [],
      reshuffle: false,
    });
    expect(out.groups[0]!.memberIds).toEqual([c.id]);
    expect(out.waiting.map((w) => w.applicationId)).toEqual([b.id, a.id]);
  });

  test('small adjacent grades are joined where the setting allows, and not otherwise', () => {
    const apps = [...Array.from({ length: 4 }, () => app(1)), ...Array.from({ length: 5 }, () => app(2))];
    const base = {
      rooms: [
        { id: 1, capacity: 20 },
        { id: 2, capacity: 20 },
      ],
      teachers: [
        { id: 7, rank: 0 },
        { id: 8, rank: 0 },
      ],
      applications: apps,
      groups: [],
      reshuffle: false,
    };
    const joined = formGroups({ ...base, settings: { ...settings, joinAdjacentGrades: true } });
    expect(joined.groups.map((g) => [g.label, g.grades, g.memberIds.length])).toEqual([['1+2-1', [1, 2], 9]]);
    const apart = formGroups({ ...base, settings });
    expect(apart.groups.map((g) => [g.label, g.memberIds.length, g.belowMinimum])).toEqual([
      ['1-1', 4, true],
      ['2-1', 5, true],
    ]);
  });

  test('a child who prefers another shift still joins a group with room rather than open a half-empty one', () => {
    const first = app(3, { preferredShift: 1 });
    const second = app(3, { preferredShift: 2 });
    const out = formGroups({
      settings,
      rooms: [
        { id: 1, capacity: 15 },
        { id: 2, capacity: 15 },
      ],
      teachers: [
        { id: 7, rank: 0 },
        { id: 8, rank: 0 },
      ],
      applications: [first, second],
      groups: [],
      reshuffle: false,
    });
    expect(out.groups.map((g) => [g.shift, g.memberIds])).toEqual([[1, [first.id, second.id]]]);
  });

  test('a brother and sister land in the same shift even when one asked for the other shift', () => {
    const older = app(4, { parentIds: [77], preferredShift: 2, priority: 1 });
    const younger = app(1, { parentIds: [77, 78], preferredShift: 1, priority: 3 });
    const out = formGroups({
      settings,
      rooms: [
        { id: 1, capacity: 15 },
        { id: 2, capacity: 15 },
      ],
      teachers: [
        { id: 7, rank: 0 },
        { id: 8, rank: 0 },
      ],
      applications: [younger, older],
      groups: [],
      reshuffle: false,
    });
    const shifts = out.groups.map((g) => g.shift);
    expect(new Set(shifts)).toEqual(new Set([2]));
  });

  test('clubs use the same code with a cap of five', () => {
    const apps = Array.from({ length: 12 }, () => app(3));
    const out = formGroups({
      settings: { ...settings, groupMax: 5, groupMin: 1, eligibleGrades: [1, 2, 3, 4, 5, 6] },
      rooms: [{ id: 1, capacity: 30 }],
      teachers: [{ id: 7, rank: 0 }],
      applications: apps,
      groups: [],
      reshuffle: false,
    });
    expect(out.groups.map((g) => g.memberIds.length)).toEqual([5, 5, 2]);
  });
});

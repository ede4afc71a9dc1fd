import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  changesOf,
  internetProblem,
  isIsolated,
  publishBySchool,
  publishRollups,
  rollUp,
  tvReceptionOf,
  type Answer,
  type PupilFacts,
} from './connectivity.rules.js';

const answer = fc.option(
  fc.record<Answer>({ devices: fc.constantFrom('none', 'shared', 'own'), internet: fc.constantFrom('none', 'mobile', 'fixed'), connectable: fc.boolean() }),
  { nil: null },
);
const pupils = fc.array(fc.record<PupilFacts>({ settlementId: fc.integer({ min: 1, max: 6 }), answer }), { maxLength: 300 });
const tvMap = fc.array(fc.boolean(), { minLength: 7, maxLength: 7 });

describe('internet level and speed', () => {
  test.each([
    ['none', null, null],
    ['none', 0, null],
    ['none', 1, 'speed_without_internet'],
    ['slow', 3.99, null],
    ['slow', 4, 'slow_too_fast'],
    ['broadband', 4, null],
    ['broadband', 2, 'broadband_too_slow'],
    ['broadband', null, null],
  ] as const)('%s at %s Mbit/s -> %s', (level, mbps, problem) => {
    expect(internetProblem(level, mbps)).toBe(problem);
  });

  test('TV reception is "at least one national channel"; cut off needs all three missing', () => {
    expect(tvReceptionOf([false, false])).toBe(false);
    expect(tvReceptionOf([false, true])).toBe(true);
    expect(tvReceptionOf([])).toBe(false);
    const none: Answer = { devices: 'none', internet: 'none', connectable: true };
    expect(isIsolated(none, false)).toBe(true);
    expect(isIsolated(none, true)).toBe(false);
    expect(isIsolated({ ...none, devices: 'shared' }, false)).toBe(false);
    expect(isIsolated({ ...none, internet: 'mobile' }, false)).toBe(false);
    expect(isIsolated(null, false)).toBe(false);
  });
});

describe('roll-up per settlement (property)', () => {
  test('every pupil is counted once in each table; cut off only where there is no TV', () => {
    fc.assert(
      fc.property(pupils, tvMap, (ps, tv) => {
        const rolled = rollUp(ps, (id) => tv[id]!);
        let total = 0;
        for (const [id, r] of rolled) {
          const here = ps.filter((p) => p.settlementId === id);
          expect(r.pupils).toBe(here.length);
          expect(r.internet.none + r.internet.mobile + r.internet.fixed + r.internet.unanswered).toBe(r.pupils);
          expect(r.devices.none + r.devices.shared + r.devices.own + r.devices.unanswered).toBe(r.pupils);
          expect(r.connectable).toBeLessThanOrEqual(r.internet.none);
          expect(r.isolated).toBeLessThanOrEqual(Math.min(r.internet.none, r.devices.none));
          if (tv[id]) expect(r.isolated).toBe(0);
          expect(r.isolated).toBe(here.filter((p) => isIsolated(p.answer, tv[id]!)).length);
          total += r.pupils;
        }
        expect(total).toBe(ps.length);
      }),
    );
  });
});

describe('what officers see (property)', () => {
  const threshold = 5;
  test('no small figure is shown, pupils always are, and no hidden cell is alone in its row or column', () => {
    fc.assert(
      fc.property(pupils, tvMap, (ps, tv) => {
        const raw = [...rollUp(ps, (id) => tv[id]!).values()];
        const open = publishRollups(raw, threshold, false);
        expect(JSON.stringify(open)).not.toContain('null');
        const { rows, total } = publishRollups(raw, threshold, true);
        const all = [...rows, total];
        const tables = [
          (r: (typeof all)[number]) => [r.internet.none, r.internet.mobile, r.internet.fixed, r.internet.unanswered],
          (r: (typeof all)[number]) => [r.devices.none, r.devices.shared, r.devices.own, r.devices.unanswered],
        ];
        const rawAll = [...raw, null];
        all.forEach((r, i) => {
          expect(r.pupils).toBe(rawAll[i] ? rawAll[i]!.pupils : ps.length);
          for (const v of [...tables[0]!(r), ...tables[1]!(r), r.connectable, r.isolated]) if (v !== null) expect(v === 0 || v >= threshold).toBe(true);
        });
        for (const cells of tables) {
          const grid = all.map(cells);
          // rows: the categories add up to the (visible) pupils, so one hidden cell would be given away
          for (const row of grid) expect(row.filter((v) => v === null).length).not.toBe(1);
          for (let c = 0; c < 4; c++) expect(grid.filter((row) => row[c] === null).length).not.toBe(1);
        }
        for (const key of ['connectable', 'isolated'] as const) expect(all.filter((r) => r[key] === null).length).not.toBe(1);
      }),
    );
  });

  test('per school and settlement: no small count shown, a settlement never gives away its one hidden school', () => {
    const schools = fc.array(fc.record({ settlementId: fc.integer({ min: 1, max: 4 }), value: fc.integer({ min: 0, max: 12 }) }), { maxLength: 12 });
    fc.assert(
      fc.property(schools, (ss) => {
        const p = publishBySchool(ss, threshold, true);
        p.schools.forEach((v, i) => {
          if (v !== null) expect(v).toBe(ss[i]!.value);
          if (v !== null) expect(v === 0 || v >= threshold).toBe(true);
        });
        expect([...p.schools, p.total].filter((v) => v === null).length).not.toBe(1);
        for (const [id, v] of p.settlements) {
          const hidden = ss.filter((s, i) => s.settlementId === id && p.schools[i] === null).length;
          if (v !== null) expect(hidden).not.toBe(1);
          if (v === null) expect(hidden).toBeGreaterThan(0); // else it could be added up from its schools
          if (v !== null) expect(v === 0 || v >= threshold).toBe(true);
        }
        expect([...p.settlements.values(), p.total].filter((v) => v === null).length).not.toBe(1);
      }),
    );
  });
});

describe('history lines', () => {
  test('applying the changes to the old state gives the new state (property)', () => {
    const state = fc.record({
      internet: fc.constantFrom('none' as const, 'slow' as const, 'broadband' as const),
      internetMbps: fc.option(fc.constantFrom(0.5, 2, 10, 50), { nil: null }),
      measuredOn: fc.option(fc.constantFrom('2020-08-20', '2020-12-01'), { nil: null }),
      reception: fc.tuple(fc.boolean(), fc.boolean()).map(([a, b]) => [
        { code: 'al_farabi', received: a },
        { code: 'el_arna', received: b },
      ]),
    });
    fc.assert(
      fc.property(state, state, (before, after) => {
        const lines = changesOf(before, after);
        const applied = { ...before, reception: before.reception.map((r) => ({ ...r })) } as Record<string, unknown> & typeof before;
        for (const l of lines) {
          if (l.field.startsWith('tv:')) applied.reception.find((r) => r.code === l.field.slice(3))!.received = l.new as boolean;
          else applied[l.field] = l.new;
          expect(l.old).not.toEqual(l.new);
        }
        expect(applied).toEqual(after);
      }),
    );
  });
});

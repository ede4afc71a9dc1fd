import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { defaultDeadline, isLate, pct, spreadDelivery, sumFigures, supplyStatus, SUPPLY_DEFAULTS, type SupplyFigures } from './textbook-supply.rules.js';

const day = fc.integer({ min: 0, max: 400 }).map((n) => new Date(Date.UTC(2020, 0, 1 + n)).toISOString().slice(0, 10));
const figures = fc
  .record({ planned: fc.integer({ min: 0, max: 10_000 }), a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 1, noNaN: true }) })
  .chain(({ planned, a, b }) => {
    const dispatched = Math.floor(planned * Math.max(a, b));
    const delivered = Math.floor(planned * Math.min(a, b));
    return fc.record({
      planned: fc.constant(planned),
      dispatched: fc.constant(dispatched),
      delivered: fc.constant(delivered),
      issued: fc.integer({ min: 0, max: delivered }),
      overdueDispatches: fc.integer({ min: 0, max: 3 }),
      deadline: fc.option(day, { nil: null }),
    });
  });

describe('progress arithmetic', () => {
  test('per cent: whole numbers 0..100, rounded down, monotone in the part', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e7 }), fc.integer({ min: 0, max: 1e7 }), (x, whole) => {
        const part = Math.min(x, whole);
        const p = pct(part, whole);
        expect(Number.isInteger(p)).toBe(true);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(100);
        if (whole > 0) expect(p).toBeLessThanOrEqual((100 * part) / whole);
        if (part < whole) expect(pct(part + 1, whole)).toBeGreaterThanOrEqual(p);
        expect(pct(whole, whole)).toBe(whole === 0 ? 0 : 100);
      }),
    );
  });

  test('summing schools: the totals are the sums, the deadline the earliest, and the order does not matter', () => {
    fc.assert(
      fc.property(fc.array(figures, { maxLength: 20 }), (rows) => {
        const s = sumFigures(rows);
        expect(s.planned).toBe(rows.reduce((n, r) => n + r.planned, 0));
        expect(s.delivered).toBe(rows.reduce((n, r) => n + r.delivered, 0));
        expect(s.issued).toBe(rows.reduce((n, r) => n + r.issued, 0));
        const deadlines = rows.map((r) => r.deadline).filter((d): d is string => d !== null);
        expect(s.deadline).toBe(deadlines.length ? deadlines.sort()[0] : null);
        expect(sumFigures([...rows].reverse())).toEqual(s);
      }),
    );
  });
});

describe('who is late', () => {
  const f = (o: Partial<SupplyFigures>): SupplyFigures => ({ planned: 100, dispatched: 0, delivered: 0, overdueDispatches: 0, deadline: '2020-08-25', ...o });

  test('the seeds: 25 August; a month before school 50% dispatched and 35% delivered', () => {
    expect(defaultDeadline('2020-09-01')).toBe('2020-08-25');
    expect(supplyStatus(f({ dispatched: 50, delivered: 35 }), '2020-08-01')).toBe('on_track');
    expect(supplyStatus(f({ dispatched: 49, delivered: 35 }), '2020-08-01')).toBe('behind');
    expect(supplyStatus(f({ dispatched: 50, delivered: 34 }), '2020-08-01')).toBe('behind');
    expect(supplyStatus(f({ dispatched: 0 }), '2020-07-01')).toBe('on_track'); // before the checkpoint window
    expect(supplyStatus(f({ dispatched: 100, delivered: 99 }), '2020-08-26')).toBe('late');
    expect(supplyStatus(f({ dispatched: 100, delivered: 99 }), '2020-08-25')).toBe('on_track'); // the deadline day itself is not late
    expect(supplyStatus(f({ delivered: 100 }), '2020-12-09')).toBe('done');
    expect(supplyStatus(f({ overdueDispatches: 1 }), '2020-06-01')).toBe('late');
    expect(supplyStatus(f({ planned: 0 }), '2020-12-09')).toBe('no_plan');
  });

  test('everything delivered is never late; past the deadline with copies missing always is', () => {
    fc.assert(
      fc.property(figures, day, (x, today) => {
        const s = supplyStatus(x, today);
        if (x.planned > 0 && x.delivered >= x.planned) expect(s).toBe('done');
        if (x.planned > 0 && x.delivered < x.planned && x.deadline !== null && today > x.deadline) expect(s).toBe('late');
        if (x.planned > 0 && x.delivered < x.planned && x.overdueDispatches > 0) expect(s).toBe('late');
        if (x.planned === 0) expect(s).toBe('no_plan');
      }),
    );
  });

  test('time only makes it worse: a later day never turns late into on track (same figures)', () => {
    const rank = { no_plan: 0, done: 0, on_track: 1, behind: 2, late: 3 } as const;
    fc.assert(
      fc.property(figures, day, day, (x, d1, d2) => {
        const [early, later] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(rank[supplyStatus(x, later)]).toBeGreaterThanOrEqual(rank[supplyStatus(x, early)]);
      }),
    );
  });

  test('more delivered never makes a school later (same day)', () => {
    const rank = { no_plan: 0, done: 0, on_track: 1, behind: 2, late: 3 } as const;
    fc.assert(
      fc.property(figures, day, fc.integer({ min: 0, max: 10_000 }), (x, today, more) => {
        const extra = Math.min(more, x.planned - x.delivered);
        const better = { ...x, delivered: x.delivered + extra, dispatched: Math.max(x.dispatched, x.delivered + extra) };
        expect(rank[supplyStatus(better, today)]).toBeLessThanOrEqual(rank[supplyStatus(x, today)]);
      }),
    );
  });

  test('isLate covers late and behind only', () => {
    expect(['no_plan', 'done', 'on_track', 'behind', 'late'].filter((s) => isLate(s as never))).toEqual(['behind', 'late']);
    expect(SUPPLY_DEFAULTS.deadlineMonthDay).toBe('08-25');
  });
});

describe('spreading a delivery over dispatches', () => {
  const dispatches = fc.array(
    fc.record({
      id: fc.integer({ min: 1, max: 1e6 }),
      copies: fc.integer({ min: 1, max: 500 }),
      delivered: fc.integer({ min: 0, max: 500 }),
      plannedOn: day,
    }),
    { maxLength: 6 },
  );

  test('takes exactly the copies, never past what a dispatch awaits, earliest planned first; refuses more than awaited', () => {
    fc.assert(
      fc.property(dispatches, fc.integer({ min: 1, max: 3000 }), (raw, copies) => {
        const ds = raw.map((d, i) => ({ ...d, id: i + 1, delivered: Math.min(d.delivered, d.copies) }));
        const awaited = ds.reduce((n, d) => n + d.copies - d.delivered, 0);
        const out = spreadDelivery(copies, ds);
        if (copies > awaited) {
          expect(out).toBeNull();
          return;
        }
        expect(out).not.toBeNull();
        expect(out!.reduce((n, x) => n + x.copies, 0)).toBe(copies);
        for (const x of out!) {
          const d = ds.find((y) => y.id === x.dispatchId)!;
          expect(x.copies).toBeGreaterThan(0);
          expect(x.copies).toBeLessThanOrEqual(d.copies - d.delivered);
        }
        // only the last dispatch used may be left partly awaiting
        for (const x of out!.slice(0, -1)) {
          const d = ds.find((y) => y.id === x.dispatchId)!;
          expect(x.copies).toBe(d.copies - d.delivered);
        }
        const dates = out!.map((x) => ds.find((y) => y.id === x.dispatchId)!.plannedOn);
        expect([...dates].sort()).toEqual(dates);
      }),
    );
  });
});

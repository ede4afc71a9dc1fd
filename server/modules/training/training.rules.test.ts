import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { suppress } from '../analytics/analytics.usecases.js';
import { certificateCode, completionAllowed, enrolmentOpen, publishCoverage, share, totalOf } from './training.rules.js';

const counts = fc.array(
  fc.integer({ min: 0, max: 60 }).chain((teachers) => fc.record({ teachers: fc.constant(teachers), trained: fc.integer({ min: 0, max: teachers }) })),
  { maxLength: 12 },
);

describe('coverage arithmetic', () => {
  test('for a reader entitled to the records: totals are the sums, each share is trained / teachers within 0..1', () => {
    fc.assert(
      fc.property(counts, (rows) => {
        const p = publishCoverage(rows, false, 5, suppress);
        const total = totalOf(rows);
        expect(p.total.teachers).toBe(rows.reduce((s, r) => s + r.teachers, 0));
        expect(p.total.trained).toBe(rows.reduce((s, r) => s + r.trained, 0));
        expect(p.total.trained!).toBeLessThanOrEqual(p.total.teachers!);
        [...p.children, p.total].forEach((r, i) => {
          const src = i < rows.length ? rows[i]! : total;
          if (src.teachers === 0) expect(r.share).toBeNull();
          else {
            expect(r.share!).toBeGreaterThanOrEqual(0);
            expect(r.share!).toBeLessThanOrEqual(1);
            expect(r.share! * src.teachers).toBeCloseTo(src.trained, 9);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  test('for an officer: what is shown is true, no small count is shown, and a hidden count cannot be worked out from its row or column', () => {
    fc.assert(
      fc.property(counts, fc.integer({ min: 2, max: 10 }), (rows, threshold) => {
        const p = publishCoverage(rows, true, threshold, suppress);
        const truth = [...rows, totalOf(rows)];
        const shown = [...p.children, p.total];
        const hidden: boolean[][] = shown.map((r) => [r.trained === null, r.teachers === null]);
        shown.forEach((r, i) => {
          const t = truth[i]!;
          if (r.teachers !== null) expect(r.teachers).toBe(t.teachers);
          if (r.trained !== null) expect(r.trained).toBe(t.trained);
          for (const v of [r.teachers, r.trained, r.teachers !== null && r.trained !== null ? r.teachers - r.trained : null]) {
            if (v !== null) expect(v === 0 || v >= threshold).toBe(true);
          }
          // the share gives a count away when its denominator is visible: shown only with both
          if (r.share !== null) expect(r.trained !== null && r.teachers !== null).toBe(true);
          // a row shows trained + not trained = teachers: not trained is visible whenever both others are, so it is checked above
        });
        // each column: children add up to the total; one hidden cell alone would be derivable
        for (const c of [0, 1]) {
          const n = hidden.filter((h) => h[c]).length;
          expect(n === 0 || n >= 2).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('share never divides by zero', () => {
    expect(share(0, 0)).toBeNull();
    expect(share(null, 10)).toBeNull();
    expect(share(3, 4)).toBe(0.75);
  });
});

describe('certificates and dates', () => {
  test('a certificate code is three groups of four unambiguous letters and digits', () => {
    for (let i = 0; i < 200; i++) expect(certificateCode()).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(certificateCode(() => 0)).toBe('AAAA-AAAA-AAAA');
  });

  test('a teacher may enrol until the course ends, and complete it from its first day', () => {
    const c = { startsOn: '2020-09-01', endsOn: '2020-12-31' };
    expect(enrolmentOpen(c, '2020-12-31')).toBe(true);
    expect(enrolmentOpen(c, '2021-01-01')).toBe(false);
    expect(completionAllowed(c, '2020-08-31')).toBe(false);
    expect(completionAllowed(c, '2020-09-01')).toBe(true);
  });
});

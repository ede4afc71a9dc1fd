import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_RULES, evaluateStatus, nextStatusChange, passExpiry, statusBreakpoints, type HealthRecord } from './access.rules.js';

const NOW = new Date('2021-09-01T12:00:00Z');
const ago = (days: number, hours = 0) => new Date(NOW.getTime() - days * 86_400_000 - hours * 3_600_000);
const dose = (days: number, n: number, of = 2): HealthRecord => ({ kind: 'vaccination', at: ago(days), doseNumber: n, seriesDoses: of });
const pcr = (hours: number, result: 'negative' | 'positive' = 'negative'): HealthRecord => ({ kind: 'test', at: ago(0, hours), testKind: 'pcr', result });
const antigen = (hours: number): HealthRecord => ({ kind: 'test', at: ago(0, hours), testKind: 'antigen', result: 'negative' });
const recovered = (days: number): HealthRecord => ({ kind: 'recovery', at: ago(days) });
const exempt = [{ validFrom: '2021-08-01', validUntil: '2021-12-31' }];

// the truth table of the defaults (14 days, 72 h PCR, 180 days recovery, 10 days isolation)
const table: [string, HealthRecord[], typeof exempt | [], string, string | null, string | null][] = [
  ['nothing on record', [], [], 'no_data', null, null],
  ['exemption only', [], exempt, 'admitted', 'exemption', null],
  ['two doses, 15 days ago', [dose(40, 1), dose(15, 2)], [], 'admitted', 'vaccination', null],
  ['two doses, exactly 14 days ago', [dose(40, 1), dose(14, 2)], [], 'admitted', 'vaccination', null],
  ['two doses, 13 days ago', [dose(40, 1), dose(13, 2)], [], 'not_admitted', null, 'waiting_period'],
  ['one dose of two', [dose(30, 1)], [], 'not_admitted', null, 'incomplete_vaccination'],
  ['a one-dose vaccine, 20 days ago', [dose(20, 1, 1)], [], 'admitted', 'vaccination', null],
  ['negative PCR 71 h ago', [pcr(71)], [], 'admitted', 'test', null],
  ['negative PCR 72 h ago', [pcr(72)], [], 'not_admitted', null, 'test_expired'],
  ['negative antigen 2 h ago (not accepted by default)', [antigen(2)], [], 'not_admitted', null, 'test_expired'],
  ['recovered 179 days ago', [recovered(179)], [], 'admitted', 'recovery', null],
  ['recovered 180 days ago', [recovered(180)], [], 'not_admitted', null, 'recovery_expired'],
  ['vaccinated but a positive PCR 3 days ago', [dose(60, 1), dose(40, 2), pcr(72, 'positive')], [], 'not_admitted', null, 'positive_test'],
  ['positive PCR 11 days ago, then a negative one', [pcr(11 * 24, 'positive'), pcr(5)], [], 'admitted', 'test', null],
  ['exempt but positive 1 day ago', [pcr(24, 'positive')], exempt, 'not_admitted', null, 'positive_test'],
  ['one dose and a fresh PCR', [dose(30, 1), pcr(10)], [], 'admitted', 'test', null],
  ['a record in the future is ignored', [{ kind: 'recovery', at: new Date(NOW.getTime() + 86_400_000) }], [], 'no_data', null, null],
];

describe('status rules (defaults) as a truth table', () => {
  test.each(table)('%s', (_name, records, exemptions, status, basis, reason) => {
    const r = evaluateStatus(records, exemptions, DEFAULT_RULES, NOW);
    expect([r.status, r.basis, r.reason]).toEqual([status, basis, reason]);
  });
});

test('rules are settings: 7 days after the last dose and 48 h PCR', () => {
  const rules = { ...DEFAULT_RULES, fullVaccinationAfterDays: 7, pcrValidHours: 48 };
  expect(evaluateStatus([dose(8, 2)], [], rules, NOW).status).toBe('admitted');
  expect(evaluateStatus([pcr(50)], [], rules, NOW).status).toBe('not_admitted');
});

test('the longest-lasting basis wins and bounds the pass', () => {
  const r = evaluateStatus([pcr(10), recovered(10)], [], DEFAULT_RULES, NOW);
  expect(r.basis).toBe('recovery');
  const pcrOnly = evaluateStatus([pcr(70)], [], DEFAULT_RULES, NOW);
  expect(passExpiry(NOW, pcrOnly, DEFAULT_RULES).getTime()).toBe(NOW.getTime() + 2 * 3_600_000);
});

const recordArb: fc.Arbitrary<HealthRecord> = fc.oneof(
  fc.record({
    kind: fc.constant('vaccination' as const),
    at: fc.integer({ min: 0, max: 400 }).map((d) => ago(d)),
    doseNumber: fc.integer({ min: 1, max: 3 }),
    seriesDoses: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    kind: fc.constant('test' as const),
    at: fc.integer({ min: 0, max: 400 * 24 }).map((h) => ago(0, h)),
    testKind: fc.constantFrom('pcr' as const, 'antigen' as const),
    result: fc.constantFrom('negative' as const, 'positive' as const),
  }),
  fc.record({ kind: fc.constant('recovery' as const), at: fc.integer({ min: 0, max: 400 }).map((d) => ago(d)) }),
);

test('properties: no records and no exemption is "no data", and only then; a positive test in isolation is never admitted; adding a record never turns a status into "no data"', () => {
  fc.assert(
    fc.property(fc.array(recordArb, { maxLength: 6 }), fc.boolean(), recordArb, (records, withExemption, extra) => {
      const ex = withExemption ? exempt : [];
      const r = evaluateStatus(records, ex, DEFAULT_RULES, NOW);
      expect(r.status === 'no_data').toBe(records.length === 0 && !withExemption);
      const isolated = records.some((x) => x.kind === 'test' && x.result === 'positive' && NOW.getTime() - x.at.getTime() < 10 * 86_400_000);
      if (isolated) expect(r.status).toBe('not_admitted');
      if (r.status === 'admitted') expect(r.basis).not.toBeNull();
      expect(evaluateStatus([...records, extra], ex, DEFAULT_RULES, NOW).status).not.toBe('no_data');
    }),
  );
});

// records anywhere from 400 days before NOW to 30 days after, to the minute; exemptions around NOW
const MIN = 60_000;
const timedRecordArb: fc.Arbitrary<HealthRecord> = fc.integer({ min: -400 * 1440, max: 30 * 1440 }).chain((m) => {
  const at = new Date(NOW.getTime() + m * MIN);
  return fc.oneof(
    fc.record({
      kind: fc.constant('vaccination' as const),
      at: fc.constant(at),
      doseNumber: fc.integer({ min: 1, max: 3 }),
      seriesDoses: fc.integer({ min: 1, max: 3 }),
    }),
    fc.record({
      kind: fc.constant('test' as const),
      at: fc.constant(at),
      testKind: fc.constantFrom('pcr' as const, 'antigen' as const),
      result: fc.constantFrom('negative' as const, 'positive' as const),
    }),
    fc.record({ kind: fc.constant('recovery' as const), at: fc.constant(at) }),
  );
});
const day = (d: number) => new Date(NOW.getTime() + d * 86_400_000).toISOString().slice(0, 10);
const exemptionArb = fc
  .tuple(fc.integer({ min: -60, max: 60 }), fc.integer({ min: 0, max: 60 }))
  .map(([from, len]) => ({ validFrom: day(from), validUntil: day(from + len) }));
const rulesArb = fc.record({
  fullVaccinationAfterDays: fc.integer({ min: 0, max: 30 }),
  vaccinationValidDays: fc.option(fc.integer({ min: 1, max: 400 })),
  pcrValidHours: fc.integer({ min: 0, max: 96 }),
  antigenValidHours: fc.integer({ min: 0, max: 48 }),
  recoveryValidDays: fc.integer({ min: 0, max: 200 }),
  isolationDays: fc.integer({ min: 0, max: 14 }),
  passValidHours: fc.constant(24),
});

test('property: the next status change is never later than the real one (brute force over time), and is a real change', () => {
  fc.assert(
    fc.property(
      fc.array(timedRecordArb, { maxLength: 5 }),
      fc.array(exemptionArb, { maxLength: 2 }),
      rulesArb,
      fc.integer({ min: 0, max: 59 }),
      (records, exemptions, rules, phase) => {
        const status = (t: number) => evaluateStatus(records, exemptions, rules, new Date(t)).status;
        const start = NOW.getTime();
        const current = status(start);
        const next = nextStatusChange(records, exemptions, rules, NOW);
        const horizon = start + 450 * 86_400_000;
        const end = next === null ? horizon : Math.min(next.getTime(), horizon);
        // every hour (at a random minute) up to the answer, and every bound's last millisecond before it: the status has not moved
        let moved: number | null = null;
        for (let t = start + phase * MIN; t < end && moved === null; t += 60 * MIN) if (status(t) !== current) moved = t;
        for (const b of statusBreakpoints(records, exemptions, rules))
          if (moved === null && b - 1 > start && b - 1 < end && status(b - 1) !== current) moved = b - 1;
        expect(moved).toBeNull();
        // and at the answer it has
        if (next !== null) {
          expect(next.getTime()).toBeGreaterThan(start);
          expect(status(next.getTime())).not.toBe(current);
        }
      },
    ),
    { numRuns: 100 },
  );
});

test('the next change: a PCR after 72 h, full vaccination after 14 days, a recovery after 180 days, the day after an exemption ends; none for good', () => {
  expect(nextStatusChange([pcr(10)], [], DEFAULT_RULES, NOW)).toEqual(new Date(NOW.getTime() + 62 * 3_600_000));
  expect(nextStatusChange([dose(40, 1), dose(4, 2)], [], DEFAULT_RULES, NOW)).toEqual(new Date(ago(4).getTime() + 14 * 86_400_000));
  expect(nextStatusChange([recovered(100)], [], DEFAULT_RULES, NOW)).toEqual(new Date(ago(100).getTime() + 180 * 86_400_000));
  expect(nextStatusChange([], exempt, DEFAULT_RULES, NOW)).toEqual(new Date('2022-01-01T00:00:00Z'));
  // a PCR running out while the vaccination still admits is no change
  expect(nextStatusChange([dose(60, 1), dose(40, 2), pcr(10)], [], DEFAULT_RULES, NOW)).toBeNull();
  expect(nextStatusChange([], [], DEFAULT_RULES, NOW)).toBeNull();
});

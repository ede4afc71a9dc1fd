import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { renderAllocationReason, ruleSetBody } from '../../../contracts/supplies.js';
import { DEFAULT_RULES } from './supplies.defaults.js';
import { allocate, devicesForPupils, entitlementOf, type HouseholdFacts, type MemberFacts, type Previous } from './supplies.rules.js';

const pupil = (id: number, over: Partial<MemberFacts> = {}): MemberFacts => ({
  personId: id,
  role: 'pupil',
  inPerson: false,
  devices: 'none',
  internet: 'fixed',
  connectable: true,
  categories: [],
  ...over,
});
const household = (key: string, members: MemberFacts[], over: Partial<HouseholdFacts> = {}): HouseholdFacts => ({
  key,
  organisationId: 1,
  districtId: 1,
  recipientId: 100,
  members,
  declaredAt: '2020-09-01T00:00:00.000Z',
  ...over,
});

describe('entitlement: the rule as a truth table', () => {
  const cases: [string, MemberFacts[], number, number][] = [
    ['4 pupils at a distance without a computer -> 2 devices', [1, 2, 3, 4].map((i) => pupil(i)), 2, 0],
    ['the same household with one child moved into a duty class -> 1', [pupil(1), pupil(2), pupil(3), pupil(4, { inPerson: true })], 1, 0],
    ['a pupil of a regular-mode rural school (in person) -> none', [pupil(1, { inPerson: true })], 0, 0],
    ['1 pupil -> 1', [pupil(1)], 1, 0],
    ['3 pupils -> 1', [pupil(1), pupil(2), pupil(3)], 1, 0],
    ['6 pupils -> 2', [1, 2, 3, 4, 5, 6].map((i) => pupil(i)), 2, 0],
    ['7 pupils -> 3', [1, 2, 3, 4, 5, 6, 7].map((i) => pupil(i)), 3, 0],
    ['8 pupils -> 3', [1, 2, 3, 4, 5, 6, 7, 8].map((i) => pupil(i)), 3, 0],
    ['own computer -> none', [pupil(1, { devices: 'own' })], 0, 0],
    ['a shared computer does not count as none under v1', [pupil(1, { devices: 'shared' })], 0, 0],
    ['no internet, connectable -> a kit', [pupil(1, { internet: 'none' })], 1, 1],
    ['no internet, not connectable -> no kit', [pupil(1, { internet: 'none', connectable: false })], 1, 0],
    ['no internet but learning in person -> no kit', [pupil(1, { internet: 'none', inPerson: true })], 0, 0],
    ['a teacher without a computer -> 1', [{ ...pupil(1), role: 'teacher' }], 1, 0],
  ];
  test.each(cases)('%s', (_name, members, devices, kits) => {
    const e = entitlementOf(DEFAULT_RULES, household('h:1', members));
    expect([e.devices, e.kits]).toEqual([devices, kits]);
  });

  test('priority follows the first category in the rules, none comes last', () => {
    expect(entitlementOf(DEFAULT_RULES, household('h', [pupil(1, { categories: ['large_family'] })])).priority).toBe(2);
    expect(entitlementOf(DEFAULT_RULES, household('h', [pupil(1, { categories: ['orphan', 'low_income'] })])).priority).toBe(1);
    expect(entitlementOf(DEFAULT_RULES, household('h', [pupil(1)])).priority).toBe(6);
    expect(entitlementOf({ ...DEFAULT_RULES, serveWithoutCategory: false }, household('h', [pupil(1)])).devices).toBe(0);
  });

  test('bands beyond the last give the last band', () => {
    expect(devicesForPupils(DEFAULT_RULES.bands, 0)).toBe(0);
    expect(devicesForPupils(DEFAULT_RULES.bands, 12)).toBe(3);
  });

  test('the reason in kk, ru and en', () => {
    const h = household(
      'h:1',
      [1, 2, 3, 4].map((i) => pupil(i, { categories: ['large_family'] })),
    );
    const [line] = allocate(DEFAULT_RULES, 1, [h], { devices: 5, kits: 0 }).lines;
    expect(renderAllocationReason(line!.reason, 'en')).toBe('2 devices: 4 pupils learning at a distance, large family, priority 2; rules v1');
    expect(renderAllocationReason(line!.reason, 'ru')).toBe('2 устройства: 4 ученика учатся дистанционно, многодетная семья, приоритет 2; правила v1');
    expect(renderAllocationReason(line!.reason, 'kk')).toBe('2 құрылғы: қашықтан оқитын 4 оқушы, көпбалалы отбасы, басымдық 2; ережелер v1');
  });

  test('the default rules parse, and overlapping bands do not', () => {
    expect(ruleSetBody.safeParse(DEFAULT_RULES).success).toBe(true);
    expect(
      ruleSetBody.safeParse({
        ...DEFAULT_RULES,
        bands: [
          { min: 1, max: 4, devices: 1 },
          { min: 4, max: 6, devices: 2 },
        ],
      }).success,
    ).toBe(false);
  });
});

// ── properties of runs ──────────────────────────────────────────────────────────────────────────

const memberArb = fc.record({
  personId: fc.integer({ min: 1, max: 1_000_000 }),
  role: fc.constantFrom<'pupil' | 'teacher'>('pupil', 'pupil', 'pupil', 'teacher'),
  inPerson: fc.boolean(),
  devices: fc.constantFrom<'none' | 'shared' | 'own'>('none', 'none', 'shared', 'own'),
  internet: fc.constantFrom<'none' | 'mobile' | 'fixed'>('none', 'mobile', 'fixed'),
  connectable: fc.boolean(),
  categories: fc.subarray(['low_income', 'large_family', 'orphan', 'special_needs']),
});
const householdsArb = fc.uniqueArray(
  fc
    .record({
      key: fc.integer({ min: 1, max: 10_000 }).map((n) => `h:${n}`),
      organisationId: fc.integer({ min: 1, max: 4 }),
      members: fc.array(memberArb, { minLength: 1, maxLength: 9 }),
      declaredAt: fc.integer({ min: 0, max: 1000 }).map((d) => new Date(Date.UTC(2020, 7, 1) + d * 3_600_000).toISOString()),
    })
    .map((h) => ({ ...h, districtId: 1, recipientId: 7 })),
  { selector: (h) => h.key, maxLength: 40 },
);
const stockArb = fc.record({ devices: fc.integer({ min: 0, max: 60 }), kits: fc.integer({ min: 0, max: 30 }) });

describe('runs: properties', () => {
  test('never more than the stock', () => {
    fc.assert(
      fc.property(householdsArb, stockArb, (hs, stock) => {
        const { lines, left } = allocate(DEFAULT_RULES, 1, hs, stock);
        const dev = lines.reduce((s, l) => s + l.newDevices, 0);
        const kits = lines.reduce((s, l) => s + l.newKits, 0);
        return dev <= stock.devices && kits <= stock.kits && left.devices === stock.devices - dev && left.kits === stock.kits - kits;
      }),
    );
  });

  test('a household never gets more than its entitlement', () => {
    fc.assert(
      fc.property(householdsArb, stockArb, (hs, stock) =>
        allocate(DEFAULT_RULES, 1, hs, stock).lines.every((l) => l.devices <= l.entitledDevices && l.kits <= l.entitledKits && l.devices >= 0),
      ),
    );
  });

  test('priority order: nobody later in line gets a device while someone earlier still lacks one', () => {
    fc.assert(
      fc.property(householdsArb, stockArb, (hs, stock) => {
        const { lines } = allocate(DEFAULT_RULES, 1, hs, stock);
        for (let i = 0; i < lines.length; i++) {
          if (lines[i]!.shortDevices === 0) continue;
          if (lines.slice(i + 1).some((l) => l.newDevices > 0)) return false;
          if (lines.slice(i + 1).some((l) => l.priority < lines[i]!.priority)) return false;
        }
        return true;
      }),
    );
  });

  test('deterministic: the same facts in any order give the same run', () => {
    fc.assert(
      fc.property(householdsArb, stockArb, fc.integer(), (hs, stock, seed) => {
        const shuffled = [...hs].sort((a, b) => ((a.key.length * 31 + seed) % 7) - ((b.key.length * 17 + seed) % 5));
        return JSON.stringify(allocate(DEFAULT_RULES, 1, hs, stock)) === JSON.stringify(allocate(DEFAULT_RULES, 1, shuffled.reverse(), stock));
      }),
    );
  });

  test('stable: a re-run after new stock moves no one already served and serves the next in line', () => {
    fc.assert(
      fc.property(householdsArb, stockArb, stockArb, (hs, first, extra) => {
        const run1 = allocate(DEFAULT_RULES, 1, hs, first);
        const previous = new Map<string, Previous>(run1.lines.map((l) => [l.key, { devices: l.devices, kits: l.kits }]));
        const run2 = allocate(DEFAULT_RULES, 1, hs, { devices: run1.left.devices + extra.devices, kits: run1.left.kits + extra.kits }, previous);
        const after = new Map(run2.lines.map((l) => [l.key, l]));
        for (const l of run1.lines) {
          const a = after.get(l.key);
          if (!a || a.devices < l.devices || a.kits < l.kits) return false;
        }
        // the new stock goes to the ones short after the first run, in the same order
        const served = run2.lines.reduce((s, l) => s + l.newDevices, 0);
        const short1 = run1.lines.reduce((s, l) => s + l.shortDevices, 0);
        return served === Math.min(short1, run1.left.devices + extra.devices);
      }),
    );
  });
});

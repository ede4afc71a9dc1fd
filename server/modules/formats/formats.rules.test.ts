import { describe, expect, test } from 'vitest';
import { renderReason, ruleSetBody } from '../../../contracts/formats.js';
import { DEFAULT_RULE_SET } from './formats.defaults.js';
import {
  deliveryMode,
  evaluateFormat,
  indexSituations,
  levelAllowed,
  resolveSituation,
  specialtyGroupOf,
  type ClassFacts,
  type OrgFacts,
  type RuleSetRef,
  type SituationEntry,
  type SituationFacts,
} from './formats.rules.js';

const v1: RuleSetRef = { id: 11, version: 1, regional: false, body: DEFAULT_RULE_SET };

const org = (o: Partial<OrgFacts>): OrgFacts => ({ id: 1, kind: 'school', settlementKind: 'urban', pupilCount: 900, regionCode: 'almaty-region', ...o });
const cls = (c: Partial<ClassFacts>): ClassFacts => ({ id: 7, grade: null, specialty: null, ...c });
const green: SituationFacts = { level: 'green', area: 'district', since: '2020-08-20', scale: 'binary' };
const red: SituationFacts = { level: 'red', area: 'region', since: '2020-08-15', scale: 'binary' };
const unknown: SituationFacts = { level: null, area: null, since: null, scale: 'binary' };

describe('the default rules: a truth table', () => {
  // [what, organisation, class, situation, expected format, expected rule]
  const table: [string, Partial<OrgFacts>, Partial<ClassFacts> | null, SituationFacts, string, string | null][] = [
    ['urban school, favourable', { kind: 'school' }, null, green, 'distance', null],
    ['rural school of 142, favourable', { settlementKind: 'rural', pupilCount: 142 }, null, green, 'regular', '1'],
    ['rural school of exactly 180, favourable', { settlementKind: 'rural', pupilCount: 180 }, null, green, 'regular', '1'],
    ['rural school of 181, favourable', { settlementKind: 'rural', pupilCount: 181 }, null, green, 'distance', null],
    ['rural school of 142, unfavourable', { settlementKind: 'rural', pupilCount: 142 }, null, red, 'distance', null],
    ['rural school of 142, nothing recorded (taken as unfavourable)', { settlementKind: 'rural', pupilCount: 142 }, null, unknown, 'distance', null],
    ['grade 2 of a small rural school, favourable', { settlementKind: 'rural', pupilCount: 142 }, { grade: 2 }, green, 'regular', '1'],
    ['grade 2 of a small rural school, unfavourable', { settlementKind: 'rural', pupilCount: 142 }, { grade: 2 }, red, 'duty', '3'],
    ['grade 1 of a city school', {}, { grade: 1 }, green, 'duty', '3'],
    ['grade 4 of a city school', {}, { grade: 4 }, red, 'duty', '3'],
    ['grade 5 of a city school', {}, { grade: 5 }, green, 'distance', null],
    ['grade 11 of a city school', {}, { grade: 11 }, red, 'distance', null],
    ['rural college of 200, favourable', { kind: 'college', settlementKind: 'rural', pupilCount: 200 }, null, green, 'regular', '2'],
    ['rural college of 201, favourable', { kind: 'college', settlementKind: 'rural', pupilCount: 201 }, null, green, 'combined', '6'],
    ['college as a whole', { kind: 'college' }, null, red, 'combined', '6'],
    ['college technical group', { kind: 'college' }, { specialty: 'technical' }, red, 'combined', '4'],
    ['college medical group', { kind: 'college' }, { specialty: 'medical' }, red, 'combined', '4'],
    ['college agricultural group (free text)', { kind: 'college' }, { specialty: 'Агрономия' }, red, 'combined', '4'],
    ['college art group (free text)', { kind: 'college' }, { specialty: 'Music education' }, red, 'combined', '4'],
    ['college pedagogical group', { kind: 'college' }, { specialty: 'pedagogical' }, red, 'distance', '5'],
    ['college IT group', { kind: 'college' }, { specialty: 'it' }, red, 'distance', '5'],
    ['college social group', { kind: 'college' }, { specialty: 'social' }, green, 'distance', '5'],
    ['college humanitarian group', { kind: 'college' }, { specialty: 'humanitarian' }, green, 'distance', '5'],
    ['college group of an unknown specialty', { kind: 'college' }, { specialty: 'astrology' }, red, 'distance', null],
    ['small rural college group, favourable', { kind: 'college', settlementKind: 'rural', pupilCount: 150 }, { specialty: 'it' }, green, 'regular', '2'],
    ['university', { kind: 'university' }, null, green, 'combined', '7'],
    ['university group', { kind: 'university' }, { specialty: 'it' }, red, 'combined', '7'],
    ['kindergarten', { kind: 'kindergarten' }, null, red, 'duty', '8'],
    ['additional education', { kind: 'additional' }, null, red, 'duty', '9'],
  ];

  test.each(table)('%s → %s', (_what, o, c, s, format, rule) => {
    const result = evaluateFormat(v1, org(o), c ? cls(c) : null, s);
    expect(result?.format).toBe(format);
    expect(result?.ruleId).toBe(rule);
    expect(result?.ruleSetId).toBe(11);
  });

  test('labs stay on site for technical groups and universities, in subgroups of at most 15 at colleges', () => {
    expect(evaluateFormat(v1, org({ kind: 'college' }), cls({ specialty: 'technical' }), red)).toMatchObject({ onSite: ['lab', 'practice'], subgroupMax: 15 });
    expect(evaluateFormat(v1, org({ kind: 'university' }), null, red)).toMatchObject({ onSite: ['lab', 'practice'], subgroupMax: null });
  });
});

describe('reasons a person can read', () => {
  test('the issue example renders word for word in English', () => {
    const v3: RuleSetRef = { ...v1, version: 3 };
    const r = evaluateFormat(v3, org({ settlementKind: 'rural', pupilCount: 142 }), null, green)!;
    expect(renderReason(r.format, r.reason, 'en')).toBe('Regular: rural school with 142 pupils (≤ 180), district favourable since 20.08.2020, rules v3 rule 1');
  });

  test('the same reason reads in Russian and Kazakh', () => {
    const r = evaluateFormat(v1, org({ settlementKind: 'rural', pupilCount: 142 }), null, green)!;
    expect(renderReason(r.format, r.reason, 'ru')).toBe(
      'Очное обучение: сельская школа, учащихся: 142 (≤ 180), район: благоприятная с 20.08.2020, правила v1, правило 1',
    );
    expect(renderReason(r.format, r.reason, 'kk')).toBe(
      'Дәстүрлі оқыту: ауылдық мектеп, 142 оқушы (≤ 180), аудан: 20.08.2020 бастап қолайлы, ережелер v1, 1-ереже',
    );
  });

  test('a duty class and a college group say why', () => {
    const duty = evaluateFormat(v1, org({}), cls({ grade: 2 }), red)!;
    expect(renderReason(duty.format, duty.reason, 'en')).toBe(
      "Duty classes: school, grade 2 (grades 1–4), in-person groups on parents' application (≤ 15 each), rules v1 rule 3",
    );
    const tech = evaluateFormat(v1, org({ kind: 'college' }), cls({ specialty: 'technical' }), red)!;
    expect(renderReason(tech.format, tech.reason, 'en')).toBe(
      'Combined: college, specialty “technical” (technical group), lectures and seminars online; labs and practice on site in subgroups of ≤ 15, rules v1 rule 4',
    );
  });

  test('the default names the situation, or says none was recorded', () => {
    const d = evaluateFormat(v1, org({}), null, red)!;
    expect(renderReason(d.format, d.reason, 'en')).toBe('Distance: urban school, region unfavourable since 15.08.2020, no rule matched: default of rules v1');
    const u = evaluateFormat(v1, org({}), null, unknown)!;
    expect(renderReason(u.format, u.reason, 'en')).toContain('no situation recorded, taken as unfavourable');
  });

  test('zones read as zones', () => {
    const r = evaluateFormat(v1, org({}), null, { ...red, scale: 'zones' })!;
    expect(renderReason(r.format, r.reason, 'ru')).toContain('область: красная зона с 15.08.2020');
  });
});

describe('rule sets that cannot decide', () => {
  test('without a default, an organisation no rule covers gets no format', () => {
    const body = ruleSetBody.parse({ name: 'only schools', rules: [{ id: 'a', when: { kinds: ['school'] }, then: { format: 'distance' } }] });
    const set: RuleSetRef = { id: 2, version: 2, regional: false, body };
    expect(evaluateFormat(set, org({ kind: 'university' }), null, red)).toBeNull();
    expect(evaluateFormat(set, org({}), null, red)?.format).toBe('distance');
  });

  test('a rule set that names an undefined specialty group, repeats an id or lacks onSite is refused', () => {
    const bad = ruleSetBody.safeParse({
      name: 'bad',
      rules: [
        { id: 'a', when: { specialtyGroups: ['space'] }, then: { format: 'distance' } },
        { id: 'a', when: {}, then: { format: 'combined' } },
      ],
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'rules.0.when.specialtyGroups.0: specialty group "space" is not defined in specialtyGroups',
        'rules.1.id: rule id "a" is used twice',
        'rules.1.then.onSite: a combined format must say which activities happen on site',
      ]),
    );
  });

  test('unknown fields are refused, not ignored', () => {
    expect(ruleSetBody.safeParse({ name: 'x', rules: [{ id: 'a', when: { pupils: 3 }, then: { format: 'distance' } }] }).success).toBe(false);
  });
});

test('a specialty is matched by its code first, so "humanitarian" is not mistaken for IT', () => {
  expect(specialtyGroupOf(DEFAULT_RULE_SET, 'humanitarian')).toBe('humanitarian');
  expect(specialtyGroupOf(DEFAULT_RULE_SET, 'Сестринское дело')).toBe('medical');
  expect(specialtyGroupOf(DEFAULT_RULE_SET, null)).toBeNull();
});

describe('the situation in force', () => {
  const at = (
    id: number,
    areaLevel: SituationEntry['areaLevel'],
    areaId: number | null,
    level: SituationEntry['level'],
    effectiveFrom: string,
    recordedAt = `${effectiveFrom}T10:00:00Z`,
  ): SituationEntry => ({ id, areaLevel, areaId, level, effectiveFrom, recordedAt, source: `decree ${id}` });
  const place = { settlementId: 100, districtId: 10, regionId: 1 };

  test('a settlement inherits from its district, region, then the country', () => {
    const idx = indexSituations([
      at(1, 'country', null, 'red', '2020-03-16'),
      at(2, 'region', 1, 'green', '2020-08-01'),
      at(3, 'district', 10, 'red', '2020-09-01'),
    ]);
    expect(resolveSituation(idx, place, '2020-07-01')).toMatchObject({ level: 'red', area: 'country' });
    expect(resolveSituation(idx, place, '2020-08-15')).toMatchObject({ level: 'green', area: 'region', since: '2020-08-01' });
    expect(resolveSituation(idx, place, '2020-09-01')).toMatchObject({ level: 'red', area: 'district', recordId: 3 });
    expect(resolveSituation(idx, { settlementId: 101, districtId: 11, regionId: 1 }, '2020-09-01')).toMatchObject({ level: 'green', area: 'region' });
    expect(resolveSituation(idx, place, '2020-03-01')).toBeNull();
  });

  test("a lower level's own record wins over a newer one above it, until it records 'inherit'", () => {
    const idx = indexSituations([
      at(1, 'district', 10, 'green', '2020-08-20'),
      at(2, 'region', 1, 'red', '2020-10-01'),
      at(3, 'district', 10, null, '2020-11-01'),
    ]);
    expect(resolveSituation(idx, place, '2020-10-15')).toMatchObject({ level: 'green', area: 'district' });
    expect(resolveSituation(idx, place, '2020-11-01')).toMatchObject({ level: 'red', area: 'region' });
  });

  test('history is kept: the record in force is the latest by effective date, then by recording time', () => {
    const idx = indexSituations([
      at(1, 'district', 10, 'green', '2020-08-20'),
      at(2, 'district', 10, 'red', '2020-08-20', '2020-08-21T09:00:00Z'),
      at(3, 'district', 10, 'green', '2020-12-01'),
    ]);
    expect(resolveSituation(idx, place, '2020-08-25')).toMatchObject({ level: 'red', recordId: 2 });
    expect(resolveSituation(idx, place, '2020-11-30')).toMatchObject({ level: 'red' });
    expect(resolveSituation(idx, place, '2021-01-10')).toMatchObject({ level: 'green', since: '2020-12-01' });
  });

  test('the binary scale refuses yellow', () => {
    expect(levelAllowed('binary', 'yellow')).toBe(false);
    expect(levelAllowed('binary', 'green')).toBe(true);
    expect(levelAllowed('zones', 'yellow')).toBe(true);
    expect(levelAllowed('binary', null)).toBe(true);
  });
});

test('lessons follow the format: distance goes remote, a university lab stays on campus', () => {
  expect(deliveryMode(null)).toBe('on_site');
  expect(deliveryMode({ format: 'regular', onSite: null })).toBe('on_site');
  expect(deliveryMode({ format: 'distance', onSite: null })).toBe('remote');
  expect(deliveryMode({ format: 'duty', onSite: null })).toBe('remote');
  const uni = { format: 'combined' as const, onSite: ['lab' as const, 'practice' as const] };
  expect(deliveryMode(uni, 'lab')).toBe('on_site');
  expect(deliveryMode(uni, 'lecture')).toBe('remote');
  expect(deliveryMode(uni)).toBe('remote');
});

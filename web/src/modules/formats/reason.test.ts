import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { ACTIVITIES, AREA_LEVELS, FORMAT_LABELS, FORMATS, renderReason, SITUATION_LEVELS, type ReasonPart } from './reason.js';

const LANGS = ['kk', 'ru', 'en'] as const;

describe('a decision reason rendered from its parts', () => {
  const rural: ReasonPart[] = [
    { code: 'subject', params: { kind: 'school', settlement: 'rural', pupils: 142, maxPupils: 180 } },
    { code: 'situation', params: { area: 'district', level: 'green', scale: 'binary', since: '2020-08-20' } },
    { code: 'rule', params: { rule: '2', version: 3, regional: false } },
  ];

  test('reads like the issue’s example in English, Russian and Kazakh', () => {
    expect(renderReason('regular', rural, 'en')).toBe('Regular: rural school with 142 pupils (≤ 180), district favourable since 20.08.2020, rules v3 rule 2');
    expect(renderReason('regular', rural, 'ru')).toBe(
      'Очное обучение: сельская школа, учащихся: 142 (≤ 180), район: благоприятная с 20.08.2020, правила v3, правило 2',
    );
    expect(renderReason('regular', rural, 'kk')).toBe(
      'Дәстүрлі оқыту: ауылдық мектеп, 142 оқушы (≤ 180), аудан: 20.08.2020 бастап қолайлы, ережелер v3, 2-ереже',
    );
  });

  test('an override and a default rule are named as such', () => {
    const parts: ReasonPart[] = [
      { code: 'override', params: { note: 'Карантин в школе', since: '2020-10-01' } },
      { code: 'default_rule', params: { version: 1 } },
    ];
    expect(renderReason('distance', parts, 'en')).toBe('Distance: set by an officer: “Карантин в школе” from 01.10.2020, no rule matched: default of rules v1');
    expect(renderReason('distance', parts, 'kk')).toContain('қолмен белгіленді');
  });

  test('any parts render in every language as the format name and readable words, never a blank or an object', () => {
    const str = fc.stringMatching(/^[a-zа-яәіңғүұқөһ ]{0,12}$/); // free text (notes, names); no letters that could spell NaN
    const date = fc.date({ min: new Date('2019-01-01'), max: new Date('2022-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const part: fc.Arbitrary<ReasonPart> = fc.oneof(
      fc.record({
        code: fc.constant('subject' as const),
        params: fc.record(
          {
            kind: fc.constantFrom('school', 'college', 'university', 'kindergarten', 'additional', 'other'),
            settlement: fc.constantFrom('rural', 'urban', undefined),
            pupils: fc.option(fc.nat(2000), { nil: undefined }),
            maxPupils: fc.option(fc.nat(300), { nil: undefined }),
            minPupils: fc.option(fc.nat(300), { nil: undefined }),
          },
          { requiredKeys: ['kind'] },
        ),
      }),
      fc.record({
        code: fc.constant('situation' as const),
        params: fc.record({
          area: fc.constantFrom(...AREA_LEVELS),
          level: fc.constantFrom(...SITUATION_LEVELS),
          scale: fc.constantFrom('binary', 'zones'),
          since: fc.option(date, { nil: undefined }),
          assumed: fc.boolean(),
        }),
      }),
      fc.record({
        code: fc.constant('grade' as const),
        params: fc.record({ grade: fc.nat(11), grades: fc.array(fc.nat(11), { minLength: 1, maxLength: 5 }) }),
      }),
      fc.record({ code: fc.constant('specialty' as const), params: fc.record({ specialty: str, group: fc.constantFrom('it', 'medical', 'art', 'unknown') }) }),
      fc.record({ code: fc.constant('region' as const), params: fc.record({ code: str, name: fc.option(str, { nil: undefined }) }) }),
      fc.record({
        code: fc.constant('on_site' as const),
        params: fc.record({
          activities: fc.subarray([...ACTIVITIES], { minLength: 1 }),
          subgroupMax: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
        }),
      }),
      fc.record({ code: fc.constant('duty_groups' as const), params: fc.record({ subgroupMax: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }) }) }),
      fc.record({ code: fc.constant('rule' as const), params: fc.record({ rule: str, version: fc.nat(20), regional: fc.boolean() }) }),
      fc.record({ code: fc.constant('default_rule' as const), params: fc.record({ version: fc.nat(20) }) }),
      fc.record({ code: fc.constant('override' as const), params: fc.record({ note: str, since: fc.option(date, { nil: undefined }) }) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...FORMATS), fc.array(part, { maxLength: 5 }), fc.constantFrom(...LANGS), (format, parts, lang) => {
        const text = renderReason(format, parts, lang);
        expect(text.startsWith(`${FORMAT_LABELS[format][lang]}: `)).toBe(true);
        expect(text).not.toMatch(/undefined|\[object|NaN/);
      }),
      { numRuns: 500 },
    );
  });
});

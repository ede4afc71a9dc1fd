import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { alignAnswers, checkAnswers, criterionKeys, duplicateKeys, missingLevels } from './quality.rules.js';
import { DEFAULT_AREAS } from './quality.defaults.js';

const keyArb = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g');
const frameworkArb = fc.record({
  areas: fc.array(fc.record({ key: keyArb, criteria: fc.array(fc.record({ key: keyArb }), { minLength: 1, maxLength: 4 }) }), { minLength: 1, maxLength: 3 }),
});
const levelArb = fc.option(fc.constantFrom('not_adequate', 'partially', 'largely', 'fully'), { nil: null });

describe('quality rules', () => {
  test('the default framework has unique keys and criteria in every area', () => {
    expect(duplicateKeys({ areas: DEFAULT_AREAS })).toEqual([]);
    expect(DEFAULT_AREAS.map((a) => a.key)).toEqual(['strategic', 'curriculum', 'course', 'delivery', 'staff', 'student']);
    for (const a of DEFAULT_AREAS) expect(a.criteria.length).toBeGreaterThanOrEqual(3);
  });

  test('an answer is unknown exactly when its criterion is not in the version', () => {
    fc.assert(
      fc.property(frameworkArb, fc.array(fc.record({ criterion: fc.constantFrom('a', 'b', 'x', 'y') })), (f, answers) => {
        const keys = new Set(criterionKeys(f));
        const { unknown } = checkAnswers(f, answers);
        expect(new Set(unknown)).toEqual(new Set(answers.map((a) => a.criterion).filter((c) => !keys.has(c))));
      }),
    );
  });

  test('a criterion answered twice is named once as duplicate', () => {
    fc.assert(
      fc.property(frameworkArb, (f) => {
        const k = criterionKeys(f)[0]!;
        expect(checkAnswers(f, [{ criterion: k }, { criterion: k }, { criterion: k }]).duplicate).toEqual([k]);
      }),
    );
  });

  test('missing levels are the criteria with no level, in order; none when all have one', () => {
    fc.assert(
      fc.property(frameworkArb, fc.array(levelArb, { minLength: 30, maxLength: 30 }), (f, levels) => {
        const keys = [...new Set(criterionKeys(f))];
        const answers = keys.map((k, i) => ({ criterion: k, level: levels[i] ?? null }));
        const missing = missingLevels(f, answers);
        const expected = criterionKeys(f).filter((k) => answers.find((a) => a.criterion === k)!.level === null);
        expect(missing).toEqual(expected);
        expect(
          missingLevels(
            f,
            keys.map((k) => ({ criterion: k, level: 'fully' })),
          ),
        ).toEqual([]);
      }),
    );
  });

  test('aligned answers follow the framework order with blanks for the rest', () => {
    fc.assert(
      fc.property(frameworkArb, (f) => {
        const keys = criterionKeys(f);
        const aligned = alignAnswers(f, [{ criterion: keys.at(-1)!, x: 1 }], (c) => ({ criterion: c, x: 0 }));
        expect(aligned.map((a) => a.criterion)).toEqual(keys);
        expect(aligned.at(-1)!.x).toBe(1);
      }),
    );
  });
});

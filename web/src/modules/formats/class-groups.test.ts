import { describe, expect, test } from 'vitest';
import type { Decision } from './api.js';
import { classGroups } from './class-groups.js';

const decision = (format: Decision['format'], reason: Decision['reason'], effectiveFrom = '2020-08-15'): Decision => ({
  format,
  onSite: null,
  subgroupMax: null,
  reason,
  reasonText: '',
  effectiveFrom,
  source: 'decision',
  ruleSet: { id: 1, version: 1 },
  ruleId: null,
});
const distance = decision('distance', [{ code: 'default_rule', params: { version: 1 } }]);
const duty = (grade: number) => decision('duty', [{ code: 'grade', params: { grade, grades: [1, 2, 3, 4] } }]);
const cls = (id: number, name: string, d: Decision | null) => ({ id, name, grade: null, specialty: null, pupils: 20, decision: d });

describe('classes listed together when their decision reads the same', () => {
  test('same format and reason share a line; another grade in the reason, another date or no decision do not', () => {
    const groups = classGroups(
      [
        cls(1, '1 А', duty(1)),
        cls(2, '1 Ә', duty(1)),
        cls(3, '2 А', duty(2)),
        cls(4, '5 А', distance),
        cls(5, '6 А', distance),
        cls(6, '7 А', decision('distance', distance.reason, '2020-09-15')),
        cls(7, '8 А', null),
      ],
      'en',
    );
    expect(groups.map((g) => g.classes.map((c) => c.name))).toEqual([['1 А', '1 Ә'], ['2 А'], ['5 А', '6 А'], ['7 А'], ['8 А']]);
  });
});

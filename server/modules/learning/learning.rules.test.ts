import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_SETTINGS,
  addDays,
  checkPeriods,
  checkScore,
  checkSettings,
  checkTerm,
  courseResult,
  decideSubmission,
  findClash,
  findLessonClash,
  gradeFromPercent,
  gradingSystemFor,
  isoWeekday,
  joinStatus,
  joinWindow,
  letterFromScore,
  maxScoreFor,
  termResult,
  termSchoolDays,
  weekStart,
  type MarkValue,
} from './learning.rules.js';

const S = DEFAULT_SETTINGS;

describe('mark scales', () => {
  test('a formative mark runs 1..10, whole numbers only', () => {
    expect(checkScore('criteria', 'formative', 1, 10)).toBeNull();
    expect(checkScore('criteria', 'formative', 10, 10)).toBeNull();
    expect(checkScore('criteria', 'formative', 0, 10)).toBe('below_scale');
    expect(checkScore('criteria', 'formative', 11, 10)).toBe('above_scale');
    expect(checkScore('criteria', 'formative', 7.5, 10)).toBe('not_integer');
  });

  test('a summative score runs 0..the maximum the teacher set for that assessment', () => {
    expect(checkScore('criteria', 'section', 0, 18)).toBeNull();
    expect(checkScore('criteria', 'term', 25, 25)).toBeNull();
    expect(checkScore('criteria', 'term', 26, 25)).toBe('above_scale');
    expect(checkScore('criteria', 'section', 3, null)).toBe('no_maximum');
  });

  test('a school cannot enter university points, nor a university formative marks', () => {
    expect(checkScore('criteria', 'exam', 80, 100)).toBe('kind_not_in_system');
    expect(checkScore('credit', 'formative', 8, 10)).toBe('kind_not_in_system');
    expect(checkScore('credit', 'rating', 100, 100)).toBeNull();
  });

  test('maximums: formative from settings, points out of 100, summative from the lesson', () => {
    expect(maxScoreFor('formative', S, 40)).toBe(10);
    expect(maxScoreFor('exam', S, null)).toBe(100);
    expect(maxScoreFor('section', S, 18)).toBe(18);
  });

  test('universities use the credit system by default, everyone else criteria', () => {
    expect(gradingSystemFor('university', null)).toBe('credit');
    expect(gradingSystemFor('school', null)).toBe('criteria');
    expect(gradingSystemFor('college', 'credit')).toBe('credit');
  });
});

describe('term grade (criteria-based assessment)', () => {
  const m = (kind: MarkValue['kind'], score: number, max: number): MarkValue => ({ kind, score, max });

  test('weights formative 25 %, section 25 %, term 50 % by default', () => {
    // formative 8/10 = 80 %, section 15/20 = 75 %, term 20/25 = 80 % → 0.25·80 + 0.25·75 + 0.5·80 = 78.75 → 79 → 4
    const r = termResult(S, [m('formative', 8, 10), m('section', 15, 20), m('term', 20, 25)]);
    expect(r).toMatchObject({ percent: 79, grade: 4, complete: true, components: { formative: 80, section: 75, term: 80 } });
  });

  test('the default bands: 0-39 → 2, 40-64 → 3, 65-84 → 4, 85-100 → 5', () => {
    const bands = S.termGradeBands;
    expect([0, 39, 40, 64, 65, 84, 85, 100].map((p) => gradeFromPercent(bands, p))).toEqual([2, 2, 3, 3, 4, 4, 5, 5]);
  });

  test('a component without marks yet drops out and the result is provisional', () => {
    const r = termResult(S, [m('formative', 9, 10), m('section', 9, 10)]);
    expect(r).toMatchObject({ percent: 90, grade: 5, complete: false });
    expect(termResult(S, [])).toMatchObject({ percent: null, grade: null, complete: false });
  });

  test('a percent on a band edge is rounded half up before banding', () => {
    // formative only: 84.5 % → 85 → 5
    const marks = [...Array(169)].map(() => m('formative', 1, 1)).concat([...Array(31)].map(() => m('formative', 0, 1)));
    expect(termResult(S, marks)).toMatchObject({ percent: 85, grade: 5 });
  });

  test('configured weights and bands are used as given', () => {
    const settings = {
      weights: { formative: 50, section: 50, term: 0 },
      termGradeBands: [
        { grade: 2, min: 0 },
        { grade: 5, min: 50 },
      ],
    };
    expect(termResult(settings, [m('formative', 5, 10), m('section', 5, 10)])).toMatchObject({ percent: 50, grade: 5, complete: true });
  });

  test('the grade never falls when a better mark is added to a component (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 20 }), (scores) => {
        const base = termResult(
          S,
          scores.map((s) => m('formative', s, 10)),
        );
        const better = termResult(
          S,
          [...scores, 10].map((s) => m('formative', s, 10)),
        );
        return better.percent! >= base.percent! && better.grade! >= base.grade!;
      }),
    );
  });
});

describe('credit system (universities)', () => {
  test("Kazakhstan's letter table: A 95-100 4.0 … F 0-49 0", () => {
    const t = S.letterGrades;
    const cases: [number, string, number][] = [
      [100, 'A', 4],
      [95, 'A', 4],
      [94, 'A-', 3.67],
      [90, 'A-', 3.67],
      [89, 'B+', 3.33],
      [85, 'B+', 3.33],
      [84, 'B', 3],
      [80, 'B', 3],
      [79, 'B-', 2.67],
      [75, 'B-', 2.67],
      [74, 'C+', 2.33],
      [70, 'C+', 2.33],
      [69, 'C', 2],
      [65, 'C', 2],
      [64, 'C-', 1.67],
      [60, 'C-', 1.67],
      [59, 'D+', 1.33],
      [55, 'D+', 1.33],
      [54, 'D', 1],
      [50, 'D', 1],
      [49, 'F', 0],
      [0, 'F', 0],
    ];
    for (const [score, letter, gpa] of cases) expect(letterFromScore(t, score)).toEqual({ letter, min: expect.any(Number), gpa });
  });

  test('final = 60 % rating + 40 % exam', () => {
    const r = courseResult(S, [
      { kind: 'rating', score: 90, max: 100 },
      { kind: 'rating', score: 80, max: 100 },
      { kind: 'exam', score: 70, max: 100 },
    ]);
    // rating 85, exam 70 → 51 + 28 = 79 → B-
    expect(r).toMatchObject({ score: 79, letter: 'B-', gpa: 2.67, rating: 85, exam: 70, complete: true });
  });

  test('before the exam the rating alone gives a provisional letter', () => {
    expect(courseResult(S, [{ kind: 'rating', score: 96, max: 100 }])).toMatchObject({ score: 96, letter: 'A', complete: false });
    expect(courseResult(S, [])).toMatchObject({ score: null, letter: null });
  });
});

describe('settings', () => {
  test('the defaults are valid', () => {
    expect(checkSettings(S)).toBeNull();
  });
  test('weights must add up to 100 and bands rise from 0', () => {
    expect(checkSettings({ ...S, weights: { formative: 30, section: 30, term: 30 } })).toMatch(/add up to 90/);
    expect(
      checkSettings({
        ...S,
        termGradeBands: [
          { grade: 2, min: 10 },
          { grade: 3, min: 50 },
        ],
      }),
    ).toMatch(/start at 0/);
    expect(
      checkSettings({
        ...S,
        termGradeBands: [
          { grade: 2, min: 0 },
          { grade: 3, min: 50 },
          { grade: 4, min: 50 },
        ],
      }),
    ).toMatch(/rising/);
    expect(
      checkSettings({
        ...S,
        letterGrades: [
          { letter: 'F', min: 0, gpa: 0 },
          { letter: 'A', min: 120, gpa: 4 },
        ],
      }),
    ).toMatch(/0\.\.100/);
  });
});

describe('calendar', () => {
  test('weekdays are ISO: 2020-09-01 was a Tuesday', () => {
    expect(isoWeekday('2020-09-01')).toBe(2);
    expect(isoWeekday('2020-09-06')).toBe(7);
    expect(weekStart('2020-09-06')).toBe('2020-08-31');
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
  });

  test('school days of a term skip holidays, including a holiday that starts before the term', () => {
    const days = termSchoolDays({ startsOn: '2021-03-15', endsOn: '2021-03-26' }, [
      { startsOn: '2021-03-21', endsOn: '2021-03-23' }, // Nauryz
      { startsOn: '2021-03-01', endsOn: '2021-03-15' },
    ]);
    expect(days.map((d) => d.date)).toEqual(['2021-03-16', '2021-03-17', '2021-03-18', '2021-03-19', '2021-03-20', '2021-03-24', '2021-03-25', '2021-03-26']);
    expect(days[0]).toEqual({ date: '2021-03-16', weekday: 2 });
  });

  test('terms: quarters 1-4 for schools, inside their year, never overlapping', () => {
    const year = { startsOn: '2020-09-01', endsOn: '2021-05-31' };
    const q1 = { number: 1, startsOn: '2020-09-01', endsOn: '2020-10-30' };
    expect(checkTerm({ kind: 'quarter', number: 2, startsOn: '2020-11-09', endsOn: '2020-12-29' }, year, [q1])).toBeNull();
    expect(checkTerm({ kind: 'quarter', number: 2, startsOn: '2020-10-20', endsOn: '2020-12-29' }, year, [q1])).toEqual({ problem: 'overlaps', other: 1 });
    expect(checkTerm({ kind: 'semester', number: 3, startsOn: '2020-11-09', endsOn: '2020-12-29' }, year, [])).toEqual({ problem: 'number_for_kind' });
    expect(checkTerm({ kind: 'quarter', number: 4, startsOn: '2021-04-01', endsOn: '2021-06-30' }, year, [])).toEqual({ problem: 'outside_year' });
  });
});

describe('bells and clashes', () => {
  test('periods follow each other without overlap', () => {
    expect(
      checkPeriods([
        { number: 1, startsAt: '08:30', endsAt: '09:15' },
        { number: 2, startsAt: '09:25', endsAt: '10:10' },
      ]),
    ).toBeNull();
    expect(
      checkPeriods([
        { number: 1, startsAt: '08:30', endsAt: '09:15' },
        { number: 2, startsAt: '09:10', endsAt: '10:10' },
      ]),
    ).toMatch(/period 2 starts before period 1 ends/);
    expect(checkPeriods([{ number: 1, startsAt: '09:30', endsAt: '09:15' }])).toMatch(/ends before it starts/);
  });

  const term = { startsOn: '2020-09-01', endsOn: '2020-10-30' };
  const slot = (weekday: number, startsAt: string, endsAt: string, courseId: number | null = null, t = term) => ({
    weekday,
    startsAt,
    endsAt,
    term: t,
    courseId,
  });

  test('a teacher cannot be in two places at once, across shifts too', () => {
    const existing = [
      { ...slot(1, '08:30', '09:15'), label: '5 А' },
      { ...slot(2, '13:00', '13:45'), label: '7 Б' },
    ];
    expect(findClash(slot(1, '08:30', '09:15'), existing)?.label).toBe('5 А');
    // a second-shift period overlapping by ten minutes is still a clash
    expect(findClash(slot(2, '12:45', '13:10'), existing)?.label).toBe('7 Б');
    expect(findClash(slot(1, '09:15', '10:00'), existing)).toBeNull(); // back to back
    expect(findClash(slot(3, '08:30', '09:15'), existing)).toBeNull();
    // another term does not clash
    expect(findClash(slot(1, '08:30', '09:15', null, { startsOn: '2020-11-09', endsOn: '2020-12-29' }), existing)).toBeNull();
  });

  test('the groups of one course in a joint lecture do not clash', () => {
    expect(findClash(slot(1, '08:30', '09:50', 7), [slot(1, '08:30', '09:50', 7)])).toBeNull();
    expect(findClash(slot(1, '08:30', '09:50', 7), [slot(1, '08:30', '09:50', 8)])).not.toBeNull();
  });

  test('dated lessons clash on overlapping instants', () => {
    const at = (h: number, m = 0) => new Date(Date.UTC(2020, 8, 1, h, m));
    const existing = [{ startsAt: at(3, 30), endsAt: at(4, 15), courseId: null, id: 1 }];
    expect(findLessonClash({ startsAt: at(4), endsAt: at(4, 45), courseId: null }, existing)?.id).toBe(1);
    expect(findLessonClash({ startsAt: at(4, 15), endsAt: at(5), courseId: null }, existing)).toBeNull();
  });
});

describe('joining and submitting', () => {
  const startsAt = new Date('2020-09-01T03:30:00Z');
  const endsAt = new Date('2020-09-01T04:15:00Z');
  const at = (iso: string) => new Date(iso);

  test('an online lesson opens 15 minutes early and closes at its end', () => {
    expect(joinWindow(at('2020-09-01T03:14:00Z'), { startsAt, endsAt }, 15)).toBe('early');
    expect(joinWindow(at('2020-09-01T03:15:00Z'), { startsAt, endsAt }, 15)).toBe('open');
    expect(joinWindow(at('2020-09-01T04:15:00Z'), { startsAt, endsAt }, 15)).toBe('open');
    expect(joinWindow(at('2020-09-01T04:15:01Z'), { startsAt, endsAt }, 15)).toBe('over');
  });

  test('joining more than ten minutes after the start is late', () => {
    expect(joinStatus(at('2020-09-01T03:40:00Z'), startsAt, 10)).toBe('present');
    expect(joinStatus(at('2020-09-01T03:40:01Z'), startsAt, 10)).toBe('late');
  });

  test('late work is accepted and flagged, unless refused; marked work is final', () => {
    const due = at('2020-09-02T18:00:00Z');
    expect(decideSubmission(at('2020-09-02T17:59:00Z'), due, true, false)).toEqual({ ok: true, late: false });
    expect(decideSubmission(at('2020-09-02T18:01:00Z'), due, true, false)).toEqual({ ok: true, late: true });
    expect(decideSubmission(at('2020-09-02T18:01:00Z'), due, false, false)).toEqual({ ok: false, reason: 'late_refused' });
    expect(decideSubmission(at('2020-09-02T17:00:00Z'), due, true, true)).toEqual({ ok: false, reason: 'already_marked' });
  });
});

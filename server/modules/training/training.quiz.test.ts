import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { allRequiredPassed, answersProblem, attemptAllowed, markQuiz, quizProblems, rulesQuiz, type Quiz } from './training.quiz.js';

const question = fc
  .record({
    kind: fc.constantFrom<'single' | 'multiple'>('single', 'multiple'),
    text: fc.string({ minLength: 1, maxLength: 20 }),
    options: fc.array(fc.record({ text: fc.string({ minLength: 1, maxLength: 10 }), correct: fc.boolean() }), { minLength: 1, maxLength: 6 }),
  })
  .filter((q) => q.options.some((o) => o.correct) && (q.kind === 'multiple' || q.options.filter((o) => o.correct).length === 1));
const quiz: fc.Arbitrary<Quiz> = fc.record({
  passMark: fc.integer({ min: 1, max: 100 }).map((p) => p / 100),
  questions: fc.array(question, { minLength: 1, maxLength: 12 }),
});
const correctAnswers = (q: Quiz) => q.questions.map((x) => x.options.flatMap((o, j) => (o.correct ? [j] : [])));

describe('checking a quiz before it is published', () => {
  test('a question with no options, or with no correct answer, is named', () => {
    const q: Quiz = {
      passMark: 0.7,
      questions: [
        { kind: 'single', text: 'A', options: [{ text: 'x', correct: true }] },
        { kind: 'single', text: 'B', options: [] },
        {
          kind: 'multiple',
          text: 'C',
          options: [
            { text: 'x', correct: false },
            { text: 'y', correct: false },
          ],
        },
        {
          kind: 'single',
          text: 'D',
          options: [
            { text: 'x', correct: true },
            { text: 'y', correct: true },
          ],
        },
      ],
    };
    expect(quizProblems(q)).toEqual([
      { code: 'no_options', question: 2 },
      { code: 'no_correct_answer', question: 3 },
      { code: 'several_correct_in_single', question: 4 },
    ]);
    expect(quizProblems({ passMark: 0, questions: [] })).toEqual([{ code: 'no_questions' }, { code: 'bad_pass_mark' }]);
  });

  test('every generated well-formed quiz has no problem', () => {
    fc.assert(fc.property(quiz, (q) => quizProblems(q).length === 0));
  });
});

describe('marking (property-based)', () => {
  test('the correct answers always pass, with full marks, whatever the order and repeats', () => {
    fc.assert(
      fc.property(quiz, (q) => {
        const answers = correctAnswers(q).map((a) => [...a, ...a].reverse());
        const m = markQuiz(q, answers);
        return m.right === q.questions.length && m.score === 1 && m.passed;
      }),
    );
  });

  test('no answers never pass; the score is the share of right questions and passing is exactly reaching the pass mark', () => {
    fc.assert(
      fc.property(quiz, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (q, keep) => {
        expect(markQuiz(q, []).passed).toBe(false);
        // answer right where keep[i], leave the rest empty
        const answers = correctAnswers(q).map((a, i) => (keep[i] ? a : []));
        const right = q.questions.filter((_, i) => keep[i]).length;
        const m = markQuiz(q, answers);
        expect(m.right).toBe(right);
        expect(m.score).toBeCloseTo(right / q.questions.length, 12);
        expect(m.passed).toBe(right * 100 >= Math.round(q.passMark * 100) * q.questions.length);
      }),
    );
  });

  test('choosing one wrong option more makes a question wrong (no credit for ticking everything)', () => {
    fc.assert(
      fc.property(
        quiz.filter((q) => q.questions[0]!.options.some((o) => !o.correct)),
        (q) => {
          const answers = correctAnswers(q);
          const wrong = q.questions[0]!.options.findIndex((o) => !o.correct);
          answers[0] = [...answers[0]!, wrong];
          return markQuiz(q, answers).right === q.questions.length - 1;
        },
      ),
    );
  });
});

describe('attempts: answers that fit, the limit and the wait, completion', () => {
  test('marking is per question: the right count is the number of questions answered exactly, whatever the order or repeats', () => {
    fc.assert(
      fc.property(
        quiz.chain((q) =>
          fc.tuple(fc.constant(q), fc.tuple(...q.questions.map((x) => fc.array(fc.integer({ min: 0, max: x.options.length - 1 }), { maxLength: 4 })))),
        ),
        ([q, answers]) => {
          const perQuestion = q.questions.map((x, i) => markQuiz({ passMark: 1, questions: [x] }, [answers[i]!]).passed);
          const m = markQuiz(q, answers);
          expect(m.right).toBe(perQuestion.filter(Boolean).length);
          expect(answersProblem(q, answers)).toBeNull();
          // shuffling and repeating the chosen options changes nothing
          expect(
            markQuiz(
              q,
              answers.map((a) => [...a, ...a].reverse()),
            ).right,
          ).toBe(m.right);
        },
      ),
    );
  });

  test('an option that does not exist, or more answers than questions, is refused before marking', () => {
    fc.assert(
      fc.property(quiz, fc.nat({ max: 20 }), (q, extra) => {
        const i = extra % q.questions.length;
        const bad = q.questions.map(() => [] as number[]);
        bad[i] = [q.questions[i]!.options.length + extra];
        expect(answersProblem(q, bad)).toContain(`Question ${i + 1}`);
        expect(answersProblem(q, [...correctAnswers(q), [0]])).not.toBeNull();
      }),
    );
  });

  test('at most maxAttempts attempts, and none sooner than waitMinutes after the last', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 8 }),
        fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 0, max: 20_000 }),
        (minutes, max, wait, nowMinutes) => {
          const at = (m: number) => new Date(Date.UTC(2020, 11, 1) + m * 60_000);
          const previous = minutes.map(at);
          const now = at(Math.max(nowMinutes, ...minutes));
          const r = attemptAllowed(previous, max, wait, now);
          const last = minutes.length ? Math.max(...minutes) : null;
          if (max !== null && minutes.length >= max) expect(r).toEqual({ ok: false, code: 'no_attempts_left' });
          else if (last !== null && wait > 0 && Math.max(nowMinutes, last) < last + wait)
            expect(r).toEqual({ ok: false, code: 'too_soon', nextAt: at(last + wait) });
          else expect(r).toEqual({ ok: true });
        },
      ),
    );
  });

  test('a course completes only when every required quiz is passed (and it has one)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ quiz: fc.option(fc.record({ required: fc.boolean() }), { nil: null }), passed: fc.boolean() }), { maxLength: 8 }),
        (mods) => {
          const modules = mods.map((m, i) => ({ id: i + 1, quiz: m.quiz }));
          const passed = new Set(mods.flatMap((m, i) => (m.passed ? [i + 1] : [])));
          const required = mods.filter((m) => m.quiz?.required);
          expect(allRequiredPassed(modules, passed)).toBe(required.length > 0 && required.every((m) => m.passed));
        },
      ),
    );
  });

  test('a stored quiz in three languages is checked by the same rules: no correct answer is named', () => {
    const q = rulesQuiz({
      passMark: 0.5,
      questions: [{ kind: 'single', text: { en: 'Q' }, options: [{ text: { en: 'a' }, correct: false }] }],
    });
    expect(quizProblems(q)).toEqual([{ code: 'no_correct_answer', question: 1 }]);
  });
});

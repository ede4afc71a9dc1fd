import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { markQuiz, quizProblems, type Quiz } from './training.quiz.js';

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

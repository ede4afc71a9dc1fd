/**
 * The quiz of a course built in Sabaq (pure; storage, routes and screens are not built yet): single
 * or multiple choice questions, marked automatically against a pass mark.
 */

export interface QuizQuestion {
  kind: 'single' | 'multiple';
  text: string;
  options: { text: string; correct: boolean }[];
}

export interface Quiz {
  /** share of questions answered right needed to pass, 0 < passMark <= 1 */
  passMark: number;
  questions: QuizQuestion[];
}

export type QuizProblem =
  | { code: 'no_questions' }
  | { code: 'bad_pass_mark' }
  | { code: 'no_options'; question: number }
  | { code: 'no_correct_answer'; question: number }
  | { code: 'several_correct_in_single'; question: number };

/** What is wrong with a quiz, each problem naming its question (1-based); empty when it can be published. */
export function quizProblems(q: Quiz): QuizProblem[] {
  const out: QuizProblem[] = [];
  if (q.questions.length === 0) out.push({ code: 'no_questions' });
  if (!(q.passMark > 0 && q.passMark <= 1)) out.push({ code: 'bad_pass_mark' });
  q.questions.forEach((question, i) => {
    const n = i + 1;
    const correct = question.options.filter((o) => o.correct).length;
    if (question.options.length === 0) out.push({ code: 'no_options', question: n });
    else if (correct === 0) out.push({ code: 'no_correct_answer', question: n });
    else if (question.kind === 'single' && correct > 1) out.push({ code: 'several_correct_in_single', question: n });
  });
  return out;
}

/**
 * Marks answers (per question, the chosen option indexes). A question is right when exactly its
 * correct options are chosen (order and repeats do not matter; a missing answer is wrong). Passed
 * when the share of right questions reaches the pass mark.
 */
export function markQuiz(q: Quiz, answers: number[][]): { right: number; total: number; score: number; passed: boolean } {
  const total = q.questions.length;
  let right = 0;
  q.questions.forEach((question, i) => {
    const chosen = new Set(answers[i] ?? []);
    const correct = new Set(question.options.flatMap((o, j) => (o.correct ? [j] : [])));
    if (chosen.size === correct.size && [...chosen].every((j) => correct.has(j))) right += 1;
  });
  const score = total === 0 ? 0 : right / total;
  // compared in whole questions, so 0.7 * 10 is not lost to floating point
  return { right, total, score, passed: total > 0 && right >= Math.ceil(q.passMark * total - 1e-9) };
}

/** A stored quiz (texts in three languages) as the rules see it: the English text stands for the question. */
export function rulesQuiz(q: {
  passMark: number;
  questions: { kind: 'single' | 'multiple'; text: { en: string }; options: { text: { en: string }; correct: boolean }[] }[];
}): Quiz {
  return {
    passMark: q.passMark,
    questions: q.questions.map((x) => ({ kind: x.kind, text: x.text.en, options: x.options.map((o) => ({ text: o.text.en, correct: o.correct })) })),
  };
}

/** Answers that cannot belong to this quiz (more answers than questions, an option that does not exist): null when they fit. */
export function answersProblem(q: Quiz, answers: number[][]): string | null {
  if (answers.length > q.questions.length) return `The quiz has ${q.questions.length} questions`;
  for (const [i, a] of answers.entries()) {
    const n = q.questions[i]!.options.length;
    if (a.some((j) => j < 0 || j >= n)) return `Question ${i + 1} has ${n} options`;
  }
  return null;
}

/**
 * Whether one more attempt at a quiz is allowed: at most maxAttempts (null: no limit), and waitMinutes
 * after the last one. `previous` are the submission instants of the earlier attempts.
 */
export function attemptAllowed(
  previous: Date[],
  maxAttempts: number | null,
  waitMinutes: number,
  now: Date,
): { ok: true } | { ok: false; code: 'no_attempts_left' } | { ok: false; code: 'too_soon'; nextAt: Date } {
  if (maxAttempts !== null && previous.length >= maxAttempts) return { ok: false, code: 'no_attempts_left' };
  const last = previous.reduce<number | null>((m, d) => (m === null || d.getTime() > m ? d.getTime() : m), null);
  if (last !== null && waitMinutes > 0) {
    const nextAt = last + waitMinutes * 60_000;
    if (now.getTime() < nextAt) return { ok: false, code: 'too_soon', nextAt: new Date(nextAt) };
  }
  return { ok: true };
}

/** Every required quiz of the course's modules is passed (a course without required quizzes: false, nothing to pass). */
export function allRequiredPassed(modules: { id: number; quiz: { required: boolean } | null }[], passed: Set<number>): boolean {
  const required = modules.filter((m) => m.quiz?.required);
  return required.length > 0 && required.every((m) => passed.has(m.id));
}

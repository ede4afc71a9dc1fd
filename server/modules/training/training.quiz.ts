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

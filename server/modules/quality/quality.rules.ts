/** Pure rules of the self-assessment: which answers a framework version accepts, what a submission lacks. */

export interface FrameworkShape {
  areas: { key: string; criteria: { key: string }[] }[];
}

/** Every criterion key of a version, in the framework's order. */
export const criterionKeys = (f: FrameworkShape): string[] => f.areas.flatMap((a) => a.criteria.map((c) => c.key));

/** Keys used twice in a framework (area keys among areas, criterion keys across the whole version). */
export function duplicateKeys(f: FrameworkShape): string[] {
  const dup = (keys: string[]) => keys.filter((k, i) => keys.indexOf(k) !== i);
  return [...new Set([...dup(f.areas.map((a) => a.key)), ...dup(criterionKeys(f))])];
}

/** Answers naming criteria the version does not have, and criteria answered twice. */
export function checkAnswers(f: FrameworkShape, answers: { criterion: string }[]): { unknown: string[]; duplicate: string[] } {
  const known = new Set(criterionKeys(f));
  const seen = new Set<string>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  for (const a of answers) {
    if (!known.has(a.criterion)) unknown.push(a.criterion);
    else if (seen.has(a.criterion)) duplicate.push(a.criterion);
    seen.add(a.criterion);
  }
  return { unknown: [...new Set(unknown)], duplicate: [...new Set(duplicate)] };
}

/** The criteria without a level (in the framework's order): a submission needs every one. */
export function missingLevels(f: FrameworkShape, answers: { criterion: string; level: string | null }[]): string[] {
  const answered = new Set(answers.filter((a) => a.level !== null).map((a) => a.criterion));
  return criterionKeys(f).filter((k) => !answered.has(k));
}

/** The answers in the framework's order, one per criterion (blank where none was given). */
export function alignAnswers<A extends { criterion: string }>(f: FrameworkShape, answers: A[], blank: (criterion: string) => A): A[] {
  const by = new Map(answers.map((a) => [a.criterion, a]));
  return criterionKeys(f).map((k) => by.get(k) ?? blank(k));
}

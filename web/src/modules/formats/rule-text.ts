/**
 * Pure helpers of the rule editor: where a JSON syntax error is (line and column, from the browser's
 * message), and a rule's conditions as short phrases. No React, tested in `rule-text.test.ts`.
 */

export interface JsonProblem {
  message: string;
  line: number | null;
  column: number | null;
  offset: number | null;
}

/** Parses the editor's text; on a syntax error, the line and column when the engine tells the position. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: JsonProblem } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const lc = /line (\d+) column (\d+)/.exec(message);
    const pos = /position (\d+)/.exec(message);
    const offset = pos ? Number(pos[1]) : null;
    if (lc) return { ok: false, problem: { message, line: Number(lc[1]), column: Number(lc[2]), offset } };
    if (offset !== null) {
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      return { ok: false, problem: { message, line, column: offset - before.lastIndexOf('\n'), offset } };
    }
    // "Unexpected end of JSON input": the problem is at the very end
    if (/end of (JSON )?input/i.test(message)) {
      const lines = text.split('\n');
      return { ok: false, problem: { message, line: lines.length, column: lines[lines.length - 1]!.length + 1, offset: text.length } };
    }
    return { ok: false, problem: { message, line: null, column: null, offset: null } };
  }
}

/** The character offset of a 1-based line and column, to put the caret on the error. */
export function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i]!.length + 1;
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/** A rule's conditions as loosely typed JSON (the text being edited may not follow the format yet). */
export interface LooseCondition {
  level?: unknown;
  kinds?: unknown;
  settlement?: unknown;
  maxPupils?: unknown;
  minPupils?: unknown;
  situation?: unknown;
  grades?: unknown;
  specialtyGroups?: unknown;
  regions?: unknown;
}

export type ConditionPhrase =
  | { key: 'level'; value: 'organisation' | 'class' }
  | { key: 'kinds'; values: string[] }
  | { key: 'settlement'; value: 'rural' | 'urban' }
  | { key: 'maxPupils' | 'minPupils'; n: number }
  | { key: 'situation'; values: string[] }
  | { key: 'grades'; values: number[] }
  | { key: 'specialtyGroups' | 'regions'; values: string[] };

const strings = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null);

/** The conditions that are present, in a fixed reading order; malformed ones are left out (the server names them). */
export function conditionPhrases(when: LooseCondition): ConditionPhrase[] {
  const out: ConditionPhrase[] = [];
  if (when.level === 'organisation' || when.level === 'class') out.push({ key: 'level', value: when.level });
  const kinds = strings(when.kinds);
  if (kinds) out.push({ key: 'kinds', values: kinds });
  if (when.settlement === 'rural' || when.settlement === 'urban') out.push({ key: 'settlement', value: when.settlement });
  if (typeof when.maxPupils === 'number') out.push({ key: 'maxPupils', n: when.maxPupils });
  if (typeof when.minPupils === 'number') out.push({ key: 'minPupils', n: when.minPupils });
  const situation = strings(when.situation);
  if (situation) out.push({ key: 'situation', values: situation });
  if (Array.isArray(when.grades) && when.grades.every((g) => typeof g === 'number')) out.push({ key: 'grades', values: when.grades as number[] });
  const groups = strings(when.specialtyGroups);
  if (groups) out.push({ key: 'specialtyGroups', values: groups });
  const regions = strings(when.regions);
  if (regions) out.push({ key: 'regions', values: regions });
  return out;
}

/**
 * JSON for people to edit: two-space indents like JSON.stringify, but a short list of plain values
 * stays on one line (`"grades": [1, 2, 3, 4]`), so a rule fits on a phone screen and reads as a rule.
 */
export function prettyJson(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const flat = value.every((v) => v === null || typeof v !== 'object');
    const oneLine = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    if (flat && oneLine.length + indent.length <= 100) return oneLine;
    return `[\n${value.map((v) => inner + prettyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A health record's fields as typed in a form (the officer's and the person's own). */
export interface TypedRecord {
  kind: 'vaccination' | 'test' | 'recovery';
  at: string;
  product: string;
  dose: string;
  series: string;
}

export type RecordField = 'at' | 'product' | 'dose' | 'series';

/** Doses the server takes (contracts/access.ts: doseNumber and seriesDoses, whole, 1 to 10). */
export const DOSE_MIN = 1;
export const DOSE_MAX = 10;

/** A typed whole number from min to max (what the server's int().min().max() takes). */
export function wholeIn(v: string, min: number, max: number): boolean {
  const n = Number(v.trim());
  return v.trim() !== '' && Number.isInteger(n) && n >= min && n <= max;
}
const wholeDose = (v: string) => wholeIn(v, DOSE_MIN, DOSE_MAX);

/**
 * The fields the server would refuse, said beside each in the page's language before anything is
 * sent (the browser's bubbles speak its own language, and the server's answer names no field).
 */
export function recordProblems(r: TypedRecord): RecordField[] {
  const wrong: RecordField[] = [];
  if (r.at.trim() === '' || Number.isNaN(new Date(r.at).getTime())) wrong.push('at');
  if (r.kind === 'vaccination') {
    if (r.product.trim() === '') wrong.push('product');
    if (!wholeDose(r.dose)) wrong.push('dose');
    if (!wholeDose(r.series)) wrong.push('series');
  }
  return wrong;
}

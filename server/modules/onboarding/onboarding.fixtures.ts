import { makeIin } from '../identity/identity.usecases.js';

/**
 * Test fixtures: valid IINs from a birth date, sex and a serial. Serials from 9000 up stay clear
 * of the demo dataset, whose serials count up from 1 per birth date.
 */
export function validIin(birthDate: string, sex: 'm' | 'f', serial = 9000): string {
  for (let s = serial; s < serial + 100; s++) {
    const iin = makeIin(birthDate, sex, s);
    if (iin) return iin;
  }
  throw new Error(`no valid IIN near serial ${serial}`);
}

/** The same IIN with a wrong check digit. */
export function withBadCheckDigit(iin: string): string {
  return iin.slice(0, 11) + String((Number(iin[11]) + 1) % 10);
}

/** A CSV buffer from rows of cells (`;` or `,` separated, optional BOM). */
export function csv(rows: (string | number)[][], opts: { separator?: string; bom?: boolean } = {}): Buffer {
  const sep = opts.separator ?? ',';
  const text = `${rows
    .map((r) =>
      r
        .map((c) => {
          const s = String(c);
          return s.includes(sep) || s.includes('"') || s.includes('\n') ? `"${s.replace(/"/g, '""')}"` : s;
        })
        .join(sep),
    )
    .join('\r\n')}\r\n`;
  return Buffer.from((opts.bom ? '\uFEFF' : '') + text, 'utf8');
}

/**
 * Completions from external providers, read from a CSV/XLSX sheet (pure: no database). One row:
 * provider, teacher (IIN or login), course (catalogue id or title in any language), completion date
 * (YYYY-MM-DD or DD.MM.YYYY), certificate number. Every bad cell is reported with its line and column.
 */

export type ImportField = 'provider' | 'teacher' | 'course' | 'completedOn' | 'certificate';
export const IMPORT_FIELDS: ImportField[] = ['provider', 'teacher', 'course', 'completedOn', 'certificate'];

const ALIASES: Record<ImportField, string[]> = {
  provider: ['provider', 'провайдер', 'организатор', 'ұйымдастырушы', 'организация'],
  teacher: ['teacher', 'iin', 'login', 'teacher iin or login', 'иин', 'логин', 'педагог', 'мұғалім', 'жсн', 'иин или логин', 'жсн немесе логин'],
  course: ['course', 'курс', 'course title', 'название курса', 'курс атауы'],
  completedOn: ['completed on', 'completed_on', 'completion date', 'date', 'дата', 'дата завершения', 'аяқталған күні', 'күні'],
  certificate: ['certificate', 'certificate number', 'certificate_number', 'номер сертификата', 'сертификат', 'сертификат нөмірі'],
};

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .replace(/[.:№#*]/g, '')
    .trim();

/** Which column holds which field; a missing field is named. */
export function mapImportHeader(cells: string[]): { columns: Partial<Record<ImportField, number>>; missing: ImportField[]; ignored: string[] } {
  const columns: Partial<Record<ImportField, number>> = {};
  const ignored: string[] = [];
  cells.forEach((cell, i) => {
    const n = norm(cell);
    const field = IMPORT_FIELDS.find((f) => ALIASES[f].includes(n));
    if (field && columns[field] === undefined) columns[field] = i;
    else if (cell.trim() !== '') ignored.push(cell);
  });
  return { columns, missing: IMPORT_FIELDS.filter((f) => columns[f] === undefined), ignored };
}

/** A date as people type it (YYYY-MM-DD, DD.MM.YYYY, an XLSX date's ISO text); null when not a real day. */
export function parseDay(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(s);
  let y: number;
  let mo: number;
  let d: number;
  if (m) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else {
    m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(s);
    if (!m) return null;
    d = Number(m[1]);
    mo = Number(m[2]);
    y = Number(m[3]);
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1990) return null;
  return date.toISOString().slice(0, 10);
}

export type ImportErrorCode =
  | 'missing_column'
  | 'missing_value'
  | 'too_long'
  | 'unknown_teacher'
  | 'not_a_teacher'
  | 'unknown_course'
  | 'bad_date'
  | 'future_date'
  | 'duplicate';
export interface RowError {
  line: number;
  column: string;
  code: ImportErrorCode;
  duplicateOf?: number;
}

export interface ParsedRow {
  line: number;
  provider: string;
  teacher: string;
  course: string;
  completedOn: string;
  certificate: string;
}

/** Reads the cells of each row; checks what needs no database (present, lengths, dates). */
export function parseImportRows(
  header: string[],
  rows: { line: number; cells: string[] }[],
  today: string,
): { rows: ParsedRow[]; errors: RowError[]; ignored: string[] } {
  const { columns, missing, ignored } = mapImportHeader(header);
  const errors: RowError[] = missing.map((f) => ({ line: 1, column: f, code: 'missing_column' as const }));
  if (missing.length > 0) return { rows: [], errors, ignored };
  const out: ParsedRow[] = [];
  const max: Record<ImportField, number> = { provider: 200, teacher: 100, course: 300, completedOn: 40, certificate: 100 };
  for (const r of rows) {
    const v = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, (r.cells[columns[f]!] ?? '').trim()])) as Record<ImportField, string>;
    let ok = true;
    for (const f of IMPORT_FIELDS) {
      const col = header[columns[f]!] ?? f;
      if (v[f] === '') {
        errors.push({ line: r.line, column: col, code: 'missing_value' });
        ok = false;
      } else if (v[f].length > max[f]) {
        errors.push({ line: r.line, column: col, code: 'too_long' });
        ok = false;
      }
    }
    const day = v.completedOn ? parseDay(v.completedOn) : null;
    if (v.completedOn && !day) {
      errors.push({ line: r.line, column: header[columns.completedOn!]!, code: 'bad_date' });
      ok = false;
    } else if (day && day > today) {
      errors.push({ line: r.line, column: header[columns.completedOn!]!, code: 'future_date' });
      ok = false;
    }
    if (ok) out.push({ line: r.line, provider: v.provider, teacher: v.teacher, course: v.course, completedOn: day!, certificate: v.certificate });
  }
  return { rows: out, errors, ignored };
}

/** The column header (as written) of a field, for naming an error found after the database look-ups. */
export function columnOf(header: string[], field: ImportField): string {
  const i = mapImportHeader(header).columns[field];
  return i === undefined ? field : header[i]!;
}

export const isIin = (s: string) => /^\d{12}$/.test(s);

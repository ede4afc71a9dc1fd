/**
 * Turns the export's JSON into something a person can read: per module, each part as a table
 * (rows × columns) or a list of facts. Pure, so it is tested without a browser.
 */
export interface ExportPart {
  key: string;
  /** rows of a table part; `columns` are the union of the rows' keys in first-seen order */
  columns: string[];
  rows: string[][];
  /** how many rows the part holds (rows shown may be fewer) */
  total: number;
}

export const MAX_ROWS_SHOWN = 50;

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}T/.test(v) ? v.slice(0, 16).replace('T', ' ') : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** One module's part of the export as tables; empty parts are dropped. */
export function exportParts(module: Record<string, unknown>): ExportPart[] {
  const parts: ExportPart[] = [];
  for (const [key, value] of Object.entries(module)) {
    const list = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : [{ value }];
    if (list.length === 0) continue;
    const columns: string[] = [];
    for (const row of list) {
      if (row && typeof row === 'object') for (const c of Object.keys(row)) if (!columns.includes(c)) columns.push(c);
    }
    const rows = list.slice(0, MAX_ROWS_SHOWN).map((row) => columns.map((c) => cellText((row as Record<string, unknown>)?.[c])));
    parts.push({ key, columns, rows, total: list.length });
  }
  return parts;
}

/** How many records a person's export holds in all. */
export function recordCount(modules: Record<string, Record<string, unknown>>): number {
  let n = 0;
  for (const m of Object.values(modules)) for (const v of Object.values(m)) n += Array.isArray(v) ? v.length : v ? 1 : 0;
  return n;
}

import { createInflateRaw } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { cleanText } from '../../platform/text.js';
import { emptyFile, tooManyRows, unreadableFile } from './onboarding.errors.js';

/** One spreadsheet row: `line` is the row number the spreadsheet shows (the header is usually 1). */
export interface SheetRow {
  line: number;
  cells: string[];
}

export interface Sheet {
  format: 'csv' | 'xlsx';
  header: SheetRow;
  /** data rows; blank rows are dropped but keep the numbering of the rows around them */
  rows: SheetRow[];
}

export interface ReadLimits {
  maxRows: number;
  /** an XLSX is a zip: refuse one whose parts really unpack to more than this (zip bombs) */
  maxUnzippedBytes: number;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // .xls from Excel 97-2003

const startsWith = (buf: Buffer, magic: number[]) => magic.every((b, i) => buf[i] === b);

/** Reads an uploaded CSV (UTF-8 or Windows-1251, `,` `;` or tab separated) or XLSX (first sheet). */
export async function readSheet(buf: Buffer, limits: ReadLimits): Promise<Sheet> {
  if (startsWith(buf, OLE_MAGIC)) throw unreadableFile('Old Excel files (.xls) are not read: save the sheet as .xlsx or CSV UTF-8');
  const table = startsWith(buf, ZIP_MAGIC) ? await readXlsx(buf, limits) : readCsv(buf);
  const nonBlank = table.rows.filter((r) => r.cells.some((c) => c !== ''));
  const [header, ...rows] = nonBlank;
  if (!header) throw emptyFile();
  if (rows.length > limits.maxRows) {
    throw tooManyRows(`The file has ${rows.length} rows; at most ${limits.maxRows} rows can be imported at once. Split it into several files`);
  }
  return { format: table.format, header, rows };
}

/**
 * Trims a cell; non-breaking spaces (pasted from web pages and Word) count as spaces; NUL, direction
 * overrides and invisible characters go (the shared rule: platform/text.ts; cells hold names).
 */
function clean(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what it removes
  return cleanText(value.replace(/\u0000/g, ''), 'name')
    .replace(/\u00a0/g, ' ')
    .trim();
}

// ── CSV ───────────────────────────────────────────────────────────────────
function decode(buf: Buffer): string {
  try {
    // TextDecoder drops a UTF-8 BOM by itself
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    // "CSV (comma delimited)" from a Russian-locale Excel is Windows-1251; Kazakh letters it cannot
    // hold become "?", which the name check then reports.
    return new TextDecoder('windows-1251').decode(buf);
  }
}

/** The separator is whichever of `;` `,` tab the header line holds most (Excel in Russian locale writes `;`). */
export function detectDelimiter(text: string): string {
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

function readCsv(buf: Buffer): { format: 'csv'; rows: SheetRow[] } {
  const text = decode(buf);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      // keep blank lines as records, so record i is spreadsheet row i + 1 even around blank rows
      // and quoted cells that span several lines
      skip_empty_lines: false,
    }) as string[][];
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw unreadableFile(`The CSV cannot be read${e.lines ? ` (near line ${e.lines})` : ''}: ${e.message ?? 'malformed'}`);
  }
  return { format: 'csv', rows: records.map((cells, i) => ({ line: i + 1, cells: cells.map(clean) })) };
}

// ── XLSX ──────────────────────────────────────────────────────────────────
/**
 * Unpacks every part of the zip, counting the bytes that really come out, and stops as soon as
 * the count passes `limit`: the sizes a zip declares are whatever its maker wrote (a 300 KB file
 * declaring 1 KB may unpack to 300 MB). Output is counted and dropped, never kept, so memory stays
 * at a few chunks. Answers the total, 'too-large', or 'unreadable' for a zip we cannot walk.
 */
export async function unzippedSizeWithin(buf: Buffer, limit: number): Promise<number | 'too-large' | 'unreadable'> {
  const minEocd = 22;
  let eocd = -1;
  for (let i = buf.length - minEocd; i >= Math.max(0, buf.length - minEocd - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return 'unreadable';
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return 'unreadable';
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const local = buf.readUInt32LE(p + 42);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    if (compressed === 0xffffffff || local === 0xffffffff) return 'too-large'; // zip64: far beyond any sheet we accept
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return 'unreadable';
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    if (method === 0) {
      total += data.length;
    } else if (method === 8) {
      const out = await inflateCounting(data, limit - total);
      if (out === 'too-large' || out === 'unreadable') return out;
      total += out;
    } else {
      return 'unreadable';
    }
    if (total > limit) return 'too-large';
  }
  return total;
}

/** Inflates `data`, counting output bytes; stops (destroying the inflater) once more than `budget`. */
function inflateCounting(data: Buffer, budget: number): Promise<number | 'too-large' | 'unreadable'> {
  return new Promise((resolve) => {
    const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
    let count = 0;
    let settled = false;
    const settle = (v: number | 'too-large' | 'unreadable') => {
      if (settled) return;
      settled = true;
      resolve(v);
    };
    inflater.on('data', (chunk: Buffer) => {
      count += chunk.length;
      if (count > budget) {
        settle('too-large');
        inflater.destroy();
      }
    });
    inflater.on('end', () => settle(count));
    inflater.on('error', () => settle('unreadable'));
    inflater.on('close', () => settle(count > budget ? 'too-large' : count));
    inflater.end(data);
  });
}

type Cell = ExcelJS.CellValue | undefined;

/** A cell as the text the user sees; numbers keep all their digits (IINs typed as numbers). */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return clean(value);
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return clean(value.richText.map((r) => r.text).join(''));
  if ('hyperlink' in value) return cellText(value.text as Cell);
  if ('result' in value) return cellText(value.result as Cell);
  return ''; // error values (#N/A…) and formulas without a cached result
}

async function readXlsx(buf: Buffer, limits: ReadLimits): Promise<{ format: 'xlsx'; rows: SheetRow[] }> {
  const unzipped = await unzippedSizeWithin(buf, limits.maxUnzippedBytes);
  if (unzipped === 'too-large') {
    throw unreadableFile(`The XLSX file unpacks to more than ${Math.round(limits.maxUnzippedBytes / 1e6)} MB; save only the sheet to import`);
  }
  if (unzipped === 'unreadable') throw unreadableFile('The XLSX file cannot be read: is it damaged or password-protected?');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw unreadableFile('The XLSX file cannot be read: is it damaged or password-protected?');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw emptyFile();
  // +1 header row; checked before converting so a huge sheet is refused early
  if (sheet.actualRowCount > limits.maxRows + 1) {
    throw tooManyRows(`The sheet has ${sheet.actualRowCount - 1} rows; at most ${limits.maxRows} rows can be imported at once. Split it into several files`);
  }
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = row.values as Cell[]; // 1-based: values[0] is always empty
    const cells: string[] = [];
    for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
    rows.push({ line, cells });
  });
  return { format: 'xlsx', rows };
}

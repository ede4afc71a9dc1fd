import { PassThrough, Readable, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * The one writer for every spreadsheet Sabaq hands out (CSV and XLSX). Whatever a user typed into
 * a name, a class or a comment, a cell never becomes a formula when the file is opened: a text
 * cell starting with `=`, `+`, `-`, `@`, tab or carriage return (or their full-width forms) gets a
 * leading apostrophe (OWASP "CSV injection"). Numbers, booleans and dates are written as values.
 *
 *     import { writeCsv, writeXlsx, type Column } from '../../platform/export/index.js';
 *     const columns: Column<Pupil>[] = [
 *       { header: 'IIN', value: (p) => p.iin, text: true },
 *       { header: 'Name', value: (p) => p.name, width: 30 },
 *       { header: 'Mark', value: (p) => p.mark },
 *     ];
 *     const csv = writeCsv(columns, pupils);                  // Buffer: UTF-8 + BOM, ";" separated
 *     const xlsx = await writeXlsx(columns, pupils, { sheetName: 'Pupils' }); // Buffer
 *     reply.header('content-type', CSV_CONTENT_TYPE).send(csvStream(columns, asyncRows)); // streaming
 *
 * CSV is UTF-8 with a BOM and `;` between cells, CRLF line ends: what Excel in the Kazakh and
 * Russian locales opens straight into columns with Cyrillic intact.
 */

export type CellValue = string | number | boolean | Date | null | undefined;

export interface Column<Row> {
  header: string;
  value: (row: Row) => CellValue;
  /** XLSX column width in characters (default: the header's length + 4, at least 10) */
  width?: number;
  /** XLSX: format the column as text, so typed digits keep their leading zeros (IINs, phones) */
  text?: boolean;
}

export interface CsvOptions {
  /** default ';' (Excel in the kk/ru locales); ',' or tab for other tools */
  separator?: ';' | ',' | '\t';
  /** default true: the BOM tells Excel the file is UTF-8 */
  bom?: boolean;
}

export interface XlsxOptions {
  /** at most 31 characters; `[]:*?/\` are replaced (Excel's rules) */
  sheetName?: string;
  /** default true: the header row is bold and stays in view when scrolling */
  freezeHeader?: boolean;
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text cell that cannot be taken for a formula: `=1+1` → `'=1+1`; other text unchanged. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The safe value of a cell: text neutralised; numbers, booleans and dates kept as values. */
export function safeCell(value: CellValue): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return neutraliseFormula(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return value;
}

function csvField(value: CellValue, separator: string): string {
  const v = safeCell(value);
  if (v === null) return '';
  const s = v instanceof Date ? v.toISOString() : String(v);
  return s.includes(separator) || /["\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLine<Row>(columns: Column<Row>[], row: Row | null, separator: string): string {
  const cells = columns.map((c) => (row === null ? csvField(c.header, separator) : csvField(c.value(row), separator)));
  return `${cells.join(separator)}\r\n`;
}

/** A whole CSV file in memory (header row first). For large exports use `csvStream`. */
export function writeCsv<Row>(columns: Column<Row>[], rows: Iterable<Row>, options: CsvOptions = {}): Buffer {
  const separator = options.separator ?? ';';
  const parts = [options.bom === false ? '' : '\uFEFF', csvLine(columns, null, separator)];
  for (const row of rows) parts.push(csvLine(columns, row, separator));
  return Buffer.from(parts.join(''), 'utf8');
}

/** The same CSV as a stream, row by row: memory stays flat whatever the number of rows. */
export function csvStream<Row>(columns: Column<Row>[], rows: Iterable<Row> | AsyncIterable<Row>, options: CsvOptions = {}): Readable {
  const separator = options.separator ?? ';';
  async function* lines() {
    yield (options.bom === false ? '' : '\uFEFF') + csvLine(columns, null, separator);
    for await (const row of rows) yield csvLine(columns, row, separator);
  }
  return Readable.from(lines());
}

function sheetName(name: string | undefined): string {
  const cleaned = (name ?? 'Sheet1').replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
  return cleaned || 'Sheet1';
}

/**
 * Writes an XLSX into `output` with exceljs's streaming writer: each row is committed (and leaves
 * memory) as soon as it is written. Resolves when the file is complete.
 */
export async function xlsxToStream<Row>(
  output: Writable,
  columns: Column<Row>[],
  rows: Iterable<Row> | AsyncIterable<Row>,
  options: XlsxOptions = {},
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const freeze = options.freezeHeader !== false;
  const sheet = workbook.addWorksheet(sheetName(options.sheetName), freeze ? { views: [{ state: 'frozen', ySplit: 1 }] } : {});
  sheet.columns = columns.map((c, i) => ({
    key: String(i),
    width: c.width ?? Math.max(10, c.header.length + 4),
    ...(c.text ? { style: { numFmt: '@' } } : {}),
  }));
  const header = sheet.addRow(columns.map((c) => safeCell(c.header)));
  if (freeze) header.font = { bold: true };
  header.commit();
  for await (const row of rows) {
    sheet
      .addRow(
        columns.map((c) => {
          const v = safeCell(c.value(row));
          // a text column holds text: a number typed into it stays as the digits shown
          return c.text && typeof v === 'number' ? String(v) : v;
        }),
      )
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** A whole XLSX file in memory. For large exports use `xlsxStream`. */
export async function writeXlsx<Row>(columns: Column<Row>[], rows: Iterable<Row> | AsyncIterable<Row>, options: XlsxOptions = {}): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  await xlsxToStream(sink, columns, rows, options);
  await ended;
  return Buffer.concat(chunks);
}

/** An XLSX as a readable stream (e.g. `reply.send(xlsxStream(...))`); errors destroy the stream. */
export function xlsxStream<Row>(columns: Column<Row>[], rows: Iterable<Row> | AsyncIterable<Row>, options: XlsxOptions = {}): Readable {
  const out = new PassThrough();
  xlsxToStream(out, columns, rows, options).catch((err: Error) => out.destroy(err));
  return out;
}

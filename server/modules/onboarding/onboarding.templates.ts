import ExcelJS from 'exceljs';
import type { ImportKind } from '../../../contracts/onboarding.js';
import { FIELDS, templateHeaders } from './onboarding.formats.js';

export interface TemplateFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

/**
 * A CSV template: UTF-8 with a BOM and `;` separators — what Excel in the Russian and Kazakh
 * locales reads straight into columns (and writes back). Header row only.
 */
export function csvTemplate(kind: ImportKind, lang: 'en' | 'ru' | 'kk'): TemplateFile {
  const quote = (s: string) => (/[;",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const line = templateHeaders(kind, lang).map(quote).join(';');
  return {
    body: Buffer.from(`\uFEFF${line}\r\n`, 'utf8'),
    contentType: 'text/csv; charset=utf-8',
    filename: `sabaq-${kind}.csv`,
  };
}

/** An XLSX template whose IIN and phone columns are formatted as text, so leading zeros survive typing. */
export async function xlsxTemplate(kind: ImportKind, lang: 'en' | 'ru' | 'kk'): Promise<TemplateFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(kind);
  const headers = templateHeaders(kind, lang);
  sheet.columns = FIELDS[kind].map((f, i) => ({
    header: headers[i]!,
    key: f.key,
    width: Math.max(12, headers[i]!.length + 4),
    ...(f.text ? { style: { numFmt: '@' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    body,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `sabaq-${kind}.xlsx`,
  };
}

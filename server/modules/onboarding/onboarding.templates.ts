import type { ImportKind } from '../../../contracts/onboarding.js';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, writeCsv, writeXlsx, type Column } from '../../platform/export/index.js';
import { FIELDS, templateHeaders } from './onboarding.formats.js';

export interface TemplateFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

/** The template's columns (header row only: a template has no rows) for the shared export writer. */
function columns(kind: ImportKind, lang: 'en' | 'ru' | 'kk'): Column<never>[] {
  const headers = templateHeaders(kind, lang);
  return FIELDS[kind].map((f, i) => ({
    header: headers[i]!,
    value: () => null,
    width: Math.max(12, headers[i]!.length + 4),
    text: Boolean(f.text),
  }));
}

/**
 * A CSV template: UTF-8 with a BOM and `;` separators — what Excel in the Russian and Kazakh
 * locales reads straight into columns (and writes back). Header row only.
 */
export function csvTemplate(kind: ImportKind, lang: 'en' | 'ru' | 'kk'): TemplateFile {
  return { body: writeCsv(columns(kind, lang), []), contentType: CSV_CONTENT_TYPE, filename: `sabaq-${kind}.csv` };
}

/** An XLSX template whose IIN and phone columns are formatted as text, so leading zeros survive typing. */
export async function xlsxTemplate(kind: ImportKind, lang: 'en' | 'ru' | 'kk'): Promise<TemplateFile> {
  return {
    body: await writeXlsx(columns(kind, lang), [], { sheetName: kind }),
    contentType: XLSX_CONTENT_TYPE,
    filename: `sabaq-${kind}.xlsx`,
  };
}

import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, writeCsv, writeXlsx, type Column } from '../../platform/export/index.js';
import { createPdf, finishPdf, PDF_CONTENT_TYPE, table, type PdfColumn } from '../../platform/pdf/index.js';
import type { FigureKey, Overview } from '../../../contracts/analytics.js';
import type { Language } from '../identity/identity.actor.js';
import { FIGURE_LABELS, WORDS } from './analytics.labels.js';
import { TABLES } from './analytics.usecases.js';

/**
 * The overview's table as a file: one row per child area and a total row, one column per figure.
 * CSV and XLSX through platform/export (BOM, formula-safe); PDF through platform/pdf (DejaVu Sans
 * embedded: Kazakh letters), one table per group of figures and a bar chart of pupils by format.
 * A suppressed figure is written as "…" (never as a number that could be taken for zero).
 */
interface Row {
  name: string;
  values: Record<string, number | null>;
}

export const SUPPRESSED = '…';
export const CONTENT_TYPES = { csv: CSV_CONTENT_TYPE, xlsx: XLSX_CONTENT_TYPE, pdf: PDF_CONTENT_TYPE } as const;

function rowsOf(o: Overview, lang: Language): Row[] {
  const total: Row = { name: `${WORDS.total[lang]}: ${o.area.name[lang]}`, values: Object.fromEntries(o.figures.map((f) => [f.key, f.value])) };
  return [...o.children.map((c) => ({ name: c.area.name[lang], values: c.values })), total];
}

function figureKeys(): FigureKey[] {
  return TABLES.flatMap((t) => [...t.columns.map((c) => c.key), ...(t.total ? [t.total] : [])]);
}

export function fileName(o: Overview, lang: Language, format: 'csv' | 'xlsx' | 'pdf'): string {
  const base = `${WORDS.title[lang]} ${o.area.name[lang]} ${o.from}_${o.to}`.replace(/[\\/:*?"<>|\r\n]+/g, ' ');
  return `${base}.${format}`;
}

export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function renderExport(
  o: Overview,
  lang: Language,
  format: 'csv' | 'xlsx' | 'pdf',
  onProgress?: (share: number) => Promise<void>,
): Promise<Buffer> {
  const rows = rowsOf(o, lang);
  const keys = figureKeys();
  if (format === 'csv' || format === 'xlsx') {
    const columns: Column<Row>[] = [
      { header: WORDS.area[lang], value: (r) => r.name, width: 36 },
      ...keys.map((k): Column<Row> => ({ header: FIGURE_LABELS[k][lang], value: (r) => r.values[k] ?? SUPPRESSED, width: 16 })),
    ];
    async function* counted() {
      for (let i = 0; i < rows.length; i++) {
        if (onProgress && i % 200 === 0) await onProgress(i / rows.length);
        yield rows[i]!;
      }
    }
    return format === 'csv' ? writeCsv(columns, rows) : writeXlsx(columns, counted(), { sheetName: o.area.name[lang] });
  }
  const doc = createPdf({
    title: `${WORDS.title[lang]}: ${o.area.name[lang]}`,
    subtitle: `${WORDS.period[lang]}: ${o.from} — ${o.to} · ${WORDS.asOf[lang]} ${o.asOf}`,
    language: lang,
    landscape: true,
  });
  drawFormatsChart(doc, o, lang);
  let done = 0;
  for (const t of TABLES) {
    const cols = [...t.columns.map((c) => c.key), ...(t.total ? [t.total] : [])];
    doc
      .font('bold')
      .fontSize(11)
      .text(cols.map((k) => FIGURE_LABELS[k][lang]).join(' · '), { width: doc.page.width - 72 });
    doc.moveDown(0.2);
    const pdfColumns: PdfColumn<Row>[] = [
      { header: WORDS.area[lang], width: 4, value: (r) => r.name },
      ...cols.map((k): PdfColumn<Row> => ({ header: FIGURE_LABELS[k][lang], width: 2, align: 'right', value: (r) => r.values[k] ?? SUPPRESSED })),
    ];
    table(doc, pdfColumns, rows, { fontSize: 8.5 });
    done += 1;
    if (onProgress) await onProgress(done / TABLES.length);
  }
  if (o.suppression.applied) doc.font('regular').fontSize(8).text(WORDS.suppressed[lang]);
  return finishPdf(doc, 'Sabaq');
}

/** Horizontal bars of pupils by format for the area (suppressed figures are left out). */
function drawFormatsChart(doc: ReturnType<typeof createPdf>, o: Overview, lang: Language): void {
  const bars = (['pupils_regular', 'pupils_distance', 'pupils_duty', 'pupils_combined'] as const).map((k) => ({
    label: FIGURE_LABELS[k][lang],
    value: o.figures.find((f) => f.key === k)?.value ?? null,
  }));
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const left = doc.page.margins.left;
  const colours = ['#2f7d32', '#1565c0', '#ef6c00', '#6a1b9a'];
  doc.font('regular').fontSize(9);
  bars.forEach((b, i) => {
    const y = doc.y;
    doc.fillColor('#000').text(b.label, left, y, { width: 170 });
    const w = b.value === null ? 0 : (b.value / max) * 300;
    doc.rect(left + 175, y, Math.max(w, 0.5), 10).fill(colours[i]!);
    doc.fillColor('#000').text(b.value === null ? SUPPRESSED : String(b.value), left + 180 + w, y);
    doc.x = left;
    doc.y = y + 14;
  });
  doc.moveDown(0.6);
}

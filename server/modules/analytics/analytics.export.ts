import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, writeCsv, writeXlsx, type Column } from '../../platform/export/index.js';
import { createPdf, finishPdf, PDF_CONTENT_TYPE, table, type PdfColumn } from '../../platform/pdf/index.js';
import { gateKeys, passStatusKeys, type Overview } from '../../../contracts/analytics.js';
import type { Language } from '../identity/identity.actor.js';
import { FIGURE_LABELS, PASS_LABELS, SUPPLY_KEYS, SUPPLY_LABELS, WEEKDAYS, WORDS, type SupplyKey } from './analytics.labels.js';
import { TABLES } from './analytics.usecases.js';

/**
 * The overview's table as a file: one row per child area and a total row, one column per figure.
 * CSV and XLSX through platform/export (BOM, formula-safe); PDF through platform/pdf (DejaVu Sans
 * embedded: Kazakh letters), one table per group of figures and a bar chart of pupils by format.
 * A suppressed figure is written as "…" (never as a number that could be taken for zero).
 */
interface Row {
  name: string;
  /** the child area's key (children rows only) */
  key?: string;
  /** null: suppressed ("…"); absent: not applicable (blank), e.g. passes of an area without a campus */
  values: Record<string, number | null | undefined>;
}
type L = { kk: string; ru: string; en: string };

export const SUPPRESSED = '…';
export const CONTENT_TYPES = { csv: CSV_CONTENT_TYPE, xlsx: XLSX_CONTENT_TYPE, pdf: PDF_CONTENT_TYPE } as const;

/** The supplies module's figures of one row (devices by child area; textbooks by child area or in total). */
function supplyValues(o: Overview, childId: number | null): Partial<Record<SupplyKey, number | null>> {
  const out: Partial<Record<SupplyKey, number | null>> = {};
  const d = childId === null ? undefined : o.supplies?.devices?.rows.find((r) => r.id === childId);
  if (d) {
    Object.assign(out, {
      sup_without_device: d.withoutDevice,
      sup_without_internet: d.withoutInternet,
      sup_devices_allocated: d.devicesAllocated,
      sup_devices_issued: d.devicesIssued,
      sup_devices_short: d.shortDevices,
      sup_kits_allocated: d.kitsAllocated,
      sup_kits_issued: d.kitsIssued,
      sup_kits_short: d.shortKits,
    });
  }
  const tb = o.supplies?.textbooks;
  const t = childId === null ? tb?.totals : tb?.rows.find((r) => r.id === childId);
  if (t) Object.assign(out, { tb_ordered: t.ordered, tb_delivered: t.delivered, tb_issued: t.issued, tb_late_schools: t.lateSchools });
  return out;
}

function rowsOf(o: Overview, lang: Language): Row[] {
  const passesOf = new Map((o.passes?.children ?? []).map((c) => [c.area.key, c.values]));
  const total: Row = {
    name: `${WORDS.total[lang]}: ${o.area.name[lang]}`,
    values: { ...Object.fromEntries(o.figures.map((f) => [f.key, f.value])), ...(o.passes?.total ?? {}), ...supplyValues(o, null) },
  };
  const children = o.children.map((c) => ({
    name: c.area.name[lang],
    key: c.area.key,
    values: { ...c.values, ...passesOf.get(c.area.key), ...supplyValues(o, c.area.id) },
  }));
  // gate scans by weekday: rows of their own under the total, only the gate columns filled
  const weekdays = (o.passes?.weekdays ?? []).map((w) => ({ name: `${WORDS.gate[lang]}: ${WEEKDAYS[w.weekday - 1]![lang]}`, values: w.values }));
  return [...children, total, ...weekdays];
}

/** Every column of the file: the rollups' figures, then passes and supplies when the area has them. */
function columnKeys(o: Overview): { key: string; label: L }[] {
  return [
    ...TABLES.flatMap((t) => [...t.columns.map((c) => c.key), ...(t.total ? [t.total] : [])]).map((k) => ({ key: k, label: FIGURE_LABELS[k] })),
    ...(o.passes ? [...passStatusKeys, ...gateKeys].map((k) => ({ key: k, label: PASS_LABELS[k] })) : []),
    ...(o.supplies ? SUPPLY_KEYS.map((k) => ({ key: k, label: SUPPLY_LABELS[k] })) : []),
  ];
}

const cell = (v: number | null | undefined) => (v === undefined ? '' : v === null ? SUPPRESSED : v);

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
  const keys = columnKeys(o);
  if (format === 'csv' || format === 'xlsx') {
    const columns: Column<Row>[] = [
      { header: WORDS.area[lang], value: (r) => r.name, width: 36 },
      ...keys.map((k): Column<Row> => ({ header: k.label[lang], value: (r) => cell(r.values[k.key]), width: 16 })),
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
  const areaRows = rows.slice(0, o.children.length + 1);
  const groups: { title: string; cols: { key: string; label: L }[]; rows: Row[] }[] = TABLES.map((t) => {
    const cols = [...t.columns.map((c) => c.key), ...(t.total ? [t.total] : [])].map((k) => ({ key: k, label: FIGURE_LABELS[k] }));
    return { title: cols.map((c) => c.label[lang]).join(' · '), cols, rows: areaRows };
  });
  if (o.passes) {
    const shown = new Set(o.passes.children.map((c) => c.area.key));
    const passRows = [...areaRows.slice(0, -1).filter((r) => r.key !== undefined && shown.has(r.key)), areaRows[areaRows.length - 1]!];
    const gate = gateKeys.map((k) => ({ key: k, label: PASS_LABELS[k] }));
    groups.push({ title: WORDS.passes[lang], cols: passStatusKeys.map((k) => ({ key: k, label: PASS_LABELS[k] })), rows: passRows });
    groups.push({ title: WORDS.gate[lang], cols: gate, rows: [...passRows, ...rows.slice(o.children.length + 1)] });
  }
  if (o.supplies) groups.push({ title: WORDS.supplies[lang], cols: SUPPLY_KEYS.map((k) => ({ key: k, label: SUPPLY_LABELS[k] })), rows: areaRows });
  let done = 0;
  for (const g of groups) {
    doc
      .font('bold')
      .fontSize(11)
      .text(g.title, { width: doc.page.width - 72 });
    doc.moveDown(0.2);
    const pdfColumns: PdfColumn<Row>[] = [
      { header: WORDS.area[lang], width: 4, value: (r) => r.name },
      ...g.cols.map((k): PdfColumn<Row> => ({ header: k.label[lang], width: 2, align: 'right', value: (r) => cell(r.values[k.key]) })),
    ];
    table(doc, pdfColumns, g.rows, { fontSize: g.cols.length > 8 ? 7 : 8.5 });
    done += 1;
    if (onProgress) await onProgress(done / groups.length);
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

/**
 * The one PDF writer: pdfkit with DejaVu Sans embedded from the `dejavu-fonts-ttf` npm package, so
 * Kazakh letters (ә ғ қ ң ө ұ ү һ і) and Russian render in every viewer, with no system font needed.
 * Helpers for what school papers are made of: a title block, a table that breaks across pages and
 * repeats its header, and a footer line. Everything is in memory (a class list, a report card or a
 * journal page is a few pages); `PDF_CONTENT_TYPE` and `pdfFilename()` for the answer.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONTS = {
  regular: join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
  condensed: join(FONT_DIR, 'DejaVuSansCondensed.ttf'),
} as const;

export const PDF_CONTENT_TYPE = 'application/pdf';
export type Pdf = InstanceType<typeof PDFDocument>;

export interface PdfOptions {
  /** the document's title (metadata and the heading) */
  title: string;
  /** a line under the title: the organisation, the class, the period */
  subtitle?: string;
  /** BCP 47 language of the text ('kk', 'ru', 'en') */
  language?: string;
  landscape?: boolean;
}

/** A new A4 document with the fonts registered ('regular', 'bold', 'condensed') and the title block written. */
export function createPdf(o: PdfOptions): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    layout: o.landscape ? 'landscape' : 'portrait',
    margin: 36,
    bufferPages: true,
    lang: o.language,
    info: { Title: o.title, Creator: 'Sabaq', Producer: 'Sabaq' },
    displayTitle: true,
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('condensed', FONTS.condensed);
  doc.font('bold').fontSize(15).text(o.title);
  if (o.subtitle) doc.font('regular').fontSize(10).fillColor('#444').text(o.subtitle).fillColor('#000');
  doc.moveDown(0.6);
  doc.font('regular').fontSize(10);
  return doc;
}

export interface PdfColumn<T> {
  header: string;
  /** a share of the page width (the shares are normalised) */
  width: number;
  value: (row: T, index: number) => string | number | null | undefined;
  align?: 'left' | 'center' | 'right';
}

/** A table with a bold header row repeated on each new page; long text wraps inside its cell. */
export function table<T>(doc: Pdf, columns: PdfColumn<T>[], rows: Iterable<T>, opts: { fontSize?: number; font?: 'regular' | 'condensed' } = {}): void {
  const size = opts.fontSize ?? 9.5;
  const font = opts.font ?? 'regular';
  const left = doc.page.margins.left;
  const usable = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * usable);
  const pad = 3;
  const bottom = () => doc.page.height - doc.page.margins.bottom - 14;

  const rowHeight = (cells: string[], f: string) => {
    doc.font(f).fontSize(size);
    return Math.max(...cells.map((text, i) => doc.heightOfString(text || ' ', { width: widths[i]! - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], f: string, shade: boolean) => {
    const h = rowHeight(cells, f);
    if (doc.y + h > bottom()) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    if (shade) doc.rect(left, y, usable, h).fill('#eeeeee').fillColor('#000');
    let x = left;
    doc.font(f).fontSize(size);
    cells.forEach((text, i) => {
      doc.text(text, x + pad, y + pad, { width: widths[i]! - 2 * pad, align: columns[i]!.align ?? 'left' });
      x += widths[i]!;
    });
    doc
      .moveTo(left, y + h)
      .lineTo(left + usable, y + h)
      .lineWidth(0.4)
      .strokeColor('#999')
      .stroke();
    doc.x = left;
    doc.y = y + h;
  };
  const headers = columns.map((c) => c.header);
  const drawHeader = () => drawRow(headers, 'bold', true);

  drawHeader();
  let i = 0;
  for (const row of rows) {
    drawRow(
      columns.map((c) => {
        const v = c.value(row, i);
        return v === null || v === undefined ? '' : String(v);
      }),
      font,
      false,
    );
    i += 1;
  }
  doc.font('regular').fontSize(10).moveDown(0.5);
}

/** Ends the document, writing "page N / M" and `footer` on every page, and returns the bytes. */
export function finishPdf(doc: Pdf, footer = ''): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p += 1) {
    doc.switchToPage(p);
    const y = doc.page.height - doc.page.margins.bottom - 10;
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not open a new page
    doc
      .font('regular')
      .fontSize(7.5)
      .fillColor('#666')
      .text(`${footer}${footer ? ' · ' : ''}${p + 1} / ${range.count}`, doc.page.margins.left, y, { lineBreak: false });
    doc.page.margins.bottom = bottomMargin;
  }
  doc.end();
  return done;
}

/** A file name safe for Content-Disposition: ASCII fallback plus the UTF-8 form (RFC 6266). */
export function pdfDisposition(name: string): string {
  const base =
    name
      .replace(/[\\/:*?"<>|\r\n]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'document';
  const ascii = base.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}.pdf"; filename*=UTF-8''${encodeURIComponent(base)}.pdf`;
}

import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { FONTS } from '../../platform/pdf/index.js';

/**
 * PDFs of the supplies module: the loan agreement (Kazakh or Russian) and the QR label sheet for
 * textbooks, with the platform's embedded font (DejaVu Sans from platform/pdf: every Kazakh letter
 * ә ғ қ ң ө ұ ү һ і), so they print the same everywhere.
 */

const REGULAR = FONTS.regular;
const BOLD = FONTS.bold;

function toBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export interface AgreementFacts {
  loanId: number;
  language: 'kk' | 'ru';
  organisation: string;
  recipient: { name: string; iin: string };
  pupils: string[];
  item: { kind: string; inventoryNumber: string; serial: string | null };
  issuedOn: string;
  dueOn: string;
}

const KIND: Record<'kk' | 'ru', Record<string, string>> = {
  kk: { laptop: 'ноутбук', desktop: 'дербес компьютер', tablet: 'планшет', router: 'Wi-Fi роутер', usb_modem: 'USB модем', sim: 'SIM-карта' },
  ru: { laptop: 'ноутбук', desktop: 'персональный компьютер', tablet: 'планшет', router: 'Wi-Fi роутер', usb_modem: 'USB-модем', sim: 'SIM-карта' },
};

const TEXT = {
  kk: {
    title: (n: number) => `Құрылғыны уақытша пайдалануға беру туралы шарт № ${n}`,
    parties: (org: string, who: string, iin: string) =>
      `${org} (бұдан әрі — Мектеп) және ${who}, ЖСН ${iin} (бұдан әрі — Алушы) төмендегілер туралы осы шартты жасасты.`,
    item: 'Берілетін мүлік',
    kind: 'Түрі',
    inv: 'Түгендеу нөмірі',
    serial: 'Сериялық нөмірі',
    pupils: 'Оқушылар',
    issued: 'Берілген күні',
    due: 'Қайтару мерзімі',
    terms: [
      'Мектеп Алушыға құрылғыны балаларды қашықтан оқыту үшін тегін уақытша пайдалануға береді.',
      'Алушы құрылғыны ұқыпты пайдалануға, оны үшінші тұлғаларға бермеуге және қайтару мерзімінде немесе сынып мектепте оқуға оралғанда жарамды күйінде қайтаруға міндеттенеді.',
      'Құрылғы бүлінген немесе жоғалған жағдайда Алушы бұл туралы Мектепке дереу хабарлайды.',
    ],
    sign: 'Қолдары',
    school: 'Мектеп',
    recipient: 'Алушы',
  },
  ru: {
    title: (n: number) => `Договор о передаче устройства во временное пользование № ${n}`,
    parties: (org: string, who: string, iin: string) =>
      `${org} (далее — Школа) и ${who}, ИИН ${iin} (далее — Получатель), заключили настоящий договор о нижеследующем.`,
    item: 'Передаваемое имущество',
    kind: 'Вид',
    inv: 'Инвентарный номер',
    serial: 'Серийный номер',
    pupils: 'Ученики',
    issued: 'Дата выдачи',
    due: 'Срок возврата',
    terms: [
      'Школа передаёт Получателю устройство в безвозмездное временное пользование для дистанционного обучения детей.',
      'Получатель обязуется бережно пользоваться устройством, не передавать его третьим лицам и вернуть его в исправном состоянии в срок возврата или когда класс вернётся к очному обучению.',
      'О повреждении или утрате устройства Получатель незамедлительно сообщает Школе.',
    ],
    sign: 'Подписи сторон',
    school: 'Школа',
    recipient: 'Получатель',
  },
} as const;

const dmy = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** The loan agreement, one A4 page, in the loan's language. */
export async function agreementPdf(f: AgreementFacts): Promise<Buffer> {
  const t = TEXT[f.language];
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: t.title(f.loanId), Author: f.organisation } });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  doc.font('bold').fontSize(15).text(t.title(f.loanId), { align: 'center' });
  doc.moveDown();
  doc
    .font('regular')
    .fontSize(11)
    .text(t.parties(f.organisation, f.recipient.name, f.recipient.iin), { align: 'justify' });
  doc.moveDown();
  doc.font('bold').text(t.item);
  doc.font('regular');
  doc.text(`${t.kind}: ${KIND[f.language][f.item.kind] ?? f.item.kind}`);
  doc.text(`${t.inv}: ${f.item.inventoryNumber}`);
  if (f.item.serial) doc.text(`${t.serial}: ${f.item.serial}`);
  if (f.pupils.length) doc.text(`${t.pupils}: ${f.pupils.join(', ')}`);
  doc.text(`${t.issued}: ${dmy(f.issuedOn)}`);
  doc.text(`${t.due}: ${dmy(f.dueOn)}`);
  doc.moveDown();
  t.terms.forEach((term, i) => {
    doc.text(`${i + 1}. ${term}`, { align: 'justify' }).moveDown(0.4);
  });
  doc.moveDown(2);
  doc.font('bold').text(t.sign);
  doc.font('regular').moveDown();
  doc.text(`${t.school}: ____________________        ${t.recipient}: ____________________`);
  return toBuffer(doc);
}

/**
 * A4 sheet of QR labels (3 columns × 8 rows = 24 stickers) pointing at the title's public page, drawn
 * as vectors so the codes stay sharp on any printer.
 */
export async function qrSheetPdf(labels: { url: string; caption: string }[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0 });
  doc.registerFont('regular', REGULAR);
  const cols = 3,
    rows = 8;
  const cellW = 595.28 / cols,
    cellH = 841.89 / rows;
  labels.forEach((label, i) => {
    if (i > 0 && i % (cols * rows) === 0) doc.addPage({ size: 'A4', margin: 0 });
    const k = i % (cols * rows);
    const x0 = (k % cols) * cellW,
      y0 = Math.floor(k / cols) * cellH;
    const qr = QRCode.create(label.url, { errorCorrectionLevel: 'M' });
    const n = qr.modules.size;
    const side = cellH - 24;
    const m = side / n;
    const qx = x0 + 10,
      qy = y0 + 12;
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) doc.rect(qx + c * m, qy + r * m, m, m);
    doc.fill('black');
    doc
      .font('regular')
      .fontSize(7)
      .text(label.caption, qx + side + 6, qy, { width: cellW - side - 22, height: side });
  });
  return toBuffer(doc);
}

import { inflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { createPdf, finishPdf, pdfDisposition, table } from './index.js';

describe('platform/pdf', () => {
  test('a table of Kazakh names over several pages embeds DejaVu and numbers the pages', async () => {
    const doc = createPdf({ title: '5 Ә сынып тізімі', subtitle: 'Қасқелең № 1 мектебі', language: 'kk' });
    const rows = Array.from({ length: 120 }, (_, i) => ({ name: `Әбілқайыр Ұлжан Іңкәрқызы ${i + 1}`, phone: '+77010000000' }));
    table(
      doc,
      [
        { header: '№', width: 1, value: (_r, i) => i + 1, align: 'right' },
        { header: 'Аты-жөні', width: 6, value: (r) => r.name },
        { header: 'Телефон', width: 3, value: (r) => r.phone },
      ],
      rows,
    );
    const pdf = await finishPdf(doc, 'Sabaq');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text).toMatch(/FontName \/[A-Z]{6}\+DejaVuSans/); // embedded subset
    const pages = Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(2);
    // the page footer is drawn: some content stream holds text (inflate one to be sure it is not empty)
    const stream = /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(text);
    expect(inflateSync(Buffer.from(stream![1]!, 'latin1')).length).toBeGreaterThan(0);
  });

  test('file names keep their letters for modern clients and an ASCII fallback', () => {
    expect(pdfDisposition('5 Ә / тізім')).toBe(`attachment; filename="5 _ _____.pdf"; filename*=UTF-8''${encodeURIComponent('5 Ә тізім')}.pdf`);
  });
});

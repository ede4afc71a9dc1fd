import { describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { cellText, detectDelimiter, readSheet, unzippedSizeWithin } from './onboarding.read.js';
import { csvTemplate, xlsxTemplate } from './onboarding.templates.js';
import { mapHeader } from './onboarding.rules.js';
import { validIin } from './onboarding.fixtures.js';

const LIMITS = { maxRows: 1000, maxUnzippedBytes: 10_000_000 };

describe('CSV', () => {
  test('a semicolon CSV with a BOM (Excel in the Russian locale) reads into cells', async () => {
    const buf = Buffer.from('\uFEFFИИН;Фамилия;Имя\r\n050701600123;Әбенова;"Ақ;бота"\r\n', 'utf8');
    const sheet = await readSheet(buf, LIMITS);
    expect(sheet.format).toBe('csv');
    expect(sheet.header).toEqual({ line: 1, cells: ['ИИН', 'Фамилия', 'Имя'] });
    expect(sheet.rows).toEqual([{ line: 2, cells: ['050701600123', 'Әбенова', 'Ақ;бота'] }]);
  });

  test('line numbers are the rows a spreadsheet shows: blank rows and multi-line cells keep the count', async () => {
    const buf = Buffer.from('a,b\n1,"two\nlines"\n\n3,4\n,\n5,6', 'utf8');
    const sheet = await readSheet(buf, LIMITS);
    expect(sheet.rows.map((r) => [r.line, r.cells])).toEqual([
      [2, ['1', 'two\nlines']],
      [4, ['3', '4']],
      [6, ['5', '6']],
    ]);
  });

  test('the separator is whichever of ; , or tab the header uses most', () => {
    expect(detectDelimiter('iin;last_name;first_name\n1,2,3')).toBe(';');
    expect(detectDelimiter('iin,last_name,first_name')).toBe(',');
    expect(detectDelimiter('iin\tlast_name')).toBe('\t');
    expect(detectDelimiter('"a;b",c,d')).toBe(',');
    expect(detectDelimiter('iin')).toBe(',');
  });

  test('a Windows-1251 file (Excel "CSV" in the Russian locale) is decoded', async () => {
    // "Фамилия" in Windows-1251
    const cp1251 = Buffer.from([0xd4, 0xe0, 0xec, 0xe8, 0xeb, 0xe8, 0xff, 0x3b, 0x49, 0x49, 0x4e, 0x0a, 0xc8, 0xe2, 0xe0, 0xed, 0xee, 0xe2, 0x3b, 0x31]);
    const sheet = await readSheet(cp1251, LIMITS);
    expect(sheet.header.cells).toEqual(['Фамилия', 'IIN']);
    expect(sheet.rows[0]!.cells).toEqual(['Иванов', '1']);
  });

  test('cells are trimmed, non-breaking spaces included', async () => {
    const sheet = await readSheet(Buffer.from('a,b\n\u00a0 x ,  y\u00a0\n'), LIMITS);
    expect(sheet.rows[0]!.cells).toEqual(['x', 'y']);
  });

  test('a file with no header, an old .xls or more rows than allowed is refused', async () => {
    await expect(readSheet(Buffer.from('\n\n'), LIMITS)).rejects.toMatchObject({ code: 'onboarding.empty_file', statusCode: 400 });
    await expect(readSheet(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), LIMITS)).rejects.toMatchObject({ code: 'onboarding.unreadable_file' });
    const many = `iin\n${'1\n'.repeat(11)}`;
    await expect(readSheet(Buffer.from(many), { ...LIMITS, maxRows: 10 })).rejects.toMatchObject({
      code: 'onboarding.too_many_rows',
      statusCode: 413,
      message: expect.stringContaining('at most 10 rows'),
    });
  });
});

describe('XLSX', () => {
  test('the first sheet is read; an IIN typed as a number keeps its digits, e-mail links read as text', async () => {
    const iin = validIin('2005-07-01', 'f');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Оқушылар');
    wb.addWorksheet('Other').addRow(['ignored']);
    ws.addRow(['ЖСН', 'Тегі', 'Аты', 'Email', 'Роль', 'Сынып']);
    ws.addRow([Number(iin), 'Әбенова', { richText: [{ text: 'Ақ' }, { text: 'бота' }] }, { text: 'a@mail.kz', hyperlink: 'mailto:a@mail.kz' }, 'оқушы', 5]);
    ws.addRow([]);
    ws.addRow(['', '', '', '', '', { formula: '1+1', result: 2 }]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const sheet = await readSheet(buf, LIMITS);
    expect(sheet.format).toBe('xlsx');
    expect(sheet.header.cells).toEqual(['ЖСН', 'Тегі', 'Аты', 'Email', 'Роль', 'Сынып']);
    expect(sheet.rows).toEqual([
      { line: 2, cells: [String(Number(iin)), 'Әбенова', 'Ақбота', 'a@mail.kz', 'оқушы', '5'] },
      { line: 4, cells: ['', '', '', '', '', '2'] },
    ]);
  });

  test('cell values of every kind become the text the user sees', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(120304500123)).toBe('120304500123');
    expect(cellText(2.5)).toBe('2.5');
    expect(cellText(new Date(Date.UTC(2020, 8, 1)))).toBe('2020-09-01');
    expect(cellText({ error: '#N/A' } as never)).toBe('');
  });

  test('a zip that really unpacks beyond the limit is refused', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['x'.repeat(5000)]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await unzippedSizeWithin(buf, 10_000_000)).toBeGreaterThan(5000);
    expect(await unzippedSizeWithin(Buffer.from('PK\x03\x04 broken'), 1000)).toBe('unreadable');
    await expect(readSheet(buf, { ...LIMITS, maxUnzippedBytes: 1000 })).rejects.toMatchObject({ code: 'onboarding.unreadable_file' });
  });

  test('a zip bomb that lies about its sizes is stopped by the bytes actually inflated', async () => {
    // one part: 20 MB of zeros (deflated to ~20 KB) whose headers declare 1,000 bytes
    const bomb = lyingZip('xl/worksheets/sheet1.xml', Buffer.alloc(20 * 1024 * 1024), 1000);
    expect(bomb.length).toBeLessThan(100_000);
    expect(await unzippedSizeWithin(bomb, 1024 * 1024)).toBe('too-large');
    await expect(readSheet(bomb, { ...LIMITS, maxUnzippedBytes: 1024 * 1024 })).rejects.toMatchObject({
      code: 'onboarding.unreadable_file',
      message: expect.stringMatching(/unpacks to more than/),
    });
    // under a limit it really fits, the same file is measured exactly
    expect(await unzippedSizeWithin(bomb, 64 * 1024 * 1024)).toBe(20 * 1024 * 1024);
  });
});

describe('templates', () => {
  test("every template header row is read back as exactly its kind's fields, in each language", async () => {
    for (const kind of ['classes', 'people', 'parent_links'] as const) {
      for (const lang of ['en', 'ru', 'kk'] as const) {
        for (const file of [csvTemplate(kind, lang), await xlsxTemplate(kind, lang)]) {
          const sheet = await readSheet(file.body, LIMITS);
          const cols = mapHeader(kind, sheet.header);
          expect(cols.errors).toEqual([]);
          expect(cols.ignored).toEqual([]);
          expect(sheet.rows).toEqual([]);
        }
      }
    }
    expect(csvTemplate('people', 'ru').body.toString('utf8')).toBe('\uFEFFИИН;Фамилия;Имя;Отчество;Телефон;Эл. почта;Роль;Класс\r\n');
  });
});

/** A one-part zip whose local and central headers declare `declared` as the uncompressed size. */
function lyingZip(name: string, content: Buffer, declared: number): Buffer {
  const data = deflateRawSync(content);
  const nameBuf = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + nameBuf.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + nameBuf.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, nameBuf, data, central, nameBuf, eocd]);
}

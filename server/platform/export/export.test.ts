import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { csvStream, neutraliseFormula, safeCell, writeCsv, writeXlsx, xlsxStream, type Column } from './index.js';

interface Row {
  name: string;
  iin: string;
  mark: number | null;
  className: string;
}
const columns: Column<Row>[] = [
  { header: 'Аты-жөні', value: (r) => r.name, width: 30 },
  { header: 'ЖСН', value: (r) => r.iin, text: true },
  { header: 'Баға', value: (r) => r.mark },
  { header: 'Сынып', value: (r) => r.className },
];
const rows: Row[] = [
  { name: 'Әлия Серікқызы', iin: '070312600123', mark: 5, className: '=1+1' },
  { name: '@SUM(A1:A9)', iin: '010101000001', mark: -3, className: '=HYPERLINK("http://evil","click")' },
  { name: 'Иванов; "Петя"', iin: '020202000002', mark: null, className: '+7 А' },
  { name: '-2+3', iin: '030303000003', mark: 4, className: '\t=cmd' },
];

const DANGEROUS = /^[=+\-@\t\r]/;

describe('formula neutralisation', () => {
  test('text starting like a formula gets an apostrophe; numbers stay numbers', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('+77011234567')).toBe("'+77011234567");
    expect(neutraliseFormula('\uFF1D1+1')).toBe("'\uFF1D1+1");
    expect(neutraliseFormula('7 А')).toBe('7 А');
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell(Number.NaN)).toBeNull();
  });

  test('property: no text cell the writer produces starts like a formula', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = safeCell(s) as string;
        expect(DANGEROUS.test(out)).toBe(false);
        expect(out.endsWith(s)).toBe(true);
      }),
    );
  });
});

describe('CSV', () => {
  test('UTF-8 with a BOM, ";" separated, CRLF, quoted where needed, formulas neutralised', () => {
    const text = writeCsv(columns, rows).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('Аты-жөні;ЖСН;Баға;Сынып');
    expect(lines[1]).toBe("Әлия Серікқызы;070312600123;5;'=1+1");
    expect(lines[2]).toBe(`'@SUM(A1:A9);010101000001;-3;"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(lines[3]).toBe(`"Иванов; ""Петя""";020202000002;;'+7 А`);
    expect(lines[4]).toBe("'-2+3;030303000003;4;'\t=cmd");
    expect(lines[5]).toBe('');
  });

  test('the stream writes the same bytes as the buffer', async () => {
    async function* gen() {
      yield* rows;
    }
    const chunks: Buffer[] = [];
    for await (const c of csvStream(columns, gen())) chunks.push(Buffer.from(c as string));
    expect(Buffer.concat(chunks).equals(writeCsv(columns, rows))).toBe(true);
    expect(writeCsv(columns, rows, { separator: ',', bom: false }).toString().split('\r\n')[0]).toBe('Аты-жөні,ЖСН,Баға,Сынып');
  });
});

describe('XLSX', () => {
  async function read(buf: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    return wb.worksheets[0]!;
  }

  test('streaming writer: header, values, text columns, formulas neutralised, no formula cells at all', async () => {
    const sheet = await read(await writeXlsx(columns, rows, { sheetName: 'Сынып [7]' }));
    expect(sheet.name).toBe('Сынып _7_');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Аты-жөні', 'ЖСН', 'Баға', 'Сынып']);
    expect(sheet.getCell('D2').value).toBe("'=1+1");
    expect(sheet.getCell('A3').value).toBe("'@SUM(A1:A9)");
    expect(sheet.getCell('C3').value).toBe(-3);
    expect(sheet.getCell('B2').value).toBe('070312600123');
    expect(sheet.getColumn(2).numFmt).toBe('@');
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string') expect(DANGEROUS.test(cell.value)).toBe(false);
      }),
    );
  });

  test('as a stream from async rows', async () => {
    async function* gen() {
      yield* rows;
    }
    const chunks: Buffer[] = [];
    for await (const c of xlsxStream(columns, gen()) as Readable) chunks.push(c as Buffer);
    const sheet = await read(Buffer.concat(chunks));
    expect(sheet.actualRowCount).toBe(5);
  });
});

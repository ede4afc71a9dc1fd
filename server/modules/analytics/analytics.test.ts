import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { refreshRollups } from './analytics.refresh.js';

const TODAY = '2020-12-09';
let t: TestApp;
let ministry: string;
let city: number;

beforeAll(async () => {
  process.env.LEARNING_TODAY = `${TODAY}T09:00:00+06:00`;
  t = await createTestApp({ env: { LEARNING_TODAY: `${TODAY}T09:00:00+06:00` } });
  ministry = await t.login('demo.ministry');
  city = await t.one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
});
afterAll(async () => t?.close());

/** The same figures straight from the base tables, per class, for the range. */
async function plainCounts(from: string, to: string) {
  const { rows } = await t.db.query<{ class_id: number; present: number; online: number; absent: number; marks: number; lessons: number; handed: number }>(
    `
    select c.id as class_id,
      (select count(*) from attendance a where a.class_id = c.id and a.on_date between $1 and $2 and a.status in ('present','late') and not a.online)::int as present,
      (select count(*) from attendance a where a.class_id = c.id and a.on_date between $1 and $2 and a.status in ('present','late') and a.online)::int as online,
      (select count(*) from attendance a where a.class_id = c.id and a.on_date between $1 and $2 and a.status = 'absent')::int as absent,
      (select count(*) from marks m where m.class_id = c.id and m.on_date between $1 and $2)::int as marks,
      (select count(*) from lessons l where l.class_id = c.id and l.on_date between $1 and $2 and not l.cancelled)::int as lessons,
      (select count(*) from submissions s join homework h on h.id = s.homework_id join lessons l on l.id = h.lesson_id
        where l.class_id = c.id and l.on_date between $1 and $2)::int as handed
    from classes c where c.organisation_id = $3 order by c.id`,
    [from, to, city],
  );
  return rows;
}

async function rolledUp(from: string, to: string) {
  const res = await t.app.inject({ url: `/api/analytics/overview?area=organisation:${city}&from=${from}&to=${to}`, headers: { cookie: ministry } });
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('rollups', () => {
  test('the rollup and a plain count agree after writes, corrections and deletions', async () => {
    const from = '2020-11-09';
    const check = async () => {
      await refreshRollups(t.db, TODAY);
      const plain = await plainCounts(from, TODAY);
      const { rows } = await t.db.query<{ class_id: number; present: number; online: number; absent: number; marks: number; lessons: number; handed: number }>(
        `
        select class_id, sum(att_in_person)::int as present, sum(att_online)::int as online, sum(att_absent)::int as absent, sum(marks)::int as marks,
          sum(lessons)::int as lessons, sum(homework_handed_in)::int as handed
        from analytics_class_day where organisation_id = $3 and on_date between $1 and $2 group by class_id`,
        [from, TODAY, city],
      );
      const byClass = new Map(rows.map((r) => [r.class_id, r]));
      for (const p of plain) {
        const r = byClass.get(p.class_id) ?? { class_id: p.class_id, present: 0, online: 0, absent: 0, marks: 0, lessons: 0, handed: 0 };
        expect(r).toEqual(p);
      }
      const o = await rolledUp(from, TODAY);
      const fig = (k: string) => o.figures.find((f: { key: string }) => f.key === k).value;
      expect(fig('marks')).toBe(plain.reduce((s, p) => s + p.marks, 0));
      expect(fig('att_absent')).toBe(plain.reduce((s, p) => s + p.absent, 0));
    };
    await check();
    // a series of writes: corrections, deletions, a cancelled lesson
    const lesson = await t.one<number>(
      `select l.id from lessons l where l.organisation_id = $1 and l.on_date between '2020-11-09' and $2
      and exists (select 1 from attendance a where a.lesson_id = l.id) order by l.id limit 1`,
      [city, TODAY],
    );
    await t.db.query(
      `update attendance set status = 'absent', online = false where lesson_id = $1 and pupil_id in (select pupil_id from attendance where lesson_id = $1 limit 3)`,
      [lesson],
    );
    await t.db.query(
      `delete from attendance where lesson_id = $1 and pupil_id in (select pupil_id from attendance where lesson_id = $1 order by pupil_id desc limit 2)`,
      [lesson],
    );
    const mark = await t.one<number>(`select id from marks where organisation_id = $1 order by id limit 1`, [city]);
    // a mark's date is its lesson's (a foreign key since decision 0027): the lesson moves a day, its marks with it
    await t.db.query('update lessons set on_date = on_date - 1 where id = (select lesson_id from marks where id = $1)', [mark]);
    await t.db.query('delete from marks where id = (select id from marks where organisation_id = $1 order by id desc limit 1)', [city]);
    await t.db.query(
      'update lessons set cancelled = true where id = (select id from lessons where organisation_id = $1 and on_date = $2 order by id limit 1)',
      [city, TODAY],
    );
    await t.db.query(
      `delete from submissions where id = (select s.id from submissions s join homework h on h.id = s.homework_id where h.organisation_id = $1 order by s.id limit 1)`,
      [city],
    );
    await check();
  });

  test('pupils by format add up to the pupils of the school', async () => {
    const o = await rolledUp('2020-12-07', TODAY);
    const pupils = await t.one<number>(
      `select count(*)::int from class_members m join classes c on c.id = m.class_id
      join academic_years y on y.id = c.academic_year_id and y.is_current where c.organisation_id = $1`,
      [city],
    );
    expect(o.figures.find((f: { key: string }) => f.key === 'pupils_total').value).toBe(pupils);
    expect(o.figures.find((f: { key: string }) => f.key === 'pupils_total').asOf).toBe(TODAY);
  });
});

describe('overview', () => {
  test('the country has every region as a child, and officers never see a number under the threshold', async () => {
    const res = await t.app.inject({ url: '/api/analytics/overview?area=country', headers: { cookie: ministry } });
    expect(res.statusCode).toBe(200);
    const o = res.json();
    expect(o.childKind).toBe('region');
    expect(o.children.length).toBeGreaterThanOrEqual(17);
    expect(o.suppression).toEqual({ applied: true, threshold: 5 });
    for (const row of o.children) {
      for (const [k, v] of Object.entries(row.values)) {
        if (['lessons', 'lessons_materials', 'lessons_remote', 'homework_set'].includes(k)) continue;
        if (v !== null) expect(v === 0 || (v as number) >= 5, `${row.area.key} ${k} = ${v}`).toBe(true);
      }
    }
  });

  test('the school admin sees their classes without suppression', async () => {
    const admin = await t.login('demo.admin');
    const o = (await t.app.inject({ url: `/api/analytics/overview?area=organisation:${city}`, headers: { cookie: admin } })).json();
    expect(o.suppression.applied).toBe(false);
    expect(o.childKind).toBe('class');
  });

  test('bad input: unknown area and a range over the limit are 400s', async () => {
    for (const url of [
      '/api/analytics/overview?area=planet:1',
      '/api/analytics/overview?area=region:abc',
      '/api/analytics/overview?area=country&from=2019-01-01&to=2020-12-09',
      '/api/analytics/overview?area=country&from=2020-12-09&to=2020-12-01',
    ]) {
      const res = await t.app.inject({ url, headers: { cookie: ministry } });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toMatch(/^analytics\./);
    }
  });
});

describe('exports read back', () => {
  test('CSV starts with a BOM and has a row per region and a total', async () => {
    const res = await t.app.inject({ url: '/api/analytics/overview?area=country&format=csv&lang=ru', headers: { cookie: ministry } });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('Территория');
    // the total closes the areas' rows (gate scans by weekday may follow it when the area has a campus)
    expect(lines.filter((l) => l.includes('Итого'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/Итого|Проходные/);
  });

  test('XLSX cells hold the figures as numbers', async () => {
    const res = await t.app.inject({ url: `/api/analytics/overview?area=organisation:${city}&format=xlsx&lang=kk`, headers: { cookie: ministry } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Аумақ');
    const last = sheet.getRow(sheet.rowCount);
    expect(String(last.getCell(1).value)).toContain('Барлығы');
    const values = (last.values as unknown[]).slice(2);
    expect(values.some((v) => typeof v === 'number')).toBe(true);
  });

  test('PDF text has the Kazakh letters', async () => {
    const res = await t.app.inject({ url: '/api/analytics/overview?area=country&format=pdf&lang=kk', headers: { cookie: ministry } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(path.join(tmpdir(), 'analytics-pdf-'));
    writeFileSync(path.join(dir, 'a.pdf'), res.rawPayload);
    let text: string;
    try {
      text = execFileSync('pdftotext', ['-layout', path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
    } catch {
      return; // poppler-utils not installed: the PDF is at least produced (see README)
    }
    expect(text).toContain('Қазақстан');
    expect(text).toMatch(/Қатысу белгілері/);
  });

  test('a background export reports progress and then hands over the file', async () => {
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/analytics/exports',
      headers: { cookie: ministry },
      payload: { area: 'country', format: 'xlsx' },
    });
    expect(started.statusCode).toBe(202);
    const id = started.json().id;
    let status = started.json();
    for (let i = 0; i < 100 && status.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await t.app.inject({ url: `/api/analytics/exports/${id}`, headers: { cookie: ministry } })).json();
    }
    expect(status).toMatchObject({ status: 'done', progress: 1 });
    const file = await t.app.inject({ url: `/api/analytics/exports/${id}/file`, headers: { cookie: ministry } });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

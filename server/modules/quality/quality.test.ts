import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { multipart, SAMPLES } from '../files/files.test-support.js';
import type { Assessment } from '../../../contracts/quality.js';
import { personalData } from './quality.personal-data.js';

const TODAY = '2020-12-09';
let t: TestApp;
let admin: string;
let teacher: string;
let district: string;
let region: string;
let ministry: string;
let city: number;
let year: number;
let url: string;

beforeAll(async () => {
  process.env.LEARNING_TODAY = `${TODAY}T09:00:00+06:00`;
  t = await createTestApp({ env: { LEARNING_TODAY: `${TODAY}T09:00:00+06:00` } });
  admin = await t.login('demo.admin');
  teacher = await t.login('demo.teacher');
  district = await t.login('demo.district');
  region = await t.login('demo.region');
  ministry = await t.login('demo.ministry');
  city = await t.one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
  year = await t.one<number>("select id from academic_years where name = '2020-2021'");
  url = `/api/quality/organisations/${city}/years/${year}`;
});
afterAll(async () => t?.close());

const req = (method: 'GET' | 'POST' | 'PUT', u: string, cookie: string, payload?: object) => t.app.inject({ method, url: u, headers: { cookie }, payload });
const count = async (sql: string, params: unknown[] = []) => Number(await t.one(sql, params));
const keysOf = (a: Assessment) => a.framework.areas.flatMap((x) => x.criteria.map((c) => c.key));

describe('a school year: draft → submit → review → resubmit', () => {
  let blank: Assessment;
  let assessmentId: number;

  test('the admin opens the year: nothing saved, the current framework (six E-xcellence areas), the automatic evidence now', async () => {
    const res = await req('GET', url, admin);
    expect(res.statusCode).toBe(200);
    blank = res.json();
    expect(blank.id).toBeNull();
    expect(blank.status).toBe('none');
    expect(blank.mayEdit).toBe(true);
    expect(blank.framework.areas.map((a) => a.title.en)).toEqual([
      'Strategic management',
      'Curriculum design',
      'Course design',
      'Course delivery',
      'Staff support',
      'Student support',
    ]);
    expect(blank.answers.map((a) => a.criterion)).toEqual(keysOf(blank));
    expect(blank.evidence).not.toBeNull();
    expect(blank.evidence!.from).toBe('2020-09-01');
    expect(blank.evidence!.to).toBe(TODAY);
    expect(blank.evidence!.lessons).toBeGreaterThan(0);
    expect(blank.evidence!.materialsShare).toBeGreaterThanOrEqual(0);
    expect(blank.evidence!.materialsShare).toBeLessThanOrEqual(1);
  });

  test('an unknown criterion → 400 naming it; nothing is written (not even the assessment)', async () => {
    const res = await req('PUT', url, admin, {
      answers: [
        { criterion: 'strategy', level: 'fully' },
        { criterion: 'teleportation', level: 'fully' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('quality.unknown_criterion');
    expect(res.json().error.message).toContain('teleportation');
    expect(await count('select count(*) from quality_assessments where organisation_id = $1 and academic_year_id = $2', [city, year])).toBe(0);
  });

  test('a criterion twice, a bad level, a link that is not http(s) → 400', async () => {
    const twice = await req('PUT', url, admin, { answers: [{ criterion: 'strategy' }, { criterion: 'strategy' }] });
    expect(twice.json().error.code).toBe('quality.duplicate_criterion');
    expect((await req('PUT', url, admin, { answers: [{ criterion: 'strategy', level: 'superb' }] })).statusCode).toBe(400);
    expect((await req('PUT', url, admin, { answers: [{ criterion: 'strategy', links: ['javascript:alert(1)'] }] })).statusCode).toBe(400);
  });

  test("someone else's file as evidence → 400, nothing written", async () => {
    const b = multipart('teacher.pdf', SAMPLES.pdf);
    const up = await t.app.inject({ method: 'POST', url: '/api/files', payload: b.payload, headers: { ...b.headers, cookie: teacher } });
    expect(up.statusCode).toBe(201);
    const res = await req('PUT', url, admin, { answers: [{ criterion: 'strategy', fileIds: [up.json().id] }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('quality.unknown_file');
    expect(await count('select count(*) from quality_assessments where organisation_id = $1', [city])).toBe(1); // the seeded 2019-2020 only
  });

  test('a partial draft is saved with a link and an own file; submitting it → 400 naming the criteria without a level, nothing written', async () => {
    const b = multipart('ереже.pdf', SAMPLES.pdf);
    const up = await t.app.inject({ method: 'POST', url: '/api/files', payload: b.payload, headers: { ...b.headers, cookie: admin } });
    const keys = keysOf(blank);
    const res = await req('PUT', url, admin, {
      answers: [
        { criterion: keys[0], level: 'largely', comment: 'Стратегия бекітілген', links: ['https://school.example.kz/strategy'], fileIds: [up.json().id] },
        { criterion: keys[1], level: 'partially' },
      ],
    });
    expect(res.statusCode).toBe(200);
    const a: Assessment = res.json();
    assessmentId = a.id!;
    expect(a.status).toBe('draft');
    expect(a.answers[0]).toMatchObject({ level: 'largely', links: ['https://school.example.kz/strategy'], files: [{ name: 'ереже.pdf' }] });
    const file = await req('GET', `/api/quality/assessments/${assessmentId}/files/${up.json().id}`, admin);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    // the draft is the school's own: the district sees neither its answers nor its files before a submission
    expect((await req('GET', `/api/quality/assessments/${assessmentId}/files/${up.json().id}`, district)).statusCode).toBe(404);
    const seen: Assessment = (await req('GET', url, district)).json();
    expect(seen.status).toBe('draft');
    expect(seen.answers.every((x) => x.level === null && x.comment === '' && x.files.length === 0)).toBe(true);

    const sub = await req('POST', `${url}/submit`, admin);
    expect(sub.statusCode).toBe(400);
    expect(sub.json().error.code).toBe('quality.missing_answers');
    expect(sub.json().error.details.criteria).toEqual(keys.slice(2));
    expect(sub.json().error.message).toContain(keys[2]);
    expect(await count('select count(*) from quality_submissions where assessment_id = $1', [assessmentId])).toBe(0);
    expect(await t.one('select status from quality_assessments where id = $1', [assessmentId])).toBe('draft');
  });

  test('officers may not fill in the form', async () => {
    expect((await req('PUT', url, district, { answers: [] })).statusCode).toBe(403);
    expect((await req('POST', `${url}/submit`, ministry)).statusCode).toBe(403);
  });

  test('every criterion answered → submitted, with the answers and the evidence of that moment kept', async () => {
    const keys = keysOf(blank);
    const current = (await req('GET', url, admin)).json() as Assessment;
    const answers = keys.map((criterion, i) => ({
      criterion,
      level: (['not_adequate', 'partially', 'largely', 'fully'] as const)[i % 4],
      links: current.answers[i]!.links,
      fileIds: current.answers[i]!.files.map((f) => f.id),
      comment: current.answers[i]!.comment,
    }));
    expect((await req('PUT', url, admin, { answers })).statusCode).toBe(200);
    const res = await req('POST', `${url}/submit`, admin);
    expect(res.statusCode).toBe(200);
    const a: Assessment = res.json();
    expect(a.status).toBe('submitted');
    expect(a.mayEdit).toBe(false);
    expect(a.submissions).toHaveLength(1);
    expect(a.submissions[0]!.evidence).toEqual(current.evidence);
    expect(a.submissions[0]!.answers.map((x) => x.level)).toEqual(answers.map((x) => x.level));
    const fileId = a.answers[0]!.files[0]!.id;
    expect((await req('GET', `/api/quality/assessments/${assessmentId}/files/${fileId}`, district)).statusCode).toBe(200);
    expect((await req('GET', url, district)).json().answers[0].level).toBe('not_adequate');
    const stored = await t.one<{ lessons: number }>('select evidence from quality_submissions where assessment_id = $1', [assessmentId]);
    expect(stored.lessons).toBe(current.evidence!.lessons);
  });

  test('a submitted assessment cannot be edited or submitted again (409), nothing changes', async () => {
    const before = await t.one('select answers::text from quality_assessments where id = $1', [assessmentId]);
    const put = await req('PUT', url, admin, { answers: [] });
    expect(put.statusCode).toBe(409);
    expect(put.json().error.code).toBe('quality.not_editable');
    expect((await req('POST', `${url}/submit`, admin)).statusCode).toBe(409);
    expect(await t.one('select answers::text from quality_assessments where id = $1', [assessmentId])).toBe(before);
  });

  test('a new framework version from the ministry leaves the assessment on the version it was made against', async () => {
    const v0 = (await req('GET', '/api/quality/framework', admin)).json().version as number;
    const res = await req('POST', '/api/quality/frameworks', ministry, {
      note: 'v2',
      areas: [
        {
          key: 'delivery',
          title: { kk: 'Оқытуды жүргізу', ru: 'Проведение обучения', en: 'Course delivery' },
          criteria: [{ key: 'feedback', title: { kk: 'Кері байланыс', ru: 'Обратная связь', en: 'Feedback' } }],
        },
      ],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().version).toBe(v0 + 1);
    expect((await req('GET', '/api/quality/framework', district)).json().version).toBe(v0 + 1);
    const a: Assessment = (await req('GET', `/api/quality/assessments/${assessmentId}`, admin)).json();
    expect(a.framework.version).toBe(blank.framework.version);
    expect(a.answers).toHaveLength(keysOf(blank).length);
    const dup = await req('POST', '/api/quality/frameworks', ministry, {
      areas: [
        {
          key: 'a',
          title: { kk: 'a', ru: 'a', en: 'a' },
          criteria: [
            { key: 'x', title: { kk: 'x', ru: 'x', en: 'x' } },
            { key: 'x', title: { kk: 'y', ru: 'y', en: 'y' } },
          ],
        },
      ],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.code).toBe('quality.duplicate_key');
    expect((await req('POST', '/api/quality/frameworks', district, { areas: [] })).statusCode).toBe(400);
  });

  test('the district lists it; the region may read but not review; a review naming an unknown criterion → 400', async () => {
    const list = (await req('GET', '/api/quality/reviews', district)).json().assessments as { id: number }[];
    expect(list.map((x) => x.id)).toContain(assessmentId);
    expect((await req('GET', `/api/quality/assessments/${assessmentId}`, region)).statusCode).toBe(200);
    const byRegion = await req('POST', `/api/quality/assessments/${assessmentId}/review`, region, { verdict: 'accepted' });
    expect(byRegion.statusCode).toBe(403);
    const unknown = await req('POST', `/api/quality/assessments/${assessmentId}/review`, district, {
      verdict: 'returned',
      comments: [{ criterion: 'nonsense', comment: 'x' }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('nonsense');
    expect(
      await count('select count(*) from quality_reviews r join quality_submissions s on s.id = r.submission_id where s.assessment_id = $1', [assessmentId]),
    ).toBe(0);
    expect((await req('GET', '/api/quality/reviews', teacher)).statusCode).toBe(403);
  });

  test('the district returns it with a comment on a criterion; the admin sees it and may edit again', async () => {
    const res = await req('POST', `/api/quality/assessments/${assessmentId}/review`, district, {
      verdict: 'returned',
      comment: 'Дәлелдерді толықтырыңыз',
      comments: [{ criterion: 'feedback', comment: 'Тексеру мерзімін көрсетіңіз' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('returned');
    const a: Assessment = (await req('GET', url, admin)).json();
    expect(a.status).toBe('returned');
    expect(a.mayEdit).toBe(true);
    expect(a.submissions[0]!.review).toMatchObject({
      verdict: 'returned',
      comment: 'Дәлелдерді толықтырыңыз',
      comments: [{ criterion: 'feedback', comment: 'Тексеру мерзімін көрсетіңіз' }],
    });
    expect((await req('POST', `/api/quality/assessments/${assessmentId}/review`, ministry, { verdict: 'accepted' })).statusCode).toBe(409);
    // the school's admin is told (once, with the way to the assessment); the teacher is not
    const reviewed = async (cookie: string) =>
      (await req('GET', '/api/notifications', cookie)).json().items.filter((n: { kind: string }) => n.kind === 'quality.reviewed');
    expect(await reviewed(admin)).toEqual([expect.objectContaining({ params: expect.objectContaining({ assessmentId, verdict: 'returned' }) })]);
    expect(await reviewed(teacher)).toEqual([]);
  });

  test('the admin changes an answer and resubmits; the ministry accepts; the history keeps both submissions and reviews', async () => {
    const a: Assessment = (await req('GET', url, admin)).json();
    const answers = a.answers.map((x) => ({
      criterion: x.criterion,
      level: x.criterion === 'feedback' ? 'fully' : x.level,
      comment: x.criterion === 'feedback' ? '3 жұмыс күні' : x.comment,
      links: x.links,
      fileIds: x.files.map((f) => f.id),
    }));
    const saved = await req('PUT', url, admin, { answers });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().status).toBe('draft');
    expect((await req('POST', `${url}/submit`, admin)).statusCode).toBe(200);
    const ok = await req('POST', `/api/quality/assessments/${assessmentId}/review`, ministry, { verdict: 'accepted' });
    expect(ok.statusCode).toBe(200);
    const done: Assessment = ok.json();
    expect(done.status).toBe('accepted');
    expect(done.submissions.map((s) => [s.n, s.review?.verdict])).toEqual([
      [2, 'accepted'],
      [1, 'returned'],
    ]);
    expect(done.submissions[1]!.answers.find((x) => x.criterion === 'feedback')!.comment).toBe('');
    expect(done.submissions[0]!.answers.find((x) => x.criterion === 'feedback')!.comment).toBe('3 жұмыс күні');
    const history = (await req('GET', `/api/quality/organisations/${city}`, admin)).json();
    expect(history.years.find((y: { id: number }) => y.id === year)).toMatchObject({ status: 'accepted', submissions: 2 });
    expect(history.years.find((y: { name: string }) => y.name === '2019-2020')).toMatchObject({ status: 'accepted' });
    expect((await req('PUT', url, admin, { answers: [] })).statusCode).toBe(409);
  });

  test('the PDF prints the assessment in Kazakh', async () => {
    const res = await req('GET', `/api/quality/assessments/${assessmentId}/pdf?lang=kk`, district);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(path.join(tmpdir(), 'quality-'));
    writeFileSync(path.join(dir, 'a.pdf'), res.rawPayload);
    let text: string;
    try {
      text = execFileSync('pdftotext', [path.join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
    } catch {
      return; // poppler-utils not installed
    }
    expect(text).toContain('Онлайн оқыту сапасын өзін-өзі бағалау');
    expect(text).toContain('Стратегиялық басқару');
    expect(text).toContain('Қабылданды');
  });
});

describe('demo data', () => {
  test('the demo district has a submitted assessment and one returned then accepted', async () => {
    const list = (await req('GET', '/api/quality/reviews?status=all', district)).json().assessments as { status: string; submissions: number }[];
    expect(list.some((x) => x.status === 'submitted')).toBe(true);
    expect(list.some((x) => x.status === 'accepted' && x.submissions === 2)).toBe(true);
  });
});

describe('personal data', () => {
  test("the reviewer's export holds their reviews; erasure takes their id off and keeps the reviews", async () => {
    const reviewer = await t.one<number>("select person_id from accounts where login = 'demo.district'");
    const exported = (await personalData.export(t.db, reviewer)) as Record<string, unknown[]>;
    const reviews = Object.entries(exported).find(([k]) => k.includes('quality_reviews'))?.[1] ?? [];
    expect(reviews.length).toBeGreaterThan(0);
    const before = await count('select count(*) from quality_reviews');
    const out = await personalData.erase!(t.db, reviewer, { now: new Date(), schoolRecordsUntil: '2030-01-01' });
    expect(out[0]).toMatchObject({ module: 'quality', action: 'anonymised' });
    expect(out[0]!.count).toBeGreaterThan(0);
    expect(await count('select count(*) from quality_reviews where reviewed_by = $1', [reviewer])).toBe(0);
    expect(await count('select count(*) from quality_reviews')).toBe(before);
  });
});

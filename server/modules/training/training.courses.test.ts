/**
 * Courses built in Sabaq against the real database: the ministry's editor (a bad quiz writes
 * nothing), frozen versions (an edit never re-marks a past attempt), the teacher's page (no correct
 * answers before or after), attempts with a limit and a wait, automatic completion with a
 * certificate, enrolment of a whole district, withdrawal of a certificate.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { multipart, SAMPLES } from '../files/files.test-support.js';
import { personalData } from './training.personal-data.js';

const NOW = '2020-12-09T09:00:00+06:00';
let t: TestApp;
let teacher: string;
let homeroom: string;
let admin: string;
let district: string;
let region: string;
let ministry: string;
let tools: number;
let remote: number;
let districtId: number;

beforeAll(async () => {
  process.env.LEARNING_TODAY = NOW;
  t = await createTestApp({ env: { LEARNING_TODAY: NOW } });
  teacher = await t.login('demo.teacher');
  homeroom = await t.login('demo.homeroom');
  admin = await t.login('demo.admin');
  district = await t.login('demo.district');
  region = await t.login('demo.region');
  ministry = await t.login('demo.ministry');
  tools = await t.one<number>("select id from training_courses where title_en = 'Online tools for the lesson'");
  remote = await t.one<number>("select id from training_courses where title_en = 'Learning to teach remotely'");
  districtId = await t.one<number>("select district_id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
});
afterAll(async () => t?.close());

const send = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const count = async (sql: string, params: unknown[] = []) => Number(await t.one(sql, params));

const L = (s: string) => ({ kk: `${s} (kk)`, ru: `${s} (ru)`, en: s });
const question = (correct: number[], kind: 'single' | 'multiple' = 'single') => ({
  kind,
  text: L('Which?'),
  options: [0, 1, 2].map((i) => ({ text: L(`option ${i}`), correct: correct.includes(i) })),
});
const draft = (quizCorrect: number[][], extra: object = {}) => ({
  quizMaxAttempts: null,
  quizWaitMinutes: 0,
  ...extra,
  modules: [
    {
      title: L('Reading'),
      materials: [
        { kind: 'text', body: L('Read this') },
        { kind: 'link', title: L('A link'), url: 'https://example.org/a' },
      ],
      quiz: null,
    },
    {
      title: L('Check'),
      materials: [{ kind: 'text', body: L('Then answer') }],
      quiz: { passMark: 1, required: true, questions: quizCorrect.map((c) => question(c, c.length > 1 ? 'multiple' : 'single')) },
    },
  ],
});

describe('the ministry edits and publishes a course', () => {
  test('a quiz with a question with no correct answer is a clear 400 naming module and question; nothing is written', async () => {
    const before = await count('select count(*) from training_modules where course_id = $1', [tools]);
    const res = await send('PUT', `/api/training/courses/${tools}/content`, ministry, draft([[0], []]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('training.bad_quiz');
    expect(res.json().error.message).toBe('The quiz of module 2, question 2, has a question with no correct answer');
    expect(await count('select count(*) from training_modules where course_id = $1', [tools])).toBe(before);
  });

  test('a video that is not in the archive, or a file that is not the editor’s, is refused; nothing is written', async () => {
    const withVideo = draft([[0]]);
    withVideo.modules[0]!.materials.push({ kind: 'video', title: L('A video'), videoId: 99_999_999 } as never);
    const res = await send('PUT', `/api/training/courses/${tools}/content`, ministry, withVideo);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('training.material_not_found');
    const withFile = draft([[0]]);
    withFile.modules[0]!.materials.push({ kind: 'file', title: L('A file'), fileId: '00000000-0000-4000-8000-000000000000' } as never);
    expect((await send('PUT', `/api/training/courses/${tools}/content`, ministry, withFile)).json().error.code).toBe('training.material_not_found');
    expect(await count('select count(*) from training_modules where course_id = $1', [tools])).toBe(0);
  });

  test('saving keeps modules in order with their materials and quiz; publishing freezes version 1; a teacher cannot edit', async () => {
    const pdf = multipart('памятка.pdf', SAMPLES.pdf);
    const up = await t.app.inject({ method: 'POST', url: '/api/training/files', payload: pdf.payload, headers: { ...pdf.headers, cookie: ministry } });
    expect(up.statusCode).toBe(201);
    const body = draft([[0], [1, 2]]);
    body.modules[0]!.materials.push({ kind: 'file', title: L('Memo'), fileId: up.json().id } as never);
    const saved = await send('PUT', `/api/training/courses/${tools}/content`, ministry, body);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().modules.map((m: { position: number; title: { en: string } }) => [m.position, m.title.en])).toEqual([
      [1, 'Reading'],
      [2, 'Check'],
    ]);
    expect(saved.json().modules[1].quiz.questions[1].options.map((o: { correct: boolean }) => o.correct)).toEqual([false, true, true]);
    expect((await send('PUT', `/api/training/courses/${tools}/content`, teacher, body)).statusCode).toBe(403);
    const pub = await send('POST', `/api/training/courses/${tools}/publish`, ministry);
    expect(pub.statusCode).toBe(201);
    expect(pub.json().version).toBe(1);
  });
});

describe('a teacher takes the course', () => {
  let enrolment: number;
  let quizModule: number;
  let readingModule: number;

  test('the course page lists the modules in order and never carries the correct answers', async () => {
    const e = await send('POST', `/api/training/courses/${tools}/enrol`, homeroom);
    expect(e.statusCode).toBe(201);
    enrolment = e.json().id;
    const page = await send('GET', `/api/training/enrolments/${enrolment}/course`, homeroom);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('correct');
    const p = page.json();
    expect(p.version).toBe(1);
    expect(p.modules.map((m: { title: { en: string } }) => m.title.en)).toEqual(['Reading', 'Check']);
    expect(p.progress).toEqual({ modules: 2, read: 0, requiredQuizzes: 1, passedQuizzes: 0 });
    readingModule = p.modules[0].id;
    quizModule = p.modules[1].id;
    // the file is served for the enrolment (the teacher is not its uploader)
    const fileUrl = p.modules[0].materials.find((m: { kind: string }) => m.kind === 'file').url;
    const file = await send('GET', fileUrl, homeroom);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // another teacher's enrolment answers like a missing one
    expect((await send('GET', `/api/training/enrolments/${enrolment}/course`, teacher)).statusCode).toBe(404);
  });

  test('reading a module counts once', async () => {
    for (let i = 0; i < 2; i++)
      expect((await send('POST', `/api/training/enrolments/${enrolment}/modules/${readingModule}/read`, homeroom)).statusCode).toBe(200);
    const p = (await send('GET', `/api/training/enrolments/${enrolment}/course`, homeroom)).json();
    expect(p.progress.read).toBe(1);
    expect(p.modules[0].read).toBe(true);
  });

  test('answers that do not fit the quiz are 400 and kept nowhere; a module without a quiz has none', async () => {
    const bad = await send('POST', `/api/training/enrolments/${enrolment}/modules/${quizModule}/attempts`, homeroom, { answers: [[7]] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('training.bad_answers');
    expect((await send('POST', `/api/training/enrolments/${enrolment}/modules/${readingModule}/attempts`, homeroom, { answers: [] })).statusCode).toBe(404);
    expect(await count('select count(*) from training_quiz_attempts where enrolment_id = $1', [enrolment])).toBe(0);
  });

  test('a wrong attempt is kept and marked on the server; an edit published later does not re-mark it', async () => {
    const wrong = await send('POST', `/api/training/enrolments/${enrolment}/modules/${quizModule}/attempts`, homeroom, { answers: [[0], [1]] });
    expect(wrong.statusCode).toBe(201);
    expect(wrong.json()).toMatchObject({ attempt: { right: 1, total: 2, passed: false, version: 1 }, results: [true, false] });
    expect(wrong.json().enrolment.completedAt).toBeNull();
    // the ministry changes the correct answer of question 2 to [1] and publishes version 2
    const content = (await send('GET', `/api/training/courses/${tools}/content`, ministry)).json();
    const body = draft([[0], [1]]);
    for (const [i, m] of body.modules.entries()) Object.assign(m, { id: content.modules[i].id });
    expect((await send('PUT', `/api/training/courses/${tools}/content`, ministry, { ...body, quizWaitMinutes: 30 })).statusCode).toBe(200);
    expect((await send('POST', `/api/training/courses/${tools}/publish`, ministry)).json().version).toBe(2);
    const p = (await send('GET', `/api/training/enrolments/${enrolment}/course`, homeroom)).json();
    expect(p.version).toBe(2);
    expect(p.modules[1].attempts).toEqual([expect.objectContaining({ version: 1, right: 1, total: 2, passed: false })]);
    expect(p.modules[1].nextAttemptAt).toBe(new Date(Date.parse(NOW) + 30 * 60_000).toISOString());
  });

  test('the wait between attempts is kept: the next attempt is refused until then', async () => {
    const soon = await send('POST', `/api/training/enrolments/${enrolment}/modules/${quizModule}/attempts`, homeroom, { answers: [[0], [1]] });
    expect(soon.statusCode).toBe(409);
    expect(soon.json().error.code).toBe('training.attempt_too_soon');
    expect(await count('select count(*) from training_quiz_attempts where enrolment_id = $1', [enrolment])).toBe(1);
  });

  test('with the wait lifted, passing the required quiz completes the enrolment with a valid certificate', async () => {
    const content = (await send('GET', `/api/training/courses/${tools}/content`, ministry)).json();
    const body = draft([[0], [1]], { quizMaxAttempts: 2 });
    for (const [i, m] of body.modules.entries()) Object.assign(m, { id: content.modules[i].id });
    expect((await send('PUT', `/api/training/courses/${tools}/content`, ministry, body)).statusCode).toBe(200);
    const pass = await send('POST', `/api/training/enrolments/${enrolment}/modules/${quizModule}/attempts`, homeroom, { answers: [[0], [1]] });
    expect(pass.statusCode).toBe(201);
    expect(pass.json().attempt).toMatchObject({ right: 2, passed: true, version: 2 });
    const code = pass.json().enrolment.certificateCode;
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const check = await t.app.inject({ url: `/api/training/certificates/${code}` });
    expect(check.json()).toMatchObject({ valid: true, withdrawnOn: null });
    // completed: no further attempt
    const again = await send('POST', `/api/training/enrolments/${enrolment}/modules/${quizModule}/attempts`, homeroom, { answers: [[0], [1]] });
    expect(again.json().error.code).toBe('training.already_completed');
  });

  test('the attempt limit: no attempt beyond quizMaxAttempts', async () => {
    const e = (await send('POST', `/api/training/courses/${tools}/enrol`, teacher)).json().id;
    for (let i = 0; i < 2; i++)
      expect((await send('POST', `/api/training/enrolments/${e}/modules/${quizModule}/attempts`, teacher, { answers: [] })).statusCode).toBe(201);
    const third = await send('POST', `/api/training/enrolments/${e}/modules/${quizModule}/attempts`, teacher, { answers: [[0], [1]] });
    expect(third.statusCode).toBe(409);
    expect(third.json().error.code).toBe('training.no_attempts_left');
    expect((await send('GET', `/api/training/enrolments/${e}/course`, teacher)).json().modules[1].attemptsLeft).toBe(0);
  });
});

describe('every teacher of an area in one step', () => {
  test('the district officer enrols the district: one transaction, the already enrolled skipped; again: nothing new', async () => {
    const plain = await count(
      `select count(distinct r.person_id) from role_assignments r join organisations o on o.id = r.organisation_id where r.role = 'teacher' and o.district_id = $1`,
      [districtId],
    );
    const before = await count(
      `select count(*) from training_enrolments e where e.course_id = $1 and e.teacher_id in (select r.person_id from role_assignments r join organisations o on o.id = r.organisation_id where r.role = 'teacher' and o.district_id = $2)`,
      [tools, districtId],
    );
    const res = await send('POST', '/api/training/areas/enrolments', district, { area: `district:${districtId}`, courseId: tools });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ teachers: plain, enrolled: plain - before, already: before });
    expect((await send('POST', '/api/training/areas/enrolments', district, { area: `district:${districtId}`, courseId: tools })).json()).toEqual({
      teachers: plain,
      enrolled: 0,
      already: plain,
    });
  });

  test('a district of another region answers like a missing one for the region officer; a school is not an area here', async () => {
    const other = await t.one<number>(
      'select d.id from districts d where d.region_id <> (select region_id from districts where id = $1) order by d.id limit 1',
      [districtId],
    );
    expect((await send('POST', '/api/training/areas/enrolments', region, { area: `district:${other}`, courseId: tools })).statusCode).toBe(404);
    const school = await send('POST', '/api/training/areas/enrolments', admin, { area: 'organisation:1', courseId: tools });
    expect(school.statusCode).toBe(400);
  });
});

describe('withdrawal of a certificate', () => {
  test('the public check answers valid: false with the day and no reason; coverage no longer counts it; no PDF', async () => {
    const row = (
      await t.db.query<{ id: string; code: string; org: number }>(
        `select e.id, e.certificate_code as code, e.organisation_id as org from training_enrolments e
          where e.course_id = $1 and e.certificate_code is not null
            and not exists (select 1 from training_enrolments x join training_courses c on c.id = x.course_id where x.teacher_id = e.teacher_id and x.id <> e.id and c.required and x.completed_at is not null)
            and (select count(*) from role_assignments r where r.person_id = e.teacher_id and r.role = 'teacher') = 1
          order by e.id limit 1`,
        [remote],
      )
    ).rows[0]!;
    const trained = async () => (await send('GET', `/api/training/coverage?area=organisation:${row.org}`, ministry)).json().total.trained as number;
    const before = await trained();
    expect((await send('POST', `/api/training/certificates/${row.code}/withdraw`, teacher, { reason: 'x' })).statusCode).toBe(403);
    const w = await send('POST', `/api/training/certificates/${row.code.toLowerCase()}/withdraw`, ministry, { reason: 'Forged hours (personal)' });
    expect(w.statusCode).toBe(200);
    const check = await t.app.inject({ url: `/api/training/certificates/${row.code}` });
    expect(check.json()).toMatchObject({ valid: false, withdrawnOn: '2020-12-09' });
    expect(check.body).not.toContain('Forged');
    expect(await trained()).toBe(before - 1);
    const again = await send('POST', `/api/training/certificates/${row.code}/withdraw`, ministry, { reason: 'again' });
    expect(again.json().error.code).toBe('training.already_withdrawn');
    const pdf = await send('GET', `/api/training/enrolments/${row.id}/certificate`, admin);
    expect([404, 409]).toContain(pdf.statusCode);
  });

  test('a code that does not exist is 404; an empty reason is 400; nothing written', async () => {
    expect((await send('POST', '/api/training/certificates/ZZZZ-ZZZZ-ZZZZ/withdraw', ministry, { reason: 'x' })).statusCode).toBe(404);
    const code = await t.one<string>(
      'select certificate_code from training_enrolments where certificate_code is not null and withdrawn_at is null order by id limit 1',
    );
    expect((await send('POST', `/api/training/certificates/${code}/withdraw`, ministry, { reason: ' ' })).statusCode).toBe(400);
    expect(await count('select count(*) from training_enrolments where certificate_code = $1 and withdrawn_at is not null', [code])).toBe(0);
  });
});

describe('order of modules and personal data', () => {
  test('modules kept by id can swap places in one save (positions are checked at commit)', async () => {
    const before = (await send('GET', `/api/training/courses/${tools}/content`, ministry)).json();
    const body = {
      quizMaxAttempts: before.quizMaxAttempts,
      quizWaitMinutes: before.quizWaitMinutes,
      modules: [...before.modules].reverse().map((m: { id: number; title: object; materials: object[]; quiz: object | null }) => ({
        id: m.id,
        title: m.title,
        materials: m.materials,
        quiz: m.quiz,
      })),
    };
    const res = await send('PUT', `/api/training/courses/${tools}/content`, ministry, body);
    expect(res.statusCode).toBe(200);
    expect(res.json().modules.map((m: { id: number }) => m.id)).toEqual([...before.modules].reverse().map((m: { id: number }) => m.id));
    // a module id of another course is refused, nothing written
    const foreign = await t.one<number>('select id from training_modules where course_id = $1 limit 1', [remote]);
    const bad = await send('PUT', `/api/training/courses/${tools}/content`, ministry, { ...body, modules: [{ ...body.modules[0], id: foreign }] });
    expect(bad.json().error.code).toBe('training.unknown_module');
    expect(await count('select count(*) from training_modules where course_id = $1', [tools])).toBe(before.modules.length);
  });

  test("a teacher's export holds their module reads and quiz attempts", async () => {
    const personId = await t.one<number>("select person_id from accounts where login = 'demo.homeroom'");
    const out = await personalData.export(t.db, Number(personId));
    expect((out.training_quiz_attempts as unknown[]).length).toBe(2);
    expect((out.training_module_reads as unknown[]).length).toBe(1);
  });
});

test('no attempt before the course starts (a pass then could not complete it)', async () => {
  const created = await send('POST', '/api/training/courses', ministry, {
    title: L('Later'),
    provider: 'Sabaq',
    hours: 2,
    format: 'online',
    startsOn: '2021-01-11',
    endsOn: '2021-05-31',
  });
  const course = created.json().id as number;
  expect((await send('PUT', `/api/training/courses/${course}/content`, ministry, draft([[0]]))).statusCode).toBe(200);
  expect((await send('POST', `/api/training/courses/${course}/publish`, ministry)).statusCode).toBe(201);
  const e = await send('POST', `/api/training/courses/${course}/enrol`, teacher);
  expect(e.statusCode).toBe(201);
  const page = (await send('GET', `/api/training/enrolments/${e.json().id}/course`, teacher)).json();
  const early = await send('POST', `/api/training/enrolments/${e.json().id}/modules/${page.modules[1].id}/attempts`, teacher, { answers: [[0]] });
  expect(early.statusCode).toBe(409);
  expect(early.json().error.code).toBe('training.not_started');
  expect(await count('select count(*) from training_quiz_attempts where enrolment_id = $1', [e.json().id])).toBe(0);
});

test("a video of the archive is read through video's use cases: a public ready one plays for the teacher; one the editor cannot see is refused", async () => {
  const ministryPerson = await t.one<number>("select person_id from accounts where login = 'demo.ministry'");
  const insertVideo = async (owner: number, visibility: 'public' | 'organisation', organisationId: number | null) =>
    t.one<number>(
      `insert into video_videos (owner_id, organisation_id, visibility, title, status, progress, source_key, source_bytes, ready_at)
       values ($1, $2, $3, 'Lesson', 'ready', 1, 'training-test', 10, now()) returning id`,
      [owner, organisationId, visibility],
    );
  const open = await insertVideo(Number(ministryPerson), 'public', null);
  // a school's own video, uploaded by one of its teachers: not the ministry's to see
  const other = (
    await t.db.query<{ person_id: string; organisation_id: number }>(
      "select r.person_id, r.organisation_id from role_assignments r join organisations o on o.id = r.organisation_id where r.role = 'teacher' and o.name_en <> 'Kaskelen Secondary School No. 1' order by r.person_id limit 1",
    )
  ).rows[0]!;
  const closed = await insertVideo(Number(other.person_id), 'organisation', other.organisation_id);
  const course = (
    await send('POST', '/api/training/courses', ministry, {
      title: L('Video'),
      provider: 'Sabaq',
      hours: 1,
      format: 'online',
      startsOn: '2020-09-01',
      endsOn: '2021-05-31',
    })
  ).json().id as number;
  const withVideo = (videoId: number) => ({
    quizMaxAttempts: null,
    quizWaitMinutes: 0,
    modules: [{ title: L('Watch'), materials: [{ kind: 'video', title: L('Lesson'), videoId }], quiz: null }],
  });
  const refused = await send('PUT', `/api/training/courses/${course}/content`, ministry, withVideo(Number(closed)));
  expect(refused.json().error.code).toBe('training.material_not_found');
  expect((await send('PUT', `/api/training/courses/${course}/content`, ministry, withVideo(Number(open)))).statusCode).toBe(200);
  expect((await send('POST', `/api/training/courses/${course}/publish`, ministry)).statusCode).toBe(201);
  const e = (await send('POST', `/api/training/courses/${course}/enrol`, teacher)).json().id;
  const page = (await send('GET', `/api/training/enrolments/${e}/course`, teacher)).json();
  expect(page.modules[0].materials[0]).toMatchObject({
    kind: 'video',
    videoId: Number(open),
    hlsUrl: expect.stringContaining(`/${open}/`),
    mp4Url: expect.any(String),
  });
});

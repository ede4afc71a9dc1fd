import type { ModuleSeeder } from '../../seed/module-seeders.js';
import { REMOTE_COURSE_MODULES } from './training.seed-content.js';

/**
 * Demo courses and enrolments (deterministic). "Learning to teach remotely" is the required course
 * every teacher takes (SEED-FACTS: asynchronous, coverage tracked against 100%; North Kazakhstan had
 * 3,000 done and 10,000 to go before the year started): by the demo's today about 30-70% of a
 * region's teachers have completed it and most others are enrolled. The demo.* accounts are left
 * unenrolled so a demo (and the browser journey) can enrol and complete.
 */
export const seedTraining: ModuleSeeder = async ({ db, quiet }) => {
  const { rows } = await db.query<{
    id: number;
  }>(`insert into training_courses (title_kk, title_ru, title_en, provider, hours, format, starts_on, ends_on, required) values
    ('Қашықтан оқытуды үйрену', 'Учимся преподавать дистанционно', 'Learning to teach remotely', '«Өрлеу» біліктілікті арттыру орталығы', 36, 'online', '2020-06-01', '2021-05-31', true),
    ('Сабаққа арналған онлайн құралдар', 'Онлайн-инструменты урока', 'Online tools for the lesson', 'Sabaq', 24, 'online', '2020-09-01', '2021-06-30', false),
    ('Оқушыларды психологиялық қолдау', 'Психологическая поддержка учащихся', 'Psychological support of pupils', '«Өрлеу» біліктілікті арттыру орталығы', 16, 'offline', '2020-11-02', '2021-03-31', false)
    returning id`);
  const [remote, tools] = rows.map((r) => r.id);
  // one enrolment per teacher (through their first school); h is a stable pseudo-random 0..99
  const r = await db.query(
    `
    with t as (
      select r.person_id, min(r.organisation_id) as organisation_id, min(o.region_id) as region_id
        from role_assignments r join organisations o on o.id = r.organisation_id
       where r.role = 'teacher' and not exists (select 1 from accounts a where a.person_id = r.person_id and a.login like 'demo.%')
       group by r.person_id
    ), h as (select *, ((person_id * 7919 + region_id * 104729) % 100)::int as h from t)
    insert into training_enrolments (course_id, teacher_id, organisation_id, enrolled_by, enrolled_at, completed_at, certificate_code)
    select $1::int, person_id, organisation_id, person_id, timestamptz '2020-06-01 09:00+06' + make_interval(days => h % 40),
           case when h < 30 + (region_id % 5) * 10 then timestamptz '2020-08-01 15:00+06' + make_interval(days => h) end,
           case when h < 30 + (region_id % 5) * 10 then upper(substr(md5('sabaq-training-' || person_id), 1, 4) || '-' || substr(md5('sabaq-training-' || person_id), 5, 4) || '-' || substr(md5('sabaq-training-' || person_id), 9, 4)) end
      from h where h < 85 order by person_id`,
    [remote],
  );
  const r2 = await db.query(
    `insert into training_enrolments (course_id, teacher_id, organisation_id, enrolled_by, enrolled_at)
    select $1::int, e.teacher_id, e.organisation_id, e.teacher_id, timestamptz '2020-09-07 10:00+06'
      from training_enrolments e where e.course_id = $2 and e.completed_at is not null and e.teacher_id % 3 = 0 order by e.teacher_id`,
    [tools, remote],
  );
  // "Learning to teach remotely" built in Sabaq: its modules, published as version 1 (5 attempts at a quiz)
  await db.query('update training_courses set quiz_max_attempts = 5 where id = $1', [remote]);
  const modules = [];
  for (const [i, m] of REMOTE_COURSE_MODULES.entries()) {
    const { rows: ids } = await db.query<{ id: number }>(
      'insert into training_modules (course_id, position, title_kk, title_ru, title_en, materials, quiz) values ($1, $2, $3, $4, $5, $6, $7) returning id',
      [remote, i + 1, m.title.kk, m.title.ru, m.title.en, JSON.stringify(m.materials), m.quiz === null ? null : JSON.stringify(m.quiz)],
    );
    modules.push({ id: ids[0]!.id, position: i + 1, ...m });
  }
  await db.query("insert into training_course_versions (course_id, version, content, published_at) values ($1, 1, $2, timestamptz '2020-06-01 09:00+06')", [
    remote,
    JSON.stringify({ modules }),
  ]);
  if (!quiet) console.log(`training: 3 courses (one with ${modules.length} modules), ${(r.rowCount ?? 0) + (r2.rowCount ?? 0)} enrolments`);
};

import type { Db, Queryable } from '../../platform/db.js';
import type { SeedSize } from '../../seed/module-seeders.js';
import { CITY_SCHOOL, COLLEGE, OTHER_DISTRICT_SCHOOL, OTHER_REGION_SCHOOL, RURAL_SCHOOL, UNIVERSITY } from '../../seed/demo-facts.js';
import { generateLessons } from './plan.repository.js';
import { addDays, homeworkAssessment, isoWeekday, termSchoolDays, weekStart } from './learning.rules.js';
import { loadSettings } from './learning.settings.js';
import { applyFormatsToLessons } from './lessons.format.js';

/**
 * The e-journal's demo data, deterministic (no random(): every choice is a hash of ids).
 *
 * The demo school year is 2020-2021, so the demo's "today" is fixed: Wednesday 9 December 2020, in
 * the second quarter (distance learning) and the first semester. Run the server with
 * LEARNING_TODAY=2020-12-09 to see Today as the demo accounts would have.
 *
 * Demo organisations (the seed's fixed content) get the whole current term: a clash-free
 * timetable, dated lessons with a mix of deliveries, topics, homework, submissions, marks,
 * attendance and announcements up to the demo's today. Bulk organisations of the `region` and
 * `country` sizes get, set-based, what a morning-peak benchmark needs: terms, bells, a timetable
 * and the lessons of the demo week with homework and some marks (their timetables may double-book
 * a teacher: they are load, not a plan anyone teaches from).
 */
const DEMO_TODAY = '2020-12-09';
export const LEARNING_DEMO = {
  today: DEMO_TODAY,
  /** noon in Almaty on the demo's today */
  now: `${DEMO_TODAY}T06:00:00Z`,
  weekStart: weekStart(DEMO_TODAY),
  /** the journal (homework, marks, attendance) is kept from the second quarter, when distance learning began again */
  journalFrom: '2020-11-09',
} as const;

const DEMO_ORGS = [CITY_SCHOOL, RURAL_SCHOOL, COLLEGE, UNIVERSITY, OTHER_DISTRICT_SCHOOL, OTHER_REGION_SCHOOL].map((o) => o.names.en);

const HOLIDAYS: [string, string, string, string, string][] = [
  ['2020-12-01', '2020-12-01', 'Қазақстан Республикасының Тұңғыш Президенті күні', 'День Первого Президента Республики Казахстан', "First President's Day"],
  ['2020-12-16', '2020-12-17', 'Тәуелсіздік күні', 'День Независимости', 'Independence Day'],
  ['2021-01-01', '2021-01-02', 'Жаңа жыл', 'Новый год', 'New Year'],
  ['2021-01-07', '2021-01-07', 'Православиелік Рождество', 'Православное Рождество', 'Orthodox Christmas'],
  ['2021-03-08', '2021-03-08', 'Халықаралық әйелдер күні', 'Международный женский день', "International Women's Day"],
  ['2021-03-21', '2021-03-24', 'Наурыз мейрамы', 'Наурыз мейрамы', 'Nauryz'],
  ['2021-05-01', '2021-05-01', 'Қазақстан халқының бірлігі мерекесі', 'Праздник единства народа Казахстана', 'Unity Day of the People of Kazakhstan'],
  ['2021-05-07', '2021-05-07', 'Отан қорғаушы күні', 'День защитника Отечества', 'Defender of the Fatherland Day'],
  ['2021-05-09', '2021-05-10', 'Жеңіс күні', 'День Победы', 'Victory Day'],
];

const TERMS: [kind: 'quarter' | 'semester', number: number, startsOn: string, endsOn: string][] = [
  ['quarter', 1, '2020-09-01', '2020-10-31'],
  ['quarter', 2, '2020-11-09', '2020-12-29'],
  ['quarter', 3, '2021-01-11', '2021-03-19'],
  ['quarter', 4, '2021-03-29', '2021-05-25'],
  ['semester', 1, '2020-09-01', '2020-12-30'],
  ['semester', 2, '2021-01-18', '2021-05-25'],
];

/** Bells: city schools a 20-minute gap between shifts; rural small schools 1.5 hours (SEED-FACTS); colleges and universities 80-minute pairs. */
const BELLS: Record<'standard' | 'rural' | 'pairs', [shift: number, number: number, startsAt: string, endsAt: string][]> = {
  standard: [
    [1, 1, '08:30', '09:15'],
    [1, 2, '09:20', '10:05'],
    [1, 3, '10:20', '11:05'],
    [1, 4, '11:15', '12:00'],
    [1, 5, '12:05', '12:50'],
    [1, 6, '12:55', '13:40'],
    [2, 1, '14:00', '14:45'],
    [2, 2, '14:50', '15:35'],
    [2, 3, '15:50', '16:35'],
    [2, 4, '16:45', '17:30'],
    [2, 5, '17:35', '18:20'],
    [2, 6, '18:25', '19:10'],
  ],
  rural: [
    [1, 1, '08:30', '09:15'],
    [1, 2, '09:20', '10:05'],
    [1, 3, '10:20', '11:05'],
    [1, 4, '11:15', '12:00'],
    [1, 5, '12:05', '12:50'],
    [1, 6, '12:55', '13:40'],
    [2, 1, '15:10', '15:55'],
    [2, 2, '16:00', '16:45'],
    [2, 3, '16:55', '17:40'],
    [2, 4, '17:45', '18:30'],
    [2, 5, '18:35', '19:20'],
  ],
  pairs: [
    [1, 1, '09:00', '10:20'],
    [1, 2, '10:30', '11:50'],
    [1, 3, '12:30', '13:50'],
    [1, 4, '14:00', '15:20'],
  ],
};

/** Weekly hours of each subject (an approximation of the standard plan). */
function hoursFor(code: string, grade: number | null): number {
  if (grade === null) return ['pe', 'english', 'kazakh-language', 'russian-language', 'philosophy'].includes(code) ? 2 : 3;
  const table: Record<string, number> = {
    literacy: 5,
    'literary-reading': 3,
    'kazakh-language': grade <= 4 ? 4 : 3,
    'russian-language': grade <= 4 ? 3 : 2,
    'kazakh-literature': 2,
    'russian-literature': 2,
    english: grade <= 4 ? 2 : 3,
    math: grade <= 4 ? 4 : 5,
    algebra: 3,
    geometry: 2,
    informatics: 1,
    'world-knowledge': 1,
    'natural-science': 2,
    physics: 2,
    chemistry: 2,
    biology: 2,
    geography: 2,
    'history-kazakhstan': 2,
    'world-history': 1,
    law: 1,
    'self-knowledge': 1,
    art: 1,
    music: 1,
    pe: 3,
    'basic-military': 1,
  };
  return table[code] ?? 1;
}

function lessonsPerDay(grade: number | null): number {
  if (grade === null) return 3;
  if (grade === 1) return 4;
  if (grade <= 4) return 5;
  return 6;
}

interface ClassRow {
  id: number;
  organisation_id: number;
  org_kind: string;
  org_name: string;
  shift: number;
  grade: number | null;
  name: string;
  specialty: string | null;
  term_id: number;
}
interface AssignmentRow {
  class_id: number;
  subject_id: number;
  code: string;
  teacher_id: number;
  course_id: number | null;
}

export interface PlannedSlot {
  classId: number;
  weekday: number;
  period: number;
  subjectId: number;
  teacherId: number;
  code: string;
}

/**
 * A clash-free week for each class: cell by cell (Monday to Friday, first period on), the subject
 * with the most hours left whose teacher is free then, at most twice a day. Teachers in two
 * classes share their hours; a cell nobody can take stays empty (the day ends earlier).
 */
export function planWeek(classes: { id: number; shift: number; grade: number | null; orgId: number }[], assignments: AssignmentRow[]): PlannedSlot[] {
  const busy = new Set<string>();
  const slots: PlannedSlot[] = [];
  for (const c of classes) {
    const own = assignments.filter((a) => a.class_id === c.id);
    const left = new Map(own.map((a) => [a.subject_id, hoursFor(a.code, c.grade)]));
    for (let weekday = 1; weekday <= 5; weekday++) {
      const today = new Map<number, number>();
      for (let period = 1; period <= lessonsPerDay(c.grade); period++) {
        const rotate = (c.id + weekday + period) % Math.max(own.length, 1);
        const candidates = own
          .map((a, i) => ({ a, order: (i - rotate + own.length) % own.length }))
          .filter(
            ({ a }) =>
              (left.get(a.subject_id) ?? 0) > 0 &&
              (today.get(a.subject_id) ?? 0) < ((left.get(a.subject_id) ?? 0) >= 4 ? 2 : 1) &&
              !busy.has(`${c.orgId}:${a.teacher_id}:${weekday}:${c.shift}:${period}`),
          )
          .sort((x, y) => left.get(y.a.subject_id)! - left.get(x.a.subject_id)! || x.order - y.order);
        const pick = candidates[0]?.a;
        if (!pick) continue;
        busy.add(`${c.orgId}:${pick.teacher_id}:${weekday}:${c.shift}:${period}`);
        left.set(pick.subject_id, left.get(pick.subject_id)! - 1);
        today.set(pick.subject_id, (today.get(pick.subject_id) ?? 0) + 1);
        slots.push({ classId: c.id, weekday, period, subjectId: pick.subject_id, teacherId: pick.teacher_id, code: pick.code });
      }
    }
  }
  return slots;
}

/** A deterministic number in [0, 1) from the given SQL expressions (md5 of their values and a salt). */
const rnd = (salt: string, ...cols: string[]) => `(('x' || substr(md5(concat_ws(':', '${salt}', ${cols.join(', ')})), 1, 6))::bit(24)::int / 16777216.0)`;

/** SQL for the class's language of instruction: Russian for Б classes, Russian-language groups and Russian schools. */
const classLanguage = (c: string, o: string) =>
  `case when ${o}.instruction_language = 'ru' or ${c}.name like '%Б' or ${c}.name in (${[...COLLEGE.groups, ...UNIVERSITY.groups]
    .filter((g) => g.language === 'ru')
    .map((g) => `'${g.name}'`)
    .join(', ')}) then 'ru' else 'kk' end`;

const NON_HOMEWORK = `('pe', 'music', 'art', 'self-knowledge', 'basic-military')`;

const MATH_5_KK = [
  'Натурал сандарды бөлу',
  'Бөлінгіштік белгілері',
  'Жай және құрама сандар',
  'Ең үлкен ортақ бөлгіш',
  'Ең кіші ортақ еселік',
  'Жай бөлшектер',
  'Бөлшектің негізгі қасиеті',
  'Бөлшектерді қысқарту',
  'Бөлшектерді ортақ бөлімге келтіру',
  'Бөлшектерді салыстыру',
  'Бөлшектерді қосу және азайту',
  'Аралас сандар',
];
const MATH_6_RU = [
  'Отношение чисел',
  'Пропорция',
  'Прямая и обратная пропорциональность',
  'Масштаб',
  'Длина окружности',
  'Площадь круга',
  'Координатная прямая',
  'Противоположные числа',
  'Модуль числа',
  'Сравнение рациональных чисел',
  'Сложение рациональных чисел',
  'Вычитание рациональных чисел',
];
const KAZAKH_5_KK = [
  'Фонетика. Дыбыс және әріп',
  'Дауысты дыбыстар',
  'Дауыссыз дыбыстар',
  'Буын және тасымал',
  'Екпін',
  'Үндестік заңы',
  'Сөз құрамы',
  'Түбір және қосымша',
  'Жұрнақ пен жалғау',
  'Сөздің лексикалық мағынасы',
  'Синонимдер',
  'Антонимдер',
];

async function writeCalendarAndBells(tx: Queryable): Promise<void> {
  await tx.query(
    `insert into holidays (organisation_id, starts_on, ends_on, name_kk, name_ru, name_en)
     select null, s, e, kk, ru, en from unnest($1::date[], $2::date[], $3::text[], $4::text[], $5::text[]) as u(s, e, kk, ru, en)`,
    [HOLIDAYS.map((h) => h[0]), HOLIDAYS.map((h) => h[1]), HOLIDAYS.map((h) => h[2]), HOLIDAYS.map((h) => h[3]), HOLIDAYS.map((h) => h[4])],
  );
  await tx.query(
    `insert into terms (organisation_id, academic_year_id, kind, number, starts_on, ends_on)
     select o.id, y.id, t.kind, t.number, t.s, t.e
     from organisations o cross join academic_years y
     join unnest($1::text[], $2::smallint[], $3::date[], $4::date[]) as t(kind, number, s, e)
       on t.kind = case when o.kind in ('school', 'additional') then 'quarter' else 'semester' end
     where y.is_current and o.kind <> 'kindergarten'
     order by o.id, t.number`,
    [TERMS.map((t) => t[0]), TERMS.map((t) => t[1]), TERMS.map((t) => t[2]), TERMS.map((t) => t[3])],
  );
  const bells = Object.entries(BELLS).flatMap(([kind, rows]) => rows.map((r) => [kind, ...r] as const));
  await tx.query(
    `insert into periods (organisation_id, shift, number, starts_at, ends_at)
     select o.id, b.shift, b.number, b.s, b.e
     from organisations o join settlements st on st.id = o.settlement_id
     join unnest($1::text[], $2::smallint[], $3::smallint[], $4::time[], $5::time[]) as b(kind, shift, number, s, e)
       on b.kind = case when o.kind in ('college', 'university') then 'pairs' when st.kind = 'rural' then 'rural' else 'standard' end
     where o.kind <> 'kindergarten'
     order by o.id, b.shift, b.number`,
    [bells.map((b) => b[0]), bells.map((b) => b[1]), bells.map((b) => b[2]), bells.map((b) => b[3]), bells.map((b) => b[4])],
  );
}

/** Weekly slots of the demo organisations, with how each is usually held. */
async function writeDemoTimetables(tx: Queryable, demoOrgIds: number[]): Promise<void> {
  const { rows: classes } = await tx.query<ClassRow & Record<string, unknown>>(
    `select c.id, c.organisation_id, o.kind as org_kind, o.name_en as org_name, c.shift, c.grade, c.name, c.specialty,
       (select t.id from terms t where t.organisation_id = o.id and $2::date between t.starts_on and t.ends_on) as term_id
     from classes c join organisations o on o.id = c.organisation_id join academic_years y on y.id = c.academic_year_id
     where o.id = any($1::int[]) and y.is_current order by c.organisation_id, c.id`,
    [demoOrgIds, LEARNING_DEMO.today],
  );
  const { rows: assignments } = await tx.query<AssignmentRow & Record<string, unknown>>(
    `select distinct on (ta.class_id, ta.subject_id) ta.class_id, ta.subject_id, s.code, ta.teacher_id, ta.course_id
     from teaching_assignments ta join subjects s on s.id = ta.subject_id join classes c on c.id = ta.class_id
     where c.organisation_id = any($1::int[]) order by ta.class_id, ta.subject_id, ta.id`,
    [demoOrgIds],
  );
  const planned = planWeek(
    classes.map((c) => ({ id: c.id, shift: c.shift, grade: c.grade, orgId: c.organisation_id })),
    assignments,
  );
  const byClass = new Map(classes.map((c) => [c.id, c]));
  const LAB = new Set([
    'vehicle-maintenance',
    'materials-science',
    'engineering-graphics',
    'anatomy',
    'nursing',
    'pharmacology',
    'chemistry',
    'physics',
    'programming',
  ]);
  const TV_PRIMARY = new Set(['literacy', 'math', 'world-knowledge', 'natural-science', 'literary-reading']);
  // TV lessons for a village without broadband (the rural school's remote days): primary on Balapan, the rest on El-Arna
  const TV_VILLAGE = new Set([...TV_PRIMARY, 'algebra', 'geometry', 'physics', 'chemistry', 'biology', 'kazakh-language', 'history-kazakhstan']);
  // a slot's delivery is how the weekly lesson is held when its class learns remotely; the learning
  // format decides when (applyFormatsToLessons below): in person on site, otherwise this
  const delivery = (s: PlannedSlot): { kind: string; tv: string | null; activity: string } => {
    const c = byClass.get(s.classId)!;
    const hash = (s.classId * 31 + s.weekday * 7 + s.period) % 10;
    if (c.org_kind === 'school') {
      if (c.org_name === RURAL_SCHOOL.names.en && TV_VILLAGE.has(s.code)) {
        return { kind: 'tv', tv: c.grade !== null && c.grade <= 4 ? 'balapan' : 'el_arna', activity: 'lesson' };
      }
      if (c.organisation_id !== demoOrgIds[0]) return { kind: 'in_person', tv: null, activity: 'lesson' }; // small schools: a generated room when remote
      if (c.grade !== null && c.grade <= 4) {
        return TV_PRIMARY.has(s.code) && hash < 5
          ? { kind: 'tv', tv: hash % 2 ? 'el_arna' : 'balapan', activity: 'lesson' }
          : { kind: 'online_live', tv: null, activity: 'lesson' };
      }
      return hash < 2 ? { kind: 'tv', tv: 'al_farabi', activity: 'lesson' } : { kind: 'online_live', tv: null, activity: 'lesson' };
    }
    // colleges and universities: labs (on campus under the combined format), lectures and seminars online
    if (LAB.has(s.code) && hash < 6) return { kind: 'in_person', tv: null, activity: 'lab' };
    return { kind: 'online_live', tv: null, activity: hash >= 8 ? 'seminar' : 'lecture' };
  };
  const withDelivery = planned.map((s) => ({ s, d: delivery(s) }));
  await tx.query(
    `insert into timetable_slots (organisation_id, term_id, class_id, weekday, period_id, subject_id, teacher_id, course_id, room_id, delivery, join_url, tv_channel,
       activity)
     select c.organisation_id, u.term_id, u.class_id, u.weekday, p.id, u.subject_id, u.teacher_id,
       (select ta.course_id from teaching_assignments ta where ta.class_id = u.class_id and ta.subject_id = u.subject_id and ta.teacher_id = u.teacher_id),
       null, u.delivery,
       case when u.delivery = 'online_live' then 'https://live.sabaq.example/room/' || u.class_id || '-' || u.code end,
       u.tv, u.activity
     from unnest($1::bigint[], $2::smallint[], $3::smallint[], $4::int[], $5::bigint[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[])
       with ordinality as u(class_id, weekday, period, subject_id, teacher_id, term_id, code, delivery, tv, activity, n)
     join classes c on c.id = u.class_id
     join periods p on p.organisation_id = c.organisation_id and p.shift = c.shift and p.number = u.period
     order by u.n`,
    [
      withDelivery.map((x) => x.s.classId),
      withDelivery.map((x) => x.s.weekday),
      withDelivery.map((x) => x.s.period),
      withDelivery.map((x) => x.s.subjectId),
      withDelivery.map((x) => x.s.teacherId),
      withDelivery.map((x) => byClass.get(x.s.classId)!.term_id),
      withDelivery.map((x) => x.s.code),
      withDelivery.map((x) => x.d.kind),
      withDelivery.map((x) => x.d.tv),
      withDelivery.map((x) => x.d.activity),
    ],
  );
}

/** Set-based weekly slots for the bulk organisations: cell (weekday, period) takes the class's assignment number (weekday·7 + period + class) mod n. */
async function writeBulkTimetables(tx: Queryable, demoOrgIds: number[]): Promise<void> {
  await tx.query(
    `with a as (
       select ta.class_id, ta.subject_id, ta.teacher_id, ta.course_id,
         row_number() over (partition by ta.class_id order by ta.subject_id, ta.id) - 1 as idx,
         count(*) over (partition by ta.class_id) as n
       from teaching_assignments ta join classes c on c.id = ta.class_id
       where c.organisation_id <> all($1::int[])
     )
     insert into timetable_slots (organisation_id, term_id, class_id, weekday, period_id, subject_id, teacher_id, course_id, delivery, join_url, activity)
     select c.organisation_id, t.id, c.id, wd, p.id, a.subject_id, a.teacher_id, a.course_id, 'online_live',
       'https://live.sabaq.example/room/' || c.id || '-' || a.subject_id,
       -- colleges and universities: about 30 % labs and practice on site (SEED-FACTS), 30 % seminars, 40 % lectures
       case when o.kind not in ('college', 'university') then 'lesson'
            when (c.id + wd * 3 + p.number) % 10 < 2 then 'lab' when (c.id + wd * 3 + p.number) % 10 < 3 then 'practice'
            when (c.id + wd * 3 + p.number) % 10 < 6 then 'seminar' else 'lecture' end
     from classes c
     join organisations o on o.id = c.organisation_id
     join academic_years y on y.id = c.academic_year_id and y.is_current
     join terms t on t.organisation_id = c.organisation_id and $2::date between t.starts_on and t.ends_on
     join periods p on p.organisation_id = c.organisation_id and p.shift = c.shift and p.number <= case when c.grade is null then 3 when c.grade <= 1 then 4 when c.grade <= 4 then 5 else 6 end
     cross join generate_series(1, 5) as wd
     join a on a.class_id = c.id and a.idx = (wd * 7 + p.number + c.id) % a.n
     where c.organisation_id <> all($1::int[])
       -- a club group of additional education meets twice a week (Mon-Wed, Tue-Thu or Wed-Fri) in one afternoon period
       and (o.kind <> 'additional' or (wd in (1 + (c.id / 3) % 3, 3 + (c.id / 3) % 3) and p.number = 1 + c.id % 3))
     order by c.id, wd, p.number`,
    [demoOrgIds, LEARNING_DEMO.today],
  );
}

/** The demo organisations' lessons for their whole current term; the bulk organisations' for the demo week. */
async function writeLessons(tx: Queryable, demoOrgIds: number[], bulk: boolean): Promise<void> {
  const { rows: terms } = await tx.query<{ id: number; organisation_id: number; starts_on: string; ends_on: string }>(
    `select id, organisation_id, starts_on, ends_on from terms where $1::date between starts_on and ends_on order by organisation_id`,
    [LEARNING_DEMO.today],
  );
  const { rows: holidays } = await tx.query<{ startsOn: string; endsOn: string }>(
    'select starts_on as "startsOn", ends_on as "endsOn" from holidays where organisation_id is null',
  );
  for (const t of terms.filter((x) => demoOrgIds.includes(x.organisation_id))) {
    const days = termSchoolDays({ startsOn: t.starts_on, endsOn: t.ends_on }, holidays);
    const { settings } = (await loadSettings(tx, t.organisation_id))!;
    await generateLessons(tx, {
      termId: t.id,
      classIds: null,
      dates: days.map((d) => d.date),
      weekdays: days.map((d) => d.weekday),
      assessment: homeworkAssessment(settings.gradingSystem) as 'formative' | 'rating',
    });
  }
  if (!bulk) return;
  const week = Array.from({ length: 6 }, (_, i) => addDays(LEARNING_DEMO.weekStart, i)).filter((d) => !holidays.some((h) => d >= h.startsOn && d <= h.endsOn));
  await tx.query(
    `insert into lessons (organisation_id, term_id, class_id, subject_id, teacher_id, slot_id, room_id, on_date, period_number,
       starts_at, ends_at, delivery, join_url, assessment, activity)
     select ts.organisation_id, ts.term_id, ts.class_id, ts.subject_id, ts.teacher_id, ts.id, null, d.day, p.number,
       (d.day + p.starts_at) at time zone o.time_zone, (d.day + p.ends_at) at time zone o.time_zone, ts.delivery, ts.join_url,
       case when o.kind = 'university' then 'rating' else 'formative' end, ts.activity
     from timetable_slots ts join periods p on p.id = ts.period_id join organisations o on o.id = ts.organisation_id
     join unnest($1::date[], $2::smallint[]) as d(day, weekday) on d.weekday = ts.weekday
     where ts.organisation_id <> all($3::int[])
     order by ts.id, d.day`,
    [week, week.map(isoWeekday), demoOrgIds],
  );
}

/**
 * The demo organisations' lessons, the whole term, delivered as their class's learning format says
 * on each day (the formats seed ran first): a small school regular while its district is favourable
 * holds its lessons in person, a university group's labs stay on campus while its lectures are
 * online. Their generated rooms get fixed ids first, so the seed stays deterministic. The bulk
 * organisations' week stays online as planned (load data; bringing 3 million lessons of the country
 * in line would add minutes): the first format change that touches them switches them.
 */
async function followFormats(tx: Queryable, demoOrgIds: number[]): Promise<void> {
  await tx.query(
    `insert into live_rooms (class_id, subject_id, room)
     select distinct class_id, subject_id, md5('sabaq-demo-room:' || class_id || ':' || subject_id)
       from timetable_slots where organisation_id = any($1::int[]) and join_url is null
     order by 1, 2`,
    [demoOrgIds],
  );
  const { rows } = await tx.query<{ id: number }>('select id from classes where organisation_id = any($1::int[]) order by id', [demoOrgIds]);
  await applyFormatsToLessons({ tx, scope: { classIds: rows.map((r) => r.id) }, now: null });
}

/** Shapes the demo lessons: some online lessons became recordings, topics, summative assessments. */
async function shapeDemoLessons(tx: Queryable, demoOrgIds: number[]): Promise<void> {
  // a teacher who could not hold a live lesson posted a recording instead (their choice: the format leaves it alone)
  await tx.query(
    `update lessons l set delivery = 'recorded', delivery_source = 'teacher', join_url = null, video_url = 'https://video.sabaq.example/lessons/' || l.id
     where l.organisation_id = any($1::int[]) and l.delivery = 'online_live' and ${rnd('recorded', 'l.id')} < 0.15`,
    [demoOrgIds],
  );
  // topics: the demo accounts' subjects from the plan of the updated content, others numbered
  await tx.query(
    `with numbered as (
       select l.id, s.code, c.grade, s.name_kk, s.name_ru, ${classLanguage('c', 'o')} as lang,
         row_number() over (partition by l.class_id, l.subject_id order by l.on_date, l.starts_at) as n
       from lessons l join classes c on c.id = l.class_id join subjects s on s.id = l.subject_id join organisations o on o.id = l.organisation_id
       where l.organisation_id = any($1::int[])
     )
     update lessons l set topic = case
         when x.code = 'math' and x.grade = 5 and x.lang = 'kk' then ($2::text[])[1 + (x.n - 1) % cardinality($2::text[])]
         when x.code = 'math' and x.grade = 6 and x.lang = 'ru' then ($3::text[])[1 + (x.n - 1) % cardinality($3::text[])]
         when x.code = 'kazakh-language' and x.grade = 5 then ($4::text[])[1 + (x.n - 1) % cardinality($4::text[])]
         when x.lang = 'ru' then x.name_ru || '. Урок ' || x.n
         else x.name_kk || '. ' || x.n || '-сабақ' end
     from numbered x where x.id = l.id`,
    [demoOrgIds, MATH_5_KK, MATH_6_RU, KAZAKH_5_KK],
  );
  // section summatives (СОр/БЖБ) in the 3rd and 7th weeks of the quarter, the term summative (СОч/ТЖБ) in its last week;
  // universities: a rating control mid-semester, the exam after
  await tx.query(
    `with firsts as (
       select distinct on (l.class_id, l.subject_id, w.kind, w.after) l.id, w.kind, w.max
       from lessons l join organisations o on o.id = l.organisation_id join subjects s on s.id = l.subject_id
       join (values ('section', 20, '2020-11-23'::date, 'school'), ('section', 20, '2020-12-21'::date, 'school'),
                    ('term', 25, '2020-12-24'::date, 'school'), ('section', 20, '2020-12-07'::date, 'college'),
                    ('term', 25, '2020-12-22'::date, 'college'), ('exam', null, '2020-12-24'::date, 'university')) as w(kind, max, after, org_kind)
         on w.org_kind = o.kind and l.on_date >= w.after
       where l.organisation_id = any($1::int[]) and s.code not in ${NON_HOMEWORK}
       order by l.class_id, l.subject_id, w.kind, w.after, l.on_date, l.starts_at
     )
     update lessons l set assessment = f.kind, assessment_max = f.max from firsts f where f.id = l.id`,
    [demoOrgIds],
  );
  await tx.query(`update lessons set tv_air_at = starts_at where delivery = 'tv' and tv_air_at is null`);
}

/** Homework, submissions (on time, late, missing), marks, attendance and announcements of the demo organisations. */
async function writeDemoJournal(tx: Queryable, demoOrgIds: number[]): Promise<void> {
  const now = LEARNING_DEMO.now;
  await tx.query(
    `insert into homework (lesson_id, organisation_id, class_id, subject_id, term_id, teacher_id, title, instructions, due_at)
     select l.id, l.organisation_id, l.class_id, l.subject_id, l.term_id, l.teacher_id,
       case when ${classLanguage('c', 'o')} = 'ru' then 'Домашнее задание: ' || coalesce(l.topic, s.name_ru) else 'Үй тапсырмасы: ' || coalesce(l.topic, s.name_kk) end,
       case when ${classLanguage('c', 'o')} = 'ru' then 'Выполните упражнения по теме урока и пришлите ответ текстом, фото или файлом.'
            else 'Сабақ тақырыбы бойынша жаттығуларды орындап, жауабын мәтін, фото немесе файл ретінде жіберіңіз.' end,
       least(((l.on_date + 2) + time '20:00') at time zone o.time_zone, ((t.ends_on) + time '20:00') at time zone o.time_zone)
     from lessons l join classes c on c.id = l.class_id join organisations o on o.id = l.organisation_id
     join subjects s on s.id = l.subject_id join terms t on t.id = l.term_id
     where l.organisation_id = any($1::int[]) and s.code not in ${NON_HOMEWORK} and l.assessment not in ('section', 'term', 'exam')
       and l.on_date >= $2::date and ${rnd('homework', 'l.id')} < 0.45
     order by l.id`,
    [demoOrgIds, LEARNING_DEMO.journalFrom],
  );

  // each pupil: 75 % on time, 10 % late, 15 % nothing — of what was due before the demo's now
  await tx.query(
    `with due as (
       select h.id as homework_id, h.due_at, m.pupil_id, ${rnd('submit', 'h.id', 'm.pupil_id')} as r, ${rnd('when', 'h.id', 'm.pupil_id')} as r2,
         case when ${classLanguage('c', 'o')} = 'ru' then 'Выполнил(а) все упражнения, ответы ниже.' else 'Барлық жаттығуларды орындадым, жауаптары төменде.' end as text
       from homework h join class_members m on m.class_id = h.class_id join classes c on c.id = h.class_id join organisations o on o.id = h.organisation_id
       where h.organisation_id = any($1::int[]) and h.due_at < $2::timestamptz
     ),
     sent as (
       select homework_id, pupil_id, text, r < 0.75 as on_time,
         case when r < 0.75 then due_at - make_interval(mins => (60 + r2 * 2000)::int) else due_at + make_interval(mins => (30 + r2 * 2500)::int) end as at
       from due where r < 0.85
     )
     insert into submission_attempts (homework_id, pupil_id, idempotency_key, request_hash, text, late, submitted_at)
     select homework_id, pupil_id, md5('seed:' || homework_id || ':' || pupil_id)::uuid, decode(md5('seed-body:' || homework_id || ':' || pupil_id), 'hex'),
       text, not on_time, at
     from sent where at < $2::timestamptz order by homework_id, pupil_id`,
    [demoOrgIds, now],
  );
  await tx.query('analyze homework, submission_attempts');
  await tx.query(
    `insert into submissions (homework_id, pupil_id, status, current_attempt_id, attempts, late, first_submitted_at, submitted_at, updated_at, school_year)
     select a.homework_id, a.pupil_id, 'submitted', a.id, 1, a.late, a.submitted_at, a.submitted_at, a.submitted_at, sabaq_school_year(l.on_date)
     from submission_attempts a join homework h on h.id = a.homework_id join lessons l on l.id = h.lesson_id where h.organisation_id = any($1::int[]) order by a.id`,
    [demoOrgIds],
  );

  await tx.query('analyze submissions');
  // marked work: most of what came in more than two days before now (the rest waits in the teachers' inboxes)
  await tx.query(
    `with marked as (
       select sb.id, sb.homework_id, sb.pupil_id, h.lesson_id, h.organisation_id, h.class_id, h.subject_id, h.term_id, h.teacher_id, l.on_date,
         o.kind, ${rnd('hwmark', 'sb.id')} as r
       from submissions sb join homework h on h.id = sb.homework_id join lessons l on l.id = h.lesson_id join organisations o on o.id = h.organisation_id
       where h.organisation_id = any($1::int[]) and sb.submitted_at < $2::timestamptz - interval '2 days' and ${rnd('marked', 'sb.id')} < 0.85
     ),
     ins as (
       insert into marks (lesson_id, homework_id, pupil_id, organisation_id, class_id, subject_id, term_id, on_date, kind, score, max_score, teacher_id, created_at, updated_at)
       select lesson_id, homework_id, pupil_id, organisation_id, class_id, subject_id, term_id, on_date,
         case when kind = 'university' then 'rating' else 'formative' end,
         case when kind = 'university' then 50 + floor(r * 51)::int else 5 + floor(r * 6)::int end,
         case when kind = 'university' then 100 else 10 end, teacher_id, $2::timestamptz - interval '1 day', $2::timestamptz - interval '1 day'
       from marked order by id
       returning homework_id, pupil_id
     )
     update submissions sb set status = 'marked' from ins where ins.homework_id = sb.homework_id and ins.pupil_id = sb.pupil_id`,
    [demoOrgIds, now],
  );

  // classwork: formative marks for about a quarter of the class each lesson; summatives for everyone
  await tx.query(
    `insert into marks (lesson_id, pupil_id, organisation_id, class_id, subject_id, term_id, on_date, kind, score, max_score, teacher_id, created_at, updated_at)
     select l.id, m.pupil_id, l.organisation_id, l.class_id, l.subject_id, l.term_id, l.on_date, l.assessment,
       case when l.assessment = 'formative' then 4 + floor(${rnd('score', 'l.id', 'm.pupil_id')} * 7)::int
            when l.assessment in ('rating', 'exam') then 45 + floor(${rnd('score', 'l.id', 'm.pupil_id')} * 56)::int
            else round(l.assessment_max * (0.35 + 0.65 * ${rnd('score', 'l.id', 'm.pupil_id')}))::int end,
       case when l.assessment = 'formative' then 10 when l.assessment in ('rating', 'exam') then 100 else l.assessment_max end,
       l.teacher_id, l.ends_at, l.ends_at
     from lessons l join class_members m on m.class_id = l.class_id
     where l.organisation_id = any($1::int[]) and l.ends_at < $2::timestamptz and not l.cancelled and l.on_date >= $3::date
       and (l.assessment in ('section', 'term', 'exam') or ${rnd('mark', 'l.id', 'm.pupil_id')} < 0.25)
     order by l.id, m.pupil_id`,
    [demoOrgIds, now, LEARNING_DEMO.journalFrom],
  );
  await tx.query('analyze marks');
  await tx.query(
    `insert into mark_history (mark_id, lesson_id, homework_id, pupil_id, action, kind, new_score, new_max, changed_by, changed_at)
     select id, lesson_id, homework_id, pupil_id, 'set', kind, score, max_score, teacher_id, created_at
     from marks where organisation_id = any($1::int[]) order by id`,
    [demoOrgIds],
  );

  // attendance of every lesson that has begun: 90 % present, then absent, late, excused (with a reason)
  await tx.query(
    `insert into attendance (lesson_id, pupil_id, class_id, on_date, status, reason, online, joined_at, marked_by, updated_at)
     select x.lesson_id, x.pupil_id, x.class_id, x.on_date, x.status,
       case when x.status = 'excused' then case when x.lang = 'ru' then 'Болел(а), справка от врача' else 'Ауырды, дәрігердің анықтамасы бар' end end,
       x.online and x.status in ('present', 'late'),
       case when x.online and x.status in ('present', 'late') then x.starts_at + make_interval(mins => case when x.status = 'late' then 15 else 0 end) end,
       case when x.online and x.status in ('present', 'late') then null else x.teacher_id end,
       x.starts_at
     from (
       select l.id as lesson_id, m.pupil_id, l.class_id, l.on_date, l.starts_at, l.teacher_id, l.delivery = 'online_live' as online,
         ${classLanguage('c', 'o')} as lang,
         case when r < 0.90 then 'present' when r < 0.94 then 'absent' when r < 0.97 then 'late' else 'excused' end as status
       from lessons l join class_members m on m.class_id = l.class_id join classes c on c.id = l.class_id join organisations o on o.id = l.organisation_id
       cross join lateral (select ${rnd('attend', 'l.id', 'm.pupil_id')} as r) rr
       where l.organisation_id = any($1::int[]) and l.starts_at < $2::timestamptz and not l.cancelled and l.on_date >= $3::date
     ) x
     order by x.lesson_id, x.pupil_id`,
    [demoOrgIds, now, LEARNING_DEMO.journalFrom],
  );

  // announcements to the demo pupil's class from its homeroom teacher and its maths teacher
  await tx.query(
    `insert into announcements (organisation_id, class_id, author_id, title, body, created_at)
     select c.organisation_id, c.id, c.homeroom_teacher_id, 'Ата-аналар жиналысы',
       'Құрметті ата-аналар! 11 желтоқсан, жұма, сағат 19:00-де онлайн ата-аналар жиналысы өтеді. Сілтеме сынып чатында болады.',
       $2::timestamptz - interval '1 day'
     from classes c join organisations o on o.id = c.organisation_id
     where o.name_en = $1 and c.name = $3 and c.homeroom_teacher_id is not null
     union all
     select c.organisation_id, c.id, ta.teacher_id, 'Математикадан БЖБ',
       'Келесі аптада «Жай бөлшектер» бөлімі бойынша бөлім бойынша жиынтық бағалау (БЖБ) болады. Бөлшектерді қысқартуды қайталаңыздар.',
       $2::timestamptz - interval '3 hours'
     from classes c join organisations o on o.id = c.organisation_id
     join teaching_assignments ta on ta.class_id = c.id join subjects s on s.id = ta.subject_id and s.code = 'math'
     where o.name_en = $1 and c.name = $3`,
    [CITY_SCHOOL.names.en, now, CITY_SCHOOL.pupilClass],
  );
}

/** The bulk organisations' demo week: homework for a third of the lessons and formative marks for a tenth of the pupils. */
async function writeBulkJournal(tx: Queryable, demoOrgIds: number[]): Promise<void> {
  await tx.query(
    `insert into homework (lesson_id, organisation_id, class_id, subject_id, term_id, teacher_id, title, due_at)
     select l.id, l.organisation_id, l.class_id, l.subject_id, l.term_id, l.teacher_id, 'Үй тапсырмасы / Домашнее задание',
       ((l.on_date + 2) + time '20:00') at time zone o.time_zone
     from lessons l join organisations o on o.id = l.organisation_id
     where l.organisation_id <> all($1::int[]) and (l.id * 7 + l.class_id) % 3 = 0
     order by l.id`,
    [demoOrgIds],
  );
  await tx.query(
    `insert into marks (lesson_id, pupil_id, organisation_id, class_id, subject_id, term_id, on_date, kind, score, max_score, teacher_id)
     select l.id, m.pupil_id, l.organisation_id, l.class_id, l.subject_id, l.term_id, l.on_date,
       case when o.kind = 'university' then 'rating' else 'formative' end,
       case when o.kind = 'university' then 50 + (l.id + m.pupil_id) % 51 else 4 + (l.id * 3 + m.pupil_id) % 7 end,
       case when o.kind = 'university' then 100 else 10 end, l.teacher_id
     from lessons l join class_members m on m.class_id = l.class_id join organisations o on o.id = l.organisation_id
     where l.organisation_id <> all($1::int[]) and l.ends_at < $2::timestamptz and (l.id * 13 + m.pupil_id * 7) % 10 = 0
     order by l.id, m.pupil_id`,
    [demoOrgIds, LEARNING_DEMO.now],
  );
}

/**
 * Every row here is built by joining rows that exist, so foreign keys hold by construction; checking
 * them row by row costs more than the inserts (3.7 s of 4 for 82,000 attendance rows). A superuser
 * (the embedded server's) may switch the checks off for this transaction; anyone else keeps them.
 */
async function skipForeignKeyChecks(tx: Queryable): Promise<void> {
  const { rows } = await tx.query<{ su: boolean }>('select rolsuper as su from pg_roles where rolname = current_user');
  if (rows[0]?.su) await tx.query("set local session_replication_role = 'replica'");
}

/** Writes the learning demo data of the given size into a freshly seeded database. */
export async function seedLearning(args: { db: Db; size: SeedSize; quiet?: boolean }): Promise<void> {
  const bulk = args.size !== 'demo';
  const log = args.quiet ? () => {} : (line: string) => console.log(line);
  await args.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: number }>('select id from organisations where name_en = any($1::text[]) order by id', [DEMO_ORGS]);
    const demoOrgIds = rows.map((r) => r.id);
    await skipForeignKeyChecks(tx);
    let t = performance.now();
    const step = async (name: string, fn: () => Promise<void>) => {
      await fn();
      log(`    learning ${name}: ${((performance.now() - t) / 1000).toFixed(2)} s`);
      t = performance.now();
    };
    await step('calendar and bells', () => writeCalendarAndBells(tx));
    await step('demo timetables', () => writeDemoTimetables(tx, demoOrgIds));
    if (bulk) await step('bulk timetables', () => writeBulkTimetables(tx, demoOrgIds));
    await step('lessons', () => writeLessons(tx, demoOrgIds, bulk));
    // fresh tables have no statistics: without them the planner nests loops over thousands of rows
    await tx.query('analyze lessons, timetable_slots, terms, periods');
    await step('lessons follow the formats', () => followFormats(tx, demoOrgIds));
    await step('lesson shapes', () => shapeDemoLessons(tx, demoOrgIds));
    await step('demo journal', () => writeDemoJournal(tx, demoOrgIds));
    if (bulk) await step('bulk journal', () => writeBulkJournal(tx, demoOrgIds));
  });
  await args.db.query('analyze lessons, homework, submissions, submission_attempts, marks, attendance, timetable_slots');
}

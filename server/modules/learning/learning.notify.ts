import type { Queryable } from '../../platform/db.js';
import { notify } from '../notifications/notifications.usecases.js';

/**
 * What the e-journal tells families, through the notifications module's `notify()` in the caller's
 * transaction: homework set or changed, a mark given, a lesson's delivery changed, a class
 * announcement. Recipients are the pupils concerned and their parents, each with an active account.
 * The params carry values (names in kk/ru/en, ids, dates), never sentences: the reader's language
 * makes the sentence.
 */
async function familiesOf(db: Queryable, classId: number, pupilIds: number[] | null) {
  const { rows } = await db.query<{ person_id: number; child_id: number; child_name: string }>(
    `with pupils as (
       select m.pupil_id from class_members m where m.class_id = $1 and ($2::bigint[] is null or m.pupil_id = any($2::bigint[]))
     ), people as (
       select p.pupil_id as person_id, p.pupil_id as child_id from pupils p
       union select l.parent_id, p.pupil_id from pupils p join parent_links l on l.child_id = p.pupil_id
     )
     select x.person_id, x.child_id, c.first_name as child_name from people x join persons c on c.id = x.child_id
      where exists (select 1 from accounts a where a.person_id = x.person_id and a.disabled_at is null)`,
    [classId, pupilIds],
  );
  return rows;
}

async function subjectName(db: Queryable, subjectId: number) {
  const { rows } = await db.query<{ kk: string; ru: string; en: string }>('select name_kk as kk, name_ru as ru, name_en as en from subjects where id = $1', [
    subjectId,
  ]);
  return rows[0] ?? null;
}

export async function notifyHomework(
  db: Queryable,
  kind: 'homework.set' | 'homework.changed',
  h: {
    homeworkId: number;
    classId: number;
    subjectId: number;
    title: string | null;
    dueAt: string;
  },
  now: Date,
): Promise<void> {
  const subject = await subjectName(db, h.subjectId);
  const people = await familiesOf(db, h.classId, null);
  await notify(
    db,
    people.map((p) => ({
      personId: p.person_id,
      kind,
      params: { homeworkId: h.homeworkId, subject, title: h.title, dueAt: h.dueAt, childId: p.child_id, child: p.child_name },
    })),
    now,
  );
}

export async function notifyMarks(
  db: Queryable,
  m: {
    lessonId: number;
    classId: number;
    subjectId: number;
    onDate: string;
    homeworkId: number | null;
    marks: { pupilId: number; score: number; max: number }[];
  },
  now: Date,
): Promise<void> {
  if (m.marks.length === 0) return;
  const subject = await subjectName(db, m.subjectId);
  const byPupil = new Map(m.marks.map((x) => [x.pupilId, x]));
  const people = await familiesOf(db, m.classId, [...byPupil.keys()]);
  await notify(
    db,
    people.map((p) => {
      const mark = byPupil.get(p.child_id)!;
      return {
        personId: p.person_id,
        kind: 'marks.given',
        params: {
          lessonId: m.lessonId,
          homeworkId: m.homeworkId,
          subject,
          date: m.onDate,
          score: mark.score,
          max: mark.max,
          childId: p.child_id,
          child: p.child_name,
        },
      };
    }),
    now,
  );
}

export async function notifyDelivery(
  db: Queryable,
  l: { lessonId: number; classId: number; subjectId: number; onDate: string; from: string; to: string },
  now: Date,
): Promise<void> {
  const subject = await subjectName(db, l.subjectId);
  const people = await familiesOf(db, l.classId, null);
  await notify(
    db,
    people.map((p) => ({
      personId: p.person_id,
      kind: 'lessons.delivery_changed',
      params: { lessonId: l.lessonId, subject, date: l.onDate, from: l.from, to: l.to, childId: p.child_id, child: p.child_name },
    })),
    now,
  );
}

export async function notifyClassAnnouncement(
  db: Queryable,
  a: { announcementId: number; classId: number; title: string; authorId: number },
  now: Date,
): Promise<void> {
  const people = await familiesOf(db, a.classId, null);
  await notify(
    db,
    people
      .filter((p) => p.person_id !== a.authorId)
      .map((p) => ({
        personId: p.person_id,
        kind: 'announcement',
        params: { announcementId: a.announcementId, classId: a.classId, title: a.title, childId: p.child_id, child: p.child_name },
      })),
    now,
  );
}

import type { ChangeFeed } from '../../platform/listener.js';
import type { Queryable } from '../../platform/db.js';
import { findClassDays, findDiaryPupil, type ClassDayRow } from './diary.repository.js';

/**
 * The class-day cache (decision 0026). A class's day (lessons with delivery and TV, materials,
 * homework due, announcements) is the same for every pupil of the class: it is read once per process
 * and kept as pre-serialised JSON text, keyed by class, range and time zone. A pupil's Today is then
 * the pupil's own query (marks, attendance, submissions, and the classes' current versions) plus the
 * cached texts, spliced.
 *
 * Never stale: every write to a class's day bumps the class's version in the same transaction
 * (triggers, migration 1000); the pupil's query reads the versions, and an entry older than the
 * version read is read again. NOTIFY sabaq_class_day (same transaction) drops entries in every
 * process at once, so memory does not keep days nobody will be served; a lost LISTEN connection drops
 * everything (the versions alone would still keep answers right).
 */
interface Entry {
  classId: number;
  version: number;
  everything: number;
  lessons: ClassDayRow['lessons'];
  homework: ClassDayRow['homework'];
  announcements: ClassDayRow['announcements'];
}

export interface ClassDayCache {
  /** The pupil's day(s) as the JSON text of `diaryResponse`, or null when the pupil does not exist. */
  diary(db: Queryable, args: { pupilId: number; from: string | null; to: string | null; now: Date }): Promise<string | null>;
  readonly size: number;
  clear(): void;
}

const NONE = 'null';

export function createClassDayCache(feed: ChangeFeed, maxEntries = 20_000): ClassDayCache {
  const entries = new Map<string, Entry>();
  const byClass = new Map<number, Set<string>>();

  const clear = () => {
    entries.clear();
    byClass.clear();
  };
  const drop = (classId: number) => {
    for (const key of byClass.get(classId) ?? []) entries.delete(key);
    byClass.delete(classId);
  };
  const put = (key: string, e: Entry) => {
    entries.delete(key);
    entries.set(key, e);
    const keys = byClass.get(e.classId) ?? new Set<string>();
    byClass.set(e.classId, keys);
    keys.add(key);
    // the oldest entries go first (Map keeps insertion order)
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value as string;
      const old = entries.get(oldest)!;
      entries.delete(oldest);
      byClass.get(old.classId)?.delete(oldest);
    }
  };

  feed.onReset(clear);
  feed.on('sabaq_class_day', (payload) => {
    if (payload === '*') return clear();
    for (const part of payload.split(',')) {
      const id = Number(part);
      if (id === 0) return clear();
      if (Number.isInteger(id)) drop(id);
    }
  });

  return {
    get size() {
      return entries.size;
    },
    clear,
    async diary(db, args) {
      const me = await findDiaryPupil(db, args);
      if (!me) return null;
      const versions = new Map(me.versions);
      const everything = versions.get(0) ?? 0;
      const keyOf = (classId: number) => `${classId}|${me.d_from}|${me.d_to}|${me.tz}`;
      const days = new Map<number, Entry>();
      const missing: number[] = [];
      for (const [classId] of me.cls) {
        const e = entries.get(keyOf(classId));
        if (e && e.version >= (versions.get(classId) ?? 0) && e.everything >= everything) days.set(classId, e);
        else missing.push(classId);
      }
      if (missing.length) {
        const rows = await findClassDays(db, { classIds: missing, from: me.d_from, to: me.d_to, tz: me.tz });
        for (const r of rows) {
          const e: Entry = {
            classId: r.class_id,
            version: r.version ?? 0,
            everything: r.everything ?? 0,
            lessons: r.lessons,
            homework: r.homework,
            announcements: r.announcements,
          };
          days.set(r.class_id, e);
          put(keyOf(r.class_id), e);
        }
      }

      const marks = new Map(me.marks.map(([id, m]) => [id, JSON.stringify(m)]));
      const attendance = new Map(me.attendance.map(([id, a]) => [id, JSON.stringify(a)]));
      const submissions = new Map(me.submissions.map(([id, s]) => [id, JSON.stringify(s)]));

      const lessons: ClassDayRow['lessons'] = [];
      const homework: ClassDayRow['homework'] = [];
      const announcements: ClassDayRow['announcements'] = [];
      for (const [classId, current] of me.cls) {
        const e = days.get(classId);
        if (!e) continue;
        lessons.push(...e.lessons);
        for (const h of e.homework) if (h[2] || !submissions.has(h[1])) homework.push(h);
        if (current) announcements.push(...e.announcements);
      }
      lessons.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      homework.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      announcements.sort((a, b) => b[0] - a[0] || b[1] - a[1]);

      const close = (json: string, tail: string) => `${json.slice(0, json.lastIndexOf('}'))}${tail}}`;
      const lessonText = lessons.map(([, id, json]) => close(json, `, "mark" : ${marks.get(id) ?? NONE}, "attendance" : ${attendance.get(id) ?? NONE}`));
      const homeworkText = homework.map(([, id, , json]) => close(json, `, "submission" : ${submissions.get(id) ?? NONE}`));
      const announcementText = announcements.slice(0, 10).map(([, , json]) => json);
      return (
        `{"pupil":${me.pupil},"classes":${me.classes},"timeZone":${JSON.stringify(me.time_zone)},` +
        `"today":"${me.today}","from":"${me.d_from}","to":"${me.d_to}",` +
        `"lessons":[${lessonText.join(',')}],"homework":[${homeworkText.join(',')}],"announcements":[${announcementText.join(',')}]}`
      );
    },
  };
}

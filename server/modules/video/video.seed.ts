import type { ModuleSeeder } from '../../seed/module-seeders.js';
import { schoolSubjects, SUBJECTS, type InstructionLanguage } from '../../seed/curriculum.js';
import { LEARNING_DEMO } from '../learning/learning.seed.js';

/**
 * The national TV lesson grid of the demo term (SEED-FACTS: broadcast 9 hours a day on Al-Farabi and
 * El-Arna): Al-Farabi in Kazakh, El-Arna in Russian, 09:00–18:00 on Almaty's clock (+06:00 in 2020),
 * half-hour slots, Monday to Saturday but public holidays, from the second quarter to the winter
 * holidays. Every grade 1–11 is on each channel every day (grades 1–7 twice), its subjects in turn.
 * The grid is national, so every dataset size gets the same one; it runs before learning, whose
 * format-driven TV lessons pick their slot from it. Deterministic.
 */
const FROM: string = LEARNING_DEMO.journalFrom;
const TO = '2020-12-26';
const HOLIDAYS = new Set(['2020-12-01', '2020-12-16', '2020-12-17']);
const CHANNELS: { code: string; language: InstructionLanguage }[] = [
  { code: 'al_farabi', language: 'kk' },
  { code: 'el_arna', language: 'ru' },
];
const SLOTS_PER_DAY = 18;
const NOT_ON_TV = new Set(['pe', 'music', 'art', 'self-knowledge']);
const names = new Map(SUBJECTS.map((s) => [s.code, s]));

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export interface GridSlot {
  channel: string;
  startsAt: string;
  grade: number;
  subject: string;
  language: InstructionLanguage;
  topic: string;
}

/** The grid as rows (pure: the seeder inserts them). */
export function demoTvGrid(): GridSlot[] {
  const slots: GridSlot[] = [];
  const aired = new Map<string, number>();
  let day = 0;
  for (let date = FROM; date <= TO; date = addDays(date, 1)) {
    if (new Date(`${date}T00:00:00Z`).getUTCDay() === 0 || HOLIDAYS.has(date)) continue;
    for (const { code, language } of CHANNELS) {
      for (let k = 0; k < SLOTS_PER_DAY; k++) {
        const grade = (k % 11) + 1;
        const subjects = schoolSubjects(grade, language).filter((s) => !NOT_ON_TV.has(s) && names.has(s));
        const subject = names.get(subjects[(day * 2 + Math.floor(k / 11)) % subjects.length]!)!;
        const key = `${language}:${grade}:${subject.code}`;
        const n = (aired.get(key) ?? 0) + 1;
        aired.set(key, n);
        const minutes = 9 * 60 + k * 30;
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        slots.push({
          channel: code,
          startsAt: `${date}T${time}:00+06:00`,
          grade,
          subject: subject[language],
          language,
          topic: language === 'kk' ? `${subject.kk}, ${grade}-сынып: ${n}-сабақ` : `${subject.ru}, ${grade} класс: урок ${n}`,
        });
      }
    }
    day++;
  }
  return slots;
}

export const seedVideo: ModuleSeeder = async ({ db, quiet }) => {
  const grid = demoTvGrid();
  const { rowCount } = await db.query(
    `insert into video_tv_slots (channel_id, starts_at, ends_at, grade, subject, language, topic)
     select c.id, t.starts_at, t.starts_at + interval '30 minutes', t.grade, t.subject, t.language, t.topic
       from unnest($1::text[], $2::timestamptz[], $3::smallint[], $4::text[], $5::text[], $6::text[])
              as t(channel, starts_at, grade, subject, language, topic)
       join video_tv_channels c on c.code = t.channel`,
    [
      grid.map((s) => s.channel),
      grid.map((s) => s.startsAt),
      grid.map((s) => s.grade),
      grid.map((s) => s.subject),
      grid.map((s) => s.language),
      grid.map((s) => s.topic),
    ],
  );
  if (!quiet) console.log(`video: the national TV grid, ${rowCount} slots (${FROM} – ${TO})`);
};

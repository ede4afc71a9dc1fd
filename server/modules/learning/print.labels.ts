import type { Language } from '../identity/identity.actor.js';
import type { Assessment, AttendanceStatus } from './learning.rules.js';

/**
 * The words on the e-journal's printed papers and exported sheets, in the three languages. (The
 * screens have their own in web/src/modules/learning/i18n.ts; a paper is made on the server, in the
 * language asked for or the account's.)
 */
type Words = Record<Language, string>;

export const WORDS = {
  diaryTitle: { kk: 'Күнделік', ru: 'Дневник', en: 'Diary' },
  week: { kk: 'Апта', ru: 'Неделя', en: 'Week' },
  reportTitle: { kk: 'Үлгерім табелі', ru: 'Табель успеваемости', en: 'Report card' },
  journalTitle: { kk: 'Сынып журналы', ru: 'Классный журнал', en: 'Class journal' },
  marksTitle: { kk: 'Бағалар', ru: 'Оценки', en: 'Marks' },
  number: { kk: '№', ru: '№', en: 'No.' },
  time: { kk: 'Уақыты', ru: 'Время', en: 'Time' },
  subject: { kk: 'Пән', ru: 'Предмет', en: 'Subject' },
  topic: { kk: 'Тақырып', ru: 'Тема', en: 'Topic' },
  homework: { kk: 'Үй тапсырмасы', ru: 'Домашнее задание', en: 'Homework' },
  due: { kk: 'мерзімі', ru: 'срок', en: 'due' },
  mark: { kk: 'Баға', ru: 'Оценка', en: 'Mark' },
  attendance: { kk: 'Қатысу', ru: 'Посещаемость', en: 'Attendance' },
  noLessons: { kk: 'Сабақ жоқ', ru: 'Уроков нет', en: 'No lessons' },
  cancelled: { kk: 'болмайды', ru: 'отменён', en: 'cancelled' },
  pupil: { kk: 'Оқушы', ru: 'Ученик', en: 'Pupil' },
  class: { kk: 'Сынып', ru: 'Класс', en: 'Class' },
  homeroom: { kk: 'Сынып жетекшісі', ru: 'Классный руководитель', en: 'Homeroom teacher' },
  teacher: { kk: 'Мұғалім', ru: 'Учитель', en: 'Teacher' },
  marksCount: { kk: 'Бағалар', ru: 'Оценок', en: 'Marks' },
  percent: { kk: '%', ru: '%', en: '%' },
  grade: { kk: 'Баға', ru: 'Оценка', en: 'Grade' },
  rating: { kk: 'Рейтинг', ru: 'Рейтинг', en: 'Rating' },
  exam: { kk: 'Емтихан', ru: 'Экзамен', en: 'Exam' },
  points: { kk: 'Балл', ru: 'Баллы', en: 'Points' },
  letter: { kk: 'Әріп', ru: 'Буква', en: 'Letter' },
  gpa: { kk: 'GPA', ru: 'GPA', en: 'GPA' },
  absent: { kk: 'Келмеді', ru: 'Пропуски', en: 'Absent' },
  late: { kk: 'Кешікті', ru: 'Опоздания', en: 'Late' },
  excused: { kk: 'Себепті', ru: 'По уважительной', en: 'Excused' },
  preliminary: {
    kk: '* — алдын ала қорытынды: кейбір бағалау түрлері әлі жоқ',
    ru: '* — предварительный итог: не все виды оценивания проведены',
    en: '* preliminary: some kinds of assessment are still to come',
  },
  attendanceTotal: { kk: 'Тоқсандағы қатысу', ru: 'Посещаемость за период', en: 'Attendance in the term' },
  result: { kk: 'Қорытынды', ru: 'Итог', en: 'Result' },
  topics: { kk: 'Сабақ тақырыптары', ru: 'Темы уроков', en: 'Lesson topics' },
  legend: { kk: 'Белгілер', ru: 'Обозначения', en: 'Key' },
  noMarks: { kk: 'Баға жоқ', ru: 'Оценок нет', en: 'No marks' },
  date: { kk: 'Күні', ru: 'Дата', en: 'Date' },
  kind: { kk: 'Бағалау түрі', ru: 'Вид оценивания', en: 'Kind' },
  score: { kk: 'Балл', ru: 'Балл', en: 'Score' },
  max: { kk: 'Ең жоғары', ru: 'Максимум', en: 'Out of' },
  comment: { kk: 'Түсініктеме', ru: 'Комментарий', en: 'Comment' },
  homeworkMark: { kk: 'ҮТ', ru: 'ДЗ', en: 'HW' },
  printed: { kk: 'Басылды', ru: 'Напечатано', en: 'Printed' },
} satisfies Record<string, Words>;

export const TERM_NAME: Record<'quarter' | 'semester', Record<Language, (n: number) => string>> = {
  quarter: { kk: (n) => `${n}-тоқсан`, ru: (n) => `${n} четверть`, en: (n) => `Quarter ${n}` },
  semester: { kk: (n) => `${n}-семестр`, ru: (n) => `${n} семестр`, en: (n) => `Semester ${n}` },
};

export const ASSESSMENT_SHORT: Record<Assessment, Words> = {
  formative: { kk: 'ҚБ', ru: 'ФО', en: 'FA' },
  section: { kk: 'БЖБ', ru: 'СОр', en: 'SA (unit)' },
  term: { kk: 'ТЖБ', ru: 'СОч', en: 'SA (term)' },
  rating: { kk: 'Рейтинг', ru: 'Рейтинг', en: 'Rating' },
  exam: { kk: 'Емтихан', ru: 'Экзамен', en: 'Exam' },
};

export const ATTENDANCE_NAME: Record<AttendanceStatus, Words> = {
  present: { kk: 'Қатысты', ru: 'Был(а)', en: 'Present' },
  absent: { kk: 'Келмеді', ru: 'Не был(а)', en: 'Absent' },
  late: { kk: 'Кешікті', ru: 'Опоздал(а)', en: 'Late' },
  excused: { kk: 'Себепті', ru: 'Уважительная причина', en: 'Excused' },
};

/** The one- or two-letter codes written in a journal cell (a legend under the table spells them out). */
export const ATTENDANCE_CODE: Record<Exclude<AttendanceStatus, 'present'>, Words> = {
  absent: { kk: 'ж', ru: 'н', en: 'A' },
  late: { kk: 'к', ru: 'оп', en: 'L' },
  excused: { kk: 'с', ru: 'у', en: 'E' },
};

/** A date as the paper's readers write it: 09.12.2020. */
export const dotted = (isoDate: string) => isoDate.split('-').reverse().join('.');

/** "сәрсенбі, 9 желтоқсан" / "среда, 9 декабря" / "Wednesday 9 December". */
export function longDate(isoDate: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** "желтоқсан 2020" / "декабрь 2020" / "December 2020". */
export function monthName(month: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** "08:30" in the school's time zone. */
export function clockTime(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(instant));
}

export const personName = (p: { lastName: string; firstName: string; middleName: string | null }) =>
  [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

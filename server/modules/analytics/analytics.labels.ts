import type { FigureKey } from '../../../contracts/analytics.js';

type L = { kk: string; ru: string; en: string };

/** Column headers of exported files (the web has its own copy in web/src/modules/analytics/i18n.ts). */
export const FIGURE_LABELS: Record<FigureKey, L> = {
  pupils_regular: { kk: 'Күндізгі (оқушы)', ru: 'Очно (учащиеся)', en: 'Regular (pupils)' },
  pupils_distance: { kk: 'Қашықтан (оқушы)', ru: 'Дистанционно (учащиеся)', en: 'Distance (pupils)' },
  pupils_duty: { kk: 'Кезекші сынып (оқушы)', ru: 'Дежурный класс (учащиеся)', en: 'Duty class (pupils)' },
  pupils_combined: { kk: 'Аралас (оқушы)', ru: 'Комбинированно (учащиеся)', en: 'Combined (pupils)' },
  pupils_total: { kk: 'Барлық оқушы', ru: 'Всего учащихся', en: 'All pupils' },
  duty_placed: { kk: 'Кезекші топқа орналастырылды', ru: 'Зачислены в дежурные группы', en: 'Placed in duty groups' },
  duty_waiting: { kk: 'Кезекте', ru: 'В очереди', en: 'Waiting' },
  duty_total: { kk: 'Өтініштер', ru: 'Заявления', en: 'Applications' },
  att_in_person: { kk: 'Қатысты (сыныпта)', ru: 'Присутствовали (очно)', en: 'Present in person' },
  att_online: { kk: 'Қатысты (онлайн)', ru: 'Присутствовали (онлайн)', en: 'Present online' },
  att_absent: { kk: 'Келмеді', ru: 'Отсутствовали', en: 'Absent' },
  att_excused: { kk: 'Себепті', ru: 'По уважительной причине', en: 'Excused' },
  att_total: { kk: 'Қатысу белгілері', ru: 'Отметки посещаемости', en: 'Attendance records' },
  homework_handed_in: { kk: 'Тапсырылған үй жұмысы', ru: 'Сдано домашних работ', en: 'Homework handed in' },
  homework_marked: { kk: 'Тексерілген үй жұмысы', ru: 'Проверено домашних работ', en: 'Homework marked' },
  marks: { kk: 'Қойылған бағалар', ru: 'Выставлено оценок', en: 'Marks entered' },
  lessons: { kk: 'Өткізілген сабақтар', ru: 'Проведено уроков', en: 'Lessons held' },
  lessons_materials: { kk: 'Материалы бар сабақтар', ru: 'Уроки с материалами', en: 'Lessons with materials' },
  lessons_remote: { kk: 'Қашықтан сабақтар', ru: 'Дистанционные уроки', en: 'Remote lessons' },
  homework_set: { kk: 'Берілген үй жұмысы', ru: 'Задано домашних заданий', en: 'Homework set' },
};

export const WORDS = {
  area: { kk: 'Аумақ', ru: 'Территория', en: 'Area' },
  total: { kk: 'Барлығы', ru: 'Итого', en: 'Total' },
  title: { kk: 'Sabaq талдауы', ru: 'Аналитика Sabaq', en: 'Sabaq analytics' },
  period: { kk: 'Кезең', ru: 'Период', en: 'Period' },
  asOf: { kk: 'күйі бойынша', ru: 'по состоянию на', en: 'as of' },
  suppressed: {
    kk: '«…» — 5-тен аз сан (немесе оны есептеуге мүмкіндік беретін сан) жасырылған',
    ru: '«…» — скрыто число меньше порога (или позволяющее его вычислить)',
    en: '"…" — a number under the threshold (or one that would reveal it) is suppressed',
  },
} satisfies Record<string, L>;

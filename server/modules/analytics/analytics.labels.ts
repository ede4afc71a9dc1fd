import type { FigureKey, GateKey, PassStatusKey } from '../../../contracts/analytics.js';

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

/** Campus passes (access module): people by status, the blocked by reason category; gate scans. */
export const PASS_LABELS: Record<PassStatusKey | GateKey, L> = {
  passes_valid: { kk: 'Рұқсаттамасы жарамды (адам)', ru: 'С действующим пропуском (чел.)', en: 'Valid pass (people)' },
  passes_blocked_positive: { kk: 'Бұғатталған: оң тест', ru: 'Не допущены: положительный тест', en: 'Blocked: positive test' },
  passes_blocked_vaccination: {
    kk: 'Бұғатталған: вакцинация аяқталмаған',
    ru: 'Не допущены: вакцинация не завершена',
    en: 'Blocked: vaccination not complete',
  },
  passes_blocked_expired: { kk: 'Бұғатталған: мерзімі өтті', ru: 'Не допущены: срок истёк', en: 'Blocked: expired' },
  passes_no_record: { kk: 'Деректер жоқ', ru: 'Нет данных', en: 'No record' },
  passes_people: { kk: 'Кампустағы адамдар', ru: 'Людей в кампусах', en: 'Campus people' },
  gate_admitted: { kk: 'Өткізілді (сканерлеу)', ru: 'Пропущено (сканирования)', en: 'Admitted (scans)' },
  gate_refused: { kk: 'Тоқтатылды (сканерлеу)', ru: 'Отказано (сканирования)', en: 'Refused (scans)' },
  gate_scans: { kk: 'Барлық сканерлеу', ru: 'Всего сканирований', en: 'All scans' },
};

/** Devices, internet and textbooks (supplies module). */
export const SUPPLY_KEYS = [
  'sup_without_device',
  'sup_without_internet',
  'sup_devices_allocated',
  'sup_devices_issued',
  'sup_devices_short',
  'sup_kits_allocated',
  'sup_kits_issued',
  'sup_kits_short',
  'tb_ordered',
  'tb_delivered',
  'tb_issued',
  'tb_late_schools',
] as const;
export type SupplyKey = (typeof SUPPLY_KEYS)[number];
export const SUPPLY_LABELS: Record<SupplyKey, L> = {
  sup_without_device: { kk: 'Құрылғысы жоқ (оқушы)', ru: 'Без устройства (учащиеся)', en: 'No device (pupils)' },
  sup_without_internet: { kk: 'Интернеті жоқ (оқушы)', ru: 'Без интернета (учащиеся)', en: 'No internet (pupils)' },
  sup_devices_allocated: { kk: 'Құрылғы бөлінді', ru: 'Устройств выделено', en: 'Devices allocated' },
  sup_devices_issued: { kk: 'Құрылғы берілді', ru: 'Устройств выдано', en: 'Devices issued' },
  sup_devices_short: { kk: 'Құрылғы жетпейді', ru: 'Не хватает устройств', en: 'Devices short' },
  sup_kits_allocated: { kk: 'Интернет жиынтығы бөлінді', ru: 'Комплектов интернета выделено', en: 'Internet kits allocated' },
  sup_kits_issued: { kk: 'Интернет жиынтығы берілді', ru: 'Комплектов интернета выдано', en: 'Internet kits issued' },
  sup_kits_short: { kk: 'Интернет жиынтығы жетпейді', ru: 'Не хватает комплектов', en: 'Internet kits short' },
  tb_ordered: { kk: 'Оқулық сатып алынды (дана)', ru: 'Учебников закуплено (экз.)', en: 'Textbooks purchased (copies)' },
  tb_delivered: { kk: 'Оқулық жеткізілді', ru: 'Учебников доставлено', en: 'Textbooks delivered' },
  tb_issued: { kk: 'Оқушыларға берілді', ru: 'Выдано учащимся', en: 'Issued to pupils' },
  tb_late_schools: { kk: 'Кешіккен мектептер', ru: 'Школ с опозданием', en: 'Late schools' },
};

export const WEEKDAYS: L[] = [
  { kk: 'Дүйсенбі', ru: 'Понедельник', en: 'Monday' },
  { kk: 'Сейсенбі', ru: 'Вторник', en: 'Tuesday' },
  { kk: 'Сәрсенбі', ru: 'Среда', en: 'Wednesday' },
  { kk: 'Бейсенбі', ru: 'Четверг', en: 'Thursday' },
  { kk: 'Жұма', ru: 'Пятница', en: 'Friday' },
  { kk: 'Сенбі', ru: 'Суббота', en: 'Saturday' },
  { kk: 'Жексенбі', ru: 'Воскресенье', en: 'Sunday' },
];

export const WORDS = {
  area: { kk: 'Аумақ', ru: 'Территория', en: 'Area' },
  total: { kk: 'Барлығы', ru: 'Итого', en: 'Total' },
  title: { kk: 'Sabaq талдауы', ru: 'Аналитика Sabaq', en: 'Sabaq analytics' },
  period: { kk: 'Кезең', ru: 'Период', en: 'Period' },
  asOf: { kk: 'күйі бойынша', ru: 'по состоянию на', en: 'as of' },
  passes: { kk: 'Кампусқа кіру рұқсаттамалары', ru: 'Пропуска в кампус', en: 'Campus passes' },
  gate: { kk: 'Өткізу бекеттері', ru: 'Проходные', en: 'Gates' },
  supplies: { kk: 'Құрылғылар, интернет және оқулықтар', ru: 'Устройства, интернет и учебники', en: 'Devices, internet and textbooks' },
  suppressed: {
    kk: '«…» — 5-тен аз сан (немесе оны есептеуге мүмкіндік беретін сан) жасырылған',
    ru: '«…» — скрыто число меньше порога (или позволяющее его вычислить)',
    en: '"…" — a number under the threshold (or one that would reveal it) is suppressed',
  },
} satisfies Record<string, L>;

/**
 * Fixed facts of the demo dataset that tests and other modules' seeders may rely on. Every size
 * (demo, region, country) contains this content with the same names, IINs and ids.
 */
export const DEMO_PASSWORD = 'sabaq-demo';

export const DEMO_LOGINS = {
  pupil: 'demo.pupil',
  parent: 'demo.parent',
  teacher: 'demo.teacher',
  homeroom: 'demo.homeroom',
  admin: 'demo.admin',
  district: 'demo.district',
  region: 'demo.region',
  ministry: 'demo.ministry',
  guard: 'demo.guard',
} as const;

/** The interface language of each demo account. */
export const DEMO_LANGUAGES = {
  'demo.pupil': 'kk',
  'demo.parent': 'kk',
  'demo.teacher': 'ru',
  'demo.homeroom': 'kk',
  'demo.admin': 'kk',
  'demo.district': 'ru',
  'demo.region': 'kk',
  'demo.ministry': 'en', // one account shows the English interface to reviewers
  'demo.guard': 'ru',
} as const;

export const CURRENT_YEAR = { name: '2020-2021', startsOn: '2020-09-01', endsOn: '2021-05-25' } as const;
export const PREVIOUS_YEAR = { name: '2019-2020', startsOn: '2019-09-02', endsOn: '2020-05-25' } as const;

export const DEMO_REGION = { code: 'almaty-region', nameEn: 'Almaty Region' } as const;
export const DEMO_DISTRICT = { kk: 'Қарасай ауданы', ru: 'Карасайский район', en: 'Karasay District' } as const;
/** Out-of-scope neighbours: another district of Almaty region and another region, one school each. */
export const OTHER_DISTRICT = { kk: 'Талғар ауданы', ru: 'Талгарский район', en: 'Talgar District' } as const;
export const OTHER_REGION = { code: 'karaganda', district: { kk: 'Бұқар жырау ауданы', ru: 'Бухар-Жырауский район', en: 'Bukhar-Zhyrau District' } } as const;

export const DEMO_SETTLEMENTS = {
  town: { kk: 'Қаскелең қаласы', ru: 'город Каскелен', en: 'Kaskelen' },
  /** rural, slow internet (2 Mbit/s) */
  slowVillage: { kk: 'Жандосов ауылы', ru: 'село Жандосов', en: 'Zhandosov village' },
  /** rural, receives neither Al-Farabi nor El-Arna, no internet */
  noTvVillage: { kk: 'Кемертоған ауылы', ru: 'село Кемертоган', en: 'Kemertogan village' },
} as const;

export interface DemoClass {
  name: string;
  grade: number;
  letter: string;
  language: 'kk' | 'ru';
  shift: 1 | 2;
  size: number;
}

const cls = (grade: number, letter: string, language: 'kk' | 'ru', shift: 1 | 2, size: number): DemoClass => ({
  name: `${grade} ${letter}`,
  grade,
  letter,
  language,
  shift,
  size,
});

/** The city school in Kaskelen: Kazakh and Russian classes (А, Ә Kazakh, Б Russian), two shifts, 300 pupils. */
export const CITY_SCHOOL = {
  names: {
    kk: 'Қаскелең қаласының №1 жалпы білім беретін мектебі',
    ru: 'Общеобразовательная школа №1 города Каскелен',
    en: 'Kaskelen Secondary School No. 1',
  },
  classes: [
    cls(1, 'А', 'kk', 1, 18),
    cls(1, 'Ә', 'kk', 1, 18),
    cls(2, 'А', 'kk', 2, 18),
    cls(2, 'Ә', 'kk', 2, 18),
    cls(3, 'А', 'kk', 2, 20),
    cls(4, 'А', 'kk', 2, 20),
    cls(5, 'А', 'kk', 1, 18),
    cls(5, 'Ә', 'kk', 1, 18),
    cls(5, 'Б', 'ru', 1, 18),
    cls(6, 'А', 'kk', 2, 18),
    cls(6, 'Ә', 'kk', 2, 18),
    cls(6, 'Б', 'ru', 2, 18),
    cls(7, 'А', 'kk', 2, 20),
    cls(8, 'А', 'kk', 2, 20),
    cls(9, 'А', 'kk', 1, 20),
    cls(10, 'А', 'kk', 1, 10),
    cls(11, 'А', 'kk', 1, 10),
  ],
  pupilClass: '5 А',
  siblingClass: '2 Ә',
  /** demo.teacher teaches exactly this subject in exactly these classes and is homeroom of none */
  teacherSubject: 'math',
  teacherClasses: ['5 А', '6 Б'],
  /** demo.homeroom is the homeroom teacher of this class and teaches exactly Kazakh language in it */
  homeroomClass: '5 А',
  homeroomSubject: 'kazakh-language',
} as const;

/** The small rural school in Zhandosov (slow internet): 142 pupils, at most 180 (the small-school rule). */
export const RURAL_SCHOOL = {
  names: {
    kk: 'Жандосов ауылының жалпы білім беретін мектебі',
    ru: 'Общеобразовательная школа села Жандосов',
    en: 'Zhandosov Village Secondary School',
  },
  classes: [16, 15, 14, 14, 14, 13, 13, 12, 12, 10, 9].map((size, i) => cls(i + 1, 'А', 'kk', i + 1 <= 4 || i + 1 >= 9 ? 1 : 2, size)),
  pupils: 142,
} as const;

export const KINDERGARTEN = {
  names: {
    kk: 'Қаскелең қаласының «Балапан» бөбекжай-бақшасы',
    ru: 'Ясли-сад «Балапан» города Каскелен',
    en: 'Balapan Kindergarten, Kaskelen',
  },
  // groups by age; birth years for 2020-21
  groups: [
    { name: 'Ботақан', bornFrom: '2017-09-01', bornTo: '2018-08-31', size: 15 },
    { name: 'Балдырған', bornFrom: '2016-09-01', bornTo: '2017-08-31', size: 16 },
    { name: 'Күншуақ', bornFrom: '2015-09-01', bornTo: '2016-08-31', size: 18 },
  ],
} as const;

/** `specialty` of college and university groups is the category the format rules use. */
export const COLLEGE = {
  names: {
    kk: 'Қаскелең көпсалалы колледжі',
    ru: 'Каскеленский многопрофильный колледж',
    en: 'Kaskelen Multidisciplinary College',
  },
  groups: [
    { name: 'НО-20-1', specialty: 'pedagogical', studyYear: 1, language: 'kk', size: 15 },
    { name: 'ВТ-20-1', specialty: 'it', studyYear: 1, language: 'ru', size: 15 },
    { name: 'ТО-19-1', specialty: 'technical', studyYear: 2, language: 'kk', size: 15 },
    { name: 'СД-20-1', specialty: 'medical', studyYear: 1, language: 'ru', size: 15 },
  ],
} as const;

export const UNIVERSITY = {
  names: {
    kk: 'Қарасай инженерлік-гуманитарлық университеті',
    ru: 'Карасайский инженерно-гуманитарный университет',
    en: 'Karasay University of Engineering and Humanities',
  },
  groups: [
    { name: 'ИС-20-1', specialty: 'it', studyYear: 1, language: 'ru', size: 15 },
    { name: 'ИС-19-1', specialty: 'it', studyYear: 2, language: 'ru', size: 15 },
    { name: 'ПП-20-1', specialty: 'pedagogical', studyYear: 1, language: 'kk', size: 15 },
    { name: 'ЭК-20-1', specialty: 'social', studyYear: 1, language: 'kk', size: 15 },
  ],
} as const;

export const OTHER_DISTRICT_SCHOOL = {
  names: { kk: 'Бесағаш ауылының жалпы білім беретін мектебі', ru: 'Общеобразовательная школа села Бесагаш', en: 'Besagash Village Secondary School' },
  classes: [6, 5, 5, 5, 4, 4, 4, 4, 4, 2, 2].map((size, i) => cls(i + 1, 'А', 'kk', 1, size)),
} as const;

export const OTHER_REGION_SCHOOL = {
  names: { kk: 'Ботақара кентінің жалпы білім беретін мектебі', ru: 'Общеобразовательная школа посёлка Ботакара', en: 'Botakara Secondary School' },
  classes: [7, 6, 6, 6, 6, 6, 6, 5, 5, 4, 3].map((size, i) => cls(i + 1, 'А', 'ru', 1, size)),
} as const;

/** The demo family: demo.parent (father), his wife, demo.pupil in 5 А and a younger sister in 2 Ә. */
export const DEMO_FAMILY = {
  father: { lastName: 'Ахметов', firstName: 'Серік', middleName: 'Болатұлы', birthDate: '1982-07-08', sex: 'm' },
  mother: { lastName: 'Ахметова', firstName: 'Гүлнара', middleName: 'Маратқызы', birthDate: '1985-11-23', sex: 'f' },
  pupil: { lastName: 'Ахметов', firstName: 'Әлихан', middleName: 'Серікұлы', birthDate: '2010-03-14', sex: 'm' },
  sibling: { lastName: 'Ахметова', firstName: 'Аружан', middleName: 'Серікқызы', birthDate: '2013-05-20', sex: 'f' },
} as const;

export const DEMO_STAFF = {
  teacher: { lastName: 'Петрова', firstName: 'Ольга', middleName: 'Николаевна', birthDate: '1979-04-12', sex: 'f' },
  homeroom: { lastName: 'Жұмабаева', firstName: 'Айгүл', middleName: 'Қайратқызы', birthDate: '1984-10-02', sex: 'f' },
  admin: { lastName: 'Нұрланов', firstName: 'Ерлан', middleName: 'Асқарұлы', birthDate: '1971-02-19', sex: 'm' },
  district: { lastName: 'Смағұлов', firstName: 'Дәурен', middleName: 'Маратович', birthDate: '1976-06-30', sex: 'm' },
  region: { lastName: 'Қасымова', firstName: 'Динара', middleName: 'Ержанқызы', birthDate: '1974-01-25', sex: 'f' },
  ministry: { lastName: 'Бекова', firstName: 'Салтанат', middleName: 'Аманқызы', birthDate: '1970-09-09', sex: 'f' },
  guard: { lastName: 'Ковалёв', firstName: 'Сергей', middleName: 'Викторович', birthDate: '1968-12-05', sex: 'm' },
} as const;

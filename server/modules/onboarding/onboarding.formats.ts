import type { ImportKind } from '../../../contracts/onboarding.js';

/**
 * The columns of each import kind. Headers are matched after `normaliseHeader` (case, spaces,
 * underscores, "*" markers and ё/е do not matter), in English, Russian or Kazakh, because admins
 * fill in whatever sheet their office already keeps.
 */
export interface FieldDef {
  key: string;
  required: boolean;
  /** the header written in downloaded templates, per language */
  title: { en: string; ru: string; kk: string };
  /** more accepted headers (the titles are accepted too) */
  aliases: string[];
  /** spreadsheet cell format in the XLSX template: '@' keeps leading zeros of IINs and phones */
  text?: boolean;
}

export const FIELDS: Record<ImportKind, FieldDef[]> = {
  classes: [
    {
      key: 'name',
      required: false,
      title: { en: 'name', ru: 'Название', kk: 'Атауы' },
      aliases: ['class', 'class_name', 'класс', 'сынып', 'группа', 'топ', 'название класса'],
    },
    {
      key: 'grade',
      required: false,
      title: { en: 'grade', ru: 'Параллель', kk: 'Сынып нөмірі' },
      aliases: ['номер класса', 'параллель', 'год обучения класса'],
    },
    { key: 'letter', required: false, title: { en: 'letter', ru: 'Литера', kk: 'Әрпі' }, aliases: ['буква', 'әріп'] },
    { key: 'shift', required: false, title: { en: 'shift', ru: 'Смена', kk: 'Ауысым' }, aliases: [] },
    { key: 'kind', required: false, title: { en: 'kind', ru: 'Тип', kk: 'Түрі' }, aliases: ['type', 'вид'] },
    { key: 'specialty', required: false, title: { en: 'specialty', ru: 'Специальность', kk: 'Мамандық' }, aliases: ['speciality', 'мамандығы'] },
    { key: 'study_year', required: false, title: { en: 'study_year', ru: 'Курс', kk: 'Курс' }, aliases: ['course', 'year'] },
    {
      key: 'homeroom_iin',
      required: false,
      title: { en: 'homeroom_iin', ru: 'ИИН классного руководителя', kk: 'Сынып жетекшісінің ЖСН' },
      aliases: ['иин куратора', 'куратордың жсн', 'homeroom teacher iin'],
      text: true,
    },
  ],
  people: [
    { key: 'iin', required: true, title: { en: 'iin', ru: 'ИИН', kk: 'ЖСН' }, aliases: ['иин', 'жсн'], text: true },
    { key: 'last_name', required: true, title: { en: 'last_name', ru: 'Фамилия', kk: 'Тегі' }, aliases: ['surname', 'family_name', 'lastname', 'тег'] },
    { key: 'first_name', required: true, title: { en: 'first_name', ru: 'Имя', kk: 'Аты' }, aliases: ['given_name', 'firstname'] },
    {
      key: 'middle_name',
      required: false,
      title: { en: 'middle_name', ru: 'Отчество', kk: 'Әкесінің аты' },
      aliases: ['patronymic', 'middlename', 'әкесінің аты'],
    },
    {
      key: 'phone',
      required: false,
      title: { en: 'phone', ru: 'Телефон', kk: 'Телефон' },
      aliases: ['тел', 'mobile', 'phone_number', 'номер телефона', 'телефон нөмірі'],
      text: true,
    },
    {
      key: 'email',
      required: false,
      title: { en: 'email', ru: 'Эл. почта', kk: 'Эл. пошта' },
      aliases: ['e-mail', 'e_mail', 'mail', 'почта', 'электронная почта', 'электрондық пошта'],
    },
    { key: 'role', required: true, title: { en: 'role', ru: 'Роль', kk: 'Рөлі' }, aliases: ['рөл'] },
    { key: 'class', required: false, title: { en: 'class', ru: 'Класс', kk: 'Сынып' }, aliases: ['class_name', 'group', 'группа', 'топ'] },
  ],
  parent_links: [
    {
      key: 'parent_iin',
      required: true,
      title: { en: 'parent_iin', ru: 'ИИН родителя', kk: 'Ата-ананың ЖСН' },
      aliases: ['иин законного представителя'],
      text: true,
    },
    {
      key: 'child_iin',
      required: true,
      title: { en: 'child_iin', ru: 'ИИН ребёнка', kk: 'Баланың ЖСН' },
      aliases: ['иин ученика', 'оқушының жсн', 'pupil_iin'],
      text: true,
    },
    {
      key: 'relation',
      required: false,
      title: { en: 'relation', ru: 'Кем приходится', kk: 'Туыстығы' },
      aliases: ['степень родства', 'туыстық', 'relationship'],
    },
  ],
};

export function normaliseHeader(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[*:]/g, '')
    .replace(/[\s_]+/g, ' ')
    .replace(/\.$/, '')
    .trim();
}

const HEADER_INDEX: Record<ImportKind, Map<string, string>> = Object.fromEntries(
  (Object.keys(FIELDS) as ImportKind[]).map((kind) => {
    const map = new Map<string, string>();
    for (const f of FIELDS[kind]) {
      for (const name of [f.key, f.title.en, f.title.ru, f.title.kk, ...f.aliases]) map.set(normaliseHeader(name), f.key);
    }
    return [kind, map];
  }),
) as Record<ImportKind, Map<string, string>>;

/** The field a header names, or null when it names none (such columns are skipped and reported). */
export function fieldForHeader(kind: ImportKind, header: string): string | null {
  return HEADER_INDEX[kind].get(normaliseHeader(header)) ?? null;
}

export function templateHeaders(kind: ImportKind, lang: 'en' | 'ru' | 'kk'): string[] {
  return FIELDS[kind].map((f) => f.title[lang]);
}

/** Cell values that name the same thing in each language (matched lower-case, ё as е). */
export const VALUE_ALIASES = {
  role: {
    pupil: ['pupil', 'student', 'ученик', 'ученица', 'учащийся', 'обучающийся', 'студент', 'оқушы', 'білім алушы'],
    teacher: ['teacher', 'учитель', 'учительница', 'преподаватель', 'педагог', 'мұғалім', 'оқытушы', 'педагог'],
    parent: ['parent', 'родитель', 'законный представитель', 'ата-ана', 'ата ана'],
  },
  kind: {
    class: ['class', 'класс', 'сынып'],
    group: ['group', 'группа', 'топ'],
  },
  relation: {
    mother: ['mother', 'мать', 'мама', 'ана', 'анасы'],
    father: ['father', 'отец', 'папа', 'әке', 'әкесі'],
    guardian: ['guardian', 'опекун', 'опекунша', 'попечитель', 'қамқоршы'],
    parent: ['parent', 'родитель', 'ата-ана', 'ата ана'],
  },
} as const;

export function valueFor<K extends keyof typeof VALUE_ALIASES>(field: K, raw: string): keyof (typeof VALUE_ALIASES)[K] | null {
  const v = raw.trim().toLowerCase().replace(/ё/g, 'е');
  const table = VALUE_ALIASES[field] as Record<string, readonly string[]>;
  for (const [value, names] of Object.entries(table)) {
    if (names.includes(v)) return value as keyof (typeof VALUE_ALIASES)[K];
  }
  return null;
}

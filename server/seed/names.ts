import type { Rng } from './random.js';

/**
 * Name pools for realistic Kazakh and Russian names in Cyrillic. Surnames are stored in the male
 * form and gendered by `genderSurname`; patronymics come from the father's first name.
 */
export type Ethnicity = 'kazakh' | 'russian';
export type Sex = 'm' | 'f';

export const KAZAKH_MALE = [
  'Әлихан',
  'Нұрсұлтан',
  'Ерлан',
  'Серік',
  'Болат',
  'Асқар',
  'Дәурен',
  'Марат',
  'Қайрат',
  'Ержан',
  'Арман',
  'Бауыржан',
  'Ғалым',
  'Дамир',
  'Айдос',
  'Нұрлан',
  'Санжар',
  'Темірлан',
  'Ерасыл',
  'Абылай',
  'Ислам',
  'Айбек',
  'Мирас',
  'Нұрасыл',
  'Ернар',
  'Диас',
  'Жандос',
  'Аслан',
  'Бекзат',
  'Рауан',
  'Алмас',
  'Тимур',
  'Қанат',
  'Ерболат',
  'Мұрат',
  'Талғат',
  'Ермек',
  'Нұржан',
  'Бақытжан',
  'Мақсат',
  'Азамат',
  'Жасұлан',
  'Ақжол',
  'Әділет',
];

export const KAZAKH_FEMALE = [
  'Айгүл',
  'Гүлнара',
  'Динара',
  'Аружан',
  'Айым',
  'Жансая',
  'Әсел',
  'Мадина',
  'Ақбота',
  'Айерке',
  'Томирис',
  'Дана',
  'Сабина',
  'Аяулым',
  'Жанна',
  'Салтанат',
  'Гүлмира',
  'Әйгерім',
  'Назерке',
  'Жұлдыз',
  'Ләззат',
  'Мөлдір',
  'Айжан',
  'Камила',
  'Балнұр',
  'Гаухар',
  'Меруерт',
  'Нұргүл',
  'Раушан',
  'Ботагөз',
  'Индира',
  'Аида',
  'Әлия',
  'Інкәр',
  'Сая',
  'Ажар',
  'Ұлжан',
  'Зарина',
  'Ақерке',
  'Дильназ',
];

export const KAZAKH_SURNAMES = [
  'Ахметов',
  'Серіков',
  'Жұмабаев',
  'Нұрланов',
  'Әбдірахманов',
  'Қасымов',
  'Төлегенов',
  'Омаров',
  'Садықов',
  'Бекмұханов',
  'Ысқақов',
  'Ержанов',
  'Есенов',
  'Кенжебаев',
  'Мұқашев',
  'Оспанов',
  'Рахымов',
  'Сағынтаев',
  'Уәлиханов',
  'Жақыпов',
  'Бейсенов',
  'Сәрсенбаев',
  'Құдайбергенов',
  'Әбенов',
  'Байжанов',
  'Дүйсенов',
  'Ермеков',
  'Жанабаев',
  'Иманғалиев',
  'Қалиев',
  'Мамыров',
  'Нұрмағамбетов',
  'Сұлтанов',
  'Тұрсынов',
  'Шайхин',
  'Әлиев',
  'Бекболатов',
  'Смағұлов',
  'Ибраев',
  'Жүнісов',
  'Мұратов',
  'Айтжанов',
  'Болатов',
  'Дәулетов',
  'Тәжібаев',
  'Көшербаев',
  'Сейітов',
  'Әміржанов',
];

export const RUSSIAN_MALE: readonly [name: string, patronymicM: string, patronymicF: string][] = [
  ['Александр', 'Александрович', 'Александровна'],
  ['Сергей', 'Сергеевич', 'Сергеевна'],
  ['Андрей', 'Андреевич', 'Андреевна'],
  ['Дмитрий', 'Дмитриевич', 'Дмитриевна'],
  ['Алексей', 'Алексеевич', 'Алексеевна'],
  ['Максим', 'Максимович', 'Максимовна'],
  ['Иван', 'Иванович', 'Ивановна'],
  ['Николай', 'Николаевич', 'Николаевна'],
  ['Владимир', 'Владимирович', 'Владимировна'],
  ['Евгений', 'Евгеньевич', 'Евгеньевна'],
  ['Виктор', 'Викторович', 'Викторовна'],
  ['Олег', 'Олегович', 'Олеговна'],
  ['Михаил', 'Михайлович', 'Михайловна'],
  ['Павел', 'Павлович', 'Павловна'],
  ['Артём', 'Артёмович', 'Артёмовна'],
  ['Денис', 'Денисович', 'Денисовна'],
  ['Игорь', 'Игоревич', 'Игоревна'],
  ['Юрий', 'Юрьевич', 'Юрьевна'],
  ['Константин', 'Константинович', 'Константиновна'],
  ['Роман', 'Романович', 'Романовна'],
  ['Никита', 'Никитич', 'Никитична'],
  ['Кирилл', 'Кириллович', 'Кирилловна'],
  ['Егор', 'Егорович', 'Егоровна'],
  ['Даниил', 'Даниилович', 'Данииловна'],
  ['Илья', 'Ильич', 'Ильинична'],
];

export const RUSSIAN_FEMALE = [
  'Ольга',
  'Елена',
  'Наталья',
  'Татьяна',
  'Ирина',
  'Светлана',
  'Анна',
  'Мария',
  'Екатерина',
  'Юлия',
  'Анастасия',
  'Дарья',
  'Виктория',
  'Полина',
  'Алина',
  'Ксения',
  'Людмила',
  'Галина',
  'Марина',
  'Вера',
  'Надежда',
  'София',
  'Алёна',
  'Валентина',
  'Оксана',
];

export const RUSSIAN_SURNAMES = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Петров',
  'Соколов',
  'Волков',
  'Лебедев',
  'Козлов',
  'Новиков',
  'Морозов',
  'Павлов',
  'Семёнов',
  'Голубев',
  'Виноградов',
  'Богданов',
  'Воробьёв',
  'Фёдоров',
  'Михайлов',
  'Беляев',
  'Тарасов',
  'Белов',
  'Комаров',
  'Орлов',
  'Киселёв',
  'Макаров',
  'Андреев',
  'Ковалёв',
  'Ильин',
  'Гусев',
  'Титов',
  'Кузьмин',
  'Баранов',
  'Куликов',
  'Алексеев',
  'Степанов',
  'Яковлев',
  'Сорокин',
  'Сергеев',
  'Романов',
  'Захаров',
  'Борисов',
  'Королёв',
  'Никитин',
  'Соболев',
  'Поляков',
  'Данилов',
  'Жуков',
  'Фролов',
  'Крылов',
  'Шевченко',
  'Бондаренко',
  'Коваленко',
  'Ткаченко',
  'Савицкий',
  'Ковальский',
  'Мельник',
];

/** Russian and Kazakh surnames in -ов/-ев/-ин/-ын take -а for women; -ский → -ская; -енко and others stay. */
export function genderSurname(maleForm: string, sex: Sex): string {
  if (sex === 'm') return maleForm;
  if (/(ов|ев|ёв|ин|ын)$/.test(maleForm)) return `${maleForm}а`;
  if (maleForm.endsWith('ский')) return `${maleForm.slice(0, -4)}ская`;
  if (maleForm.endsWith('цкий')) return `${maleForm.slice(0, -4)}цкая`;
  return maleForm;
}

/** How a family writes patronymics: Kazakh -ұлы/-қызы, the Russified -ович/-овна, or none. */
export type PatronymicStyle = 'kazakh' | 'russified' | 'none';

const KAZAKH_LETTERS = /[әғқңөұүһі]/i;

/** The patronymic of a child of `father` (a first name), or null for style 'none'. */
export function patronymic(father: string, sex: Sex, style: PatronymicStyle): string | null {
  if (style === 'none') return null;
  const russian = RUSSIAN_MALE.find(([n]) => n === father);
  if (russian) return sex === 'm' ? russian[1] : russian[2];
  // case: the Russified form needs a name that ends in a consonant and has no Kazakh-only letters
  if (style === 'russified' && !KAZAKH_LETTERS.test(father) && /[бвгджзклмнпрстфхцчшщ]$/.test(father)) {
    return father + (sex === 'm' ? 'ович' : 'овна');
  }
  return father + (sex === 'm' ? 'ұлы' : 'қызы');
}

export interface FamilyName {
  ethnicity: Ethnicity;
  surname: string; // male form
  fatherName: string;
  style: PatronymicStyle;
}

export function pickFamilyName(rng: Rng, kazakhShare: number): FamilyName {
  if (rng.chance(kazakhShare)) {
    const style = rng.weighted<PatronymicStyle>([
      ['kazakh', 65],
      ['russified', 25],
      ['none', 10],
    ]);
    return { ethnicity: 'kazakh', surname: rng.pick(KAZAKH_SURNAMES), fatherName: rng.pick(KAZAKH_MALE), style };
  }
  return { ethnicity: 'russian', surname: rng.pick(RUSSIAN_SURNAMES), fatherName: rng.pick(RUSSIAN_MALE)[0], style: 'kazakh' };
}

export function pickFirstName(rng: Rng, ethnicity: Ethnicity, sex: Sex): string {
  if (ethnicity === 'kazakh') return rng.pick(sex === 'm' ? KAZAKH_MALE : KAZAKH_FEMALE);
  return sex === 'm' ? rng.pick(RUSSIAN_MALE)[0] : rng.pick(RUSSIAN_FEMALE);
}

/** A whole name for someone outside a generated family (a teacher, an officer). */
export function pickPersonName(
  rng: Rng,
  kazakhShare: number,
  sex: Sex,
): { lastName: string; firstName: string; middleName: string | null; ethnicity: Ethnicity } {
  const fam = pickFamilyName(rng, kazakhShare);
  return {
    lastName: genderSurname(fam.surname, sex),
    firstName: pickFirstName(rng, fam.ethnicity, sex),
    middleName: patronymic(fam.fatherName, sex, fam.style),
    ethnicity: fam.ethnicity,
  };
}

const LATIN: Record<string, string> = {
  а: 'a',
  ә: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ғ: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  і: 'i',
  к: 'k',
  қ: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  ң: 'n',
  о: 'o',
  ө: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ұ: 'u',
  ү: 'u',
  ф: 'f',
  х: 'kh',
  һ: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** Latin letters for e-mail addresses and English names (a simple passport-like transliteration). */
export function latin(cyrillic: string): string {
  let out = '';
  for (const ch of cyrillic.toLowerCase()) out += LATIN[ch] ?? ch;
  return out;
}

/** Latin with the first letter of each word in capitals, for English names of places. */
export function latinTitle(cyrillic: string): string {
  return latin(cyrillic).replace(/(^|[\s-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
}

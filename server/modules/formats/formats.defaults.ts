import { ruleSetBody, type RuleSetBody, type RuleSetBodyInput } from '../../../contracts/formats.js';

/**
 * The rule set the ministry starts from (v1), written from SEED-FACTS (Kazakhstan 2020-21). Every
 * number in it is a value an officer edits in the rule editor, not a constant in code.
 */
export const DEFAULT_RULE_SET_INPUT: RuleSetBodyInput = {
  name: 'Ministry rules for the 2020-2021 school year',
  names: {
    kk: 'Министрліктің 2020-2021 оқу жылына арналған ережелері',
    ru: 'Правила министерства на 2020-2021 учебный год',
    en: 'Ministry rules for the 2020-2021 school year',
  },
  about: {
    kk: 'Министрліктің 2020 жылғы тамыздағы бұйрығы бойынша: әдепкі бойынша қашықтан оқыту, шағын ауыл мектептері жағдай қолайлы болғанда әдеттегі режимде, 1–4 сыныптарға кезекші сыныптар.',
    ru: 'По приказу министерства от августа 2020 года: по умолчанию дистанционно, малокомплектные сельские школы в обычном режиме при благоприятной ситуации, дежурные классы для 1–4 классов.',
    en: 'From the ministry order of August 2020: distance learning by default, small rural schools regular while the situation is favourable, duty classes for grades 1-4.',
  },
  unknownSituation: 'red',
  specialtyGroups: {
    // the seed stores the group code itself in classes.specialty; keywords catch free-text specialties
    pedagogical: ['pedagog', 'педагог', 'teacher', 'учител', 'мұғалім', 'дошкольн'],
    it: ['informat', 'информат', 'программ', 'programm', 'software', 'computer', 'вычислит', 'ақпараттық'],
    social: ['social', 'социал', 'әлеуметтік', 'econom', 'эконом', 'accounting', 'учёт', 'бухгалт'],
    humanitarian: ['humanit', 'гуманит', 'law', 'юрисп', 'правовед', 'translat', 'перевод', 'tourism', 'туризм'],
    technical: [
      'technic',
      'техни',
      'weld',
      'свар',
      'electr',
      'электр',
      'mechan',
      'механ',
      'construct',
      'строит',
      'нефт',
      'oil',
      'mining',
      'горн',
      'vehicle',
      'автомоб',
    ],
    agricultural: ['agri', 'агро', 'сельскохоз', 'veterin', 'ветерин', 'ауыл шаруашылығы'],
    medical: ['medic', 'медиц', 'nurs', 'сестрин', 'мейірбике', 'pharm', 'фармац', 'dental', 'стомат', 'лечебн', 'акушер'],
    art: ['искусств', 'music', 'музык', 'design', 'дизайн', 'dance', 'хореограф', 'өнер', 'painting', 'живопис'],
  },
  rules: [
    {
      id: '1',
      title: {
        kk: 'Шағын ауыл мектептері аумақтағы жағдай қолайлы болғанда әдеттегі режимде оқиды',
        ru: 'Малокомплектные сельские школы учатся в обычном режиме, пока ситуация благоприятная',
        en: 'Small rural schools stay regular while their area is favourable',
      },
      when: { kinds: ['school'], settlement: 'rural', maxPupils: 180, situation: ['green'] },
      then: { format: 'regular' },
    },
    {
      id: '2',
      title: {
        kk: 'Шағын ауыл колледждері аумақтағы жағдай қолайлы болғанда әдеттегі режимде оқиды',
        ru: 'Небольшие сельские колледжи учатся в обычном режиме, пока ситуация благоприятная',
        en: 'Small rural colleges stay regular while their area is favourable',
      },
      when: { kinds: ['college'], settlement: 'rural', maxPupils: 200, situation: ['green'] },
      then: { format: 'regular' },
    },
    {
      id: '3',
      title: {
        kk: '1–4 сыныптарға ата-аналардың өтініші бойынша кезекші сыныптар',
        ru: 'Дежурные классы для 1–4 классов по заявлению родителей',
        en: "Duty classes for grades 1-4 on the parents' application",
      },
      when: { level: 'class', kinds: ['school'], grades: [1, 2, 3, 4] },
      then: { format: 'duty', subgroupMax: 15 },
    },
    {
      id: '4',
      title: {
        kk: 'Техникалық, ауыл шаруашылығы, медицина және өнер топтары: дәрістер онлайн, зертханалық жұмыс пен практика орнында',
        ru: 'Технические, аграрные, медицинские и творческие группы: лекции онлайн, лабораторные и практика очно',
        en: 'Technical, agricultural, medical and art groups: lectures online, labs and practice on site',
      },
      when: { level: 'class', kinds: ['college'], specialtyGroups: ['technical', 'agricultural', 'medical', 'art'] },
      then: { format: 'combined', onSite: ['lab', 'practice'], subgroupMax: 15 },
    },
    {
      id: '5',
      title: {
        kk: 'Педагогика, IT, әлеуметтік және гуманитарлық топтар: толық қашықтан',
        ru: 'Педагогические, IT, социальные и гуманитарные группы: полностью дистанционно',
        en: 'Pedagogical, IT, social and humanitarian groups: fully remote',
      },
      when: { level: 'class', kinds: ['college'], specialtyGroups: ['pedagogical', 'it', 'social', 'humanitarian'] },
      then: { format: 'distance' },
    },
    {
      id: '6',
      title: {
        kk: 'Колледж тұтастай: мамандық топтары бойынша аралас',
        ru: 'Колледж в целом: комбинированно, по группам специальностей',
        en: 'A college as a whole: combined, by specialty group',
      },
      when: { level: 'organisation', kinds: ['college'] },
      then: { format: 'combined', onSite: ['lab', 'practice'], subgroupMax: 15 },
    },
    {
      id: '7',
      title: {
        kk: 'Университеттер: дәрістер мен семинарлар онлайн, зертханалық жұмыс пен практика кампуста',
        ru: 'Университеты: лекции и семинары онлайн, лабораторные и практика в кампусе',
        en: 'Universities: lectures and seminars online, labs and practice on campus',
      },
      when: { kinds: ['university'] },
      then: { format: 'combined', onSite: ['lab', 'practice'] },
    },
    {
      id: '8',
      title: {
        kk: 'Балабақшалар: ата-аналардың өтініші бойынша кезекші топтар',
        ru: 'Детские сады: дежурные группы по заявлению родителей',
        en: "Kindergartens: duty groups on the parents' application",
      },
      when: { kinds: ['kindergarten'] },
      then: { format: 'duty', subgroupMax: 15 },
    },
    {
      id: '9',
      title: {
        kk: 'Қосымша білім: шағын топтардағы үйірмелер',
        ru: 'Дополнительное образование: кружки малыми группами',
        en: 'Additional education: clubs in small groups',
      },
      when: { kinds: ['additional'] },
      then: { format: 'duty', subgroupMax: 5 },
    },
  ],
  default: { format: 'distance' },
};

export const DEFAULT_RULE_SET: RuleSetBody = ruleSetBody.parse(DEFAULT_RULE_SET_INPUT);

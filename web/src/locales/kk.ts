import type { Translation } from '../ui/plurals.js';
/** Shell and shared strings, Kazakh (the default language). ru.ts and en.ts must have the same keys. */
export const kk = {
  app: {
    notifications: 'Хабарламалар',
    unreadAfterCount_one: 'оқылмаған',
    unreadAfterCount_other: 'оқылмаған',
    name: 'Sabaq',
    tagline: 'Індет кезінде де оқу тоқтамайды',
    skipToContent: 'Негізгі мазмұнға өту',
    mainNav: 'Негізгі мәзір',
    breadcrumb: 'Навигация жолы',
    home: 'Басты бет',
    signOut: 'Шығу',
    signingOut: 'Шығып жатыр…',
    language: 'Интерфейс тілі',
    languageSaveFailed: 'Тіл таңдауы сақталмады.',
    loading: 'Жүктелуде…',
    offlineWaiting: 'Интернет байланысы жоқ. Байланыс қалпына келгенде бет өздігінен жүктеледі.',
    offlineAsOf: 'Байланыс жоқ: {{time}} кезіндегі сақталған деректер көрсетілген.',
    busyRetrying: 'Сервер бос емес. {{seconds}} с кейін өздігінен қайталанады…',
    retry: 'Қайталау',
    notFoundTitle: 'Бет табылмады',
    notFoundText: 'Мұндай бет жоқ немесе сілтеме қате.',
    backHome: 'Басты бетке оралу',
    footer: 'Sabaq — ашық бастапқы кодты білім беру платформасы',
  },
  controls: {
    chooseFile: 'Файлды таңдау',
    chooseFiles: 'Файлдарды таңдау',
    noFile: 'Файл таңдалмаған',
    datePlaceholder: 'КК.АА.ЖЖЖЖ',
    dateHint: 'Күні КК.АА.ЖЖЖЖ түрінде, мысалы 09.12.2020',
    badDate: 'Күнді КК.АА.ЖЖЖЖ түрінде жазыңыз, мысалы 09.12.2020',
    tooEarly: 'Күн {{date}} күнінен ерте болмауы керек',
    tooLate: 'Күн {{date}} күнінен кеш болмауы керек',
    timePlaceholder: 'СС:ММ',
    timeHint: '24 сағаттық уақыт, мысалы 14:30',
    badTime: 'Уақытты СС:ММ түрінде жазыңыз, мысалы 14:30',
    time: 'Уақыты',
  },
  pager: {
    label: 'Беттер',
    previous: 'Алдыңғы',
    next: 'Келесі',
    status: '{{page}}-бет, барлығы {{pages}} бет',
  },
  errors: {
    generic: 'Бірдеңе дұрыс болмады. Сәлден соң қайталап көріңіз.',
    network: {
      offline: 'Серверге қосылу мүмкін болмады. Интернет байланысын тексеріп, қайталаңыз.',
      unexpected_response: 'Сервер түсініксіз жауап қайтарды. Сәлден соң қайталап көріңіз.',
    },
    request: {
      invalid: 'Енгізілген деректер дұрыс емес. Тексеріп, қайталаңыз.',
      malformed_json: 'Сұраныс бүлінген күйде жетті. Бетті жаңартып, қайталаңыз.',
      not_found: 'Сұралған бет немесе жазба табылмады.',
      forbidden: 'Бұл әрекетке рұқсатыңыз жоқ.',
      too_large: 'Жіберілген дерек тым үлкен.',
      invalid_character: 'Мәтінде рұқсат етілмеген таңба бар. Оны алып тастап, қайталаңыз.',
      invalid_value: 'Мәндердің бірі рұқсат етілген шектен тыс. Тексеріп, қайталаңыз.',
      header_too_large: 'Сілтеме тым ұзын. Басты беттен қайта ашыңыз.',
    },
    server: {
      busy: 'Сервер қазір бос емес. Бір минуттан соң қайталап көріңіз.',
      unavailable: 'Сервер уақытша қолжетімсіз. Бір минуттан соң қайталап көріңіз.',
    },
    internal: {
      error: 'Серверде ақау шықты. Сәлден соң қайталап көріңіз.',
    },
  },
};

export type ShellStrings = Translation<typeof kk>;

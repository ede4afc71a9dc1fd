/** Shell and shared strings, Kazakh (the default language). ru.ts and en.ts must have the same keys. */
export const kk = {
  app: {
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
    retry: 'Қайталау',
    notFoundTitle: 'Бет табылмады',
    notFoundText: 'Мұндай бет жоқ немесе сілтеме қате.',
    backHome: 'Басты бетке оралу',
    footer: 'Sabaq — ашық бастапқы кодты білім беру платформасы',
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
    },
    internal: {
      error: 'Серверде ақау шықты. Сәлден соң қайталап көріңіз.',
    },
  },
};

export type ShellStrings = typeof kk;

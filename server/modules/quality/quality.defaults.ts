import type { FrameworkArea } from '../../../contracts/quality.js';

/**
 * The default framework (version 1): the six areas of the EADTU E-xcellence manual (Strategic
 * management, Curriculum design, Course design, Course delivery, Staff support, Student support;
 * 35 benchmark statements in the 2012/2016 editions, self-assessed on a four-point scale), with a
 * handful of its benchmarks per area, paraphrased for a school teaching online. `evidence` names
 * the automatic indicators (decision 0022, read through training's coverage) shown beside a criterion.
 */
export const DEFAULT_AREAS: FrameworkArea[] = [
  {
    key: 'strategic',
    title: { kk: 'Стратегиялық басқару', ru: 'Стратегическое управление', en: 'Strategic management' },
    criteria: [
      {
        key: 'strategy',
        title: {
          kk: 'Мекемеде барлығына түсінікті, даму жоспарына енгізілген онлайн оқыту стратегиясы бар.',
          ru: 'У организации есть стратегия онлайн-обучения, понятная всем и встроенная в план развития.',
          en: 'The organisation has an online teaching strategy that is widely understood and part of its development plan.',
        },
        evidence: [],
      },
      {
        key: 'policies',
        title: {
          kk: 'Ережелер мен рәсімдер стратегияны қолдайды (кестелер, жауапкершілік, деректерді қорғау).',
          ru: 'Правила и процедуры поддерживают стратегию (расписания, ответственность, защита данных).',
          en: 'Policies and procedures support the strategy (timetables, responsibilities, data protection).',
        },
        evidence: [],
      },
      {
        key: 'monitoring',
        title: {
          kk: 'Мекеме онлайн оқыту сапасын деректер бойынша тұрақты бақылап, жақсартады.',
          ru: 'Организация регулярно отслеживает качество онлайн-обучения по данным и улучшает его.',
          en: 'The organisation monitors the quality of online teaching from data and acts to improve it.',
        },
        evidence: ['remoteShare', 'presentShare'],
      },
      {
        key: 'technology',
        title: {
          kk: 'Мекеме жаңа технологияларды қадағалап, оларды енгізуді жоспарлайды.',
          ru: 'Организация следит за новыми технологиями и планирует их внедрение.',
          en: 'The organisation follows emerging technologies and plans their adoption.',
        },
        evidence: [],
      },
    ],
  },
  {
    key: 'curriculum',
    title: { kk: 'Оқу бағдарламасын жобалау', ru: 'Проектирование учебной программы', en: 'Curriculum design' },
    criteria: [
      {
        key: 'coherence',
        title: {
          kk: 'Онлайн және аралас оқытудағы бағдарлама тұтас: пәндер мен апталар бір-бірімен байланысты.',
          ru: 'Программа при онлайн- и смешанном обучении целостна: предметы и недели согласованы.',
          en: 'The curriculum taught online or blended is coherent: subjects and weeks fit together.',
        },
        evidence: [],
      },
      {
        key: 'skills',
        title: {
          kk: 'Бағдарлама білімнен бөлек оқу дағдыларын және цифрлық сауаттылықты дамытады.',
          ru: 'Программа развивает не только знания, но и учебные навыки и цифровую грамотность.',
          en: 'The curriculum develops study skills and digital literacy as well as knowledge.',
        },
        evidence: [],
      },
      {
        key: 'flexibility',
        title: {
          kk: 'Бағдарлама оқушының жағдайына қарай икемді (уақыт, қарқын, байланыс сапасы).',
          ru: 'Программа гибка к обстоятельствам ученика (время, темп, качество связи).',
          en: 'The curriculum is flexible to pupils’ circumstances (time, pace, quality of connection).',
        },
        evidence: ['remoteShare'],
      },
      {
        key: 'assessment',
        title: {
          kk: 'Бағалау тәсілдері онлайн оқытуға сай және алдын ала белгілі.',
          ru: 'Способы оценивания подходят для онлайн-обучения и известны заранее.',
          en: 'Assessment methods suit online teaching and are known in advance.',
        },
        evidence: ['markedShare'],
      },
    ],
  },
  {
    key: 'course',
    title: { kk: 'Сабақты жобалау', ru: 'Проектирование уроков', en: 'Course design' },
    criteria: [
      {
        key: 'outcomes',
        title: {
          kk: 'Әр сабақтың оқу мақсаттары анық жазылған және оқушыларға түсінікті.',
          ru: 'У каждого урока ясно сформулированы цели обучения, понятные ученикам.',
          en: 'Each lesson states clear learning outcomes that pupils understand.',
        },
        evidence: [],
      },
      {
        key: 'materials',
        title: {
          kk: 'Сабақтарда оқушыға қолжетімді материалдар бар (мәтін, бейне, тапсырма).',
          ru: 'К урокам есть доступные ученикам материалы (текст, видео, задания).',
          en: 'Lessons come with materials pupils can reach (text, video, tasks).',
        },
        evidence: ['materialsShare'],
      },
      {
        key: 'interaction',
        title: {
          kk: 'Сабақтар оқушы мен мұғалім, оқушылар арасындағы өзара әрекетті көздейді.',
          ru: 'Уроки предусматривают взаимодействие ученика с учителем и учеников между собой.',
          en: 'Lessons include interaction between pupils and teachers and among pupils.',
        },
        evidence: ['onlineShare'],
      },
      {
        key: 'accessibility',
        title: {
          kk: 'Материалдар ерекше қажеттіліктері бар оқушыларға және әлсіз байланысқа қолжетімді.',
          ru: 'Материалы доступны ученикам с особыми потребностями и при слабой связи.',
          en: 'Materials are accessible to pupils with special needs and over slow connections.',
        },
        evidence: [],
      },
    ],
  },
  {
    key: 'delivery',
    title: { kk: 'Оқытуды жүргізу', ru: 'Проведение обучения', en: 'Course delivery' },
    criteria: [
      {
        key: 'infrastructure',
        title: {
          kk: 'Техникалық инфрақұрылым сенімді, қауіпсіз және оқу кестесін көтереді.',
          ru: 'Техническая инфраструктура надёжна, безопасна и выдерживает расписание.',
          en: 'The technical infrastructure is reliable, secure and carries the timetable.',
        },
        evidence: ['remoteShare'],
      },
      {
        key: 'attendance',
        title: {
          kk: 'Оқушылар онлайн сабақтарға қатысады; қатыспағандар анықталып, оларға көмек беріледі.',
          ru: 'Ученики посещают онлайн-уроки; непришедшие выявляются и получают помощь.',
          en: 'Pupils attend online lessons; those who miss them are found and helped.',
        },
        evidence: ['presentShare', 'onlineShare'],
      },
      {
        key: 'feedback',
        title: {
          kk: 'Оқушылар тапсырмаларына уақытында кері байланыс алады.',
          ru: 'Ученики вовремя получают обратную связь по своим работам.',
          en: 'Pupils receive timely feedback on their work.',
        },
        evidence: ['markedShare', 'markedInTimeShare'],
      },
      {
        key: 'continuity',
        title: {
          kk: 'Байланыс үзілгенде оқу жалғасады (теледидар, жазба, қағаз тапсырмалар).',
          ru: 'При сбоях связи обучение продолжается (ТВ, записи, бумажные задания).',
          en: 'Teaching continues when connections fail (TV, recordings, paper tasks).',
        },
        evidence: [],
      },
    ],
  },
  {
    key: 'staff',
    title: { kk: 'Қызметкерлерді қолдау', ru: 'Поддержка педагогов', en: 'Staff support' },
    criteria: [
      {
        key: 'training',
        title: {
          kk: 'Мұғалімдер онлайн оқытудың педагогикасы мен құралдарына оқытылған.',
          ru: 'Учителя обучены педагогике и инструментам онлайн-обучения.',
          en: 'Teachers are trained in the pedagogy and tools of online teaching.',
        },
        evidence: ['trainedShare'],
      },
      {
        key: 'help',
        title: {
          kk: 'Мұғалімдерге техникалық және әдістемелік көмек қолжетімді.',
          ru: 'Учителям доступна техническая и методическая помощь.',
          en: 'Teachers have technical and methodological help when they need it.',
        },
        evidence: [],
      },
      {
        key: 'workload',
        title: {
          kk: 'Онлайн сабақ дайындау мен тексеру уақыты жүктемеде ескерілген.',
          ru: 'Время на подготовку онлайн-уроков и проверку учтено в нагрузке.',
          en: 'Time to prepare online lessons and mark work is counted in the workload.',
        },
        evidence: [],
      },
      {
        key: 'sharing',
        title: {
          kk: 'Мұғалімдер тәжірибе алмасып, онлайн оқытуды бірге жетілдіреді.',
          ru: 'Учителя обмениваются опытом и вместе совершенствуют онлайн-обучение.',
          en: 'Teachers share practice and improve online teaching together.',
        },
        evidence: [],
      },
    ],
  },
  {
    key: 'student',
    title: { kk: 'Оқушыларды қолдау', ru: 'Поддержка учеников', en: 'Student support' },
    criteria: [
      {
        key: 'information',
        title: {
          kk: 'Оқушылар мен ата-аналар кесте, тапсырмалар және бағалау туралы нақты, жаңа ақпарат алады.',
          ru: 'Ученики и родители получают ясную и актуальную информацию о расписании, заданиях и оценивании.',
          en: 'Pupils and parents get clear, current information on timetables, tasks and assessment.',
        },
        evidence: [],
      },
      {
        key: 'rights',
        title: {
          kk: 'Оқушылардың құқықтары мен міндеттері, мұғалімнің жауап беру мерзімі белгілі.',
          ru: 'Известны права и обязанности учеников и сроки ответа учителя.',
          en: 'Pupils know their rights and duties and how soon teachers answer.',
        },
        evidence: ['markedInTimeShare'],
      },
      {
        key: 'technical',
        title: {
          kk: 'Оқушыларға құрылғы, байланыс және техникалық көмек ұсынылады.',
          ru: 'Ученикам помогают с устройствами, связью и техническими вопросами.',
          en: 'Pupils are helped with devices, connection and technical problems.',
        },
        evidence: ['onlineShare'],
      },
      {
        key: 'guidance',
        title: {
          kk: 'Оқушылар онлайн оқуды үйренуге және психологиялық қолдауға қол жеткізеді.',
          ru: 'Ученикам помогают научиться учиться онлайн и оказывают психологическую поддержку.',
          en: 'Pupils are helped to learn how to study online and have pastoral support.',
        },
        evidence: ['presentShare'],
      },
    ],
  },
];

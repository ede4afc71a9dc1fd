import type { Material, QuizBody } from '../../../contracts/training.js';

/**
 * The modules of the demo's "Learning to teach remotely" (kk/ru/en), after SEED-FACTS: short live
 * contact, TV lessons and printed tasks for pupils without internet, homework marked within days.
 * The last module's quiz is required: passing it completes the course.
 */
export const REMOTE_COURSE_MODULES: { title: { kk: string; ru: string; en: string }; materials: Material[]; quiz: QuizBody | null }[] = [
  {
    title: { kk: 'Қашықтан сабақты жоспарлау', ru: 'Планирование дистанционного урока', en: 'Planning a remote lesson' },
    materials: [
      {
        kind: 'text',
        body: {
          kk: 'Қашықтан өтетін сабақ әдеттегіден қысқа: 20–30 минут тікелей байланысты, одан кейін өзіндік жұмысты жоспарлаңыз. Сабақтың басында мақсатын айтыңыз, телефоннан орындауға болатын тапсырмалар беріңіз және оқушыларға жұмысты қалай және қашан тапсыру керегін түсіндіріңіз. Интернеті жоқ оқушылар телесабақты көреді және басылған тапсырмалар алады.',
          ru: 'Дистанционный урок короче обычного: запланируйте 20–30 минут живого общения, затем самостоятельную работу. Назовите цель урока в начале, давайте задания, которые можно выполнить с телефона, и скажите ученикам, как и когда сдать работу. Ученики без интернета смотрят телеурок и получают печатные задания.',
          en: 'A remote lesson is shorter than a classroom one: plan 20–30 minutes of live contact, then independent work. State the goal at the start, give tasks that work on a phone, and tell pupils how and when to hand in their work. Pupils without internet follow the TV lesson and receive printed tasks.',
        },
      },
      {
        kind: 'link',
        title: {
          kk: 'ЮНЕСКО: COVID-19 кезіндегі білім беру',
          ru: 'ЮНЕСКО: образование во время COVID-19',
          en: 'UNESCO: education response to COVID-19',
        },
        url: 'https://www.unesco.org/en/covid-19/education-response',
      },
    ],
    quiz: null,
  },
  {
    title: { kk: 'Тікелей сабақтар мен жазбалар', ru: 'Онлайн-уроки и записи', en: 'Live lessons and recordings' },
    materials: [
      {
        kind: 'text',
        body: {
          kk: 'Sabaq жүйесінде тікелей сабақ кестеден ашылады; оқушылар сабақтың сілтемесі арқылы қосылады. Қосыла алмағандар кейін бейнемұрағаттан көруі үшін сабақты жазып алыңыз: мұрағат баяу байланысқа арналған жеңіл нұсқасын сақтайды.',
          ru: 'В Sabaq онлайн-урок открывается из расписания; ученики входят по ссылке урока. Записывайте урок, чтобы те, кто не смог подключиться, посмотрели его позже в видеоархиве: архив хранит облегчённую версию для медленной связи.',
          en: 'In Sabaq a live lesson opens from the timetable; pupils join by the lesson’s link. Record the lesson so that those who could not join watch it later in the video archive: the archive keeps a light version for slow links.',
        },
      },
    ],
    quiz: null,
  },
  {
    title: { kk: 'Кері байланыс және бағалау', ru: 'Обратная связь и оценивание', en: 'Feedback and assessment' },
    materials: [
      {
        kind: 'text',
        body: {
          kk: 'Үй жұмысын тапсырылғаннан кейін үш күн ішінде бағалаңыз: жылдам баға мен бір сөйлемдік пікір оқушылардың жұмысын қолдайды. Түсінуді қысқа тесттермен тексеріңіз; оқушы қосыла алмаған онлайн-сабаққа қатыспағаны үшін баға қоймаңыз.',
          ru: 'Оценивайте домашнюю работу в течение трёх дней после сдачи: быстрая оценка и одно предложение комментария поддерживают работу учеников. Проверяйте понимание короткими тестами; не ставьте оценку за пропуск онлайн-урока, к которому ученик не смог подключиться.',
          en: 'Mark homework within three days of the hand-in: a quick mark and one sentence of comment keep pupils working. Check understanding with short quizzes; never mark down a pupil for a live lesson they could not reach.',
        },
      },
    ],
    quiz: {
      passMark: 0.6,
      required: true,
      questions: [
        {
          kind: 'single',
          text: {
            kk: 'Қашықтан сабақтың тікелей бөлігі қанша уақыт болуы керек?',
            ru: 'Сколько должна длиться живая часть дистанционного урока?',
            en: 'How long should the live part of a remote lesson be?',
          },
          options: [
            { text: { kk: '20–30 минут', ru: '20–30 минут', en: '20–30 minutes' }, correct: true },
            { text: { kk: 'Толық 45 минут', ru: 'Все 45 минут', en: 'The whole 45 minutes' }, correct: false },
            { text: { kk: 'Тікелей бөлік қажет емес', ru: 'Живая часть не нужна', en: 'No live part at all' }, correct: false },
          ],
        },
        {
          kind: 'multiple',
          text: {
            kk: 'Интернеті жоқ оқушыларға не көмектеседі?',
            ru: 'Что помогает ученикам без интернета?',
            en: 'What helps pupils without internet?',
          },
          options: [
            { text: { kk: 'Телесабақ', ru: 'Телеурок', en: 'The TV lesson' }, correct: true },
            { text: { kk: 'Басылған тапсырмалар', ru: 'Печатные задания', en: 'Printed tasks' }, correct: true },
            { text: { kk: 'Ұзағырақ онлайн-сабақ', ru: 'Более длинный онлайн-урок', en: 'A longer live lesson' }, correct: false },
          ],
        },
        {
          kind: 'single',
          text: {
            kk: 'Үй жұмысын неше күн ішінде бағалау керек?',
            ru: 'В течение скольких дней нужно оценить домашнюю работу?',
            en: 'Within how many days should homework be marked?',
          },
          options: [
            { text: { kk: 'Үш күн', ru: 'Трёх дней', en: 'Three days' }, correct: true },
            { text: { kk: 'Бір апта', ru: 'Недели', en: 'A week' }, correct: false },
            { text: { kk: 'Тоқсан соңына дейін', ru: 'До конца четверти', en: 'By the end of the term' }, correct: false },
          ],
        },
      ],
    },
  },
];

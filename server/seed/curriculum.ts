/**
 * Subjects of the Kazakh school curriculum (updated content, 2020-21) and of the demo college and
 * university, which subjects each grade studies, and which teacher specialty teaches what.
 */
export interface SubjectDef {
  code: string;
  kk: string;
  ru: string;
  en: string;
}

export const SUBJECTS: SubjectDef[] = [
  { code: 'literacy', kk: 'Сауат ашу', ru: 'Обучение грамоте', en: 'Literacy' },
  { code: 'literary-reading', kk: 'Әдебиеттік оқу', ru: 'Литературное чтение', en: 'Literary reading' },
  { code: 'kazakh-language', kk: 'Қазақ тілі', ru: 'Казахский язык', en: 'Kazakh language' },
  { code: 'kazakh-literature', kk: 'Қазақ әдебиеті', ru: 'Казахская литература', en: 'Kazakh literature' },
  { code: 'russian-language', kk: 'Орыс тілі', ru: 'Русский язык', en: 'Russian language' },
  { code: 'russian-literature', kk: 'Орыс әдебиеті', ru: 'Русская литература', en: 'Russian literature' },
  { code: 'english', kk: 'Ағылшын тілі', ru: 'Английский язык', en: 'English' },
  { code: 'math', kk: 'Математика', ru: 'Математика', en: 'Mathematics' },
  { code: 'algebra', kk: 'Алгебра', ru: 'Алгебра', en: 'Algebra' },
  { code: 'geometry', kk: 'Геометрия', ru: 'Геометрия', en: 'Geometry' },
  { code: 'informatics', kk: 'Информатика', ru: 'Информатика', en: 'Informatics' },
  { code: 'world-knowledge', kk: 'Дүниетану', ru: 'Познание мира', en: 'Knowledge of the world' },
  { code: 'natural-science', kk: 'Жаратылыстану', ru: 'Естествознание', en: 'Natural science' },
  { code: 'physics', kk: 'Физика', ru: 'Физика', en: 'Physics' },
  { code: 'chemistry', kk: 'Химия', ru: 'Химия', en: 'Chemistry' },
  { code: 'biology', kk: 'Биология', ru: 'Биология', en: 'Biology' },
  { code: 'geography', kk: 'География', ru: 'География', en: 'Geography' },
  { code: 'history-kazakhstan', kk: 'Қазақстан тарихы', ru: 'История Казахстана', en: 'History of Kazakhstan' },
  { code: 'world-history', kk: 'Дүниежүзі тарихы', ru: 'Всемирная история', en: 'World history' },
  { code: 'law', kk: 'Құқық негіздері', ru: 'Основы права', en: 'Fundamentals of law' },
  { code: 'self-knowledge', kk: 'Өзін-өзі тану', ru: 'Самопознание', en: 'Self-knowledge' },
  { code: 'art', kk: 'Көркем еңбек', ru: 'Художественный труд', en: 'Art and crafts' },
  { code: 'music', kk: 'Музыка', ru: 'Музыка', en: 'Music' },
  { code: 'pe', kk: 'Дене шынықтыру', ru: 'Физическая культура', en: 'Physical education' },
  {
    code: 'basic-military',
    kk: 'Алғашқы әскери және технологиялық дайындық',
    ru: 'Начальная военная и технологическая подготовка',
    en: 'Basic military and technological training',
  },
  // college and university
  { code: 'pedagogy', kk: 'Педагогика', ru: 'Педагогика', en: 'Pedagogy' },
  { code: 'psychology', kk: 'Психология', ru: 'Психология', en: 'Psychology' },
  { code: 'teaching-methods', kk: 'Бастауыш сыныпта оқыту әдістемесі', ru: 'Методика преподавания в начальной школе', en: 'Primary teaching methods' },
  { code: 'programming', kk: 'Бағдарламалау', ru: 'Программирование', en: 'Programming' },
  { code: 'databases', kk: 'Деректер қоры', ru: 'Базы данных', en: 'Databases' },
  { code: 'computer-networks', kk: 'Компьютерлік желілер', ru: 'Компьютерные сети', en: 'Computer networks' },
  { code: 'engineering-graphics', kk: 'Инженерлік графика', ru: 'Инженерная графика', en: 'Engineering graphics' },
  { code: 'vehicle-maintenance', kk: 'Автомобильдерге техникалық қызмет көрсету', ru: 'Техническое обслуживание автомобилей', en: 'Vehicle maintenance' },
  { code: 'materials-science', kk: 'Материалтану', ru: 'Материаловедение', en: 'Materials science' },
  { code: 'anatomy', kk: 'Анатомия және физиология', ru: 'Анатомия и физиология', en: 'Anatomy and physiology' },
  { code: 'nursing', kk: 'Мейірбике ісінің негіздері', ru: 'Основы сестринского дела', en: 'Fundamentals of nursing' },
  { code: 'pharmacology', kk: 'Фармакология', ru: 'Фармакология', en: 'Pharmacology' },
  { code: 'economics', kk: 'Экономикалық теория', ru: 'Экономическая теория', en: 'Economic theory' },
  { code: 'accounting', kk: 'Бухгалтерлік есеп', ru: 'Бухгалтерский учёт', en: 'Accounting' },
  { code: 'philosophy', kk: 'Философия', ru: 'Философия', en: 'Philosophy' },
  // added with the bulk colleges and universities (agricultural and art groups) and the clubs of
  // additional education; appended, so the ids of the subjects above never move
  { code: 'agronomy', kk: 'Агрономия', ru: 'Агрономия', en: 'Agronomy' },
  { code: 'veterinary', kk: 'Ветеринария негіздері', ru: 'Основы ветеринарии', en: 'Fundamentals of veterinary science' },
  { code: 'farm-machinery', kk: 'Ауыл шаруашылығы техникасы', ru: 'Сельскохозяйственная техника', en: 'Farm machinery' },
  { code: 'music-theory', kk: 'Музыка теориясы', ru: 'Теория музыки', en: 'Music theory' },
  { code: 'art-history', kk: 'Өнер тарихы', ru: 'История искусств', en: 'Art history' },
  { code: 'fine-art', kk: 'Бейнелеу өнері', ru: 'Изобразительное искусство', en: 'Fine art' },
  { code: 'dance', kk: 'Хореография', ru: 'Хореография', en: 'Dance' },
  { code: 'dombra', kk: 'Домбыра', ru: 'Домбра', en: 'Dombra' },
  { code: 'choir', kk: 'Хор', ru: 'Хор', en: 'Choir' },
  { code: 'robotics', kk: 'Робототехника', ru: 'Робототехника', en: 'Robotics' },
  { code: 'chess', kk: 'Шахмат', ru: 'Шахматы', en: 'Chess' },
  { code: 'young-naturalists', kk: 'Жас натуралистер', ru: 'Юные натуралисты', en: 'Young naturalists' },
  { code: 'football', kk: 'Футбол', ru: 'Футбол', en: 'Football' },
  { code: 'wrestling', kk: 'Қазақ күресі', ru: 'Казакша курес', en: 'Kazakh wrestling' },
];

export type InstructionLanguage = 'kk' | 'ru';

/** The subjects a school class of `grade` studies, by its language of instruction. */
export function schoolSubjects(grade: number, language: InstructionLanguage): string[] {
  const first = language === 'kk' ? 'kazakh' : 'russian';
  const second = language === 'kk' ? 'russian' : 'kazakh';
  if (grade === 1) {
    // Russian-language classes learn Kazakh from grade 1; Kazakh-language classes learn Russian from grade 3
    return [
      'literacy',
      `${first}-language`,
      ...(language === 'ru' ? ['kazakh-language'] : []),
      'math',
      'world-knowledge',
      'natural-science',
      'self-knowledge',
      'art',
      'music',
      'pe',
    ];
  }
  if (grade <= 4) {
    return [
      `${first}-language`,
      'literary-reading',
      ...(language === 'ru' || grade >= 3 ? [`${second}-language`] : []),
      ...(grade >= 3 ? ['english', 'informatics'] : []),
      'math',
      'world-knowledge',
      'natural-science',
      'self-knowledge',
      'art',
      'music',
      'pe',
    ];
  }
  const languages = [`${first}-language`, `${first}-literature`, `${second}-language`, 'english'];
  if (grade <= 6) {
    return [
      ...languages,
      'math',
      'informatics',
      'natural-science',
      'history-kazakhstan',
      ...(grade === 6 ? ['world-history'] : []),
      'self-knowledge',
      'art',
      'music',
      'pe',
    ];
  }
  const sciences = ['algebra', 'geometry', 'informatics', 'physics', 'chemistry', 'biology', 'geography', 'history-kazakhstan', 'world-history'];
  if (grade <= 9) {
    return [
      ...languages,
      ...sciences,
      ...(grade === 9 ? ['law'] : []),
      'self-knowledge',
      ...(grade <= 8 ? ['art'] : []),
      ...(grade === 7 ? ['music'] : []),
      'pe',
    ];
  }
  return [...languages, ...sciences, 'self-knowledge', 'basic-military', 'pe'];
}

/**
 * In grades 1-4 the class teacher teaches everything but these (taught by specialists); the
 * second language is always a specialist's.
 */
export const PRIMARY_SPECIALIST_SUBJECTS = new Set(['english', 'informatics', 'music', 'pe']);

/**
 * A teacher's specialty: the subjects they teach and about how many classes make a full load
 * (about 18 lessons a week; English and informatics classes are split into two groups).
 */
export interface TeacherSpecialty {
  code: string;
  subjects: string[];
  classesPerTeacher: number;
}

export const TEACHER_SPECIALTIES: TeacherSpecialty[] = [
  { code: 'kazakh', subjects: ['kazakh-language', 'kazakh-literature'], classesPerTeacher: 3 },
  { code: 'russian', subjects: ['russian-language', 'russian-literature'], classesPerTeacher: 3 },
  { code: 'english', subjects: ['english'], classesPerTeacher: 4 },
  { code: 'math', subjects: ['math', 'algebra', 'geometry'], classesPerTeacher: 4 },
  { code: 'informatics', subjects: ['informatics'], classesPerTeacher: 8 },
  { code: 'physics', subjects: ['physics'], classesPerTeacher: 6 },
  { code: 'chemistry', subjects: ['chemistry'], classesPerTeacher: 8 },
  { code: 'biology', subjects: ['biology', 'natural-science'], classesPerTeacher: 7 },
  { code: 'geography', subjects: ['geography'], classesPerTeacher: 10 },
  { code: 'history', subjects: ['history-kazakhstan', 'world-history', 'law'], classesPerTeacher: 5 },
  { code: 'self-knowledge', subjects: ['self-knowledge'], classesPerTeacher: 18 },
  { code: 'arts', subjects: ['art', 'music'], classesPerTeacher: 12 },
  { code: 'pe', subjects: ['pe', 'basic-military'], classesPerTeacher: 6 },
  // college and university
  { code: 'pedagogy', subjects: ['pedagogy', 'psychology', 'teaching-methods'], classesPerTeacher: 3 },
  { code: 'it', subjects: ['programming', 'databases', 'computer-networks'], classesPerTeacher: 3 },
  { code: 'engineering', subjects: ['engineering-graphics', 'vehicle-maintenance', 'materials-science'], classesPerTeacher: 3 },
  { code: 'medicine', subjects: ['anatomy', 'nursing', 'pharmacology'], classesPerTeacher: 3 },
  { code: 'economics', subjects: ['economics', 'accounting'], classesPerTeacher: 3 },
  { code: 'philosophy', subjects: ['philosophy'], classesPerTeacher: 6 },
  { code: 'agriculture', subjects: ['agronomy', 'veterinary', 'farm-machinery'], classesPerTeacher: 3 },
  { code: 'fine-arts', subjects: ['music-theory', 'art-history', 'fine-art', 'dance', 'dombra', 'choir'], classesPerTeacher: 3 },
  // clubs of additional education: one teacher leads many small groups of one activity
  { code: 'club', subjects: ['robotics', 'chess', 'young-naturalists'], classesPerTeacher: 16 },
  { code: 'coach', subjects: ['football', 'wrestling'], classesPerTeacher: 16 },
];

export const SPECIALTY_OF_SUBJECT = new Map<string, TeacherSpecialty>(TEACHER_SPECIALTIES.flatMap((s) => s.subjects.map((code) => [code, s] as const)));

/**
 * College and university specialties, grouped by the categories the format rules use
 * (SEED-FACTS: pedagogical, IT, social, humanitarian fully remote; technical, agricultural,
 * medical, art with labs on site). `classes.specialty` holds the category code.
 */
export const STUDY_PROGRAMMES = {
  pedagogical: { groupPrefix: 'НО', subjects: ['pedagogy', 'psychology', 'teaching-methods', 'kazakh-language', 'history-kazakhstan', 'pe'] },
  it: { groupPrefix: 'ВТ', subjects: ['programming', 'databases', 'computer-networks', 'math', 'english', 'pe'] },
  technical: { groupPrefix: 'ТО', subjects: ['engineering-graphics', 'vehicle-maintenance', 'materials-science', 'physics', 'kazakh-language', 'pe'] },
  medical: { groupPrefix: 'СД', subjects: ['anatomy', 'nursing', 'pharmacology', 'chemistry', 'russian-language', 'pe'] },
  social: { groupPrefix: 'ЭК', subjects: ['economics', 'accounting', 'math', 'philosophy', 'english'] },
  // the categories below appear only in the bulk colleges and universities of `region` and `country`
  humanitarian: { groupPrefix: 'ГУ', subjects: ['philosophy', 'world-history', 'history-kazakhstan', 'law', 'english', 'kazakh-language'] },
  agricultural: { groupPrefix: 'АГ', subjects: ['agronomy', 'veterinary', 'farm-machinery', 'biology', 'kazakh-language', 'pe'] },
  art: { groupPrefix: 'ӨН', subjects: ['music-theory', 'art-history', 'fine-art', 'dance', 'kazakh-language', 'pe'] },
} as const;

export type StudyProgramme = keyof typeof STUDY_PROGRAMMES;

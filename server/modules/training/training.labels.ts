/** Words of the files training hands out (certificate, coverage export), in the reader's language. */
export type Lang = 'kk' | 'ru' | 'en';

export const CERTIFICATE: Record<
  Lang,
  { title: string; certifies: string; completed: string; hours: (n: number) => string; provider: string; date: string; code: string; check: string }
> = {
  kk: {
    title: 'Сертификат',
    certifies: 'Осы сертификат мұғалімнің курсты аяқтағанын растайды:',
    completed: 'Курс',
    hours: (n) => `${n} сағат`,
    provider: 'Ұйымдастырушы',
    date: 'Аяқталған күні',
    code: 'Тексеру коды',
    check: 'Кодты Sabaq жүйесінде тексеруге болады.',
  },
  ru: {
    title: 'Сертификат',
    certifies: 'Настоящий сертификат подтверждает, что педагог завершил курс:',
    completed: 'Курс',
    hours: (n) => `${n} ч.`,
    provider: 'Организатор',
    date: 'Дата завершения',
    code: 'Код проверки',
    check: 'Код можно проверить в Sabaq.',
  },
  en: {
    title: 'Certificate',
    certifies: 'This certifies that the teacher has completed the course:',
    completed: 'Course',
    hours: (n) => `${n} hours`,
    provider: 'Provider',
    date: 'Completed on',
    code: 'Verification code',
    check: 'The code can be checked in Sabaq.',
  },
};

export const COVERAGE_HEADERS: Record<
  Lang,
  Record<'area' | 'teachers' | 'trained' | 'share' | 'lessons' | 'remote' | 'materials' | 'present' | 'online' | 'marked' | 'inTime' | 'title', string>
> = {
  kk: {
    title: 'Мұғалімдерді оқыту',
    area: 'Аумақ',
    teachers: 'Мұғалімдер',
    trained: 'Курсты аяқтады',
    share: 'Қамту, %',
    lessons: 'Сабақтар',
    remote: 'Қашықтан сабақ, %',
    materials: 'Материалы бар сабақ, %',
    present: 'Қатысу, %',
    online: 'Онлайн қатысу, %',
    marked: 'Тексерілген жұмыс, %',
    inTime: 'Мерзімінде тексерілген, %',
  },
  ru: {
    title: 'Обучение педагогов',
    area: 'Территория',
    teachers: 'Педагоги',
    trained: 'Прошли курс',
    share: 'Охват, %',
    lessons: 'Уроки',
    remote: 'Дистанционные уроки, %',
    materials: 'Уроки с материалами, %',
    present: 'Посещаемость, %',
    online: 'Присутствие онлайн, %',
    marked: 'Проверено работ, %',
    inTime: 'Проверено в срок, %',
  },
  en: {
    title: 'Teacher training',
    area: 'Area',
    teachers: 'Teachers',
    trained: 'Completed',
    share: 'Coverage, %',
    lessons: 'Lessons',
    remote: 'Remote lessons, %',
    materials: 'Lessons with materials, %',
    present: 'Attendance, %',
    online: 'Present online, %',
    marked: 'Work marked, %',
    inTime: 'Marked in time, %',
  },
};

/** The words of the printed class list, in the three languages of the app. */
export const classListStrings = {
  kk: { title: 'сынып тізімі', homeroom: 'Сынып жетекшісі', shift: 'Ауысым', name: 'Аты-жөні', birthDate: 'Туған күні', sex: 'Жынысы', female: 'қыз', male: 'ұл', note: 'Ескертпе', total: 'Барлығы' },
  ru: { title: 'список класса', homeroom: 'Классный руководитель', shift: 'Смена', name: 'ФИО', birthDate: 'Дата рождения', sex: 'Пол', female: 'ж', male: 'м', note: 'Примечание', total: 'Всего' },
  en: { title: 'class list', homeroom: 'Homeroom teacher', shift: 'Shift', name: 'Name', birthDate: 'Date of birth', sex: 'Sex', female: 'F', male: 'M', note: 'Note', total: 'Total' },
} as const;

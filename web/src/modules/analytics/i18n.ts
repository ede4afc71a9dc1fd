/** Strings of the analytics dashboards, namespace `analytics`; `errors` for API codes `analytics.*`. */
export const kk = {
  "title": "Талдау",
  "open": "Талдауды ашу",
  "intro": "Сандар жазбалардан жиналады; ауданның атауын басып, төменгі деңгейге өтіңіз.",
  "asOf": "{{date}} күйі бойынша",
  "range": "{{from}} – {{to}} аралығы",
  "from": "Басы",
  "to": "Соңы",
  "refreshed": "Жаңартылды: {{at}}",
  "suppressed": "«…» — {{n}}-ден аз сан немесе оны есептеуге мүмкіндік беретін сан жасырылған.",
  "export": "Жүктеп алу",
  "chart": "Диаграмма",
  "none": "Талдау сіздің рөліңізге қолжетімсіз.",
  "children_one": "{{count}} бөлім",
  "children_other": "{{count}} бөлім",
  "counts": "Нені санайды: {{unit}}",
  "figure": {
    "pupils_regular": "Күндізгі",
    "pupils_distance": "Қашықтан",
    "pupils_duty": "Кезекші сынып",
    "pupils_combined": "Аралас",
    "pupils_total": "Барлық оқушы",
    "duty_placed": "Топқа алынды",
    "duty_waiting": "Кезекте",
    "duty_total": "Өтініштер",
    "att_in_person": "Сыныпта болды",
    "att_online": "Онлайн болды",
    "att_absent": "Келмеді",
    "att_excused": "Себепті",
    "att_total": "Қатысу белгілері",
    "homework_handed_in": "Тапсырылған жұмыс",
    "homework_marked": "Тексерілген жұмыс",
    "marks": "Қойылған бағалар",
    "lessons": "Өткізілген сабақ",
    "lessons_materials": "Материалы бар сабақ",
    "lessons_remote": "Қашықтан сабақ",
    "homework_set": "Берілген үй жұмысы"
  },
  "table": {
    "formats": "Оқыту форматы бойынша оқушылар",
    "duty": "Кезекші сыныптар",
    "attendance": "Қатысу",
    "homework": "Үй жұмысы мен бағалар",
    "teaching": "Мұғалімдердің жұмысы"
  },
  "unit": {
    "pupils": "оқушы",
    "applications": "өтініш",
    "attendance_records": "қатысу белгісі",
    "submissions": "тапсырылған жұмыс",
    "marks": "баға",
    "lessons": "сабақ",
    "homework": "үй жұмысы"
  },
  "kind": {
    "country": "Ел",
    "region": "Облыс",
    "district": "Аудан",
    "organisation": "Ұйым",
    "class": "Сынып"
  },
  "errors": {
    "analytics": {
      "area_not_found": "Аумақ табылмады немесе сізге қолжетімсіз.",
      "unknown_area": "Белгісіз аумақ.",
      "bad_range": "Кезеңнің соңы басынан бұрын.",
      "range_too_long": "Кезең тым ұзақ.",
      "export_not_found": "Файл табылмады."
    }
  }
};

type Strings = typeof kk;

export const ru: Strings & { children_few: string; children_many: string } = {
  "title": "Аналитика",
  "open": "Открыть аналитику",
  "intro": "Цифры собираются из записей; нажмите на название, чтобы перейти ниже.",
  "asOf": "по состоянию на {{date}}",
  "range": "{{from}} – {{to}}",
  "from": "С",
  "to": "По",
  "refreshed": "Обновлено: {{at}}",
  "suppressed": "«…» — скрыто число меньше {{n}} или позволяющее его вычислить.",
  "export": "Скачать",
  "chart": "Диаграмма",
  "none": "Аналитика недоступна для вашей роли.",
  "children_one": "{{count}} подразделение",
  "children_other": "{{count}} подразделений",
  "children_few": "{{count}} подразделения",
  "children_many": "{{count}} подразделений",
  "counts": "Что считается: {{unit}}",
  "figure": {
    "pupils_regular": "Очно",
    "pupils_distance": "Дистанционно",
    "pupils_duty": "Дежурный класс",
    "pupils_combined": "Комбинированно",
    "pupils_total": "Всего учащихся",
    "duty_placed": "Зачислены в группы",
    "duty_waiting": "В очереди",
    "duty_total": "Заявления",
    "att_in_person": "Присутствовали очно",
    "att_online": "Присутствовали онлайн",
    "att_absent": "Отсутствовали",
    "att_excused": "По уважительной причине",
    "att_total": "Отметки посещаемости",
    "homework_handed_in": "Сдано работ",
    "homework_marked": "Проверено работ",
    "marks": "Выставлено оценок",
    "lessons": "Проведено уроков",
    "lessons_materials": "Уроки с материалами",
    "lessons_remote": "Дистанционные уроки",
    "homework_set": "Задано домашних заданий"
  },
  "table": {
    "formats": "Учащиеся по формату обучения",
    "duty": "Дежурные классы",
    "attendance": "Посещаемость",
    "homework": "Домашние задания и оценки",
    "teaching": "Работа учителей"
  },
  "unit": {
    "pupils": "учащихся",
    "applications": "заявлений",
    "attendance_records": "отметок посещаемости",
    "submissions": "сданных работ",
    "marks": "оценок",
    "lessons": "уроков",
    "homework": "домашних заданий"
  },
  "kind": {
    "country": "Страна",
    "region": "Область",
    "district": "Район",
    "organisation": "Организация",
    "class": "Класс"
  },
  "errors": {
    "analytics": {
      "area_not_found": "Территория не найдена или недоступна вам.",
      "unknown_area": "Неизвестная территория.",
      "bad_range": "Конец периода раньше начала.",
      "range_too_long": "Период слишком длинный.",
      "export_not_found": "Файл не найден."
    }
  }
};

export const en: Strings = {
  "title": "Analytics",
  "open": "Open analytics",
  "intro": "Figures are gathered from the records; click a name to drill down.",
  "asOf": "as of {{date}}",
  "range": "{{from}} – {{to}}",
  "from": "From",
  "to": "To",
  "refreshed": "Refreshed: {{at}}",
  "suppressed": "\"…\" — a number under {{n}}, or one that would reveal it, is hidden.",
  "export": "Download",
  "chart": "Chart",
  "none": "Analytics is not available for your role.",
  "children_one": "{{count}} part",
  "children_other": "{{count}} parts",
  "counts": "Counts: {{unit}}",
  "figure": {
    "pupils_regular": "Regular",
    "pupils_distance": "Distance",
    "pupils_duty": "Duty class",
    "pupils_combined": "Combined",
    "pupils_total": "All pupils",
    "duty_placed": "Placed in groups",
    "duty_waiting": "Waiting",
    "duty_total": "Applications",
    "att_in_person": "Present in person",
    "att_online": "Present online",
    "att_absent": "Absent",
    "att_excused": "Excused",
    "att_total": "Attendance records",
    "homework_handed_in": "Homework handed in",
    "homework_marked": "Homework marked",
    "marks": "Marks entered",
    "lessons": "Lessons held",
    "lessons_materials": "Lessons with materials",
    "lessons_remote": "Remote lessons",
    "homework_set": "Homework set"
  },
  "table": {
    "formats": "Pupils by learning format",
    "duty": "Duty classes",
    "attendance": "Attendance",
    "homework": "Homework and marks",
    "teaching": "Teachers' work"
  },
  "unit": {
    "pupils": "pupils",
    "applications": "applications",
    "attendance_records": "attendance records",
    "submissions": "submissions",
    "marks": "marks",
    "lessons": "lessons",
    "homework": "homework"
  },
  "kind": {
    "country": "Country",
    "region": "Region",
    "district": "District",
    "organisation": "Organisation",
    "class": "Class"
  },
  "errors": {
    "analytics": {
      "area_not_found": "The area was not found, or is outside your scope.",
      "unknown_area": "Unknown area.",
      "bad_range": "The range ends before it starts.",
      "range_too_long": "The range is too long.",
      "export_not_found": "The file was not found."
    }
  }
};

/** Strings of supplies (devices, internet kits, textbooks), namespace `supplies`; `errors` for API codes `supplies.*`. */
export const kk = {
  title: 'Құрылғылар мен интернет',
  open: 'Ашу',
  parent: {
    intro: 'Әр бала үшін үйдегі компьютер мен интернетті белгілеңіз. Мектеп ережелер бойынша құрылғы береді.',
    devices: 'Үйде компьютер', internet: 'Үйде интернет', connectable: 'Интернетке қосуға болады', categories: 'Отбасы санаты',
    save: 'Сақтау', saved: 'Сақталды',
    allocation: 'Бөлінгені', noAllocation: 'Әзірге бөлінбеген',
    loan: '{{inv}} — қайтару мерзімі {{due}}', agreement: 'Шарт (PDF)',
    appeal: 'Шағым', appealText: 'Шағым мәтіні', sendAppeal: 'Шағым жіберу', appealStatus: { open: 'Қаралуда', upheld: 'Қанағаттандырылды', rejected: 'Қабылданбады' },
  },
  devices: { none: 'жоқ', shared: 'ортақ', own: 'өзінің' },
  internet: { none: 'жоқ', mobile: 'тек мобильді', fixed: 'үйде тұрақты' },
  category: { low_income: 'аз қамтылған', large_family: 'көпбалалы', orphan: 'жетім', special_needs: 'ерекше қажеттілік' },
  admin: {
    needs: 'Сауалнама', pupils: 'Оқушылар', gaps: 'Жауап жоқ', inPerson: 'Мектепте оқиды', withoutDevice: 'Компьютері жоқ', households: 'Отбасылар',
    stock: 'Қор', available: 'Бос', run: 'Бөлу', preview: 'Алдын ала қарау', confirm: 'Бекіту', confirmed: 'Бекітілді',
    served_one: '{{count}} отбасы', served_other: '{{count}} отбасы', short: 'Жетіспейді: {{n}} құрылғы',
    issue: 'Беру', inventory: 'Түгендеу нөмірі', household: 'Отбасы', issued: 'Берілді', return: 'Қайтару', condition: 'Күйі',
    conditions: { ok: 'жарамды', damaged: 'бүлінген', lost: 'жоғалған' }, returned: 'Қабылданды',
    overdue: 'Мерзімі өткен', none: 'Жоқ', recall: 'Қайтаруды сұрау',
  },
  officer: { areas: 'Аймақтар бойынша', withoutDevice: 'Компьютері жоқ', allocated: 'Бөлінді', issued: 'Берілді', short: 'Жетіспейді' },
  errors: {
    supplies: {
      person_not_found: 'Оқушы табылмады', item_not_found: 'Мұндай түгендеу нөмірі жоқ', item_on_loan: 'Бұл құрылғы бұрын берілген',
      item_of_another_organisation: 'Құрылғы басқа ұйымға тиесілі', not_lent: 'Бұл құрылғы берілмеген', run_stale: 'Деректер өзгерді: қайта қараңыз',
      allocation_fulfilled: 'Отбасы бөлінгеннің бәрін алды',
    },
  },
};

type Strings = Omit<typeof kk, 'admin'> & { admin: Omit<typeof kk['admin'], 'served_one' | 'served_other'> & Record<`served_${string}`, string> };

export const ru: Strings = {
  title: 'Устройства и интернет',
  open: 'Открыть',
  parent: {
    intro: 'Укажите для каждого ребёнка, есть ли дома компьютер и интернет. Школа выдаёт устройства по правилам.',
    devices: 'Компьютер дома', internet: 'Интернет дома', connectable: 'Можно подключить интернет', categories: 'Категория семьи',
    save: 'Сохранить', saved: 'Сохранено',
    allocation: 'Выделено', noAllocation: 'Пока не выделено',
    loan: '{{inv}} — вернуть до {{due}}', agreement: 'Договор (PDF)',
    appeal: 'Обжалование', appealText: 'Текст жалобы', sendAppeal: 'Подать жалобу', appealStatus: { open: 'На рассмотрении', upheld: 'Удовлетворена', rejected: 'Отклонена' },
  },
  devices: { none: 'нет', shared: 'общий', own: 'свой' },
  internet: { none: 'нет', mobile: 'только мобильный', fixed: 'домашний' },
  category: { low_income: 'малообеспеченная', large_family: 'многодетная', orphan: 'сирота', special_needs: 'особые потребности' },
  admin: {
    needs: 'Перепись нужд', pupils: 'Учеников', gaps: 'Нет ответа', inPerson: 'Учатся очно', withoutDevice: 'Без компьютера', households: 'Семей',
    stock: 'Склад', available: 'Свободно', run: 'Распределение', preview: 'Предпросмотр', confirm: 'Утвердить', confirmed: 'Утверждено',
    served_one: '{{count}} семья', served_few: '{{count}} семьи', served_many: '{{count}} семей', served_other: '{{count}} семьи', short: 'Не хватает: {{n}} устройств',
    issue: 'Выдать', inventory: 'Инвентарный номер', household: 'Семья', issued: 'Выдано', return: 'Принять возврат', condition: 'Состояние',
    conditions: { ok: 'исправно', damaged: 'повреждено', lost: 'утеряно' }, returned: 'Принято',
    overdue: 'Просрочено', none: 'Нет', recall: 'Отозвать',
  },
  officer: { areas: 'По территориям', withoutDevice: 'Без компьютера', allocated: 'Выделено', issued: 'Выдано', short: 'Не хватает' },
  errors: {
    supplies: {
      person_not_found: 'Ученик не найден', item_not_found: 'Нет такого инвентарного номера', item_on_loan: 'Устройство уже выдано',
      item_of_another_organisation: 'Устройство принадлежит другой организации', not_lent: 'Это устройство не выдавалось', run_stale: 'Данные изменились: посмотрите снова',
      allocation_fulfilled: 'Семья уже получила всё выделенное',
    },
  },
};

export const en: Strings = {
  title: 'Devices and internet',
  open: 'Open',
  parent: {
    intro: "Tell the school whether each child has a computer and internet at home. The school lends devices by published rules.",
    devices: 'Computer at home', internet: 'Internet at home', connectable: 'Internet can be connected', categories: 'Family category',
    save: 'Save', saved: 'Saved',
    allocation: 'Allocated', noAllocation: 'Nothing allocated yet',
    loan: '{{inv}} — return by {{due}}', agreement: 'Agreement (PDF)',
    appeal: 'Appeal', appealText: 'Your appeal', sendAppeal: 'Send the appeal', appealStatus: { open: 'Being considered', upheld: 'Upheld', rejected: 'Rejected' },
  },
  devices: { none: 'none', shared: 'shared', own: 'own' },
  internet: { none: 'none', mobile: 'mobile only', fixed: 'home broadband' },
  category: { low_income: 'low-income', large_family: 'large family', orphan: 'orphan', special_needs: 'special needs' },
  admin: {
    needs: 'Needs census', pupils: 'Pupils', gaps: 'No answer', inPerson: 'Learning in person', withoutDevice: 'Without a computer', households: 'Households',
    stock: 'Stock', available: 'Available', run: 'Allocation', preview: 'Preview', confirm: 'Confirm', confirmed: 'Confirmed',
    served_one: '{{count}} household', served_other: '{{count}} households', short: 'Short: {{n}} devices',
    issue: 'Issue', inventory: 'Inventory number', household: 'Household', issued: 'Issued', return: 'Take back', condition: 'Condition',
    conditions: { ok: 'ok', damaged: 'damaged', lost: 'lost' }, returned: 'Taken back',
    overdue: 'Overdue', none: 'None', recall: 'Recall',
  },
  officer: { areas: 'By area', withoutDevice: 'Without a computer', allocated: 'Allocated', issued: 'Issued', short: 'Short' },
  errors: {
    supplies: {
      person_not_found: 'Pupil not found', item_not_found: 'No such inventory number', item_on_loan: 'This item is already lent',
      item_of_another_organisation: 'The item belongs to another organisation', not_lent: 'This item is not on loan', run_stale: 'The data changed: preview again',
      allocation_fulfilled: 'The household already holds everything allocated',
    },
  },
};

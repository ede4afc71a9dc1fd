/**
 * Strings of in-app notifications (the header link and the list), namespace `notifications`.
 * Each kind's sentence takes its values from the notification's params (see `notification-text.ts`).
 */
export const kk = {
  title: 'Хабарламалар',
  link: 'Хабарламалар',
  linkUnread: 'Хабарламалар, оқылмағаны: {{count}}',
  none: 'Хабарлама жоқ.',
  unread: 'Жаңа',
  markRead: 'Оқылды деп белгілеу',
  markAll: 'Барлығын оқылды деп белгілеу',
  unreadCount: 'Оқылмағаны: {{count}}',
  open: 'Ашу',
  kinds: {
    formatChangedClass: '{{organisation}}, {{className}}: {{date}} бастап оқыту форматы өзгереді — {{from}} → {{to}}.',
    formatChangedOrganisation: '{{organisation}}: {{date}} бастап оқыту форматы өзгереді — {{from}} → {{to}}.',
    dutyPlaced: '{{child}} кезекші топқа алынды ({{organisation}}): {{group}} тобы, {{room}} кабинеті, {{shift}}, {{days}}.',
    dutyMoved: '{{child}} басқа кезекші топқа ауыстырылды ({{organisation}}): {{group}} тобы, {{room}} кабинеті, {{shift}}, {{days}}.',
    dutyWaiting: '{{child}} кезекші сыныпқа күту тізіміне енгізілді ({{organisation}}). Орын босағанда хабарлаймыз.',
    transferMoved: '{{child}} басқа мектепке ауыстырылды: {{organisation}}, {{className}} сыныбы.',
    transferRequested: 'Басқа мектеп сіздің оқушыңызды ауыстыруды сұрайды. Жауап беріңіз.',
    transferApproved: 'Оқушыны ауыстыру өтінішіңіз мақұлданды.',
    transferRejected: 'Оқушыны ауыстыру өтінішіңізден бас тартылды.',
    erasureApproved: 'Деректерді өшіру өтініші орындалды. Не істелгенін қараңыз.',
    erasureRefused: 'Деректерді өшіру өтінішінен бас тартылды. Себебін қараңыз.',
    other: 'Жаңа хабарлама.',
  },
  errors: {
    notifications: {
      not_found: 'Хабарлама табылмады.',
    },
  },
};

type Strings = typeof kk;

export const ru: Strings = {
  title: 'Уведомления',
  link: 'Уведомления',
  linkUnread: 'Уведомления, непрочитанных: {{count}}',
  none: 'Уведомлений нет.',
  unread: 'Новое',
  markRead: 'Отметить прочитанным',
  markAll: 'Отметить все прочитанными',
  unreadCount: 'Непрочитанных: {{count}}',
  open: 'Открыть',
  kinds: {
    formatChangedClass: '{{organisation}}, {{className}}: с {{date}} меняется формат обучения — {{from}} → {{to}}.',
    formatChangedOrganisation: '{{organisation}}: с {{date}} меняется формат обучения — {{from}} → {{to}}.',
    dutyPlaced: '{{child}}: место в дежурной группе ({{organisation}}) — группа {{group}}, кабинет {{room}}, {{shift}}, {{days}}.',
    dutyMoved: '{{child}}: перевод в другую дежурную группу ({{organisation}}) — группа {{group}}, кабинет {{room}}, {{shift}}, {{days}}.',
    dutyWaiting: '{{child}}: заявление в дежурный класс в листе ожидания ({{organisation}}). Сообщим, когда освободится место.',
    transferMoved: '{{child}}: перевод в другую школу — {{organisation}}, класс {{className}}.',
    transferRequested: 'Другая школа запрашивает перевод вашего ученика. Ответьте на запрос.',
    transferApproved: 'Ваш запрос на перевод ученика одобрен.',
    transferRejected: 'В вашем запросе на перевод ученика отказано.',
    erasureApproved: 'Запрос на удаление данных выполнен. Посмотрите, что сделано.',
    erasureRefused: 'В запросе на удаление данных отказано. Посмотрите причину.',
    other: 'Новое уведомление.',
  },
  errors: {
    notifications: {
      not_found: 'Уведомление не найдено.',
    },
  },
};

export const en: Strings = {
  title: 'Notifications',
  link: 'Notifications',
  linkUnread: 'Notifications, {{count}} unread',
  none: 'No notifications.',
  unread: 'New',
  markRead: 'Mark as read',
  markAll: 'Mark all as read',
  unreadCount: 'Unread: {{count}}',
  open: 'Open',
  kinds: {
    formatChangedClass: '{{organisation}}, {{className}}: from {{date}} the learning format changes — {{from}} → {{to}}.',
    formatChangedOrganisation: '{{organisation}}: from {{date}} the learning format changes — {{from}} → {{to}}.',
    dutyPlaced: '{{child}} has a place in a duty group ({{organisation}}): group {{group}}, room {{room}}, {{shift}}, {{days}}.',
    dutyMoved: '{{child}} was moved to another duty group ({{organisation}}): group {{group}}, room {{room}}, {{shift}}, {{days}}.',
    dutyWaiting: '{{child}} is on the waiting list for a duty class ({{organisation}}). We will tell you when a place frees up.',
    transferMoved: '{{child}} moved to another school: {{organisation}}, class {{className}}.',
    transferRequested: 'Another school asks for one of your pupils to transfer. Please answer.',
    transferApproved: 'Your pupil transfer request was approved.',
    transferRejected: 'Your pupil transfer request was refused.',
    erasureApproved: 'Your data erasure request was carried out. See what was done.',
    erasureRefused: 'Your data erasure request was refused. See the reason.',
    other: 'A new notification.',
  },
  errors: {
    notifications: {
      not_found: 'The notification was not found.',
    },
  },
};

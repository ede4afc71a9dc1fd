/**
 * Strings of the identity domain (sign-in, roles, the parent's children), namespace `identity`.
 * `errors` holds the sentences for API codes `auth.*` and `identity.*`; web/src/i18n.ts merges it into
 * the shared `errors.<code>` keys.
 */
export const kk = {
  signIn: {
    title: 'Жүйеге кіру',
    intro: 'Мектептен, колледжден немесе жоғары оқу орнынан алған деректеріңізбен кіріңіз.',
    login: 'Логин',
    loginHint: 'ЖСН, телефон нөмірі, электрондық пошта немесе логин',
    password: 'Құпиясөз',
    submit: 'Кіру',
    submitting: 'Кіріп жатыр…',
    loginRequired: 'Логинді енгізіңіз.',
    passwordRequired: 'Құпиясөзді енгізіңіз.',
    sessionEnded: 'Сеансыңыз аяқталды. Қайта кіріңіз.',
    demoTitle: 'Демо тіркелгілер',
    demoText: 'Барлық демо тіркелгінің құпиясөзі — {{password}}. Тіркелгіні таңдасаңыз, өрістер өздігінен толтырылады.',
    demoFill: '{{login}} тіркелгісінің деректерін толтыру',
    helpTitle: 'Кіре алмай тұрсыз ба?',
    firstTime: 'Мектептен белсендіру кодын алдыңыз ба?',
    activate: 'Тіркелгіні белсендіру',
    lost: 'Құпиясөзді немесе кодты ұмытсаңыз, сынып жетекшісіне немесе оқу орнының әкімшісіне хабарласыңыз: ол жаңа белсендіру кодын береді, ескісі жарамсыз болады.',
  },
  roles: {
    pupil: 'Оқушы',
    parent: 'Ата-ана',
    teacher: 'Мұғалім',
    homeroom: 'Сынып жетекшісі',
    org_admin: 'Ұйым әкімшісі',
    district_officer: 'Аудандық білім бөлімінің маманы',
    region_officer: 'Облыстық білім басқармасының маманы',
    ministry_officer: 'Министрлік қызметкері',
    gate_guard: 'Кіреберіс күзетшісі',
    health_officer: 'Денсаулық жөніндегі маман',
  },
  home: {
    greeting: 'Сәлеметсіз бе, {{name}}!',
    rolesLabel: 'Сіздің рөлдеріңіз',
    noRoles: 'Сізге әлі ешқандай рөл берілмеген. Оқу орныңыздың әкімшісіне хабарласыңыз.',
  },
  children: {
    title: 'Балаларым',
    none: 'Сізге байланыстырылған бала жоқ. Мектеп әкімшісіне хабарласыңыз.',
    birthDate: 'Туған күні',
    class: 'Сынып',
    school: 'Оқу орны',
    noClass: 'Әзірге сыныпқа қосылмаған',
  },
  errors: {
    auth: {
      invalid_credentials: 'Логин немесе құпиясөз қате.',
      too_many_attempts: 'Кіру әрекеттері тым көп болды. {{minutes}} минуттан кейін қайталап көріңіз.',
      required: 'Жалғастыру үшін жүйеге кіріңіз.',
      csrf_rejected: 'Сұраныс Sabaq бетінен жіберілмегендіктен қабылданбады. Бетті жаңартып, қайталаңыз.',
    },
    identity: {
      invalid_iin: 'ЖСН дұрыс емес. Оның 12 цифрдан тұратынын тексеріңіз.',
    },
  },
};

type Strings = typeof kk;

export const ru: Strings = {
  signIn: {
    title: 'Вход в систему',
    intro: 'Войдите с данными, которые вы получили в школе, колледже или вузе.',
    login: 'Логин',
    loginHint: 'ИИН, номер телефона, электронная почта или логин',
    password: 'Пароль',
    submit: 'Войти',
    submitting: 'Входим…',
    loginRequired: 'Введите логин.',
    passwordRequired: 'Введите пароль.',
    sessionEnded: 'Сеанс завершён. Войдите снова.',
    demoTitle: 'Демонстрационные учётные записи',
    demoText: 'Пароль у всех демонстрационных записей — {{password}}. Выберите запись, и поля заполнятся сами.',
    demoFill: 'Заполнить данными записи {{login}}',
    helpTitle: 'Не получается войти?',
    firstTime: 'Получили код активации в школе?',
    activate: 'Активировать учётную запись',
    lost: 'Если вы забыли пароль или потеряли код, обратитесь к классному руководителю или администратору учебного заведения: он выдаст новый код активации, а старый перестанет действовать.',
  },
  roles: {
    pupil: 'Ученик',
    parent: 'Родитель',
    teacher: 'Учитель',
    homeroom: 'Классный руководитель',
    org_admin: 'Администратор организации',
    district_officer: 'Специалист районного отдела образования',
    region_officer: 'Специалист областного управления образования',
    ministry_officer: 'Сотрудник министерства',
    gate_guard: 'Охранник на входе',
    health_officer: 'Ответственный за здоровье',
  },
  home: {
    greeting: 'Здравствуйте, {{name}}!',
    rolesLabel: 'Ваши роли',
    noRoles: 'Вам пока не назначена ни одна роль. Обратитесь к администратору вашей организации образования.',
  },
  children: {
    title: 'Мои дети',
    none: 'К вашей учётной записи не привязан ни один ребёнок. Обратитесь к администратору школы.',
    birthDate: 'Дата рождения',
    class: 'Класс',
    school: 'Организация образования',
    noClass: 'Пока не зачислен в класс',
  },
  errors: {
    auth: {
      invalid_credentials: 'Неверный логин или пароль.',
      too_many_attempts: 'Слишком много неудачных попыток входа. Повторите через {{minutes}} мин.',
      required: 'Войдите в систему, чтобы продолжить.',
      csrf_rejected: 'Запрос отклонён: он отправлен не со страницы Sabaq. Обновите страницу и повторите.',
    },
    identity: {
      invalid_iin: 'Неверный ИИН. Проверьте, что в нём 12 цифр.',
    },
  },
};

export const en: Strings = {
  signIn: {
    title: 'Sign in',
    intro: 'Sign in with the details your school, college or university gave you.',
    login: 'Login',
    loginHint: 'IIN, phone number, email or login name',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    loginRequired: 'Enter your login.',
    passwordRequired: 'Enter your password.',
    sessionEnded: 'Your session has ended. Please sign in again.',
    demoTitle: 'Demo accounts',
    demoText: 'Every demo account has the password {{password}}. Pick an account and the fields fill in by themselves.',
    demoFill: 'Fill in the details of {{login}}',
    helpTitle: "Can't sign in?",
    firstTime: 'Got an activation code from your school?',
    activate: 'Activate your account',
    lost: "If you forgot your password or lost your code, ask your homeroom teacher or your school's administrator: they issue a new activation code and the old one stops working.",
  },
  roles: {
    pupil: 'Pupil',
    parent: 'Parent',
    teacher: 'Teacher',
    homeroom: 'Homeroom teacher',
    org_admin: 'Organisation administrator',
    district_officer: 'District education officer',
    region_officer: 'Regional education officer',
    ministry_officer: 'Ministry officer',
    gate_guard: 'Gate guard',
    health_officer: 'Health officer',
  },
  home: {
    greeting: 'Hello, {{name}}!',
    rolesLabel: 'Your roles',
    noRoles: 'You have no role yet. Please contact the administrator of your school or college.',
  },
  children: {
    title: 'My children',
    none: 'No child is linked to your account. Please contact the school administrator.',
    birthDate: 'Date of birth',
    class: 'Class',
    school: 'School',
    noClass: 'Not in a class yet',
  },
  errors: {
    auth: {
      invalid_credentials: 'Wrong login or password.',
      too_many_attempts: 'Too many failed sign-in attempts. Try again in {{minutes}} min.',
      required: 'Please sign in to continue.',
      csrf_rejected: 'The request was refused because it did not come from a Sabaq page. Reload the page and try again.',
    },
    identity: {
      invalid_iin: 'This IIN is not valid. Check that it has 12 digits.',
    },
  },
};

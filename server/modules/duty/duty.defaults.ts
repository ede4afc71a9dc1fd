import type { DutyKind, ReasonOption } from '../../../contracts/duty.js';

/**
 * The country's default settings, from SEED-FACTS (2020-21): duty classes for grades 1-4 on the
 * parents' application, 10-15 children, two shifts on alternating days; kindergarten duty groups of
 * at most 15; clubs of additional education of at most 5. All of it is edited in the settings.
 */
export const DEFAULT_REASONS: ReasonOption[] = [
  {
    code: 'special_needs',
    priority: 1,
    label: {
      kk: 'Баланың ерекше білім беру қажеттіліктері бар',
      ru: 'У ребёнка особые образовательные потребности',
      en: 'The child has special educational needs',
    },
  },
  {
    code: 'no_device',
    priority: 1,
    label: { kk: 'Үйде компьютер немесе планшет жоқ', ru: 'Дома нет компьютера или планшета', en: 'No computer or tablet at home' },
  },
  { code: 'no_internet', priority: 1, label: { kk: 'Үйде интернет жоқ', ru: 'Дома нет интернета', en: 'No internet at home' } },
  { code: 'low_income', priority: 1, label: { kk: 'Аз қамтылған отбасы', ru: 'Малообеспеченная семья', en: 'Low-income family' } },
  {
    code: 'orphan',
    priority: 1,
    label: {
      kk: 'Жетім немесе ата-ана қамқорлығынсыз қалған бала',
      ru: 'Ребёнок-сирота или оставшийся без попечения родителей',
      en: 'Orphan or child left without parental care',
    },
  },
  { code: 'both_parents_work', priority: 2, label: { kk: 'Ата-анасының екеуі де жұмыс істейді', ru: 'Оба родителя работают', en: 'Both parents work' } },
  { code: 'single_parent', priority: 2, label: { kk: 'Жалғыз ата-ана жұмыс істейді', ru: 'Единственный родитель работает', en: 'Single parent who works' } },
  { code: 'large_family', priority: 2, label: { kk: 'Көпбалалы отбасы', ru: 'Многодетная семья', en: 'Large family' } },
  {
    code: 'essential_worker',
    priority: 2,
    label: {
      kk: 'Ата-ана — медицина немесе маңызды сала қызметкері',
      ru: 'Родитель — медик или работник жизненно важной сферы',
      en: 'A parent is a medic or an essential worker',
    },
  },
  { code: 'other', priority: 3, label: { kk: 'Басқа себеп', ru: 'Другая причина', en: 'Another reason' } },
];

export interface SettingsValues {
  eligibleGrades: number[];
  groupMax: number;
  groupMin: number;
  joinAdjacentGrades: boolean;
  shifts: number[];
  dayPatterns: string[];
  reasons: ReasonOption[];
}

export const DEFAULT_SETTINGS: Record<DutyKind, SettingsValues> = {
  school: {
    eligibleGrades: [1, 2, 3, 4],
    groupMax: 15,
    groupMin: 10,
    joinAdjacentGrades: true,
    shifts: [1, 2],
    dayPatterns: ['mon-wed-fri', 'tue-thu-sat'],
    reasons: DEFAULT_REASONS,
  },
  kindergarten: {
    eligibleGrades: [0],
    groupMax: 15,
    groupMin: 5,
    joinAdjacentGrades: false,
    shifts: [1],
    dayPatterns: ['mon-tue-wed-thu-fri'],
    reasons: DEFAULT_REASONS,
  },
  additional: {
    eligibleGrades: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    groupMax: 5,
    groupMin: 1,
    joinAdjacentGrades: true,
    shifts: [1, 2],
    dayPatterns: ['mon-wed', 'tue-thu'],
    reasons: DEFAULT_REASONS,
  },
};

import { z } from 'zod';
import { bodyId, idSchema, localisedName } from './common.js';
import { personName } from './identity.js';

/**
 * Supplies: the needs census, stock of devices, internet kits and textbooks, allocation rules and
 * runs (with a reason per household), appeals, loans and returns, e-textbooks by QR.
 */

const isoDate = z.iso.date();
export const deviceAtHome = z.enum(['none', 'shared', 'own']);
export const internetAtHome = z.enum(['none', 'mobile', 'fixed']);
export const priorityCategory = z.enum(['low_income', 'large_family', 'orphan', 'special_needs', 'teacher']);
export type PriorityCategory = z.infer<typeof priorityCategory>;
/** the categories a family states (teacher is a person's role, not a declaration) */
export const familyCategory = z.enum(['low_income', 'large_family', 'orphan', 'special_needs']);
export const itemCategory = z.enum(['device', 'kit']);
export const itemKind = z.enum(['laptop', 'desktop', 'tablet', 'router', 'usb_modem', 'sim']);
export const itemSource = z.enum(['school_stock', 'budget', 'sponsor', 'fund']);
export const itemCondition = z.enum(['ok', 'damaged', 'lost']);
export const itemStatus = z.enum(['available', 'on_loan', 'repair', 'written_off']);
export const DEVICE_KINDS = ['laptop', 'desktop', 'tablet'] as const;

// ── rules ──────────────────────────────────────────────────────────────────────────────────────

export const band = z.object({ min: z.number().int().min(1).max(50), max: z.number().int().min(1).max(50), devices: z.number().int().min(0).max(20) }).strict();

/** A published allocation rule set (the seeds' defaults in supplies.defaults.ts). */
export const ruleSetBody = z
  .object({
    /** order = priority: the first is priority 1; a household without any is served after them (if allowed) */
    priorities: z.array(priorityCategory).min(1).max(5),
    serveWithoutCategory: z.boolean(),
    /** pupils learning at a distance who need a device in the household → devices */
    bands: z.array(band).min(1).max(10),
    /** what "devices at home" counts as having no computer */
    countAsWithout: z.array(deviceAtHome).min(1).max(3),
    /** a teacher without a computer gets this many */
    teacherDevices: z.number().int().min(0).max(3),
    kits: z
      .object({
        /** home internet that counts as none */
        withoutInternet: z.array(internetAtHome).min(1).max(3),
        /** kits only where the household can connect */
        onlyConnectable: z.boolean(),
        perHousehold: z.number().int().min(0).max(3),
      })
      .strict(),
  })
  .strict()
  .superRefine((b, ctx) => {
    for (const [i, x] of b.bands.entries()) if (x.max < x.min) ctx.addIssue({ code: 'custom', path: ['bands', i], message: 'max is below min' });
    const sorted = [...b.bands].sort((a, c) => a.min - c.min);
    for (let i = 1; i < sorted.length; i++)
      if (sorted[i]!.min <= sorted[i - 1]!.max) ctx.addIssue({ code: 'custom', path: ['bands'], message: 'bands overlap' });
    if (new Set(b.priorities).size !== b.priorities.length) ctx.addIssue({ code: 'custom', path: ['priorities'], message: 'a category appears twice' });
  });
export type RuleSetBody = z.infer<typeof ruleSetBody>;

export const ruleSet = z.object({
  id: z.number().nullable(),
  regionId: z.number().nullable(),
  version: z.number(),
  body: z.record(z.string(), z.unknown()),
  notes: z.string().nullable(),
  createdAt: z.string().nullable(),
  inherited: z.boolean(),
});
export const ruleSetQuery = z.object({ regionId: idSchema.optional() }).strict();
export const ruleSetPublish = z
  .object({
    regionId: bodyId.nullable(),
    /** either the body as JSON, or its text (parsed; a text that does not parse answers 400 with the line) */
    body: z.unknown().optional(),
    source: z.string().max(20_000).optional(),
    notes: z.string().trim().max(500).optional(),
  })
  .strict();

// ── reasons ────────────────────────────────────────────────────────────────────────────────────

export const reasonPart = z.object({ code: z.string(), n: z.number().optional(), category: z.string().optional() });
export type ReasonPart = z.infer<typeof reasonPart>;
type Lang = 'kk' | 'ru' | 'en';

const CATEGORY_TEXT: Record<Lang, Record<string, string>> = {
  kk: {
    low_income: 'аз қамтылған отбасы',
    large_family: 'көпбалалы отбасы',
    orphan: 'жетім бала',
    special_needs: 'ерекше білім беру қажеттілігі',
    teacher: 'компьютері жоқ мұғалім',
    none: 'басымдық санаты жоқ',
  },
  ru: {
    low_income: 'малообеспеченная семья',
    large_family: 'многодетная семья',
    orphan: 'ребёнок-сирота',
    special_needs: 'особые образовательные потребности',
    teacher: 'учитель без компьютера',
    none: 'без категории приоритета',
  },
  en: {
    low_income: 'low-income family',
    large_family: 'large family',
    orphan: 'orphan',
    special_needs: 'special educational needs',
    teacher: 'teacher without a computer',
    none: 'no priority category',
  },
};
export const CATEGORY_LABELS = CATEGORY_TEXT;

function ruPlural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10,
    m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

function part(p: ReasonPart, lang: Lang): string {
  const n = p.n ?? 0;
  switch (lang) {
    case 'kk':
      switch (p.code) {
        case 'devices':
          return `${n} құрылғы`;
        case 'no_devices':
          return 'құрылғы берілмейді';
        case 'distance_pupils':
          return `қашықтан оқитын ${n} оқушы`;
        case 'in_person':
          return `${n} оқушы мектепте оқиды (құрылғы қажет емес)`;
        case 'has_devices':
          return 'үйде компьютер бар';
        case 'category':
          return CATEGORY_TEXT.kk[p.category ?? 'none'] ?? p.category ?? '';
        case 'priority':
          return `басымдық ${n}`;
        case 'kit':
          return 'интернет жинағы';
        case 'not_connectable':
          return 'интернетке қосу мүмкін емес';
        case 'kept':
          return 'бұрынғы бөлу сақталды';
        case 'no_stock':
          return `қорда жетпеді: ${n}`;
        case 'no_category':
          return 'басымдық санаты жоқ';
        case 'rules':
          return `ережелер v${n}`;
        default:
          return p.code;
      }
    case 'ru':
      switch (p.code) {
        case 'devices':
          return `${n} ${ruPlural(n, 'устройство', 'устройства', 'устройств')}`;
        case 'no_devices':
          return 'устройство не положено';
        case 'distance_pupils':
          return `${n} ${ruPlural(n, 'ученик учится', 'ученика учатся', 'учеников учатся')} дистанционно`;
        case 'in_person':
          return `${n} ${ruPlural(n, 'ученик учится', 'ученика учатся', 'учеников учатся')} очно (устройство не нужно)`;
        case 'has_devices':
          return 'дома есть компьютер';
        case 'category':
          return CATEGORY_TEXT.ru[p.category ?? 'none'] ?? p.category ?? '';
        case 'priority':
          return `приоритет ${n}`;
        case 'kit':
          return 'комплект для интернета';
        case 'not_connectable':
          return 'подключение к интернету невозможно';
        case 'kept':
          return 'прежнее распределение сохранено';
        case 'no_stock':
          return `не хватило на складе: ${n}`;
        case 'no_category':
          return 'нет категории приоритета';
        case 'rules':
          return `правила v${n}`;
        default:
          return p.code;
      }
    default:
      switch (p.code) {
        case 'devices':
          return `${n} device${n === 1 ? '' : 's'}`;
        case 'no_devices':
          return 'no device due';
        case 'distance_pupils':
          return `${n} pupil${n === 1 ? '' : 's'} learning at a distance`;
        case 'in_person':
          return `${n} pupil${n === 1 ? '' : 's'} learning in person (no device needed)`;
        case 'has_devices':
          return 'a computer at home';
        case 'category':
          return CATEGORY_TEXT.en[p.category ?? 'none'] ?? p.category ?? '';
        case 'priority':
          return `priority ${n}`;
        case 'kit':
          return 'an internet kit';
        case 'not_connectable':
          return 'cannot be connected to the internet';
        case 'kept':
          return 'earlier allocation kept';
        case 'no_stock':
          return `short in stock: ${n}`;
        case 'no_category':
          return 'no priority category';
        case 'rules':
          return `rules v${n}`;
        default:
          return p.code;
      }
  }
}

/**
 * "2 devices: 4 pupils learning at a distance, large family, priority 2; rules v1" in kk / ru / en.
 * The first part is the outcome, the last the rules version; the rest are the grounds.
 */
export function renderAllocationReason(parts: ReasonPart[], lang: Lang): string {
  const head = parts.filter((p) => p.code === 'devices' || p.code === 'no_devices');
  const tail = parts.filter((p) => p.code === 'rules');
  const kit = parts.filter((p) => p.code === 'kit');
  const rest = parts.filter((p) => !['devices', 'no_devices', 'rules', 'kit'].includes(p.code));
  const outcome = [...head, ...kit].map((p) => part(p, lang)).join(lang === 'en' ? ' and ' : lang === 'ru' ? ' и ' : ' және ');
  return `${outcome}: ${rest.map((p) => part(p, lang)).join(', ')}${tail.length ? `; ${tail.map((p) => part(p, lang)).join(', ')}` : ''}`;
}

// ── census ─────────────────────────────────────────────────────────────────────────────────────

export const censusBody = z
  .object({
    devices: deviceAtHome,
    internet: internetAtHome,
    connectable: z.boolean(),
    categories: z.array(familyCategory).max(4).default([]),
  })
  .strict();
export type CensusBody = z.infer<typeof censusBody>;

export const censusAnswer = z.object({
  devices: deviceAtHome,
  internet: internetAtHome,
  connectable: z.boolean(),
  categories: z.array(z.string()),
  source: z.enum(['parent', 'admin', 'import']),
  answeredAt: z.string(),
  answeredBy: personName.nullable(),
});
export const personParam = z.object({ personId: idSchema }).strict();

export const memberView = z.object({
  person: personName.extend({ id: z.number() }),
  role: z.enum(['pupil', 'teacher']),
  class: z.object({ id: z.number(), name: z.string(), grade: z.number().nullable() }).nullable(),
  /** learning in person today (regular-mode class, or placed in a duty group): needs no device */
  inPerson: z.boolean(),
  format: z.string().nullable(),
  answer: censusAnswer.nullable(),
});

export const allocationView = z.object({
  id: z.number(),
  runId: z.number(),
  devices: z.number(),
  kits: z.number(),
  entitledDevices: z.number(),
  entitledKits: z.number(),
  priority: z.number(),
  reason: z.array(reasonPart),
  reasonText: z.string(),
  createdAt: z.string(),
});

export const householdView = z.object({
  key: z.string(),
  recipient: personName.extend({ id: z.number() }).nullable(),
  members: z.array(memberView),
  allocation: allocationView.nullable(),
});

export const needsSummary = z.object({
  pupils: z.number(),
  teachers: z.number(),
  answered: z.number(),
  gaps: z.number(),
  inPerson: z.number(),
  /** the next four are null for an officer when under the small-number threshold */
  withoutDevice: z.number().nullable(),
  withoutInternet: z.number().nullable(),
  withoutInternetConnectable: z.number().nullable(),
  households: z.number(),
  householdsNeedingDevice: z.number().nullable(),
});

export const needsResponse = z.object({
  organisation: z.object({ id: z.number(), name: localisedName }),
  date: z.string(),
  summary: needsSummary,
  households: z.array(householdView),
});

export const myHouseholds = z.object({
  households: z.array(
    householdView.extend({
      organisation: z.object({ id: z.number(), name: localisedName }),
      loans: z.array(z.lazy(() => loanView)),
      appeals: z.array(z.lazy(() => appealView)),
    }),
  ),
});

export const importQuery = z
  .object({
    dryRun: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
  })
  .strict();
export const importRowError = z.object({ line: z.number(), code: z.string(), message: z.string() });
export const importReport = z.object({
  dryRun: z.boolean(),
  ok: z.boolean(),
  rows: z.number(),
  written: z.number(),
  errors: z.array(importRowError),
});

// ── stock ──────────────────────────────────────────────────────────────────────────────────────

export const itemBody = z
  .object({
    kind: itemKind,
    inventoryNumber: z.string().trim().min(1).max(60),
    serial: z.string().trim().max(80).nullable().default(null),
    source: itemSource.default('school_stock'),
    condition: itemCondition.default('ok'),
    operator: z.string().trim().max(60).nullable().default(null),
    tariff: z.string().trim().max(60).nullable().default(null),
    monthlyCost: z.number().min(0).max(1_000_000).nullable().default(null),
    activatedOn: isoDate.nullable().default(null),
    endsOn: isoDate.nullable().default(null),
  })
  .strict();
export type ItemBody = z.infer<typeof itemBody>;

export const itemView = z.object({
  id: z.number(),
  organisationId: z.number(),
  category: itemCategory,
  kind: itemKind,
  inventoryNumber: z.string(),
  serial: z.string().nullable(),
  source: itemSource,
  condition: itemCondition,
  status: itemStatus,
  operator: z.string().nullable(),
  tariff: z.string().nullable(),
  monthlyCost: z.number().nullable(),
  activatedOn: z.string().nullable(),
  endsOn: z.string().nullable(),
});
export const textbookStockView = z.object({
  titleId: z.number(),
  title: z.string(),
  grade: z.number(),
  subject: z.string(),
  language: z.string(),
  isbn: z.string(),
  copies: z.number(),
  issued: z.number(),
});
export const stockResponse = z.object({
  organisation: z.object({ id: z.number(), name: localisedName }),
  counts: z.object({
    devices: z.number(),
    devicesAvailable: z.number(),
    kits: z.number(),
    kitsAvailable: z.number(),
    committed: z.object({ devices: z.number(), kits: z.number() }),
  }),
  items: z.array(itemView),
  textbooks: z.array(textbookStockView),
});
export const transferBody = z.object({ toOrganisationId: bodyId, note: z.string().trim().max(300).optional() }).strict();
export const itemDetail = itemView.extend({
  transfers: z.array(z.object({ fromOrganisationId: z.number(), toOrganisationId: z.number(), movedAt: z.string(), note: z.string().nullable() })),
  loans: z.array(
    z.object({ id: z.number(), issuedAt: z.string(), dueOn: z.string(), returnedAt: z.string().nullable(), returnedCondition: z.string().nullable() }),
  ),
});

// ── runs ───────────────────────────────────────────────────────────────────────────────────────

export const runScope = z
  .object({
    organisationId: bodyId.optional(),
    districtId: bodyId.optional(),
    regionId: bodyId.optional(),
  })
  .strict()
  .refine(
    (s) => [s.organisationId, s.districtId, s.regionId].filter((x) => x !== undefined).length === 1,
    'give exactly one of organisationId, districtId, regionId',
  );
export const runBody = z
  .object({
    scope: runScope,
    /** true: start from nothing (everyone may move); default keeps who was served */
    reshuffle: z.boolean().default(false),
    /** confirm: the preview's fingerprint; a different result (stock or census changed) answers 409 */
    fingerprint: z.string().max(100).optional(),
  })
  .strict();

export const runLine = z.object({
  key: z.string(),
  organisationId: z.number(),
  recipientId: z.number(),
  recipient: personName.nullable(),
  priority: z.number(),
  entitledDevices: z.number(),
  entitledKits: z.number(),
  previousDevices: z.number(),
  previousKits: z.number(),
  devices: z.number(),
  kits: z.number(),
  newDevices: z.number(),
  newKits: z.number(),
  shortDevices: z.number(),
  shortKits: z.number(),
  reason: z.array(reasonPart),
  reasonText: z.string(),
});
export const shortfallRow = z.object({
  organisationId: z.number(),
  districtId: z.number(),
  name: localisedName.nullable(),
  devices: z.number(),
  kits: z.number(),
});
export const runResult = z.object({
  id: z.number().nullable(),
  confirmed: z.boolean(),
  fingerprint: z.string(),
  rulesVersion: z.number(),
  reshuffle: z.boolean(),
  stock: z.object({ devices: z.number(), kits: z.number() }),
  totals: z.object({
    households: z.number(),
    served: z.number(),
    newDevices: z.number(),
    newKits: z.number(),
    shortDevices: z.number(),
    shortKits: z.number(),
  }),
  lines: z.array(runLine),
  unserved: z.array(runLine),
  shortfall: z.array(shortfallRow),
});
export const runListQuery = z.object({ organisationId: idSchema.optional(), districtId: idSchema.optional(), regionId: idSchema.optional() }).strict();
export const runSummary = z.object({
  id: z.number(),
  scopeLevel: z.string(),
  scopeId: z.number(),
  rulesVersion: z.number(),
  reshuffle: z.boolean(),
  confirmedAt: z.string(),
  totals: z.record(z.string(), z.unknown()),
});

// ── appeals ────────────────────────────────────────────────────────────────────────────────────

export const appealBody = z.object({ childId: bodyId, text: z.string().trim().min(3).max(2000) }).strict();
export const appealDecision = z.object({ decision: z.enum(['upheld', 'rejected']), note: z.string().trim().min(1).max(1000) }).strict();
export const appealView = z.object({
  id: z.number(),
  organisationId: z.number(),
  householdKey: z.string(),
  text: z.string(),
  submittedAt: z.string(),
  status: z.enum(['open', 'upheld', 'rejected']),
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  appellant: personName.nullable(),
});

// ── loans ──────────────────────────────────────────────────────────────────────────────────────

export const loanBody = z
  .object({
    organisationId: bodyId,
    inventoryNumber: z.string().trim().min(1).max(60),
    /** the household: its allocation (the recipient is the allocation's) … */
    allocationId: bodyId.optional(),
    /** … or a person directly (a parent, an adult student, a teacher) */
    recipientId: bodyId.optional(),
    dueOn: isoDate.optional(),
    language: z.enum(['kk', 'ru']).default('kk'),
  })
  .strict()
  .refine((b) => (b.allocationId === undefined) !== (b.recipientId === undefined), 'give allocationId or recipientId');
export const returnBody = z.object({ condition: itemCondition }).strict();
export const loanListQuery = z
  .object({
    organisationId: idSchema.optional(),
    status: z.enum(['open', 'overdue', 'returned', 'all']).default('open'),
  })
  .strict();
export const loanView = z.object({
  id: z.number(),
  organisationId: z.number(),
  householdKey: z.string(),
  item: z.object({ id: z.number(), kind: itemKind, category: itemCategory, inventoryNumber: z.string(), serial: z.string().nullable() }),
  recipient: personName.extend({ id: z.number() }).nullable(),
  issuedAt: z.string(),
  dueOn: z.string(),
  language: z.enum(['kk', 'ru']),
  recalledAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  returnedCondition: z.string().nullable(),
  overdue: z.boolean(),
});
export const loanList = z.object({ items: z.array(loanView) });
export const agreementQuery = z.object({ lang: z.enum(['kk', 'ru']).optional() }).strict();
export const recallResult = z.object({ recalled: z.number(), notified: z.number() });

// ── textbooks ──────────────────────────────────────────────────────────────────────────────────

export const classTextbookBody = z.object({ titleId: bodyId, condition: itemCondition.optional() }).strict();
export const classTextbookResult = z.object({ pupils: z.number(), changed: z.number() });
export const publicTextbook = z.object({
  id: z.number(),
  title: z.string(),
  grade: z.number(),
  subject: z.string(),
  language: z.string(),
  publisher: z.string(),
  year: z.number(),
  isbn: z.string(),
  eVersionUrl: z.string().nullable(),
  eVersionBytes: z.number().nullable(),
});

// ── officers ───────────────────────────────────────────────────────────────────────────────────

export const areasQuery = z.object({ regionId: idSchema.optional(), districtId: idSchema.optional() }).strict();
/** figures about people are null when hidden (a small number, or one that would reveal it: analytics' rule) */
export const areaRow = z.object({
  level: z.enum(['region', 'district', 'organisation']),
  id: z.number(),
  name: localisedName,
  pupils: z.number().nullable(),
  answered: z.number().nullable(),
  withoutDevice: z.number().nullable(),
  withoutInternet: z.number().nullable(),
  devicesAllocated: z.number().nullable(),
  devicesIssued: z.number().nullable(),
  kitsAllocated: z.number().nullable(),
  kitsIssued: z.number().nullable(),
  shortDevices: z.number().nullable(),
  shortKits: z.number().nullable(),
});
export const areasResponse = z.object({ level: z.enum(['country', 'region', 'district']), threshold: z.number(), rows: z.array(areaRow) });

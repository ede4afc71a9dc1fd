import { z } from 'zod';
import { localisedName, page } from './common.js';
import { organisationKind } from './organisations.js';

/**
 * Learning formats: the epidemic situation of each area, the versioned format rules, the decision
 * for every organisation and class (with a reason that each language renders), officers' overrides,
 * the impact preview, and in-app notifications. Shared by the server and the web.
 */

export const FORMATS = ['regular', 'distance', 'duty', 'combined'] as const;
export const formatCode = z.enum(FORMATS);
export type FormatCode = z.infer<typeof formatCode>;

/**
 * Levels are stored on one three-step scale. With the 'binary' scale setting, green reads
 * "favourable", red reads "unfavourable" and yellow is refused; with 'zones' all three are zones.
 */
export const SITUATION_LEVELS = ['green', 'yellow', 'red'] as const;
export const situationLevel = z.enum(SITUATION_LEVELS);
export type SituationLevel = z.infer<typeof situationLevel>;
export const situationScale = z.enum(['binary', 'zones']);
export type SituationScale = z.infer<typeof situationScale>;

export const AREA_LEVELS = ['country', 'region', 'district', 'settlement'] as const;
export const areaLevel = z.enum(AREA_LEVELS);
export type AreaLevel = z.infer<typeof areaLevel>;

export const ACTIVITIES = ['lecture', 'seminar', 'lab', 'practice'] as const;
export const activityKind = z.enum(ACTIVITIES);
export type ActivityKind = z.infer<typeof activityKind>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD').refine(
  (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
  'not a calendar date',
);
export const dateString = isoDate;
const groupCode = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lower-case code: letters, digits, _ or -');

// ── the rule set (JSON edited by the ministry, or a region where the setting allows) ──────────

/** What a rule decides. `combined`: the activities in `onSite` happen on site, the rest online. */
export const ruleOutcome = z.object({
  format: formatCode,
  onSite: z.array(activityKind).min(1).max(4).optional(),
  /** the most pupils in an on-site subgroup (combined) or a duty group (duty) */
  subgroupMax: z.number().int().min(1).max(60).optional(),
}).strict().superRefine((o, ctx) => {
  if (o.format === 'combined' && !o.onSite) {
    ctx.addIssue({ code: 'custom', path: ['onSite'], message: 'a combined format must say which activities happen on site' });
  }
  if (o.format !== 'combined' && o.onSite) {
    ctx.addIssue({ code: 'custom', path: ['onSite'], message: 'onSite only applies to the combined format' });
  }
});
export type RuleOutcome = z.infer<typeof ruleOutcome>;

/** Every condition that is present must hold (AND); an absent condition matches anything. */
export const ruleCondition = z.object({
  /** 'organisation': the whole organisation's decision; 'class': a class or group's decision */
  level: z.enum(['organisation', 'class']).optional(),
  kinds: z.array(organisationKind).min(1).optional(),
  settlement: z.enum(['rural', 'urban']).optional(),
  maxPupils: z.number().int().min(0).max(1_000_000).optional(),
  minPupils: z.number().int().min(0).max(1_000_000).optional(),
  situation: z.array(situationLevel).min(1).optional(),
  grades: z.array(z.number().int().min(0).max(12)).min(1).max(13).optional(),
  specialtyGroups: z.array(groupCode).min(1).max(50).optional(),
  /** region codes, e.g. 'turkistan' */
  regions: z.array(z.string().min(1).max(60)).min(1).max(30).optional(),
}).strict();
export type RuleCondition = z.infer<typeof ruleCondition>;

export const formatRule = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,20}$/, 'a short id: letters, digits, . _ -'),
  title: z.string().max(200).optional(),
  when: ruleCondition,
  then: ruleOutcome,
}).strict();
export type FormatRule = z.infer<typeof formatRule>;

export const ruleSetBody = z.object({
  name: z.string().trim().min(1).max(200),
  /** the level assumed where no area up the tree has recorded a situation */
  unknownSituation: situationLevel.default('red'),
  /** specialty group code → keywords; a class's specialty belongs to the first group whose keyword it contains */
  specialtyGroups: z.record(groupCode, z.array(z.string().trim().min(1).max(100)).max(200)).default({}),
  /** the first rule whose conditions all hold decides */
  rules: z.array(formatRule).max(200),
  /** applies where no rule matches; without it, an organisation no rule covers makes the set incomplete */
  default: ruleOutcome.optional(),
}).strict().superRefine((body, ctx) => {
  const seen = new Set<string>();
  body.rules.forEach((rule, i) => {
    if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `rule id "${rule.id}" is used twice` });
    seen.add(rule.id);
    for (const [j, g] of (rule.when.specialtyGroups ?? []).entries()) {
      if (!(g in body.specialtyGroups)) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'when', 'specialtyGroups', j], message: `specialty group "${g}" is not defined in specialtyGroups` });
      }
    }
    const { minPupils, maxPupils } = rule.when;
    if (minPupils !== undefined && maxPupils !== undefined && minPupils > maxPupils) {
      ctx.addIssue({ code: 'custom', path: ['rules', i, 'when', 'minPupils'], message: 'minPupils is greater than maxPupils' });
    }
  });
});
export type RuleSetBody = z.infer<typeof ruleSetBody>;
export type RuleSetBodyInput = z.input<typeof ruleSetBody>;

// ── reasons: structured parts, rendered in each language ─────────────────────────────────────

export const reasonPart = z.object({
  code: z.enum(['subject', 'situation', 'grade', 'specialty', 'region', 'on_site', 'duty_groups', 'rule', 'default_rule', 'override']),
  params: z.record(z.string(), z.unknown()),
});
export type ReasonPart = z.infer<typeof reasonPart>;

type Lang = 'kk' | 'ru' | 'en';
type Words = Record<Lang, string>;

export const FORMAT_LABELS: Record<FormatCode, Words> = {
  regular: { kk: 'Дәстүрлі оқыту', ru: 'Очное обучение', en: 'Regular' },
  distance: { kk: 'Қашықтан оқыту', ru: 'Дистанционное обучение', en: 'Distance' },
  duty: { kk: 'Кезекші сыныптар', ru: 'Дежурные классы', en: 'Duty classes' },
  combined: { kk: 'Аралас оқыту', ru: 'Комбинированное обучение', en: 'Combined' },
};

export const LEVEL_LABELS: Record<SituationScale, Record<SituationLevel, Words>> = {
  binary: {
    green: { kk: 'қолайлы', ru: 'благоприятная', en: 'favourable' },
    yellow: { kk: 'сары аймақ', ru: 'жёлтая зона', en: 'yellow zone' },
    red: { kk: 'қолайсыз', ru: 'неблагоприятная', en: 'unfavourable' },
  },
  zones: {
    green: { kk: 'жасыл аймақ', ru: 'зелёная зона', en: 'green zone' },
    yellow: { kk: 'сары аймақ', ru: 'жёлтая зона', en: 'yellow zone' },
    red: { kk: 'қызыл аймақ', ru: 'красная зона', en: 'red zone' },
  },
};

export const AREA_LABELS: Record<AreaLevel, Words> = {
  country: { kk: 'ел', ru: 'страна', en: 'country' },
  region: { kk: 'облыс', ru: 'область', en: 'region' },
  district: { kk: 'аудан', ru: 'район', en: 'district' },
  settlement: { kk: 'елді мекен', ru: 'населённый пункт', en: 'settlement' },
};

const KIND_NOUNS: Record<string, Words & { ruGender: 'f' | 'm' }> = {
  school: { kk: 'мектеп', ru: 'школа', en: 'school', ruGender: 'f' },
  college: { kk: 'колледж', ru: 'колледж', en: 'college', ruGender: 'm' },
  university: { kk: 'жоғары оқу орны', ru: 'вуз', en: 'university', ruGender: 'm' },
  kindergarten: { kk: 'балабақша', ru: 'детский сад', en: 'kindergarten', ruGender: 'm' },
  additional: { kk: 'қосымша білім беру ұйымы', ru: 'организация доп. образования', en: 'additional-education centre', ruGender: 'f' },
};

const SETTLEMENT_ADJ: Record<'rural' | 'urban', { kk: string; ruF: string; ruM: string; en: string }> = {
  rural: { kk: 'ауылдық', ruF: 'сельская', ruM: 'сельский', en: 'rural' },
  urban: { kk: 'қалалық', ruF: 'городская', ruM: 'городской', en: 'urban' },
};

const ACTIVITY_LABELS: Record<ActivityKind, Words> = {
  lecture: { kk: 'дәрістер', ru: 'лекции', en: 'lectures' },
  seminar: { kk: 'семинарлар', ru: 'семинары', en: 'seminars' },
  lab: { kk: 'зертханалық сабақтар', ru: 'лабораторные', en: 'labs' },
  practice: { kk: 'практика', ru: 'практика', en: 'practice' },
};

export const SPECIALTY_GROUP_LABELS: Record<string, Words> = {
  pedagogical: { kk: 'педагогикалық', ru: 'педагогическая', en: 'pedagogical' },
  it: { kk: 'АТ', ru: 'ИТ', en: 'IT' },
  social: { kk: 'әлеуметтік', ru: 'социальная', en: 'social' },
  humanitarian: { kk: 'гуманитарлық', ru: 'гуманитарная', en: 'humanitarian' },
  technical: { kk: 'техникалық', ru: 'техническая', en: 'technical' },
  agricultural: { kk: 'ауыл шаруашылығы', ru: 'сельскохозяйственная', en: 'agricultural' },
  medical: { kk: 'медициналық', ru: 'медицинская', en: 'medical' },
  art: { kk: 'өнер', ru: 'искусство', en: 'art' },
};

const AND: Words = { kk: 'және', ru: 'и', en: 'and' };

/** '2020-08-20' → '20.08.2020' (the way dates are written in Kazakhstan in every language). */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

function list(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${AND[lang]} ${items[items.length - 1]}`;
}

/** [1,2,3,4] → '1–4'; [1,3] → '1, 3' */
export function gradeRange(grades: number[]): string {
  const g = [...new Set(grades)].sort((a, b) => a - b);
  if (g.length > 1 && g[g.length - 1]! - g[0]! === g.length - 1) return `${g[0]}–${g[g.length - 1]}`;
  return g.join(', ');
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function renderPart(part: ReasonPart, lang: Lang): string {
  const p = part.params;
  switch (part.code) {
    case 'subject': {
      const noun = KIND_NOUNS[str(p.kind)] ?? { kk: str(p.kind), ru: str(p.kind), en: str(p.kind), ruGender: 'm' as const };
      const adj = p.settlement === 'rural' || p.settlement === 'urban' ? SETTLEMENT_ADJ[p.settlement] : null;
      const adjText = adj ? (lang === 'ru' ? (noun.ruGender === 'f' ? adj.ruF : adj.ruM) : adj[lang]) : '';
      let text = adjText ? `${adjText} ${noun[lang]}` : noun[lang];
      const count = num(p.pupils);
      if (count !== undefined) {
        const bound = num(p.maxPupils) !== undefined ? ` (≤ ${p.maxPupils})` : num(p.minPupils) !== undefined ? ` (≥ ${p.minPupils})` : '';
        const students = p.kind === 'college' || p.kind === 'university';
        if (lang === 'en') text += ` with ${count} ${students ? 'students' : 'pupils'}${bound}`;
        if (lang === 'ru') text += `, ${students ? 'студентов' : 'учащихся'}: ${count}${bound}`;
        if (lang === 'kk') text += `, ${count} ${students ? 'студент' : 'оқушы'}${bound}`;
      }
      return text;
    }
    case 'situation': {
      const scale: SituationScale = p.scale === 'zones' ? 'zones' : 'binary';
      const level = (SITUATION_LEVELS as readonly string[]).includes(str(p.level)) ? (p.level as SituationLevel) : 'red';
      const label = LEVEL_LABELS[scale][level][lang];
      if (p.assumed) {
        if (lang === 'en') return `no situation recorded, taken as ${label}`;
        if (lang === 'ru') return `обстановка не указана, принята как «${label}»`;
        return `жағдай енгізілмеген, «${label}» деп алынды`;
      }
      const area = (AREA_LEVELS as readonly string[]).includes(str(p.area)) ? AREA_LABELS[p.area as AreaLevel][lang] : str(p.area);
      const since = p.since ? formatDate(str(p.since)) : '';
      if (lang === 'en') return `${area} ${label}${since ? ` since ${since}` : ''}`;
      if (lang === 'ru') return `${area}: ${label}${since ? ` с ${since}` : ''}`;
      return `${area}: ${since ? `${since} бастап ` : ''}${label}`;
    }
    case 'grade': {
      const grades = Array.isArray(p.grades) ? (p.grades as number[]) : [];
      if (lang === 'en') return `grade ${p.grade} (grades ${gradeRange(grades)})`;
      if (lang === 'ru') return `${p.grade} класс (классы ${gradeRange(grades)})`;
      return `${p.grade}-сынып (${gradeRange(grades)} сыныптар)`;
    }
    case 'specialty': {
      const group = SPECIALTY_GROUP_LABELS[str(p.group)]?.[lang] ?? str(p.group);
      if (lang === 'en') return `specialty “${str(p.specialty)}” (${group} group)`;
      if (lang === 'ru') return `специальность «${str(p.specialty)}» (группа: ${group})`;
      return `«${str(p.specialty)}» мамандығы (${group} тобы)`;
    }
    case 'region':
      if (lang === 'en') return `region ${str(p.name ?? p.code)}`;
      if (lang === 'ru') return `регион: ${str(p.name ?? p.code)}`;
      return `өңір: ${str(p.name ?? p.code)}`;
    case 'on_site': {
      const onSite = (Array.isArray(p.activities) ? p.activities : []) as ActivityKind[];
      const online = ACTIVITIES.filter((a) => !onSite.includes(a));
      const names = (xs: readonly ActivityKind[]) => list(xs.map((a) => ACTIVITY_LABELS[a]?.[lang] ?? a), lang);
      const sub = num(p.subgroupMax);
      if (lang === 'en') return `${online.length ? `${names(online)} online; ` : ''}${names(onSite)} on site${sub ? ` in subgroups of ≤ ${sub}` : ''}`;
      if (lang === 'ru') return `${online.length ? `${names(online)} онлайн; ` : ''}${names(onSite)} очно${sub ? `, подгруппы до ${sub}` : ''}`;
      return `${online.length ? `${names(online)} онлайн; ` : ''}${names(onSite)} орнында${sub ? `, топшада ${sub}-ке дейін` : ''}`;
    }
    case 'duty_groups': {
      const sub = num(p.subgroupMax);
      if (lang === 'en') return `in-person groups on parents' application${sub ? ` (≤ ${sub} each)` : ''}`;
      if (lang === 'ru') return `очные группы по заявлению родителей${sub ? ` (до ${sub} детей)` : ''}`;
      return `ата-ана өтініші бойынша топтар${sub ? ` (${sub} балаға дейін)` : ''}`;
    }
    case 'rule': {
      const regional = p.regional ? { kk: 'өңірлік ', ru: 'региональные ', en: 'regional ' }[lang] : '';
      if (lang === 'en') return `${regional}rules v${p.version} rule ${str(p.rule)}`;
      if (lang === 'ru') return `${regional}правила v${p.version}, правило ${str(p.rule)}`;
      return `${regional}ережелер v${p.version}, ${str(p.rule)}-ереже`;
    }
    case 'default_rule':
      if (lang === 'en') return `no rule matched: default of rules v${p.version}`;
      if (lang === 'ru') return `ни одно правило не подошло: по умолчанию (правила v${p.version})`;
      return `ешбір ереже сәйкес келмеді: әдепкі (ережелер v${p.version})`;
    case 'override': {
      const since = p.since ? formatDate(str(p.since)) : '';
      if (lang === 'en') return `set by an officer: “${str(p.note)}”${since ? ` from ${since}` : ''}`;
      if (lang === 'ru') return `установлено вручную: «${str(p.note)}»${since ? ` с ${since}` : ''}`;
      return `қолмен белгіленді: «${str(p.note)}»${since ? ` ${since} бастап` : ''}`;
    }
  }
}

/** "Regular: rural school with 142 pupils (≤ 180), district favourable since 20.08.2020, rules v3 rule 2" */
export function renderReason(format: FormatCode, parts: ReasonPart[], lang: Lang): string {
  return `${FORMAT_LABELS[format][lang]}: ${parts.map((p) => renderPart(p, lang)).join(', ')}`;
}

// ── API shapes ───────────────────────────────────────────────────────────────────────────────

export const formatsSettings = z.object({
  situationScale: situationScale,
  regionsMayEditRules: z.boolean(),
});
export type FormatsSettings = z.infer<typeof formatsSettings>;
export const formatsSettingsBody = formatsSettings.strict();

const areaRef = z.object({ level: areaLevel, id: z.number().int().positive().nullable() }).strict();
const source = z.string().trim().min(3).max(500);

export const situationBody = z.object({
  area: areaRef,
  /** null: the area stops recording its own and inherits from above again */
  level: situationLevel.nullable(),
  effectiveFrom: isoDate,
  /** the decree or source, e.g. "Decree of the chief sanitary doctor of Almaty region No. 12 of 18.08.2020" */
  source,
}).strict();
export type SituationBody = z.infer<typeof situationBody>;

export const effectiveSituation = z.object({
  level: situationLevel,
  area: areaLevel.nullable(),
  since: z.string().nullable(),
  source: z.string().nullable(),
  /** no record anywhere up the tree: the rule set's `unknownSituation` applies */
  assumed: z.boolean(),
});

export const situationRecord = z.object({
  id: z.number(),
  area: z.object({ level: areaLevel, id: z.number().nullable(), name: localisedName }),
  level: situationLevel.nullable(),
  effectiveFrom: z.string(),
  source: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
});
export type SituationRecord = z.infer<typeof situationRecord>;

export const areaSituation = z.object({
  area: z.object({ level: areaLevel, id: z.number().nullable(), name: localisedName }),
  /** the area's own latest record in force today, if any */
  own: situationRecord.nullable(),
  effective: effectiveSituation,
  /** may the actor record a situation here */
  canRecord: z.boolean(),
  hasChildren: z.boolean(),
});
export const areaList = z.object({ scale: situationScale, items: z.array(areaSituation) });
export const areaQuery = z.object({
  /** omit both: the top areas of the actor's scope; regionId: its districts; districtId: its settlements */
  regionId: z.coerce.number().int().positive().optional(),
  districtId: z.coerce.number().int().positive().optional(),
  /** the date the situations are read for; default today */
  date: isoDate.optional(),
}).strict();
export const situationHistoryQuery = z.object({
  level: areaLevel,
  id: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export const situationHistory = page(situationRecord);

/** organisations: those whose own format or a class's format changes; pupils: of the changed classes */
const countRow = { organisations: z.number(), classes: z.number(), pupils: z.number() };
/** What a change would do (preview) or did (publish): format changes on the effective date. */
export const impactSchema = z.object({
  effectiveFrom: z.string(),
  totals: z.object(countRow),
  byDistrict: z.array(z.object({
    region: z.object({ id: z.number(), name: localisedName }),
    district: z.object({ id: z.number(), name: localisedName }),
    ...countRow,
  })),
  transitions: z.array(z.object({ from: formatCode.nullable(), to: formatCode, organisations: z.number(), classes: z.number() })),
  /** up to 20 organisations (or one of their classes) that change, to check the rules by eye */
  examples: z.array(z.object({
    organisation: z.object({ id: z.number(), name: localisedName }),
    class: z.object({ id: z.number(), name: z.string() }).nullable(),
    from: formatCode.nullable(), to: formatCode, reason: z.array(reasonPart), reasonText: z.string(),
  })),
  /** changes hidden by an officer's override in force (the override keeps the format) */
  heldByOverride: z.number(),
});
export type Impact = z.infer<typeof impactSchema>;

export const situationRecorded = z.object({ situation: situationRecord, impact: impactSchema });

export const ruleSetSource = z.object({
  /** the region whose own rules these are; null: the country's */
  regionId: z.number().int().positive().nullable(),
  /** the rule set as JSON (an object) or as JSON text typed in an editor; exactly one of the two */
  body: z.unknown().optional(),
  source: z.string().max(200_000).optional(),
  /** default: today; the past is clamped to today (lessons already held are history) */
  effectiveFrom: isoDate.optional(),
}).strict();
export const ruleSetPublishBody = ruleSetSource.extend({
  notes: z.string().trim().max(1000).default(''),
  /** the version the editor started from; another publication since then → 409 */
  basedOnVersion: z.number().int().min(0).nullable().optional(),
}).strict();

export const ruleSetSummary = z.object({
  id: z.number(),
  version: z.number(),
  region: z.object({ id: z.number(), name: localisedName }).nullable(),
  name: z.string(),
  effectiveFrom: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  notes: z.string(),
});
export const ruleSetDetail = ruleSetSummary.extend({ body: ruleSetBody });
export const ruleSetList = z.object({ items: z.array(ruleSetSummary), canPublish: z.boolean() });
export const ruleSetListQuery = z.object({ regionId: z.coerce.number().int().positive().optional() }).strict();
export const ruleSetPublished = z.object({ ruleSet: ruleSetSummary, impact: impactSchema });
export const ruleSetPreview = z.object({ version: z.number(), impact: impactSchema });
export const currentRuleSetQuery = z.object({ regionId: z.coerce.number().int().positive().optional() }).strict();

export const decisionSchema = z.object({
  format: formatCode,
  onSite: z.array(activityKind).nullable(),
  subgroupMax: z.number().nullable(),
  reason: z.array(reasonPart),
  /** the reason rendered in English; the web renders `reason` in the reader's language */
  reasonText: z.string(),
  effectiveFrom: z.string(),
  /** 'override' when an officer's override is in force */
  source: z.enum(['decision', 'override']),
  ruleSet: z.object({ id: z.number(), version: z.number() }).nullable(),
  ruleId: z.string().nullable(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const overrideSchema = z.object({
  id: z.number(),
  organisationId: z.number(),
  classId: z.number().nullable(),
  className: z.string().nullable(),
  format: formatCode,
  onSite: z.array(activityKind).nullable(),
  subgroupMax: z.number().nullable(),
  reason: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  revokeReason: z.string().nullable(),
});

export const organisationDecisionRow = z.object({
  organisation: z.object({
    id: z.number(), kind: organisationKind, name: localisedName, pupilCount: z.number(),
    district: z.object({ id: z.number(), name: localisedName }),
    settlement: z.object({ id: z.number(), name: localisedName, kind: z.enum(['urban', 'rural']) }),
  }),
  decision: decisionSchema.nullable(),
  /** the organisation's classes counted by their effective format */
  classesByFormat: z.record(z.string(), z.number()),
});
export const decisionPage = page(organisationDecisionRow);
export const decisionQuery = z.object({
  regionId: z.coerce.number().int().positive().optional(),
  districtId: z.coerce.number().int().positive().optional(),
  format: formatCode.optional(),
  kind: organisationKind.optional(),
  date: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
}).strict();

export const organisationDecisions = organisationDecisionRow.extend({
  situation: effectiveSituation,
  classes: z.array(z.object({
    id: z.number(), name: z.string(), grade: z.number().nullable(), specialty: z.string().nullable(),
    pupils: z.number(), decision: decisionSchema.nullable(),
  })),
  overrides: z.array(overrideSchema),
  canOverride: z.boolean(),
});
export const dateQuery = z.object({ date: isoDate.optional() }).strict();

export const overrideBody = z.object({
  organisationId: z.number().int().positive(),
  classId: z.number().int().positive().nullable().default(null),
  format: formatCode,
  onSite: z.array(activityKind).min(1).max(4).nullable().default(null),
  subgroupMax: z.number().int().min(1).max(60).nullable().default(null),
  reason: z.string().trim().min(3).max(500),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable().default(null),
}).strict();
export const revokeBody = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

export const classFormat = z.object({
  classId: z.number(),
  date: z.string(),
  decision: decisionSchema.nullable(),
});

// ── notifications (in-app) ───────────────────────────────────────────────────────────────────

export const notificationSchema = z.object({
  id: z.number(),
  /** e.g. 'formats.format_changed', 'duty.placed'; the web renders `params` by kind */
  kind: z.string(),
  params: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const notificationPage = page(notificationSchema).extend({ unread: z.number() });
export const notificationQuery = z.object({
  unreadOnly: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
}).strict();

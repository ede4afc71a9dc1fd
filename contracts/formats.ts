import { z } from 'zod';
import { localisedName, page, idSchema, bodyId } from './common.js';
import { organisationKind } from './organisations.js';
import { ACTIVITIES, AREA_LEVELS, FORMATS, REASON_CODES, SITUATION_LEVELS, SITUATION_SCALES, type ActivityKind, type FormatCode } from './formats-reason.js';

/**
 * Learning formats: the epidemic situation of each area, the versioned format rules, the decision
 * for every organisation and class (with a reason that each language renders), officers' overrides,
 * the impact preview, and in-app notifications. Shared by the server and the web.
 */

export { FORMATS, SITUATION_LEVELS, AREA_LEVELS, ACTIVITIES } from './formats-reason.js';
export type { FormatCode, SituationLevel, SituationScale, AreaLevel, ActivityKind } from './formats-reason.js';
export const formatCode = z.enum(FORMATS);

/**
 * Levels are stored on one three-step scale. With the 'binary' scale setting, green reads
 * "favourable", red reads "unfavourable" and yellow is refused; with 'zones' all three are zones.
 */
export const situationLevel = z.enum(SITUATION_LEVELS);
export const situationScale = z.enum(SITUATION_SCALES);

export const areaLevel = z.enum(AREA_LEVELS);

export const activityKind = z.enum(ACTIVITIES);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a calendar date');
export const dateString = isoDate;
const groupCode = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lower-case code: letters, digits, _ or -');

// ── the rule set (JSON edited by the ministry, or a region where the setting allows) ──────────

/** What a rule decides. `combined`: the activities in `onSite` happen on site, the rest online. */
export const ruleOutcome = z
  .object({
    format: formatCode,
    onSite: z.array(activityKind).min(1).max(4).optional(),
    /** the most pupils in an on-site subgroup (combined) or a duty group (duty) */
    subgroupMax: z.number().int().min(1).max(60).optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.format === 'combined' && !o.onSite) {
      ctx.addIssue({ code: 'custom', path: ['onSite'], message: 'a combined format must say which activities happen on site' });
    }
    if (o.format !== 'combined' && o.onSite) {
      ctx.addIssue({ code: 'custom', path: ['onSite'], message: 'onSite only applies to the combined format' });
    }
  });
export type RuleOutcome = z.infer<typeof ruleOutcome>;

/** Every condition that is present must hold (AND); an absent condition matches anything. */
export const ruleCondition = z
  .object({
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
  })
  .strict();
export type RuleCondition = z.infer<typeof ruleCondition>;

/** A text written in the three interface languages (the reader sees theirs). */
export const localisedText = (max: number) =>
  z
    .object({
      kk: z.string().trim().min(1).max(max),
      ru: z.string().trim().min(1).max(max),
      en: z.string().trim().min(1).max(max),
    })
    .strict();
export type LocalisedText = z.infer<ReturnType<typeof localisedText>>;

export const formatRule = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.-]{1,20}$/, 'a short id: letters, digits, . _ -'),
    /** one text, or one per interface language */
    title: z.union([z.string().max(200), localisedText(200)]).optional(),
    when: ruleCondition,
    then: ruleOutcome,
  })
  .strict();
export type FormatRule = z.infer<typeof formatRule>;

export const ruleSetBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** the name in each interface language (shown instead of `name` where present) */
    names: localisedText(200).optional(),
    /** what this set is about, in each interface language (shown beside the version's notes) */
    about: localisedText(1000).optional(),
    /** the level assumed where no area up the tree has recorded a situation */
    unknownSituation: situationLevel.default('red'),
    /** specialty group code → keywords; a class's specialty belongs to the first group whose keyword it contains */
    specialtyGroups: z.record(groupCode, z.array(z.string().trim().min(1).max(100)).max(200)).default({}),
    /** the first rule whose conditions all hold decides */
    rules: z.array(formatRule).max(200),
    /** applies where no rule matches; without it, an organisation no rule covers makes the set incomplete */
    default: ruleOutcome.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `rule id "${rule.id}" is used twice` });
      seen.add(rule.id);
      for (const [j, g] of (rule.when.specialtyGroups ?? []).entries()) {
        if (!(g in body.specialtyGroups)) {
          ctx.addIssue({
            code: 'custom',
            path: ['rules', i, 'when', 'specialtyGroups', j],
            message: `specialty group "${g}" is not defined in specialtyGroups`,
          });
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

// ── reasons: structured parts, rendered in each language (contracts/formats-reason.ts) ──────

export const reasonPart = z.object({ code: z.enum(REASON_CODES), params: z.record(z.string(), z.unknown()) });
export type { ReasonPart } from './formats-reason.js';
export { FORMAT_LABELS, LEVEL_LABELS, AREA_LABELS, renderReason, renderReasonParts } from './formats-reason.js';

// ── API shapes ───────────────────────────────────────────────────────────────────────────────

export const formatsSettings = z.object({
  situationScale: situationScale,
  regionsMayEditRules: z.boolean(),
});
export type FormatsSettings = z.infer<typeof formatsSettings>;
export const formatsSettingsBody = formatsSettings.strict();

const areaRef = z.object({ level: areaLevel, id: bodyId.nullable() }).strict();
const source = z.string().trim().min(3).max(500);

export const situationBody = z
  .object({
    area: areaRef,
    /** null: the area stops recording its own and inherits from above again */
    level: situationLevel.nullable(),
    effectiveFrom: isoDate,
    /** the decree or source, e.g. "Decree of the chief sanitary doctor of Almaty region No. 12 of 18.08.2020" */
    source,
  })
  .strict();
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
  /** the area's own next record that takes effect after the date (a change already scheduled), if any */
  scheduled: situationRecord.nullable().optional(),
  effective: effectiveSituation,
  /** may the actor record a situation here */
  canRecord: z.boolean(),
  hasChildren: z.boolean(),
});
export const areaList = z.object({ scale: situationScale, items: z.array(areaSituation) });
export const areaQuery = z
  .object({
    /** omit both: the top areas of the actor's scope; regionId: its districts; districtId: its settlements */
    regionId: idSchema.optional(),
    districtId: idSchema.optional(),
    /** the date the situations are read for; default today */
    date: isoDate.optional(),
  })
  .strict();
export const situationHistoryQuery = z
  .object({
    level: areaLevel,
    id: idSchema.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export const situationHistory = page(situationRecord);

/** organisations: those whose own format or a class's format changes; pupils: of the changed classes */
const countRow = { organisations: z.number(), classes: z.number(), pupils: z.number() };
/** What a change would do (preview) or did (publish): format changes on the effective date. */
export const impactSchema = z.object({
  effectiveFrom: z.string(),
  totals: z.object(countRow),
  byDistrict: z.array(
    z.object({
      region: z.object({ id: z.number(), name: localisedName }),
      district: z.object({ id: z.number(), name: localisedName }),
      ...countRow,
    }),
  ),
  transitions: z.array(z.object({ from: formatCode.nullable(), to: formatCode, organisations: z.number(), classes: z.number() })),
  /** up to 20 organisations (or one of their classes) that change, to check the rules by eye */
  examples: z.array(
    z.object({
      organisation: z.object({ id: z.number(), name: localisedName }),
      class: z.object({ id: z.number(), name: z.string() }).nullable(),
      from: formatCode.nullable(),
      to: formatCode,
      reason: z.array(reasonPart),
      reasonText: z.string(),
    }),
  ),
  /** changes hidden by an officer's override in force (the override keeps the format) */
  heldByOverride: z.number(),
});
export type Impact = z.infer<typeof impactSchema>;

export const situationRecorded = z.object({ situation: situationRecord, impact: impactSchema });

export const ruleSetSource = z
  .object({
    /** the region whose own rules these are; null: the country's */
    regionId: bodyId.nullable(),
    /** the rule set as JSON (an object) or as JSON text typed in an editor; exactly one of the two */
    body: z.unknown().optional(),
    source: z.string().max(200_000).optional(),
    /** default: today; the past is clamped to today (lessons already held are history) */
    effectiveFrom: isoDate.optional(),
  })
  .strict();
export const ruleSetPublishBody = ruleSetSource
  .extend({
    notes: z.string().trim().max(1000).default(''),
    /** the version the editor started from; another publication since then → 409 */
    basedOnVersion: z.number().int().min(0).nullable().optional(),
  })
  .strict();

export const ruleSetSummary = z.object({
  id: z.number(),
  version: z.number(),
  region: z.object({ id: z.number(), name: localisedName }).nullable(),
  name: z.string(),
  effectiveFrom: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  notes: z.string(),
  /** the body's `names` and `about`, when it has them */
  names: localisedText(200).nullable().optional(),
  about: localisedText(1000).nullable().optional(),
});
export const ruleSetDetail = ruleSetSummary.extend({ body: ruleSetBody });
export const ruleSetList = z.object({ items: z.array(ruleSetSummary), canPublish: z.boolean() });
export const ruleSetListQuery = z.object({ regionId: idSchema.optional() }).strict();
export const ruleSetPublished = z.object({ ruleSet: ruleSetSummary, impact: impactSchema });
export const ruleSetPreview = z.object({ version: z.number(), impact: impactSchema });
export const currentRuleSetQuery = z.object({ regionId: idSchema.optional() }).strict();

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
    id: z.number(),
    kind: organisationKind,
    name: localisedName,
    pupilCount: z.number(),
    district: z.object({ id: z.number(), name: localisedName }),
    settlement: z.object({ id: z.number(), name: localisedName, kind: z.enum(['urban', 'rural']) }),
  }),
  decision: decisionSchema.nullable(),
  /** the organisation's classes counted by their effective format */
  classesByFormat: z.record(z.string(), z.number()),
});
export const decisionPage = page(organisationDecisionRow);
export const decisionQuery = z
  .object({
    regionId: idSchema.optional(),
    districtId: idSchema.optional(),
    format: formatCode.optional(),
    kind: organisationKind.optional(),
    date: isoDate.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const organisationDecisions = organisationDecisionRow.extend({
  situation: effectiveSituation,
  classes: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      grade: z.number().nullable(),
      specialty: z.string().nullable(),
      pupils: z.number(),
      decision: decisionSchema.nullable(),
    }),
  ),
  overrides: z.array(overrideSchema),
  canOverride: z.boolean(),
});
export const dateQuery = z.object({ date: isoDate.optional() }).strict();

export const overrideBody = z
  .object({
    organisationId: bodyId,
    classId: bodyId.nullable().default(null),
    format: formatCode,
    onSite: z.array(activityKind).min(1).max(4).nullable().default(null),
    subgroupMax: z.number().int().min(1).max(60).nullable().default(null),
    reason: z.string().trim().min(3).max(500),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullable().default(null),
  })
  .strict();
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
export const notificationQuery = z
  .object({
    unreadOnly: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

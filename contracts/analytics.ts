import { z } from 'zod';
import { areasResponse } from './supplies.js';
import { progressRow } from './textbook-supply.js';

/**
 * Analytics: read-only figures for every level (country → region → district → organisation →
 * class), from rollups kept current by the writes (decision 0017); small numbers suppressed for
 * anyone not entitled to the individual records (decision 0018).
 */

/** `country`, `region:<id>`, `district:<id>`, `organisation:<id>`, `class:<id>` */
export const areaKey = z.string().max(40);
export const areaKind = z.enum(['country', 'region', 'district', 'organisation', 'class']);
export type AreaKind = z.infer<typeof areaKind>;

export const exportFormat = z.enum(['json', 'csv', 'xlsx', 'pdf']);

export const overviewQuery = z
  .object({
    area: areaKey.default('country'),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    format: exportFormat.default('json'),
    /** language of the exported file's headers (default: the account's) */
    lang: z.enum(['kk', 'ru', 'en']).optional(),
  })
  .strict();

export const areaRef = z.object({
  key: z.string(),
  kind: areaKind,
  id: z.number().nullable(),
  name: z.object({ kk: z.string(), ru: z.string(), en: z.string() }),
});
export type AreaRef = z.infer<typeof areaRef>;

/** What a figure counts (the web says it in words). */
export const figureUnit = z.enum(['pupils', 'applications', 'attendance_records', 'submissions', 'marks', 'lessons', 'homework']);

export const figureKeys = [
  'pupils_regular',
  'pupils_distance',
  'pupils_duty',
  'pupils_combined',
  'pupils_total',
  'duty_placed',
  'duty_waiting',
  'duty_total',
  'att_in_person',
  'att_online',
  'att_absent',
  'att_excused',
  'att_total',
  'homework_handed_in',
  'homework_marked',
  'marks',
  'lessons',
  'lessons_materials',
  'lessons_remote',
  'homework_set',
] as const;
export type FigureKey = (typeof figureKeys)[number];
export const figureKey = z.enum(figureKeys);

export const figure = z.object({
  key: figureKey,
  /** the group of figures it belongs to (a table with its own sums) */
  table: z.enum(['formats', 'duty', 'attendance', 'homework', 'teaching']),
  /** null when suppressed (a small number, or one that would reveal a small number) */
  value: z.number().nullable(),
  counts: figureUnit,
  /** a state on a date (pupils by format, applications) … */
  asOf: z.iso.date().nullable(),
  /** … or events over a range of school days */
  from: z.iso.date().nullable(),
  to: z.iso.date().nullable(),
});
export type Figure = z.infer<typeof figure>;

export const childRow = z.object({
  area: areaRef,
  values: z.record(z.string(), z.number().nullable()),
});

/** Campus passes (access module): people by status, the blocked by reason category (never a person). */
export const passStatusKeys = [
  'passes_valid',
  'passes_blocked_positive',
  'passes_blocked_vaccination',
  'passes_blocked_expired',
  'passes_no_record',
  'passes_people',
] as const;
/** Gate scans over the range: admitted, refused and their sum. */
export const gateKeys = ['gate_admitted', 'gate_refused', 'gate_scans'] as const;
export type PassStatusKey = (typeof passStatusKeys)[number];
export type GateKey = (typeof gateKeys)[number];
const cells = z.record(z.string(), z.number().nullable());
export const passesFigures = z.object({
  /** statuses as stored now (the status job keeps them current) */
  asOf: z.iso.date(),
  /** gate scans between these school days */
  from: z.iso.date(),
  to: z.iso.date(),
  /** null cells are hidden: small numbers and the cells that would reveal them (decision 0018) */
  suppression: z.object({ applied: z.boolean(), threshold: z.number() }),
  /** the area's children that have campus organisations (universities, colleges), with both tables' cells */
  children: z.array(z.object({ area: areaRef, values: cells })),
  total: cells,
  /** gate scans by ISO weekday (1 Monday … 7 Sunday), summing to the total's gate cells */
  weekdays: z.array(z.object({ weekday: z.number().int().min(1).max(7), values: cells })),
});
export type PassesFigures = z.infer<typeof passesFigures>;

/** Devices, internet and textbooks (supplies module, its own suppression): for the country, a region or a district. */
export const suppliesFigures = z.object({
  devices: areasResponse.nullable(),
  textbooks: z.object({ today: z.string(), rows: z.array(progressRow), totals: progressRow.omit({ level: true, id: true, name: true }) }).nullable(),
});
export type SuppliesFiguresOut = z.infer<typeof suppliesFigures>;

export const overviewResponse = z.object({
  area: areaRef,
  /** from the country (or the actor's top area) down to the parent, for breadcrumbs */
  path: z.array(areaRef),
  from: z.iso.date(),
  to: z.iso.date(),
  asOf: z.iso.date(),
  refreshedAt: z.string().nullable(),
  suppression: z.object({ applied: z.boolean(), threshold: z.number() }),
  figures: z.array(figure),
  /** the next level down, for drill-down (empty for a class) */
  childKind: areaKind.nullable(),
  children: z.array(childRow),
  /** null when the area has no campus organisation (or is a class) */
  passes: passesFigures.nullable(),
  /** null below a district (the supplies module answers by region, district and school) */
  supplies: suppliesFigures.nullable(),
});
export type Overview = z.infer<typeof overviewResponse>;

export const scopeResponse = z.object({
  /** the areas the actor may open, the widest first */
  areas: z.array(areaRef),
});

export const exportJob = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  progress: z.number().min(0).max(1),
  format: exportFormat,
  fileName: z.string().nullable(),
});

/** Weekly reports: an area's summary for the past Monday–Sunday, as files, delivered on a chosen weekday. */
export const reportFormat = z.enum(['csv', 'xlsx', 'pdf']);
export const reportSubscriptionBody = z
  .object({
    area: areaKey,
    formats: z
      .array(reportFormat)
      .min(1)
      .max(3)
      .refine((f) => new Set(f).size === f.length, 'each format once'),
    lang: z.enum(['kk', 'ru', 'en']),
    /** ISO weekday the report arrives on (Almaty time): 1 Monday … 7 Sunday */
    weekday: z.number().int().min(1).max(7),
  })
  .strict();

export const reportSubscription = z.object({
  id: z.number(),
  area: areaRef,
  formats: z.array(reportFormat),
  lang: z.enum(['kk', 'ru', 'en']),
  weekday: z.number(),
  createdAt: z.string(),
});
export const reportSubscriptions = z.object({ items: z.array(reportSubscription) });

export const weeklyReport = z.object({
  id: z.number(),
  /** null when the area is no longer visible to the subscriber */
  area: areaRef.nullable(),
  areaKey: z.string(),
  from: z.iso.date(),
  to: z.iso.date(),
  status: z.enum(['queued', 'done', 'out_of_scope', 'failed']),
  createdAt: z.string(),
  files: z.array(z.object({ format: reportFormat, fileName: z.string(), bytes: z.number() })),
});
export const weeklyReports = z.object({ items: z.array(weeklyReport) });

import { z } from 'zod';
import { idSchema, languageSchema, localisedName } from './common.js';

/** The connectivity register: settlements' internet and TV reception, households' connectivity, pupils cut off. */

/** Internet of a settlement: none, slow (< 4 Mbit/s) or broadband ("good"); the values of `settlements.internet`. */
export const internetLevel = z.enum(['none', 'slow', 'broadband']);
export type InternetLevel = z.infer<typeof internetLevel>;
/** Below this speed (Mbit/s) a settlement's internet is slow (SEED-FACTS: < 4 Mbit/s). */
export const SLOW_BELOW_MBPS = 4;

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const channelCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);
export const channel = z.object({ code: z.string(), name: z.string() });
export const reception = z.object({ code: z.string(), name: z.string(), received: z.boolean() });

/** A count an officer may see, or null where it is suppressed (fewer people than the threshold, or its complement). */
const count = z.number().int().nullable();
export const censusRollup = z.object({
  /** pupils of the settlement's schools in this year's classes (enrolment; never suppressed) */
  pupils: z.number().int(),
  internet: z.object({ none: count, mobile: count, fixed: count, unanswered: count }),
  /** without home internet but technically connectable */
  connectable: count,
  devices: z.object({ none: count, shared: count, own: count, unanswered: count }),
  /** neither a device, nor home internet, nor TV reception in the settlement */
  isolated: count,
});
export type CensusRollup = z.infer<typeof censusRollup>;

export const settlementRow = z.object({
  id: z.number(),
  name: localisedName,
  kind: z.enum(['urban', 'rural']),
  internet: internetLevel,
  internetMbps: z.number().nullable(),
  measuredOn: z.string().nullable(),
  reception: z.array(reception),
  tvReception: z.boolean(),
  schools: z.number().int(),
  census: censusRollup,
});
export type SettlementRow = z.infer<typeof settlementRow>;

export const registerFilter = z.enum(['all', 'no_internet', 'no_tv', 'with_pupils']);
export const exportFormat = z.enum(['json', 'csv', 'xlsx']);
export const registerQuery = z
  .object({ districtId: idSchema, filter: registerFilter.default('all'), format: exportFormat.default('json'), lang: languageSchema.optional() })
  .strict();
export const areaRef = z.object({ id: z.number(), name: localisedName });
export const registerResponse = z.object({
  district: areaRef,
  channels: z.array(channel),
  settlements: z.array(settlementRow),
  total: censusRollup,
  /** the small-number threshold; figures under it (and their complements) are null */
  threshold: z.number(),
});
export type Register = z.infer<typeof registerResponse>;

export const changeLine = z.object({
  field: z.string(),
  old: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  new: z.union([z.string(), z.number(), z.boolean(), z.null()]),
});
export const historyEntry = z.object({
  id: z.number(),
  at: z.string(),
  by: z.object({ lastName: z.string(), firstName: z.string(), middleName: z.string().nullable() }).nullable(),
  reason: z.string(),
  changes: z.array(changeLine),
});
export const settlementDetail = settlementRow.omit({ census: true }).extend({ district: areaRef, history: z.array(historyEntry) });
export type SettlementDetail = z.infer<typeof settlementDetail>;

export const settlementEdit = z
  .object({
    internet: internetLevel,
    internetMbps: z.number().min(0).max(100_000).nullable(),
    measuredOn: isoDate.nullable(),
    reception: z.array(z.object({ code: channelCode, received: z.boolean() }).strict()).max(20),
    reason: z.string().trim().min(3).max(500),
  })
  .strict();
export type SettlementEdit = z.infer<typeof settlementEdit>;

export const isolatedQuery = z.object({ format: exportFormat.default('json'), lang: languageSchema.optional() }).strict();
export const isolatedPupil = z.object({
  id: z.number(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
  className: z.string().nullable(),
  inPerson: z.boolean(),
});
export const isolatedResponse = z.object({
  organisation: areaRef,
  settlement: areaRef.extend({ tvReception: z.boolean(), internet: internetLevel }),
  /** true: the names are shown (the school's admin, a homeroom teacher for their classes) */
  named: z.boolean(),
  summary: z.object({ pupils: z.number().int(), answered: count, isolated: count, isolatedInPerson: count }),
  pupils: z.array(isolatedPupil),
  threshold: z.number(),
});
export type Isolated = z.infer<typeof isolatedResponse>;

export const districtIsolatedResponse = z.object({
  district: areaRef,
  schools: z.array(z.object({ organisation: areaRef, settlement: areaRef, pupils: z.number().int(), isolated: count })),
  settlements: z.array(z.object({ settlement: areaRef, pupils: z.number().int(), isolated: count })),
  total: z.object({ pupils: z.number().int(), isolated: count }),
  threshold: z.number(),
});
export type DistrictIsolated = z.infer<typeof districtIsolatedResponse>;

export const withoutReceptionQuery = z
  .object({
    districtId: idSchema.optional(),
    regionId: idSchema.optional(),
    channel: channelCode.optional(),
    format: exportFormat.default('json'),
    lang: languageSchema.optional(),
  })
  .strict();
export const withoutReceptionResponse = z.object({
  channels: z.array(channel),
  districts: z.array(
    z.object({
      district: areaRef,
      settlements: z.array(areaRef.extend({ missing: z.array(z.string()), pupils: z.number().int(), schools: z.number().int() })),
      totals: z.object({ settlements: z.number().int(), withPupils: z.number().int(), pupils: z.number().int() }),
    }),
  ),
  totals: z.object({ settlements: z.number().int(), withPupils: z.number().int(), pupils: z.number().int() }),
});
export type WithoutReception = z.infer<typeof withoutReceptionResponse>;

export const areasResponse = z.object({
  districts: z.array(areaRef.extend({ regionId: z.number(), region: localisedName })),
  /** the regions whose whole list of settlements without reception the actor may read (region officers, the ministry) */
  regionIds: z.array(z.number()),
  organisations: z.array(areaRef),
});
export type Areas = z.infer<typeof areasResponse>;

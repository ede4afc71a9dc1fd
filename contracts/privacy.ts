import { z } from 'zod';

/** What a consent is for. Other modules add their purpose here (the campus pass reads health status). */
export const CONSENT_PURPOSES = ['health_status_for_access', 'photo_in_class_materials'] as const;
export const consentPurpose = z.enum(CONSENT_PURPOSES);
export type ConsentPurpose = z.infer<typeof consentPurpose>;

const personRef = z.object({ id: z.number(), lastName: z.string(), firstName: z.string() });

export const consentSchema = z.object({
  id: z.number(),
  person: personRef,
  purpose: consentPurpose,
  givenBy: personRef,
  givenAt: z.string(),
  withdrawnAt: z.string().nullable(),
});
export const consentList = z.object({ items: z.array(consentSchema) });
export const consentBody = z
  .object({
    personId: z
      .number()
      .int()
      .positive()
      .max(2 ** 31 - 1),
    purpose: consentPurpose,
  })
  .strict();

export const ERASURE_STATUSES = ['pending', 'done', 'refused'] as const;
export const erasureOutcomeItem = z.object({
  module: z.string(),
  action: z.enum(['deleted', 'anonymised', 'kept']),
  what: z.string(),
  count: z.number(),
  /** kept: until when (the retention period's end) */
  keptUntil: z.string().nullable(),
});
export const erasureRequest = z.object({
  id: z.number(),
  person: personRef,
  requestedBy: personRef,
  organisationId: z.number().nullable(),
  reason: z.string().nullable(),
  status: z.enum(ERASURE_STATUSES),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  outcome: z.array(erasureOutcomeItem).nullable(),
});
export const erasureList = z.object({ items: z.array(erasureRequest), retentionYears: z.number() });
export const erasureBody = z
  .object({
    personId: z
      .number()
      .int()
      .positive()
      .max(2 ** 31 - 1),
    reason: z.string().trim().max(1000).optional(),
  })
  .strict();
export const erasureDecisionBody = z
  .object({
    decision: z.enum(['approve', 'refuse']),
    note: z.string().trim().min(3).max(1000),
  })
  .strict();
export const erasureListQuery = z.object({ status: z.enum(ERASURE_STATUSES).optional() }).strict();

/** The export: per person (the signed-in one, and a parent's children), each module's part. */
export const personalExport = z.object({
  generatedAt: z.string(),
  format: z.literal('sabaq.personal-data.v1'),
  people: z.array(
    z.object({
      personId: z.number(),
      relation: z.enum(['self', 'child']),
      modules: z.record(z.string(), z.record(z.string(), z.unknown())),
    }),
  ),
});
export type PersonalExport = z.infer<typeof personalExport>;
export const exportQuery = z.object({ download: z.enum(['1']).optional() }).strict();

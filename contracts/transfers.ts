import { z } from 'zod';

/** Pupil transfers between organisations (issue 7 §1): request, answer, district decision when overdue. */

export const transferStatus = z.enum(['pending', 'approved', 'rejected', 'cancelled']);
export type TransferStatus = z.infer<typeof transferStatus>;

const localisedName = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

export const requestTransferBody = z
  .object({
    iin: z
      .string()
      .trim()
      .regex(/^\d{12}$/, 'An IIN is 12 digits'),
    classId: z
      .number()
      .int()
      .positive()
      .max(2 ** 53 - 1),
  })
  .strict();
export type RequestTransferBody = z.infer<typeof requestTransferBody>;

export const rejectTransferBody = z.object({ reason: z.string().trim().max(500).optional() }).strict();

export const transfersQuery = z
  .object({
    /** in: pupils this organisation asked for; out: this organisation's pupils another one asks for */
    direction: z.enum(['in', 'out']),
    status: z.enum(['pending', 'all']).default('all'),
  })
  .strict();

export const transferView = z.object({
  id: z.number(),
  status: transferStatus,
  /** the IIN the receiving school typed */
  iin: z.string(),
  /** the pupil's name: for the current school and the district always; for the receiving school once approved */
  pupil: z.object({ id: z.number(), lastName: z.string(), firstName: z.string(), middleName: z.string().nullable() }).nullable(),
  /** where the pupil is now: hidden from the receiving school until approved (a child's whereabouts) */
  from: z.object({ organisationId: z.number(), name: localisedName, className: z.string() }).nullable(),
  to: z.object({ organisationId: z.number(), name: localisedName, classId: z.number(), className: z.string() }),
  requestedAt: z.string(),
  answerDueAt: z.string(),
  overdue: z.boolean(),
  decidedAt: z.string().nullable(),
  decidedAs: z.enum(['school', 'district']).nullable(),
  reason: z.string().nullable(),
  /** what the reader may do now */
  canDecide: z.boolean(),
});
export type TransferView = z.infer<typeof transferView>;

export const transferList = z.object({ items: z.array(transferView) });

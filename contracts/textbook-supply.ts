import { z } from 'zod';
import { bodyId, idSchema, localisedName } from './common.js';

/**
 * The textbook supply chain (supplies module): purchase orders per region, the dispatch schedule to
 * schools, deliveries recorded by the receiving school, and progress against the deadline.
 */

const isoDate = z.iso.date();
const copies = z.number().int().positive().max(10_000_000);

export const orderBody = z
  .object({
    regionId: bodyId,
    publisher: z.string().trim().min(1).max(200),
    reference: z.string().trim().max(100).optional(),
    /** default: 25 August of the current school year */
    deadline: isoDate.optional(),
    lines: z
      .array(z.object({ titleId: bodyId, copies, unitPrice: z.number().min(0).max(1_000_000) }).strict())
      .min(1)
      .max(500),
  })
  .strict();
export type OrderBody = z.infer<typeof orderBody>;

export const orderListQuery = z.object({ regionId: idSchema.optional() }).strict();

const titleRef = z.object({ id: z.number(), title: z.string(), grade: z.number(), language: z.string(), isbn: z.string() });

export const dispatchView = z.object({
  id: z.number(),
  orderId: z.number(),
  title: titleRef,
  organisation: z.object({ id: z.number(), name: localisedName, districtId: z.number() }),
  copies: z.number(),
  plannedOn: z.string(),
  sentAt: z.string().nullable(),
  delivered: z.number(),
  deadline: z.string(),
});
export type DispatchView = z.infer<typeof dispatchView>;

export const orderLineView = z.object({
  id: z.number(),
  title: titleRef,
  copies: z.number(),
  unitPrice: z.number(),
  planned: z.number(),
  delivered: z.number(),
});

export const orderView = z.object({
  id: z.number(),
  regionId: z.number(),
  publisher: z.string(),
  reference: z.string().nullable(),
  deadline: z.string(),
  createdAt: z.string(),
  copies: z.number(),
  value: z.number(),
  lines: z.array(orderLineView),
});
/** the first 200 dispatches by planned date, and how many the plan has */
export const orderDetail = orderView.extend({ dispatchCount: z.number(), dispatches: z.array(dispatchView) });
export const orderList = z.object({ items: z.array(orderView) });

export const dispatchBody = z
  .object({
    lines: z
      .array(z.object({ titleId: bodyId, organisationId: bodyId, copies, plannedOn: isoDate, sent: z.boolean().optional() }).strict())
      .min(1)
      .max(5000),
  })
  .strict();
export type DispatchBody = z.infer<typeof dispatchBody>;
export const dispatchList = z.object({ items: z.array(dispatchView) });

export const deliveryBody = z
  .object({
    receivedOn: isoDate.optional(),
    note: z.string().trim().max(500).optional(),
    lines: z
      .array(z.object({ titleId: bodyId, copies }).strict())
      .min(1)
      .max(500),
  })
  .strict();
export type DeliveryBody = z.infer<typeof deliveryBody>;
export const deliveryResult = z.object({
  deliveries: z.array(z.object({ id: z.number(), dispatchId: z.number(), titleId: z.number(), copies: z.number() })),
  stock: z.array(z.object({ titleId: z.number(), copies: z.number() })),
});

export const supplyStatus = z.enum(['no_plan', 'done', 'on_track', 'behind', 'late']);
export type SupplyStatus = z.infer<typeof supplyStatus>;

export const progressQuery = z.object({ regionId: idSchema.optional(), districtId: idSchema.optional() }).strict();
export const progressExportQuery = progressQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') }).strict();

export const progressRow = z.object({
  level: z.enum(['region', 'district', 'organisation']),
  id: z.number(),
  name: localisedName,
  /** purchased copies (region rows; null below a region: orders are per region) */
  ordered: z.number().nullable(),
  planned: z.number(),
  dispatched: z.number(),
  delivered: z.number(),
  issued: z.number(),
  dispatchedPct: z.number(),
  deliveredPct: z.number(),
  overdueDispatches: z.number(),
  deadline: z.string().nullable(),
  status: supplyStatus,
  lateSchools: z.number(),
});
export type ProgressRow = z.infer<typeof progressRow>;

export const progressResponse = z.object({
  level: z.enum(['country', 'region', 'district']),
  today: z.string(),
  rows: z.array(progressRow),
  totals: progressRow.omit({ level: true, id: true, name: true }),
  /** schools of the scope that are late or behind, most copies missing first (at most 200) */
  late: z.array(progressRow.extend({ districtId: z.number(), regionId: z.number(), missing: z.number() })),
});
export type ProgressResponse = z.infer<typeof progressResponse>;

export const titleList = z.object({
  items: z.array(
    z.object({ id: z.number(), title: z.string(), grade: z.number(), subject: z.string(), language: z.string(), publisher: z.string(), isbn: z.string() }),
  ),
});

export const eVersionResult = z.object({ id: z.number(), type: z.enum(['pdf', 'epub']), bytes: z.number(), url: z.string() });

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
  /** a cancelled order stays listed and counts for nothing */
  cancelledAt: z.string().nullable(),
  copies: z.number(),
  value: z.number(),
  lines: z.array(orderLineView),
});

/** One line of the trail of an order: what changed (old → new), by whom, when. */
export const changeView = z.object({
  id: z.number(),
  dispatchId: z.number().nullable(),
  action: z.enum(['order_edited', 'order_cancelled', 'dispatch_edited', 'dispatch_cancelled']),
  changes: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })),
  reason: z.string().nullable(),
  changedBy: z.object({ id: z.number(), lastName: z.string(), firstName: z.string() }).nullable(),
  changedAt: z.string(),
});
export type ChangeView = z.infer<typeof changeView>;

/** the first 200 dispatches by planned date, and how many the plan has; the latest 100 changes */
export const orderDetail = orderView.extend({ dispatchCount: z.number(), dispatches: z.array(dispatchView), changes: z.array(changeView) });

const reason = z.string().trim().max(500).optional();

/** Changes to an order: its publisher, reference, deadline, and copies or unit price of its lines. */
export const orderEditBody = z
  .object({
    publisher: z.string().trim().min(1).max(200).optional(),
    reference: z.string().trim().max(100).nullable().optional(),
    deadline: isoDate.optional(),
    lines: z
      .array(z.object({ titleId: bodyId, copies: copies.optional(), unitPrice: z.number().min(0).max(1_000_000).optional() }).strict())
      .max(500)
      .optional(),
    reason,
  })
  .strict();
export type OrderEditBody = z.infer<typeof orderEditBody>;

/** Changes to a planned dispatch: its copies and planned date. */
export const dispatchEditBody = z.object({ copies: copies.optional(), plannedOn: isoDate.optional(), reason }).strict();
export type DispatchEditBody = z.infer<typeof dispatchEditBody>;

export const cancelBody = z.object({ reason }).strict().nullish();
export const dispatchCancelled = z.object({ id: z.number(), orderId: z.number(), cancelledAt: z.string() });
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

import { z } from 'zod';
import { page } from './common.js';

/**
 * Notification kinds a person can choose channels for (server: notifications module; web: the
 * preferences screen). Kinds not in this list are always delivered in-app and never by SMS.
 */
export const NOTIFICATION_KINDS = [
  'homework.set',
  'homework.changed',
  'marks.given',
  'lessons.delivery_changed',
  'announcement',
  'message',
  'formats.format_changed',
  'duty.placed',
  'duty.moved',
  'duty.waiting',
  'transfers.requested',
  'transfers.moved',
  'transfers.approved',
  'transfers.rejected',
  'privacy.erasure_decided',
  'analytics.weekly_report',
  'access.status_changed',
  'access.report_decided',
  'access.fever_at_gate',
  'live.meeting_scheduled',
  'live.broadcast_scheduled',
  'supplies.allocated',
  'supplies.loan_issued',
  'supplies.recall',
  'supplies.recall_school',
  'supplies.appeal_submitted',
  'supplies.appeal_decided',
  'quality.reviewed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_CHANNELS = ['in_app', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Kazakhstan mobile numbers, as E.164: +7 and ten digits. Spaces, dashes, brackets and a leading 8 are tolerated on the way in. */
export const KZ_PHONE = /^\+7\d{10}$/;
export function normalisePhone(input: string): string | null {
  const digits = input.replace(/[\s()\-.]/g, '');
  const e164 = /^8\d{10}$/.test(digits) ? `+7${digits.slice(1)}` : /^7\d{10}$/.test(digits) ? `+${digits}` : digits;
  return KZ_PHONE.test(e164) ? e164 : null;
}

export const preferenceItem = z
  .object({
    kind: z.enum(NOTIFICATION_KINDS),
    channel: z.enum(NOTIFICATION_CHANNELS),
    enabled: z.boolean(),
  })
  .strict();

export const preferencesResponse = z.object({
  /** every kind × channel, defaults filled in (in-app on, SMS off) */
  items: z.array(preferenceItem),
  /** where SMS go, E.164; null until the person gives one */
  smsPhone: z.string().nullable(),
  /** false when no SMS gateway is configured: SMS wait in the outbox */
  smsGateway: z.boolean(),
});

export const preferencesBody = z
  .object({
    items: z
      .array(preferenceItem)
      .max(NOTIFICATION_KINDS.length * NOTIFICATION_CHANNELS.length)
      .default([]),
    /** a phone number as typed; null removes it (and with it every SMS choice) */
    smsPhone: z.string().trim().max(32).nullable().optional(),
  })
  .strict();

export const SMS_STATUSES = ['queued', 'sent', 'failed'] as const;
export const outboxQuery = z
  .object({
    status: z.enum(SMS_STATUSES).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
export const outboxItem = z.object({
  id: z.number(),
  kind: z.string(),
  /** masked: the operator sees the operator code and the last two digits */
  phone: z.string(),
  body: z.string(),
  status: z.enum(SMS_STATUSES),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export const outboxPage = page(outboxItem).extend({ counts: z.object({ queued: z.number(), sent: z.number(), failed: z.number() }) });

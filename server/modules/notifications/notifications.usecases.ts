import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  normalisePhone,
  type NotificationChannel,
  type NotificationKind,
} from '../../../contracts/notifications.js';
import type { Db, Queryable } from '../../platform/db.js';
import { enqueueJobs, JobError, type JobHandler } from '../../platform/jobs.js';
import type { Actor } from '../identity/identity.actor.js';
import * as repo from './notifications.repository.js';
import { invalidPhone, phoneRequired } from './notifications.errors.js';
import { smsText, type SmsGateway } from './notifications.sms.js';

export type { NewNotification } from './notifications.repository.js';

/** The job queue SMS are sent from (one job per outbox row). */
export const SMS_QUEUE = 'notifications.sms';

/**
 * The one way another module notifies people. Everything is written in the caller's transaction
 * (pass the transaction's client as `db`), so a notification exists exactly when the change it
 * reports does: the in-app rows (unless the person switched that kind off), and for those who chose
 * SMS for the kind, an outbox row and a send job each. Returns the in-app rows written.
 */
export async function notify(db: Queryable, rows: repo.NewNotification[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const written = await repo.insertInApp(db, rows, now);
  const sms = await repo.smsRecipients(db, rows);
  if (sms.length > 0) {
    const outbox = sms.map((s) => {
      const row = rows[s.index]!;
      return { personId: row.personId, kind: row.kind, phone: s.phone, body: smsText(row.kind, row.params, s.language) };
    });
    const ids = await repo.insertOutbox(db, outbox, now);
    await enqueueJobs(
      db,
      SMS_QUEUE,
      ids.map((outboxId) => ({ outboxId })),
      now,
    );
  }
  return written;
}

const DEFAULT: Record<NotificationChannel, boolean> = { in_app: true, sms: false };

/** My choices: every kind × channel (defaults filled in) and the number SMS go to. */
export async function getPreferences(
  db: Queryable,
  personId: number,
): Promise<{ items: { kind: NotificationKind; channel: NotificationChannel; enabled: boolean }[]; smsPhone: string | null }> {
  const stored = await repo.getPreferences(db, personId);
  const chosen = new Map(stored.items.map((i) => [`${i.kind}/${i.channel}`, i.enabled]));
  const items = NOTIFICATION_KINDS.flatMap((kind) =>
    NOTIFICATION_CHANNELS.map((channel) => ({
      kind,
      channel,
      enabled: chosen.get(`${kind}/${channel}`) ?? DEFAULT[channel],
    })),
  );
  return { items, smsPhone: stored.smsPhone };
}

/**
 * Saves my choices in one transaction. A phone number that is not a Kazakh mobile number answers 400
 * and nothing is written; SMS for a kind without a number on file answers 422.
 */
export async function savePreferences(args: {
  db: Db;
  actor: Actor;
  items: { kind: NotificationKind; channel: NotificationChannel; enabled: boolean }[];
  smsPhone?: string | null;
  now: Date;
}) {
  const { actor, now } = args;
  let phone: string | null | undefined = args.smsPhone;
  if (typeof phone === 'string') {
    const normal = normalisePhone(phone);
    if (!normal) throw invalidPhone(`"${phone}" is not a Kazakh mobile number: write it as +7 and ten digits, e.g. +7 701 234 56 78`);
    phone = normal;
  }
  return args.db.transaction(async (tx) => {
    if (phone !== undefined) await repo.setContact(tx, actor.personId, phone, actor.language, now);
    const wantsSms = args.items.some((i) => i.channel === 'sms' && i.enabled);
    if (wantsSms) {
      const current = phone !== undefined ? phone : (await repo.getPreferences(tx, actor.personId)).smsPhone;
      if (!current) throw phoneRequired('Give a phone number before choosing SMS');
      // the SMS follow the language the person uses the app in
      if (phone === undefined) await repo.setContact(tx, actor.personId, current, actor.language, now);
    }
    await repo.upsertPreferences(tx, actor.personId, args.items, now);
    return getPreferences(tx, actor.personId);
  });
}

/** The operator's view of the SMS outbox, newest first, numbers masked. */
export async function listOutbox(db: Queryable, status: 'queued' | 'sent' | 'failed' | null, page: { limit: number; offset: number }) {
  return repo.listOutbox(db, status, page);
}

/**
 * The SMS job: sends one outbox row through the gateway and records the outcome on the row. A row
 * already sent (a job run twice) is not sent again.
 */
export function smsJob(gateway: SmsGateway): JobHandler {
  return {
    async run(tx, job, now) {
      const id = Number(job.payload.outboxId);
      const row = await repo.lockOutboxRow(tx, id);
      if (!row) throw new JobError(`outbox row ${id} does not exist`, false);
      if (row.status === 'sent') return;
      const { gatewayId } = await gateway.send({ id: row.id, to: row.phone, text: row.body });
      await repo.markOutbox(tx, id, { status: 'sent', error: null, gatewayId, at: now });
    },
    async failed(tx, job, message, gaveUp) {
      await repo.markOutbox(tx, Number(job.payload.outboxId), { status: gaveUp ? 'failed' : 'queued', error: message.slice(0, 500), at: new Date() });
    },
  };
}

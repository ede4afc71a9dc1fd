import type { Queryable } from '../../platform/db.js';

export interface NotificationRow {
  id: number;
  kind: string;
  params: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface NewNotification {
  personId: number;
  kind: string;
  params: Record<string, unknown>;
}

export async function listNotifications(
  db: Queryable,
  personId: number,
  unreadOnly: boolean,
  page: { limit: number; offset: number },
): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
  const [list, counts] = await Promise.all([
    db.query<{ id: number; kind: string; params: Record<string, unknown>; created_at: Date; read_at: Date | null }>(
      `select id, kind, params, created_at, read_at from notifications
        where person_id = $1 and (not $2::boolean or read_at is null) order by id desc limit $3 offset $4`,
      [personId, unreadOnly, page.limit, page.offset],
    ),
    db.query<{ total: number; unread: number }>(
      `select count(*) filter (where not $2::boolean or read_at is null) as total, count(*) filter (where read_at is null) as unread
         from notifications where person_id = $1`,
      [personId, unreadOnly],
    ),
  ]);
  return {
    rows: list.rows.map((r) => ({ id: r.id, kind: r.kind, params: r.params, createdAt: r.created_at.toISOString(), readAt: r.read_at?.toISOString() ?? null })),
    total: counts.rows[0]!.total,
    unread: counts.rows[0]!.unread,
  };
}

/** Marks one of the person's notifications read; false when it is not theirs (or does not exist). */
export async function markRead(db: Queryable, personId: number, id: number, now: Date): Promise<boolean> {
  const { rowCount } = await db.query('update notifications set read_at = coalesce(read_at, $3) where id = $1 and person_id = $2', [id, personId, now]);
  return (rowCount ?? 0) > 0;
}

export async function markAllRead(db: Queryable, personId: number, now: Date): Promise<number> {
  const { rowCount } = await db.query('update notifications set read_at = $2 where person_id = $1 and read_at is null', [personId, now]);
  return rowCount ?? 0;
}

// ── channels: preferences, contacts, the SMS outbox ─────────────────────────────────────────

/** In-app rows, except those a person switched off for that kind (set-based, one statement). */
export async function insertInApp(db: Queryable, rows: NewNotification[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const { rowCount } = await db.query(
    `insert into notifications (person_id, kind, params, created_at)
     select t.p, t.k, t.j::jsonb, $4 from unnest($1::bigint[], $2::text[], $3::text[]) as t(p, k, j)
      where not exists (select 1 from notification_preferences np
                         where np.person_id = t.p and np.kind = t.k and np.channel = 'in_app' and not np.enabled)`,
    [rows.map((r) => r.personId), rows.map((r) => r.kind), rows.map((r) => JSON.stringify(r.params)), now],
  );
  return rowCount ?? 0;
}

/** Which of the rows (by index) go out by SMS too, to which number and in which language. */
export async function smsRecipients(db: Queryable, rows: NewNotification[]): Promise<{ index: number; phone: string; language: 'kk' | 'ru' | 'en' }[]> {
  if (rows.length === 0) return [];
  const { rows: found } = await db.query<{ i: number; sms_phone: string; language: 'kk' | 'ru' | 'en' }>(
    `select t.i::int as i, c.sms_phone, c.language
       from unnest($1::bigint[], $2::text[]) with ordinality as t(p, k, i)
       join notification_preferences np on np.person_id = t.p and np.kind = t.k and np.channel = 'sms' and np.enabled
       join notification_contacts c on c.person_id = t.p`,
    [rows.map((r) => r.personId), rows.map((r) => r.kind)],
  );
  return found.map((r) => ({ index: r.i - 1, phone: r.sms_phone, language: r.language }));
}

export async function insertOutbox(db: Queryable, rows: { personId: number; kind: string; phone: string; body: string }[], now: Date): Promise<number[]> {
  if (rows.length === 0) return [];
  const { rows: ids } = await db.query<{ id: number }>(
    `insert into sms_outbox (person_id, kind, phone, body, created_at)
     select * , $5::timestamptz from unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) returning id`,
    [rows.map((r) => r.personId), rows.map((r) => r.kind), rows.map((r) => r.phone), rows.map((r) => r.body), now],
  );
  return ids.map((r) => r.id);
}

export async function getPreferences(
  db: Queryable,
  personId: number,
): Promise<{ items: { kind: string; channel: 'in_app' | 'sms'; enabled: boolean }[]; smsPhone: string | null }> {
  const [prefs, contact] = await Promise.all([
    db.query<{ kind: string; channel: 'in_app' | 'sms'; enabled: boolean }>(
      'select kind, channel, enabled from notification_preferences where person_id = $1',
      [personId],
    ),
    db.query<{ sms_phone: string }>('select sms_phone from notification_contacts where person_id = $1', [personId]),
  ]);
  return { items: prefs.rows, smsPhone: contact.rows[0]?.sms_phone ?? null };
}

export async function upsertPreferences(
  db: Queryable,
  personId: number,
  items: { kind: string; channel: string; enabled: boolean }[],
  now: Date,
): Promise<void> {
  if (items.length === 0) return;
  await db.query(
    `insert into notification_preferences (person_id, kind, channel, enabled, updated_at)
     select $1, k, c, e, $5 from unnest($2::text[], $3::text[], $4::boolean[]) as t(k, c, e)
     on conflict (person_id, kind, channel) do update set enabled = excluded.enabled, updated_at = excluded.updated_at`,
    [personId, items.map((i) => i.kind), items.map((i) => i.channel), items.map((i) => i.enabled), now],
  );
}

export async function setContact(db: Queryable, personId: number, phone: string | null, language: string, now: Date): Promise<void> {
  if (phone === null) {
    await db.query('delete from notification_contacts where person_id = $1', [personId]);
    await db.query(`update notification_preferences set enabled = false, updated_at = $2 where person_id = $1 and channel = 'sms' and enabled`, [
      personId,
      now,
    ]);
    return;
  }
  await db.query(
    `insert into notification_contacts (person_id, sms_phone, language, updated_at) values ($1, $2, $3, $4)
     on conflict (person_id) do update set sms_phone = excluded.sms_phone, language = excluded.language, updated_at = excluded.updated_at`,
    [personId, phone, language, now],
  );
}

export interface OutboxRow {
  id: number;
  kind: string;
  phone: string;
  body: string;
  status: 'queued' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export async function listOutbox(
  db: Queryable,
  status: string | null,
  page: { limit: number; offset: number },
): Promise<{ rows: OutboxRow[]; total: number; counts: { queued: number; sent: number; failed: number } }> {
  const [list, counts] = await Promise.all([
    db.query<{
      id: number;
      kind: string;
      phone: string;
      body: string;
      status: OutboxRow['status'];
      attempts: number;
      last_error: string | null;
      created_at: Date;
      sent_at: Date | null;
    }>(
      `select id, kind, phone, body, status, attempts, last_error, created_at, sent_at from sms_outbox
        where ($1::text is null or status = $1) order by id desc limit $2 offset $3`,
      [status, page.limit, page.offset],
    ),
    db.query<{ queued: number; sent: number; failed: number }>(
      `select count(*) filter (where status = 'queued')::int as queued, count(*) filter (where status = 'sent')::int as sent,
              count(*) filter (where status = 'failed')::int as failed from sms_outbox`,
    ),
  ]);
  const c = counts.rows[0]!;
  return {
    rows: list.rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      phone: r.phone,
      body: r.body,
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
      sentAt: r.sent_at?.toISOString() ?? null,
    })),
    total: status === null ? c.queued + c.sent + c.failed : c[status as keyof typeof c],
    counts: c,
  };
}

export async function lockOutboxRow(db: Queryable, id: number): Promise<{ id: number; phone: string; body: string; status: string } | null> {
  const { rows } = await db.query<{ id: number; phone: string; body: string; status: string }>(
    'select id, phone, body, status from sms_outbox where id = $1 for update',
    [id],
  );
  return rows[0] ?? null;
}

export async function markOutbox(
  db: Queryable,
  id: number,
  patch: { status: 'queued' | 'sent' | 'failed'; error: string | null; gatewayId?: string | null; at: Date },
): Promise<void> {
  await db.query(
    `update sms_outbox set status = $2, attempts = attempts + 1, last_error = $3, gateway_id = coalesce($4, gateway_id),
            sent_at = case when $2 = 'sent' then $5 else sent_at end where id = $1`,
    [id, patch.status, patch.error, patch.gatewayId ?? null, patch.at],
  );
}

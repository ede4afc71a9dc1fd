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

/** Writes notifications in one statement (callers pass their transaction so they commit together). */
export async function insertNotifications(db: Queryable, rows: NewNotification[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const { rowCount } = await db.query(
    `insert into notifications (person_id, kind, params, created_at)
     select p, k, j::jsonb, $4 from unnest($1::bigint[], $2::text[], $3::text[]) as t(p, k, j)`,
    [rows.map((r) => r.personId), rows.map((r) => r.kind), rows.map((r) => JSON.stringify(r.params)), now]);
  return rowCount ?? 0;
}

export async function listNotifications(
  db: Queryable, personId: number, unreadOnly: boolean, page: { limit: number; offset: number },
): Promise<{ rows: NotificationRow[]; total: number; unread: number }> {
  const [list, counts] = await Promise.all([
    db.query<{ id: number; kind: string; params: Record<string, unknown>; created_at: Date; read_at: Date | null }>(
      `select id, kind, params, created_at, read_at from notifications
        where person_id = $1 and (not $2::boolean or read_at is null) order by id desc limit $3 offset $4`,
      [personId, unreadOnly, page.limit, page.offset]),
    db.query<{ total: number; unread: number }>(
      `select count(*) filter (where not $2::boolean or read_at is null) as total, count(*) filter (where read_at is null) as unread
         from notifications where person_id = $1`,
      [personId, unreadOnly]),
  ]);
  return {
    rows: list.rows.map((r) => ({ id: r.id, kind: r.kind, params: r.params, createdAt: r.created_at.toISOString(), readAt: r.read_at?.toISOString() ?? null })),
    total: counts.rows[0]!.total,
    unread: counts.rows[0]!.unread,
  };
}

/** Marks one of the person's notifications read; false when it is not theirs (or does not exist). */
export async function markRead(db: Queryable, personId: number, id: number, now: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    'update notifications set read_at = coalesce(read_at, $3) where id = $1 and person_id = $2', [id, personId, now]);
  return (rowCount ?? 0) > 0;
}

export async function markAllRead(db: Queryable, personId: number, now: Date): Promise<number> {
  const { rowCount } = await db.query('update notifications set read_at = $2 where person_id = $1 and read_at is null', [personId, now]);
  return rowCount ?? 0;
}

import type { Queryable } from '../../platform/db.js';

export interface FileRow {
  id: string;
  ownerId: number;
  storageKey: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

const SELECT = `select id, owner_id as "ownerId", storage_key as "storageKey", name, content_type as "contentType",
  size_bytes as "sizeBytes", encode(sha256, 'hex') as sha256, created_at as "createdAt" from files`;

export async function insertFile(db: Queryable, f: Omit<FileRow, 'createdAt'>): Promise<FileRow> {
  const { rows } = await db.query<FileRow & Record<string, unknown>>(
    `with ins as (
       insert into files (id, owner_id, storage_key, name, content_type, size_bytes, sha256)
       values ($1, $2, $3, $4, $5, $6, decode($7, 'hex')) returning *)
     select id, owner_id as "ownerId", storage_key as "storageKey", name, content_type as "contentType",
       size_bytes as "sizeBytes", encode(sha256, 'hex') as sha256, created_at as "createdAt" from ins`,
    [f.id, f.ownerId, f.storageKey, f.name, f.contentType, f.sizeBytes, f.sha256],
  );
  return rows[0]!;
}

export async function findFile(db: Queryable, id: string): Promise<FileRow | null> {
  const { rows } = await db.query<FileRow & Record<string, unknown>>(`${SELECT} where id = $1`, [id]);
  return rows[0] ?? null;
}

/** Files of `ids` that `ownerId` uploaded: what a person may attach to their lesson or submission. */
export async function findOwnFiles(db: Queryable, ownerId: number, ids: string[]): Promise<FileRow[]> {
  if (!ids.length) return [];
  const { rows } = await db.query<FileRow & Record<string, unknown>>(`${SELECT} where id = any($1::uuid[]) and owner_id = $2`, [ids, ownerId]);
  return rows;
}

export async function deleteFileRow(db: Queryable, id: string): Promise<void> {
  await db.query('delete from files where id = $1', [id]);
}

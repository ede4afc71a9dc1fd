import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db } from '../server/platform/db.js';

export type Template = 't_migrated' | 't_demo';

function urlFor(database: string): string {
  const u = new URL(inject('pgAdminUrl'));
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from a template: `demo` data or just the schema. Drop it with `db.close()`. */
export async function createTestDb(template: Template = 't_demo'): Promise<Db> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name} template ${template}`));
  const db = createDb(urlFor(name), 10);
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  };
  return db;
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * Behind PgBouncer in transaction mode (decision 0023) a connection is ours only for one transaction:
 * anything that outlives it on the server connection (a session advisory lock, a SET, a LISTEN, a named
 * statement, a cursor WITH HOLD) would be lost or leak to another client. The running check is
 * `npm run test:scale`; this one keeps such SQL out of the code in the first place.
 */

const ROOT = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const SESSION_STATE: [string, RegExp][] = [
  ['a session advisory lock (use pg_advisory_xact_lock in a transaction)', /pg_(try_)?advisory_lock(_shared)?\s*\(/i],
  ['a SET that outlives the transaction (use SET LOCAL)', /(?:^|['"`]\s*|;\s*)set\s+(?!local\b)(session\s+)?[a-z_]+\s*(=|to)\s/im],
  ['LISTEN/UNLISTEN (a notification needs a direct connection of its own)', /['"`]\s*(un)?listen\s+\w/i],
  ['a named PREPARE in SQL (preparedQuery decides whether statements are named)', /['"`]\s*prepare\s+\w+\s*(\(|as)/i],
  ['a cursor WITH HOLD', /declare\s+\w+[^'"`]*with\s+hold/i],
  ['a temporary table that outlives its transaction', /create\s+temp(orary)?\s+table(?![^'"`]*on\s+commit\s+(drop|delete\s+rows))/i],
];

describe('SQL that stays within a transaction (PgBouncer transaction mode)', () => {
  const files = sources(ROOT).map((f) => ({ file: path.relative(ROOT, f), text: readFileSync(f, 'utf8') }));

  test('no session state anywhere in server/', () => {
    const found: string[] = [];
    for (const { file, text } of files) {
      for (const [what, re] of SESSION_STATE) {
        // the one exception (decisions 0025, 0026): the process's single LISTEN connection, a client of its
        // own outside the pool, on DATABASE_LISTEN_URL (PostgreSQL itself, never a transaction pooler)
        if (what.startsWith('LISTEN') && file === path.join('platform', 'listener.ts')) continue;
        if (re.test(text)) found.push(`${file}: ${what}`);
      }
    }
    expect(found).toEqual([]);
  });

  test('named statements only through preparedQuery, which turns them off behind a transaction pooler', () => {
    const named = files.filter(({ text }) => /\.query\(\s*\{\s*name\b/.test(text)).map((f) => f.file);
    expect(named).toEqual([path.join('platform', 'db.ts')]);
  });

  test('the patterns do catch what they are for', () => {
    const hit = (sql: string) => SESSION_STATE.filter(([, re]) => re.test(sql)).length;
    expect(hit("tx.query('select pg_advisory_lock(1)')")).toBe(1);
    expect(hit('tx.query("set statement_timeout = \'1s\'")')).toBe(1);
    expect(hit('tx.query("set local statement_timeout = \'1s\'")')).toBe(0);
    expect(hit("db.query('listen jobs')")).toBe(1);
    expect(hit('tx.query(`create temp table k (x int)`)')).toBe(1);
    expect(hit('tx.query(`create temp table if not exists k (x int) on commit delete rows`)')).toBe(0);
    expect(hit("tx.query('select pg_advisory_xact_lock(1)')")).toBe(0);
  });
});

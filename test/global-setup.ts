import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../server/platform/embedded-db.js';
import { ensureDatabase } from '../server/platform/ensure-database.js';
import { createDb } from '../server/platform/db.js';
import { migrate } from '../server/platform/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * One real PostgreSQL for the whole run, with two template databases that each test file clones
 * (CREATE DATABASE … TEMPLATE, ~0.4 s): `t_migrated` (schema only) and `t_demo` (schema + demo data).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'sabaq-test-pg-'));
  const port = await freePort();
  const server = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port, persistent: false });
  const adminUrl = server.url('postgres');

  await ensureDatabase(adminUrl, 't_migrated');
  const migrated = createDb(server.url('t_migrated'), 2);
  await migrate(migrated);
  await migrated.close();

  await ensureDatabase(adminUrl, 't_demo', 't_migrated');
  const demo = createDb(server.url('t_demo'), 4);
  const { seed } = await import('../server/seed/seed.js');
  await seed({ db: demo, size: 'demo', quiet: true });
  await demo.close();

  project.provide('pgAdminUrl', adminUrl);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

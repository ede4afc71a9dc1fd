import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Helpers for the faults suite: Sabaq as a real child process, and an HTTP client that retries like the web does. */

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  base: string;
  /** everything the process printed so far */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `server/main.ts` (what `npm start` runs after building the web) and waits until it is ready. */
export async function startServer(env: Record<string, string>, port: number, readyTimeoutMs = 240_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('server/main.ts')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += String(c)));
  child.stderr!.on('data', (c) => (out += String(c)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const server: ServerProcess = { child, port, base: `http://127.0.0.1:${port}`, output: () => out, exited };
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited before it was ready:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in time:\n${out}`);
    }
    try {
      const res = await fetch(`${server.base}/api/health/ready`);
      if (res.status === 200) return server;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
}

/** Resident memory of a process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** The postmaster and its children (backends and helpers). */
export function clusterPids(postmaster: number): number[] {
  const pids = [postmaster];
  try {
    const children = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim();
    if (children) pids.push(...children.split(/\s+/).map(Number));
  } catch {
    // no such process
  }
  return pids;
}

export interface Answer {
  status: number;
  retryAfter: string | null;
  code?: string;
  body?: unknown;
}

/** One request; a network failure is status 0. */
export async function call(
  base: string,
  method: string,
  url: string,
  opts: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer & { setCookie: string[] }> {
  try {
    const res = await fetch(base + url, {
      method,
      headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    const code = (body as { error?: { code?: string } })?.error?.code;
    return { status: res.status, retryAfter: res.headers.get('retry-after'), code, body, setCookie: res.headers.getSetCookie() };
  } catch {
    return { status: 0, retryAfter: null, setCookie: [] };
  }
}

export async function login(base: string, who: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const res = await call(base, 'POST', '/api/auth/login', { body: { login: who, password: 'sabaq-demo' } });
    if (res.status === 200) return res.setCookie.map((c) => c.split(';')[0]).join('; ');
    if (res.status !== 0 && res.status !== 503) throw new Error(`login ${who}: ${res.status} ${JSON.stringify(res.body)}`);
    await sleep(250);
  }
  throw new Error(`login ${who}: server never answered`);
}

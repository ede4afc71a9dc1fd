import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';

/** Clock ticks per second of /proc's CPU times (100 on every Linux we run on; asked once). */
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  ppid: number;
  /** user + system CPU of the process itself (all its threads), ms */
  selfMs: number;
  /** user + system CPU of its children that have exited and been waited for, ms */
  reapedChildrenMs: number;
}

/** Fields of /proc/<pid>/stat; null when the process is gone. */
export function readProcStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // the command name may hold spaces and parentheses: fields start after the last ')'
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // f[0] is field 3 (state): field n is f[n - 3]
  const tick = (n: number) => Number(f[n - 3]);
  const toMs = (ticks: number) => (ticks * 1000) / CLK_TCK;
  return { ppid: tick(4), selfMs: toMs(tick(14) + tick(15)), reapedChildrenMs: toMs(tick(16) + tick(17)) };
}

/** CPU time (ms) a process has used so far, all threads included (0 once it is gone). */
export function processCpuMs(pid: number): number {
  return readProcStat(pid)?.selfMs ?? 0;
}

/**
 * CPU time (ms) of a whole PostgreSQL server: the postmaster, its live backends and every backend
 * that has exited (counted in the postmaster's reaped-children times), so backends that come and go
 * during a measurement are not lost.
 */
export function processTreeCpuMs(rootPid: number): number {
  const root = readProcStat(rootPid);
  if (!root) return 0;
  let total = root.selfMs + root.reapedChildrenMs;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = readProcStat(Number(entry));
    if (s && s.ppid === rootPid) total += s.selfMs;
  }
  return total;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The process's command line, or null when it is gone. */
export function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return null;
  }
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return '?';
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

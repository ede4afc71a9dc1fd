import { loadAverage, processTreeCpuMs } from './proc.js';

export interface SignInResult {
  /** session cookie ("name=value") per login, in the order given; null where sign-in failed */
  cookies: (string | null)[];
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
  firstFailure: string | null;
  serverCpuMs: number;
  dbCpuMs: number;
  loadAverageBefore: string;
}

/**
 * Signs every login in through POST /api/auth/login with `concurrency` requests in flight. Argon2
 * verification (~20 ms of CPU each) dominates, which is why it happens before the measured window.
 */
export async function signIn(opts: {
  baseUrl: string;
  logins: string[];
  password: string;
  concurrency: number;
  serverPid: number;
  dbPid: number;
  timeoutSeconds: number;
}): Promise<SignInResult> {
  const cookies: (string | null)[] = new Array(opts.logins.length).fill(null);
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | null = null;
  let next = 0;
  const deadline = Date.now() + opts.timeoutSeconds * 1000;

  const one = async (i: number) => {
    const t = performance.now();
    try {
      const res = await fetch(`${opts.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: opts.logins[i], password: opts.password }),
        signal: AbortSignal.timeout(15_000),
      });
      const body = await res.text();
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0]!)
        .find((c) => c.includes('sabaq_session='));
      if (res.ok && cookie) {
        cookies[i] = cookie;
        latencies.push(performance.now() - t);
        return;
      }
      failures += 1;
      firstFailure ??= `${res.status} ${body.slice(0, 200)}`;
    } catch (err) {
      failures += 1;
      firstFailure ??= err instanceof Error ? err.message : String(err);
    }
  };

  const loadAverageBefore = loadAverage();
  const server0 = processTreeCpuMs(opts.serverPid);
  const db0 = processTreeCpuMs(opts.dbPid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (next < opts.logins.length && Date.now() < deadline) await one(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const ok = latencies.length;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (ok ? latencies[Math.min(ok - 1, Math.floor((p / 100) * ok))]! : 0);
  return {
    cookies,
    seconds,
    perSecond: ok / seconds,
    p50: pct(50),
    p99: pct(99),
    failures: failures + (opts.logins.length - next),
    firstFailure: next < opts.logins.length ? `stopped after ${opts.timeoutSeconds} s` : firstFailure,
    serverCpuMs: ok ? (processTreeCpuMs(opts.serverPid) - server0) / ok : 0,
    dbCpuMs: ok ? (processTreeCpuMs(opts.dbPid) - db0) / ok : 0,
    loadAverageBefore,
  };
}

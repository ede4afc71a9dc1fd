import autocannon from 'autocannon';
import { onCleanup } from './cleanup.js';
import { loadAverage, processTreeCpuMs } from './proc.js';

/** One HTTP request a simulated client sends: always to the server under test on 127.0.0.1. */
export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  cookie: string;
  body?: string;
  headers?: Record<string, string>;
}

/** A kind of request in a scenario, and how often it comes (weights are per cycle of one connection). */
export interface RequestKind {
  kind: string;
  weight: number;
  /** the next request of this kind; rotates through the signed-in users */
  next: () => RequestSpec;
}

export interface KindResult {
  kind: string;
  requests: number;
  non2xx: number;
  p50: number;
  p99: number;
  /** mean x-query-count over the responses that carried it (null if none did) */
  queriesPerRequest: number | null;
  /** status codes other than 2xx, with counts */
  otherStatuses: Record<string, number>;
}

export interface LoadResult {
  name: string;
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** connection errors and timeouts */
  errors: number;
  non2xx: number;
  bytesPerResponse: number;
  queriesPerRequest: number | null;
  /** CPU time of the server process (all threads) per completed request, ms */
  serverCpuMs: number;
  /** CPU time of PostgreSQL (postmaster and every backend) per completed request, ms */
  dbCpuMs: number;
  /** CPU time of the load generator (this process) per completed request, ms: it shares the 2 cores */
  clientCpuMs: number;
  loadAverageBefore: string;
  kinds: KindResult[];
}

const MAX_SAMPLES_PER_KIND = 2_000_000; // bounds memory whatever the duration

/** Builds one connection's repeating cycle: each kind `weight` times, interleaved so writes do not bunch up. */
function cycle(kinds: RequestKind[]): RequestKind[] {
  const left = new Map(kinds.map((k) => [k, k.weight]));
  const out: RequestKind[] = [];
  while ([...left.values()].some((n) => n > 0)) {
    for (const k of kinds) {
      const n = left.get(k)!;
      if (n > 0) {
        out.push(k);
        left.set(k, n - 1);
      }
    }
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function headerValue(headers: Record<string, string | string[]>, name: string): string | undefined {
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name) return Array.isArray(v) ? v[0] : v;
  return undefined;
}

function runOnce(opts: autocannon.Options, onResponse?: (client: autocannon.Client, status: number, ms: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => {
      unregister();
      if (err) reject(err);
      else resolve(result);
    });
    const unregister = onCleanup('load generator', () => instance.stop());
    if (onResponse) instance.on('response', (client, status, _bytes, ms) => onResponse(client, status, ms));
  });
}

/**
 * Drives `connections` concurrent keep-alive connections for `warmupSeconds` (discarded: JIT,
 * pools, caches) and then `seconds` (measured), each request from the next signed-in user.
 * CPU per request comes from /proc: the server process, PostgreSQL's whole process tree, and this
 * process (the load generator shares the machine).
 */
export async function runLoad(opts: {
  name: string;
  baseUrl: string;
  kinds: RequestKind[];
  connections: number;
  seconds: number;
  warmupSeconds: number;
  serverPid: number;
  dbPid: number;
}): Promise<LoadResult> {
  const url = new URL(opts.baseUrl);
  if (url.hostname !== '127.0.0.1') throw new Error(`refusing to load ${url.hostname}: benchmarks only target 127.0.0.1`);

  const stats = new Map<
    string,
    { latencies: number[]; requests: number; non2xx: number; queries: number; counted: number; statuses: Record<string, number> }
  >();
  for (const k of opts.kinds) stats.set(k.kind, { latencies: [], requests: 0, non2xx: 0, queries: 0, counted: 0, statuses: {} });
  let recording = false;

  const requests: autocannon.Request[] = cycle(opts.kinds).map((k) => ({
    kind: k.kind,
    setupRequest: (req) => {
      const spec = k.next();
      const headers: Record<string, string> = { cookie: spec.cookie, ...spec.headers };
      if (spec.body !== undefined) headers['content-type'] = 'application/json';
      return { ...req, method: spec.method, path: spec.path, headers, body: spec.body ?? '' };
    },
    onResponse: (status, _body, _context, headers) => {
      if (!recording) return;
      const s = stats.get(k.kind)!;
      const q = headerValue(headers, 'x-query-count');
      if (q !== undefined && status >= 200 && status < 300) {
        s.queries += Number(q);
        s.counted += 1;
      }
      if (status < 200 || status >= 300) s.statuses[status] = (s.statuses[status] ?? 0) + 1;
    },
  }));
  const base: autocannon.Options = { url: opts.baseUrl, connections: opts.connections, timeout: 10, requests };

  if (opts.warmupSeconds > 0) await runOnce({ ...base, duration: opts.warmupSeconds });

  const loadAverageBefore = loadAverage();
  recording = true;
  const server0 = processTreeCpuMs(opts.serverPid); // with SABAQ_PROCESSES > 1: the primary and its workers
  const db0 = processTreeCpuMs(opts.dbPid);
  const client0 = process.cpuUsage();
  const result = await runOnce({ ...base, duration: opts.seconds }, (client, status, ms) => {
    const kind = client.requestIterator.currentRequest.kind;
    const s = kind === undefined ? undefined : stats.get(kind);
    if (!s) return;
    s.requests += 1;
    if (status < 200 || status >= 300) s.non2xx += 1;
    if (s.latencies.length < MAX_SAMPLES_PER_KIND) s.latencies.push(ms);
  });
  const clientUsage = process.cpuUsage(client0);
  const serverMs = processTreeCpuMs(opts.serverPid) - server0;
  const dbMs = processTreeCpuMs(opts.dbPid) - db0;
  recording = false;

  const total = result.requests.total;
  const per = (ms: number) => (total > 0 ? ms / total : 0);
  const kinds: KindResult[] = [...stats.entries()].map(([kind, s]) => {
    const sorted = s.latencies.sort((a, b) => a - b);
    return {
      kind,
      requests: s.requests,
      non2xx: s.non2xx,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      queriesPerRequest: s.counted ? s.queries / s.counted : null,
      otherStatuses: s.statuses,
    };
  });
  const counted = [...stats.values()].reduce((a, s) => a + s.counted, 0);
  const queries = [...stats.values()].reduce((a, s) => a + s.queries, 0);
  return {
    name: opts.name,
    connections: opts.connections,
    seconds: result.duration,
    requests: total,
    rps: result.duration > 0 ? total / result.duration : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytesPerResponse: total > 0 ? result.throughput.total / total : 0,
    queriesPerRequest: counted ? queries / counted : null,
    serverCpuMs: per(serverMs),
    dbCpuMs: per(dbMs),
    clientCpuMs: per((clientUsage.user + clientUsage.system) / 1000),
    loadAverageBefore,
    kinds,
  };
}

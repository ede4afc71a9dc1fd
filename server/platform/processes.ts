import cluster, { type Worker } from 'node:cluster';

/**
 * Several processes from one `npm start` (decision 0025): node:cluster. The primary does what must
 * happen once (the embedded PostgreSQL, migrations, demo data) and forks SABAQ_PROCESSES workers
 * (WEB_CONCURRENCY as the usual fallback; default 1: no primary at all, as before). The workers share
 * the listening port (the primary hands out connections round-robin), each with its own pool and its
 * own LISTEN connection; nothing else is shared. A worker that dies is started again; SIGTERM or
 * SIGINT stops every worker (each drains its requests), then the database, within SHUTDOWN_TIMEOUT_MS.
 */
export function processCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SABAQ_PROCESSES ?? env.WEB_CONCURRENCY;
  if (raw === undefined || raw === '') return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`SABAQ_PROCESSES must be a whole number from 1 to 64 (got "${raw}")`);
  return n;
}

export const isWorker = (): boolean => cluster.isWorker;

export interface PrimaryOptions {
  count: number;
  /** environment every worker gets besides the primary's (DATABASE_URL of the embedded server…) */
  env: Record<string, string>;
  shutdownTimeoutMs: number;
  /** after every worker has stopped (stop the embedded database) */
  onStopped: () => Promise<void>;
  log: (line: string) => void;
  /** once, when every worker listens */
  onListening: (address: string) => void;
}

export function runPrimary(opts: PrimaryOptions): void {
  let stopping = false;
  let listening = 0;
  let announced = false;
  const fork = (): Worker => {
    const w = cluster.fork({ ...opts.env, SABAQ_WORKER: '1' });
    w.on('listening', (address) => {
      listening++;
      if (!announced && listening >= opts.count) {
        announced = true;
        const host = address.address && !['0.0.0.0', '::', '127.0.0.1', '::1'].includes(address.address) ? address.address : 'localhost';
        opts.onListening(`http://${host}:${address.port}`);
      }
    });
    return w;
  };
  for (let i = 0; i < opts.count; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    opts.log(`Worker ${worker.process.pid} stopped (${signal ?? code}); starting another.`);
    listening = Math.max(0, listening - 1);
    setTimeout(() => {
      if (!stopping) fork();
    }, 1000).unref();
  });

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    opts.log(`Stopping ${Object.keys(cluster.workers ?? {}).length} workers (${signal}): each drains its requests.`);
    const deadline = setTimeout(() => {
      opts.log('Stopping: workers still busy after SHUTDOWN_TIMEOUT_MS, killing them.');
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
    }, opts.shutdownTimeoutMs + 1000);
    deadline.unref();
    const exits = Object.values(cluster.workers ?? {})
      .filter((w): w is Worker => !!w)
      .map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      );
    await Promise.all(exits);
    clearTimeout(deadline);
    try {
      await opts.onStopped();
    } finally {
      process.exit(0);
    }
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }
}

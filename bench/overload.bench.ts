import path from 'node:path';
import autocannon from 'autocannon';
import { createDb } from '../server/platform/db.js';
import { demoIds } from '../server/modules/learning/learning.fixtures.js';
import { LEARNING_DEMO } from '../server/modules/learning/learning.seed.js';
import { freePort, login, rssMb, sleep, startServer } from '../test/faults/harness.js';
import { onCleanup } from './lib/cleanup.js';

/**
 * overload (issue 7 §3): many connections at once on one class summary, as when a whole region
 * opened the journal at 8 a.m. in 2020. The server runs as `npm start` does (its own embedded
 * PostgreSQL with the demo data in `data/bench-overload`, loaded once and kept) with its default
 * admission settings unless overridden in the environment. Prints per connection count: requests
 * per second, the share answered 503, p50/p99 latency of the accepted (200) answers, memory
 * (RSS) before, at its peak and 5 s after.
 *
 *   npm run bench -- overload [--connections 500,2000] [--duration 15]
 */
export async function run(argv: string[]): Promise<void> {
  const arg = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
  };
  if (argv.includes('--help')) {
    console.log('npm run bench -- overload [--connections 500,2000] [--duration 15] [--dir data/bench-overload]');
    return;
  }
  const connectionsList = arg('connections', '500,2000').split(',').map(Number);
  const duration = Number(arg('duration', '15'));
  const dataDir = path.resolve(arg('dir', process.env.BENCH_OVERLOAD_DIR ?? 'data/bench-overload'));
  const pgPort = await freePort();
  console.log(`overload: starting the server on ${dataDir} (the demo data is loaded on the first run)…`);
  const server = await startServer(
    { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), LEARNING_TODAY: LEARNING_DEMO.now, LOG_LEVEL: 'error' },
    await freePort(),
    600_000,
  );
  onCleanup('overload server', async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });
  const db = createDb(`postgres://sabaq:sabaq-embedded@127.0.0.1:${pgPort}/sabaq`, 1);
  const ids = await demoIds(db);
  await db.close();
  const cookie = await login(server.base, 'demo.homeroom');
  const urlPath = `/api/learning/classes/${ids.class5a}/summary`;
  const pid = server.child.pid!;
  const env = (k: string, d: string) => process.env[k] ?? d;
  console.log(
    `admission: ${env('ADMISSION_MAX_CONCURRENT', '16')} at once, queue ${env('ADMISSION_MAX_QUEUE', '64')}, queue timeout ${env('ADMISSION_QUEUE_TIMEOUT_MS', '1000')} ms; pool ${env('DB_POOL_SIZE', '20')}`,
  );
  console.log(`target: GET ${urlPath} as demo.homeroom\n`);

  for (const connections of connectionsList) {
    await sleep(3000);
    const before = rssMb(pid);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(pid));
    }, 100);
    const accepted: number[] = [];
    const statuses: Record<string, number> = {};
    const instance = autocannon(
      { url: server.base, connections, duration, timeout: 30, requests: [{ method: 'GET', path: urlPath, headers: { cookie } }] },
      () => {},
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 200) accepted.push(ms);
    });
    const result = await new Promise<autocannon.Result>((resolve) => instance.on('done', (r) => resolve(r as autocannon.Result)));
    clearInterval(sampler);
    await sleep(5000);
    const after = rssMb(pid);
    accepted.sort((a, b) => a - b);
    const pct = (p: number) => (accepted.length ? accepted[Math.min(accepted.length - 1, Math.floor((p / 100) * accepted.length))]! : 0);
    const total = Object.values(statuses).reduce((a, b) => a + b, 0);
    const refused = statuses['503'] ?? 0;
    console.log(`${connections} connections, ${result.duration} s:`);
    console.log(
      `  ${(total / result.duration).toFixed(0)} answers/s (${((statuses['200'] ?? 0) / result.duration).toFixed(0)} accepted/s), statuses ${JSON.stringify(statuses)}, errors/timeouts ${result.errors + result.timeouts}`,
    );
    console.log(
      `  503 share ${total ? ((100 * refused) / total).toFixed(1) : '0'} %; accepted p50 ${pct(50).toFixed(0)} ms, p99 ${pct(99).toFixed(0)} ms, max ${accepted.at(-1)?.toFixed(0) ?? 0} ms`,
    );
    console.log(`  server RSS ${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB peak, ${after.toFixed(0)} MB 5 s after\n`);
  }
}

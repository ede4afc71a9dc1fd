/**
 * Concurrent HLS viewers of the 240p rung (≈ 300 kbit/s) served by one Sabaq process from the file
 * store, directly and (when nginx is installed) behind an nginx `proxy_cache`. Each viewer is its
 * own keep-alive connection and behaves as a live player does: every segment duration it fetches
 * the rung's playlist, then the next segment. Latency is measured per request (first byte sent to
 * last byte read); a cycle that takes longer than a segment's duration is a stall.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb } from '../server/platform/db.js';
import { migrate } from '../server/platform/migrate.js';
import { createFileStore, loadFilesConfig } from '../server/modules/files/files.usecases.js';
import { SEGMENT_SECONDS, storeKeyOf } from '../server/modules/video/video.rules.js';
import { onCleanup } from './lib/cleanup.js';
import { startBenchPostgres } from './lib/bench-db.js';
import { freePort, loadAverage, processTreeCpuMs, sleep } from './lib/proc.js';
import { startServer } from './lib/server-child.js';

interface StepResult {
  target: string;
  viewers: number;
  seconds: number;
  segments: number;
  playlists: number;
  errors: number;
  /** non-200 answers by status (0: no answer) */
  statuses: string;
  segP50: number;
  segP99: number;
  plP99: number;
  stalls: number;
  mbitPerS: number;
  serverCpuPct: number;
  clientCpuPct: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function get(agent: http.Agent, base: URL, p: string): Promise<{ ms: number; bytes: number; status: number }> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.get({ host: base.hostname, port: base.port, path: p, agent }, (res) => {
      let bytes = 0;
      res.on('data', (d: Buffer) => {
        bytes += d.length;
      });
      res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, bytes, status: res.statusCode ?? 0 }));
      res.on('error', () => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, bytes, status: 0 }));
    });
    req.setTimeout(30_000, () => req.destroy());
    req.on('error', () => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, bytes: 0, status: 0 }));
  });
}

/** `viewers` players for `hold` seconds after a ramp of one segment duration. */
async function step(
  target: string,
  base: string,
  videoId: number,
  segmentCount: number,
  viewers: number,
  hold: number,
  pidForCpu: number[],
): Promise<StepResult> {
  const url = new URL(base);
  const segMs: number[] = [];
  const plMs: number[] = [];
  let errors = 0;
  const statuses = new Map<number, number>();
  let stalls = 0;
  let bytes = 0;
  let measuring = false;
  let stop = false;
  const periodMs = SEGMENT_SECONDS * 1000;
  const agents: http.Agent[] = [];
  const viewer = async (i: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    agents.push(agent);
    await sleep((i / viewers) * periodMs); // players arrive spread over a segment's duration
    let seg = i % segmentCount;
    while (!stop) {
      const cycleStart = Date.now();
      const pl = await get(agent, url, `/api/video/videos/${videoId}/media/240p/index.m3u8`);
      const sg = await get(agent, url, `/api/video/videos/${videoId}/media/240p/seg-${String(seg).padStart(5, '0')}.ts`);
      if (measuring) {
        plMs.push(pl.ms);
        segMs.push(sg.ms);
        bytes += pl.bytes + sg.bytes;
        for (const st of [pl.status, sg.status]) {
          if (st === 200) continue;
          errors++;
          statuses.set(st, (statuses.get(st) ?? 0) + 1);
        }
      }
      seg = (seg + 1) % segmentCount;
      const spent = Date.now() - cycleStart;
      if (spent > periodMs && measuring) stalls++;
      if (spent < periodMs) await sleep(periodMs - spent);
    }
  };
  const running = Array.from({ length: viewers }, (_, i) => viewer(i));
  await sleep(periodMs + 1000);
  const cpu0 = pidForCpu.reduce((s, p) => s + processTreeCpuMs(p), 0);
  const client0 = process.cpuUsage();
  const t0 = Date.now();
  measuring = true;
  await sleep(hold * 1000);
  measuring = false;
  const seconds = (Date.now() - t0) / 1000;
  const cpu1 = pidForCpu.reduce((s, p) => s + processTreeCpuMs(p), 0);
  const client = process.cpuUsage(client0);
  stop = true;
  await Promise.all(running);
  for (const a of agents) a.destroy();
  segMs.sort((a, b) => a - b);
  plMs.sort((a, b) => a - b);
  return {
    target,
    viewers,
    seconds,
    segments: segMs.length,
    playlists: plMs.length,
    errors,
    statuses: [...statuses].map(([k, v]) => `${v}×${k}`).join(', '),
    segP50: percentile(segMs, 50),
    segP99: percentile(segMs, 99),
    plP99: percentile(plMs, 99),
    stalls,
    mbitPerS: (bytes * 8) / 1e6 / seconds,
    serverCpuPct: ((cpu1 - cpu0) / (seconds * 1000)) * 100,
    clientCpuPct: ((client.user + client.system) / 1000 / (seconds * 1000)) * 100,
  };
}

function print(r: StepResult): void {
  console.log(
    `  ${r.target.padEnd(14)} ${String(r.viewers).padStart(5)} viewers: ${(r.segments / r.seconds).toFixed(0)} segments/s, segment p50 ${r.segP50.toFixed(1)} ms p99 ${r.segP99.toFixed(1)} ms, playlist p99 ${r.plP99.toFixed(1)} ms, ${r.errors} errors${r.statuses ? ` (${r.statuses})` : ''}, ${r.stalls} stalls (cycle > ${SEGMENT_SECONDS} s), ${r.mbitPerS.toFixed(0)} Mbit/s, server CPU ${r.serverCpuPct.toFixed(0)} %, load generator CPU ${r.clientCpuPct.toFixed(0)} %`,
  );
}

/** nginx in front of Sabaq with a proxy_cache (its own prefix in the bench folder); null when not installed. */
async function startNginx(dir: string, upstreamPort: number): Promise<{ url: string; pid: number; stop: () => Promise<void> } | null> {
  const bin = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((b) => existsSync(b));
  if (!bin) return null;
  const port = await freePort();
  mkdirSync(path.join(dir, 'cache'), { recursive: true });
  mkdirSync(path.join(dir, 'logs'), { recursive: true });
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `worker_processes auto;
worker_rlimit_nofile 20000;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 16384; }
http {
  access_log off;
  sendfile on;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=hls:10m max_size=1g inactive=10m use_temp_path=off;
  upstream sabaq { server 127.0.0.1:${upstreamPort}; keepalive 32; }
  server {
    listen 127.0.0.1:${port};
    location /api/video/videos/ {
      proxy_pass http://sabaq;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache hls;
      proxy_cache_lock on;
      proxy_cache_use_stale updating;
      add_header X-Cache $upstream_cache_status;
    }
  }
}
`,
  );
  const child = spawn(bin, ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGQUIT');
    await Promise.race([exited, sleep(5000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  const unregister = onCleanup('nginx', stop);
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      break;
    } catch {
      if (child.exitCode !== null) throw new Error(`nginx exited: ${err}`);
      await sleep(100);
    }
  }
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      await stop();
      unregister();
    },
  };
}

export async function runViewers(dir: string, ladderDir: string, steps: number[], hold: number): Promise<void> {
  console.log(
    `HLS viewers of the 240p rung: ${os.cpus().length} CPUs, load average ${loadAverage()}; each viewer fetches the playlist and a segment every ${SEGMENT_SECONDS} s`,
  );
  const segmentCount = readdirSync(path.join(ladderDir, '240p')).filter((f) => f.endsWith('.ts')).length;
  const segBytes = readdirSync(path.join(ladderDir, '240p'))
    .filter((f) => f.endsWith('.ts'))
    .reduce((s, f) => s + statSync(path.join(ladderDir, '240p', f)).size, 0);
  console.log(`  ${segmentCount} segments of the 240p rung, ${((segBytes * 8) / (segmentCount * SEGMENT_SECONDS) / 1000).toFixed(0)} kbit/s on average`);
  const pgServer = await startBenchPostgres(path.join(dir, 'pg'), await freePort());
  const admin = new pg.Client({ connectionString: pgServer.url('postgres') });
  await admin.connect();
  await admin.query('create database sabaq_viewers');
  await admin.end();
  const dbUrl = pgServer.url('sabaq_viewers');
  const db = createDb(dbUrl, 2);
  const dataDir = path.join(dir, 'data');
  let videoId: number;
  try {
    await migrate(db);
    const person = await db.query<{ id: string }>(
      `insert into persons (iin, last_name, first_name, birth_date, sex) values ('900101300001', 'Bench', 'Ministry', '1990-01-01', 'f') returning id`,
    );
    const v = await db.query<{ id: string }>(
      `insert into video_videos (owner_id, visibility, title, status, progress, source_key, source_bytes, ready_at)
       values ($1, 'public', 'bench', 'ready', 1, 'video/source/bench', 0, now()) returning id`,
      [person.rows[0]!.id],
    );
    videoId = Number(v.rows[0]!.id);
    const store = createFileStore(loadFilesConfig({ ...process.env, DATA_DIR: dataDir, FILES_DIR: undefined, FILES_STORE: 'local' }));
    for (const sub of ['240p']) {
      for (const f of readdirSync(path.join(ladderDir, sub))) {
        const file = path.join(ladderDir, sub, f);
        await store.put(storeKeyOf(videoId, `${sub}/${f}`), createReadStream(file), statSync(file).size);
      }
    }
  } finally {
    await db.close();
  }
  const server = await startServer({ databaseUrl: dbUrl, dataDir, env: { VIDEO_WORKERS: '0', FILES_STORE: 'local', FILES_DIR: undefined } });
  try {
    const check = await fetch(`${server.baseUrl}/api/video/videos/${videoId}/media/240p/index.m3u8`);
    if (check.status !== 200) throw new Error(`the bench video's playlist answered ${check.status}`);
    const results: StepResult[] = [];
    for (const n of steps) {
      const r = await step('Sabaq direct', server.baseUrl, videoId, segmentCount, n, hold, [server.pid]);
      print(r);
      results.push(r);
    }
    const nginx = await startNginx(path.join(dir, 'nginx'), Number(new URL(server.baseUrl).port));
    if (!nginx) console.log('  nginx is not installed (apt-get install nginx): the run behind a proxy_cache is skipped');
    else {
      try {
        for (const n of steps) {
          const r = await step('nginx cache', nginx.url, videoId, segmentCount, n, hold, [nginx.pid, server.pid]);
          print(r);
          results.push(r);
        }
        const cached = await fetch(`${nginx.url}/api/video/videos/${videoId}/media/240p/seg-00000.ts`);
        console.log(`  (nginx X-Cache of a segment after the run: ${cached.headers.get('x-cache')}; server CPU above is nginx + Sabaq)`);
      } finally {
        await nginx.stop();
      }
    }
    const ok = (r: StepResult) => r.errors === 0 && r.stalls === 0;
    for (const target of ['Sabaq direct', 'nginx cache']) {
      const best = results.filter((r) => r.target === target && ok(r)).at(-1);
      if (best) console.log(`  ${target}: served ${best.viewers} concurrent viewers without an error or a stall (segment p99 ${best.segP99.toFixed(1)} ms)`);
      else if (results.some((r) => r.target === target)) console.log(`  ${target}: every step had errors or stalls`);
    }
  } finally {
    await server.stop();
    await pgServer.stop();
  }
}

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * `npm run bench` runs every benchmark in turn; `npm run bench -- <name> [its options] [<name> …]`
 * runs the named ones. Benchmarks print figures and never assert.
 *
 * Each benchmark runs in its own Node process (this file with --inner), so one benchmark's
 * processes, memory and event loop never affect the next, and a benchmark file may either export
 * `run(argv)` (or a default function) or simply do its work when imported.
 */
const BENCHMARKS = [
  {
    name: 'morning-peak',
    file: 'morning-peak.bench.ts',
    what: 'pupils and parents at 8 a.m.: Today, homework, marks, submissions over HTTP on the region dataset',
  },
  {
    name: 'national-morning',
    file: 'national-morning.bench.ts',
    what: 'a national school morning: a sign-in wave, then Today, homework, marks, parents and 10 % submissions at rising load with admission control; throughput where p99 crosses 300 ms, 503 share beyond, no acknowledged submission lost (--long: 10 min)',
  },
  {
    name: 'overload',
    file: 'overload.bench.ts',
    what: 'admission control: 500 and 2,000 connections on one class summary; rps, share of 503, p99 of the accepted, memory',
  },
  { name: 'duty-grouping', file: 'duty-grouping.bench.ts', what: "forming duty groups from parents' applications (pure algorithm)" },
  {
    name: 'supplies-allocation',
    file: 'supplies-allocation.bench.ts',
    what: 'one device and kit allocation run for the country (3.3 M pupils, ~185,000 without a computer; pure rules over synthetic households)',
  },
  {
    name: 'video',
    file: 'video.bench.ts',
    what: 'transcoding time per minute of 720p input for the HLS ladder (240p, 360p, audio) and the small MP4; concurrent HLS viewers of the 240p rung per Sabaq process (and behind nginx proxy_cache) with p99 per segment',
  },
  {
    name: 'pass-verify',
    file: 'pass-verify.bench.ts',
    what: "campus passes: offline verifications per second on one core (the scanner's code), CPU per verification, peak memory; issuance for every university student of the country",
  },
  {
    name: 'access-status',
    file: 'access-status.bench.ts',
    what: "campus access statuses on the region dataset: recompute every university person's status (time, CPU, peak memory), then the time-driven job four days later (due, changed, time)",
  },
  {
    name: 'analytics',
    file: 'analytics.bench.ts',
    what: "rollup refresh after a school day and a full rebuild; officers' overview and training coverage (region, country) over HTTP, 16 concurrent: p99, CPU per request, peak memory",
  },
] as const;

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TIMEOUT_MINUTES = Number(process.env.BENCH_TIMEOUT_MINUTES ?? 30);

type RunFn = (argv: string[]) => unknown;

/** Inside the child: import the benchmark and run what it exports, if it exports something to run. */
async function inner(name: string, argv: string[]): Promise<void> {
  const bench = BENCHMARKS.find((b) => b.name === name);
  if (!bench) throw new Error(`unknown benchmark ${name}`);
  const { installSignalHandlers, runCleanups } = await import('./lib/cleanup.js');
  installSignalHandlers();
  const mod = (await import(pathToFileURL(path.join(HERE, bench.file)).href)) as { run?: RunFn; main?: RunFn; default?: RunFn };
  const fn = [mod.run, mod.main, mod.default].find((f): f is RunFn => typeof f === 'function');
  if (!fn) return; // it ran when imported: the process ends when its work does
  try {
    await fn(argv);
  } finally {
    await runCleanups();
  }
  // a benchmark that finished may still hold idle handles (pools, timers): its figures are printed
  process.exit(0);
}

/** Splits `[opts] name [opts] name [opts]` into the benchmarks asked for and each one's options. */
function selection(args: string[]): { name: string; argv: string[] }[] {
  const shared: string[] = [];
  const picked: { name: string; argv: string[] }[] = [];
  for (const a of args) {
    if (BENCHMARKS.some((b) => b.name === a)) picked.push({ name: a, argv: [...shared] });
    else if (picked.length) picked.at(-1)!.argv.push(a);
    else shared.push(a);
  }
  return picked.length ? picked : BENCHMARKS.map((b) => ({ name: b.name, argv: [...shared] }));
}

function runChild(name: string, argv: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--inner', name, ...argv], { stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => () => {
      stopping = true;
      child.kill(signal);
    };
    const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((s) => [s, forward(s)] as const);
    for (const [s, h] of handlers) process.on(s, h);
    // bounded in time: SIGTERM lets the benchmark stop its server and database; SIGKILL 30 s later
    const timer = setTimeout(() => {
      console.error(`${name}: still running after ${TIMEOUT_MINUTES} min (BENCH_TIMEOUT_MINUTES): stopping it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
    }, TIMEOUT_MINUTES * 60_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      for (const [s, h] of handlers) process.off(s, h);
      resolve({ code, signal });
    });
  });
}

let stopping = false;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--inner') return inner(args[1]!, args.slice(2));
  if (args.includes('--list') || (args.includes('--help') && !args.some((a) => BENCHMARKS.some((b) => b.name === a)))) {
    console.log('npm run bench [-- <name> [options] …]   (each benchmark takes --help)');
    for (const b of BENCHMARKS) console.log(`  ${b.name.padEnd(15)} ${b.what}`);
    return;
  }
  const summary: string[] = [];
  let failed = false;
  for (const { name, argv } of selection(args)) {
    if (stopping) break;
    const bench = BENCHMARKS.find((b) => b.name === name)!;
    if (!existsSync(path.join(HERE, bench.file))) {
      summary.push(`${name}: not run — bench/${bench.file} does not exist yet`);
      continue;
    }
    console.log(`\n━━━ ${name} ━━━ ${bench.what}`);
    const started = performance.now();
    const { code, signal } = await runChild(name, argv);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    const ok = code === 0;
    failed ||= !ok;
    summary.push(`${name}: ${ok ? 'done' : `FAILED (${signal ?? `exit ${code}`})`} in ${seconds} s`);
  }
  console.log(`\n${summary.join('\n')}`);
  process.exitCode = stopping ? 130 : failed ? 1 : 0;
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});

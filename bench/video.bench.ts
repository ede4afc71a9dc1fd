/**
 * Video: transcoding time per minute of 720p input for the whole ladder (240p, 360p, audio-only HLS
 * and the small MP4), with one ffmpeg thread per job as the workers run it, and with two.
 * Then concurrent HLS viewers of the 240p rung served by one Sabaq process (and behind nginx's
 * proxy_cache when nginx is installed): `bench/video-viewers.ts`.
 * `npm run bench -- video [--seconds 60] [--only transcode|viewers] [--viewers 500,1000,2000] [--hold 20]`.
 * The input is made with ffmpeg's test sources.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ladderArgs } from '../server/modules/video/video.media.js';
import { runViewers } from './video-viewers.js';

function timed(args: string[]): Promise<{ seconds: number; cpuSeconds: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // bash's `times` after the child: its user+sys CPU
    const child = spawn('bash', ['-c', 'ffmpeg "$@" >/dev/null; times', 'ffmpeg', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const line = out.trim().split('\n').pop() ?? '';
      const cpu = [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((s, m) => s + Number(m[1]) * 60 + Number(m[2]), 0);
      resolve({ seconds, cpuSeconds: cpu });
    });
  });
}

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

export async function run(argv: string[]): Promise<void> {
  const seconds = Number(option(argv, '--seconds') ?? 60);
  const only = option(argv, '--only');
  const steps = (option(argv, '--viewers') ?? '500,1000,2000').split(',').map(Number);
  const hold = Number(option(argv, '--hold') ?? 20);
  if (![seconds, hold, ...steps].every((n) => Number.isFinite(n) && n > 0)) throw new Error('--seconds, --hold and --viewers must be positive numbers');
  const dir = mkdtempSync(path.join(tmpdir(), 'sabaq-video-bench-'));
  try {
    if (only !== 'viewers') await transcoding(dir, seconds);
    if (only !== 'transcode') {
      // 48 s of 360p input make 12 segments of the 240p rung for the players to cycle through
      const input = path.join(dir, 'viewers.mp4');
      execFileSync('ffmpeg', [
        '-hide_banner',
        '-loglevel',
        'error',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=640x360:rate=25:duration=48',
        '-f',
        'lavfi',
        '-i',
        'sine=frequency=440:duration=48',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-c:a',
        'aac',
        '-shortest',
        input,
      ]);
      const ladder = path.join(dir, 'viewers-ladder');
      mkdirSync(ladder);
      await timed(ladderArgs(input, ladder, 2));
      await runViewers(dir, ladder, steps, hold);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function transcoding(dir: string, seconds: number): Promise<void> {
  {
    const input = path.join(dir, 'in.mp4');
    execFileSync('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=1280x720:rate=25:duration=${seconds}`,
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=440:duration=${seconds}`,
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-b:v',
      '2500k',
      '-c:a',
      'aac',
      '-shortest',
      input,
    ]);
    console.log(`video: ${seconds} s of 720p25 input (testsrc2 + sine)`);
    for (const threads of [1, 2]) {
      const out = path.join(dir, `out-${threads}`);
      mkdirSync(out);
      const r = await timed(ladderArgs(input, out, threads));
      const perMinute = (r.seconds / seconds) * 60;
      console.log(
        `  ladder with ${threads} ffmpeg thread(s): ${r.seconds.toFixed(1)} s wall (${perMinute.toFixed(1)} s per minute of input), ${r.cpuSeconds.toFixed(1)} s CPU`,
      );
    }
    console.log(`  peak memory of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (ffmpeg's own is not included)`);
  }
}

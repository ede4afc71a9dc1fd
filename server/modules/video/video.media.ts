/**
 * The media tools, as child processes: ffprobe to judge an upload, ffmpeg to make the HLS ladder.
 * Never home-made media code, never in a request's thread (ffprobe reads only the container's header).
 */
import { spawn, spawnSync } from 'node:child_process';
import { LADDER, MP4, parseProbe, SEGMENT_SECONDS, type ProbeResult } from './video.rules.js';

/** Whether a program is on the PATH (checked once at start). */
export function hasProgram(name: string): boolean {
  const r = spawnSync(name, ['-version'], { stdio: 'ignore', timeout: 5000 });
  return r.status === 0;
}

/** ffprobe's view of a file, or null when it cannot read it as media at all. */
export function probe(file: string, timeoutMs = 15_000): Promise<ProbeResult | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (out.length < 1_000_000) out += d;
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? parseProbe(out) : null);
    });
  });
}

/** ffmpeg's arguments for the ladder (HLS: 240p, 360p, audio) and the small MP4, in one decode. */
export function ladderArgs(input: string, outDir: string, threads: number): string[] {
  const [low, mid, audio] = LADDER;
  const t = String(threads);
  return [
    '-hide_banner',
    '-nostdin',
    '-y',
    '-loglevel',
    'error',
    '-i',
    input,
    '-threads',
    t,
    '-filter_complex_threads',
    t,
    '-filter_complex',
    `[0:v:0]split=3[a][b][c];[a]scale=-2:${low.height}[v0];[b]scale=-2:${mid.height}[v1];[c]scale=-2:${MP4.height}[v2]`,
    '-map',
    '[v0]',
    '-map',
    '0:a:0',
    '-map',
    '[v1]',
    '-map',
    '0:a:0',
    '-map',
    '0:a:0',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-pix_fmt',
    'yuv420p',
    // a key frame at every segment boundary: every rung switches cleanly
    '-force_key_frames',
    `expr:gte(t,n_forced*${SEGMENT_SECONDS})`,
    '-sc_threshold',
    '0',
    '-b:v:0',
    `${low.videoKbps}k`,
    '-maxrate:v:0',
    `${Math.round(low.videoKbps * 1.1)}k`,
    '-bufsize:v:0',
    `${low.videoKbps * 2}k`,
    '-b:v:1',
    `${mid.videoKbps}k`,
    '-maxrate:v:1',
    `${Math.round(mid.videoKbps * 1.1)}k`,
    '-bufsize:v:1',
    `${mid.videoKbps * 2}k`,
    '-c:a',
    'aac',
    '-ac',
    '1',
    '-b:a:0',
    `${low.audioKbps}k`,
    '-b:a:1',
    `${mid.audioKbps}k`,
    '-b:a:2',
    `${audio.audioKbps}k`,
    '-f',
    'hls',
    '-hls_time',
    String(SEGMENT_SECONDS),
    '-hls_playlist_type',
    'vod',
    '-hls_flags',
    'independent_segments',
    '-hls_segment_filename',
    `${outDir}/%v/seg-%05d.ts`,
    '-master_pl_name',
    'master.m3u8',
    '-var_stream_map',
    `v:0,a:0,name:${low.name} v:1,a:1,name:${mid.name} a:2,name:${audio.name}`,
    `${outDir}/%v/index.m3u8`,
    '-map',
    '[v2]',
    '-map',
    '0:a:0',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-pix_fmt',
    'yuv420p',
    '-b:v',
    `${MP4.videoKbps}k`,
    '-maxrate',
    `${Math.round(MP4.videoKbps * 1.1)}k`,
    '-bufsize',
    `${MP4.videoKbps * 2}k`,
    '-c:a',
    'aac',
    '-ac',
    '1',
    '-b:a',
    `${MP4.audioKbps}k`,
    '-movflags',
    '+faststart',
    `${outDir}/small.mp4`,
    '-progress',
    'pipe:1',
    '-nostats',
  ];
}

export class TranscodeError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'TranscodeError';
  }
}

/**
 * Runs ffmpeg for the ladder; `onProgress(0..1)` as it goes (from `-progress`), at most once a second.
 * `signal` stops it (SIGKILL) when the worker stops.
 */
export function transcodeLadder(args: {
  input: string;
  outDir: string;
  durationSeconds: number;
  threads: number;
  onProgress: (fraction: number) => void;
  signal?: AbortSignal;
}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', ladderArgs(args.input, args.outDir, args.threads), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let lastReport = 0;
    let buffered = '';
    const onAbort = () => child.kill('SIGKILL');
    args.signal?.addEventListener('abort', onAbort, { once: true });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 8000) stderr += d;
    });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      buffered += d;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^out_time_us=(\d+)/.exec(line);
        if (!m) continue;
        const now = Date.now();
        if (now - lastReport < 1000) continue;
        lastReport = now;
        args.onProgress(Math.max(0, Math.min(0.99, Number(m[1]) / 1e6 / args.durationSeconds)));
      }
    });
    child.on('error', (err) => reject(err));
    child.on('close', (code, sig) => {
      args.signal?.removeEventListener('abort', onAbort);
      if (code === 0) resolve();
      else reject(new TranscodeError(sig ? `ffmpeg was stopped (${sig})` : `ffmpeg exited with ${code}`, stderr.trim()));
    });
  });
}

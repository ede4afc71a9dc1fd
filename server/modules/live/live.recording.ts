/**
 * Turns a room's Janus recordings into one video file: VideoRoom writes each publisher's streams as
 * `.mjr` files (`videoroom-<room>-user-<id>-<ts>-audio-0.mjr`, `…-video-1.mjr`) in the room's
 * `rec_dir`; `janus-pp-rec` (Debian `janus-tools`) turns each into a playable file (Opus, VP8 in
 * WebM) and ffmpeg joins the sound and the picture (a still frame when the room was sound only).
 * The publisher with the most recorded bytes (the teacher's camera or shared screen) is taken.
 */
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

function run(cmd: string, args: string[], timeoutMs = 10 * 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => {
      err = (err + String(d)).slice(-2000);
    });
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(t);
      reject(new Error(`${cmd}: ${e.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(t);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

export interface RecordedPublisher {
  prefix: string;
  audio: string | null;
  video: string | null;
  bytes: number;
}

/** The recorded publishers in a folder, most bytes first. */
export async function recordedPublishers(dir: string): Promise<RecordedPublisher[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const byPrefix = new Map<string, RecordedPublisher>();
  for (const name of names) {
    const m = /^(.*)-(audio|video)-\d+\.mjr$/.exec(name);
    if (!m) continue;
    const p = byPrefix.get(m[1]!) ?? { prefix: m[1]!, audio: null, video: null, bytes: 0 };
    const file = path.join(dir, name);
    const size = (await stat(file)).size;
    if (m[2] === 'audio' && !p.audio) p.audio = file;
    if (m[2] === 'video' && !p.video) p.video = file;
    p.bytes += size;
    byPrefix.set(m[1]!, p);
  }
  return [...byPrefix.values()].filter((p) => p.audio).sort((a, b) => b.bytes - a.bytes);
}

/** janus-pp-rec + ffmpeg: one MKV with the publisher's picture (or a still frame) and sound; answers its path. */
export async function postProcess(dir: string, p: RecordedPublisher): Promise<string> {
  const audio = path.join(dir, 'sabaq-audio.opus');
  await run('janus-pp-rec', [p.audio!, audio]);
  const out = path.join(dir, 'sabaq-lesson.mkv');
  if (p.video) {
    const video = path.join(dir, 'sabaq-video.webm');
    await run('janus-pp-rec', [p.video, video]);
    await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', video, '-i', audio, '-map', '0:v:0', '-map', '1:a:0', '-c', 'copy', out]);
  } else {
    await withStillFrame(audio, out);
  }
  return out;
}

/** A sound-only recording made a video: a still frame at 1 fps, so the video pipeline (and its audio-only rung) takes it. */
export async function withStillFrame(audio: string, out: string): Promise<void> {
  await run('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'color=c=0x1f2937:s=640x360:r=1',
    '-i',
    audio,
    '-map',
    '0:v:0',
    '-map',
    '1:a:0',
    '-shortest',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-tune',
    'stillimage',
    '-c:a',
    'copy',
    out,
  ]);
}

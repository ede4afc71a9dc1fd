/**
 * The re-broadcast's media, as child processes: one ffmpeg per broadcast that reads what Janus's
 * VideoRoom forwards (rtp_forward to local UDP ports, described by an SDP file) and writes a live HLS
 * playlist (240p, 360p, sound only) and a copy of the forward (`recording.mkv`) into the broadcast's
 * folder, served by the routes. Never home-made
 * media code; the server only starts, watches and stops ffmpeg.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { forwardSdp, LIVE_RUNGS, liveHlsArgs, masterPlaylist, playlistHasSegments, RECORDING_AUDIO_FILE, RECORDING_FILE } from './broadcast.rules.js';

let present: boolean | undefined;
/** Is ffmpeg on the PATH (asked once per process)? */
export function ffmpegPresent(): boolean {
  present ??= spawnSync('ffmpeg', ['-version'], { stdio: 'ignore', timeout: 5000 }).status === 0;
  return present;
}

/** A free UDP port on 127.0.0.1 (asked of the system, then given to ffmpeg). */
function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Two consecutive even ports would suit RTP/RTCP pairs; ffmpeg only needs the RTP port of each stream. */
async function ports(withVideo: boolean): Promise<{ audio: number; video: number | null }> {
  const audio = await freeUdpPort();
  let video: number | null = null;
  if (withVideo)
    do video = await freeUdpPort();
    while (video === audio);
  return { audio, video };
}

interface Running {
  child: ChildProcess;
  stopping: boolean;
  watcher: NodeJS.Timeout;
}

export interface StreamEvents {
  /** the first playlist with a segment was written */
  live(id: number): void;
  /** ffmpeg ended without being asked to (the reason in a line) */
  failed(id: number, reason: string): void;
}

export class BroadcastStreams {
  private readonly running = new Map<number, Running>();
  constructor(
    readonly rootDir: string,
    private readonly events: StreamEvents,
  ) {}

  dirOf(id: number): string {
    return path.join(this.rootDir, String(id));
  }

  isRunning(id: number): boolean {
    return this.running.has(id);
  }

  /** Starts ffmpeg listening for the forwarded streams; answers the ports to forward to. */
  async start(id: number, withVideo: boolean): Promise<{ audio: number; video: number | null }> {
    await this.stop(id);
    const dir = this.dirOf(id);
    await rm(dir, { recursive: true, force: true });
    await mkdir(path.join(dir, 'audio'), { recursive: true });
    if (withVideo) for (const r of LIVE_RUNGS) await mkdir(path.join(dir, r.name), { recursive: true });
    const p = await ports(withVideo);
    const sdp = path.join(dir, 'in.sdp');
    await writeFile(sdp, forwardSdp(p));
    await writeFile(path.join(dir, 'master.m3u8'), masterPlaylist(withVideo));
    const child = spawn('ffmpeg', liveHlsArgs(sdp, dir, withVideo), { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr = (stderr + d).slice(-2000);
    });
    const first = path.join(dir, withVideo ? '240p' : 'audio', 'index.m3u8');
    const watcher = setInterval(() => {
      void readFile(first, 'utf8')
        .then((text) => {
          if (playlistHasSegments(text)) {
            clearInterval(watcher);
            this.events.live(id);
          }
        })
        .catch(() => undefined);
    }, 500);
    watcher.unref();
    const entry: Running = { child, stopping: false, watcher };
    this.running.set(id, entry);
    child.on('error', (err) => {
      stderr += err.message;
    });
    child.on('exit', (code, signal) => {
      clearInterval(watcher);
      if (this.running.get(id) === entry) this.running.delete(id);
      if (!entry.stopping) this.events.failed(id, `ffmpeg stopped (${signal ?? code}): ${stderr.trim().split('\n').pop() ?? ''}`.slice(0, 300));
    });
    return p;
  }

  /** Stops ffmpeg (it closes the playlists with ENDLIST on SIGINT); the folder stays until the next start. */
  async stop(id: number): Promise<void> {
    const r = this.running.get(id);
    if (!r) return;
    r.stopping = true;
    clearInterval(r.watcher);
    this.running.delete(id);
    if (r.child.exitCode !== null || r.child.signalCode !== null) return;
    const gone = new Promise((resolve) => r.child.once('exit', resolve));
    r.child.kill('SIGINT');
    const t = setTimeout(() => r.child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(t);
  }

  /** The meeting's recording (the forward copied by ffmpeg) if one was written; kept until the folder is started again. */
  recordingOf(id: number): { path: string; soundOnly: boolean } | null {
    const video = path.join(this.dirOf(id), RECORDING_FILE);
    if (existsSync(video)) return { path: video, soundOnly: false };
    const audio = path.join(this.dirOf(id), RECORDING_AUDIO_FILE);
    return existsSync(audio) ? { path: audio, soundOnly: true } : null;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)));
  }
}

import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** The video module's settings, read from the environment once (beside the module, like the file store's). */
const videoEnv = z.object({
  DATA_DIR: z.string().default('./data'),
  /** Transcoding jobs run at once by this process: one per core by default; 0 = this process transcodes nothing. */
  VIDEO_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  /** ffmpeg threads per job (one job per core, so 1 by default). */
  VIDEO_FFMPEG_THREADS: z.coerce.number().int().min(1).max(16).default(1),
  /** Largest accepted video upload in bytes (default 2 GiB). */
  VIDEO_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(50 * 1024 ** 3)
    .default(2 * 1024 ** 3),
  /** A running job whose worker has not reported for this long is taken over by another worker (seconds). */
  VIDEO_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /** How often an idle worker looks for queued jobs (ms); an upload in this process wakes it at once. */
  VIDEO_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
});

export interface VideoConfig {
  workers: number;
  ffmpegThreads: number;
  maxBytes: number;
  leaseSeconds: number;
  pollMs: number;
  /** scratch space for uploads being judged and transcodes in progress */
  workDir: string;
}

export function loadVideoConfig(env: NodeJS.ProcessEnv = process.env): VideoConfig {
  const parsed = videoEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid video configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const e = parsed.data;
  return {
    workers: e.VIDEO_WORKERS ?? Math.max(1, os.availableParallelism()),
    ffmpegThreads: e.VIDEO_FFMPEG_THREADS,
    maxBytes: e.VIDEO_MAX_BYTES,
    leaseSeconds: e.VIDEO_LEASE_SECONDS,
    pollMs: e.VIDEO_POLL_MS,
    workDir: path.resolve(e.DATA_DIR, 'video-work'),
  };
}

/**
 * Transcoding workers: each takes one job at a time from `video_jobs` (FOR UPDATE SKIP LOCKED, so
 * any number of processes share the queue), runs ffmpeg as a child process, puts the ladder in the
 * file store and marks the video ready. A worker that dies leaves its job "running" with an old
 * heartbeat; another worker takes it over after the lease. Failures of the input are final and
 * say why; other failures are retried with a growing delay, up to the job's max attempts.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../platform/db.js';
import type { FileStore } from '../files/files.usecases.js';
import type { VideoConfig } from './video.config.js';
import { probe, TranscodeError, transcodeLadder } from './video.media.js';
import * as repo from './video.repository.js';
import { judgeProbe, retryDelaySeconds, storeKeyOf } from './video.rules.js';

export interface VideoWorkers {
  /** wakes idle workers now (a job was just queued) */
  kick(): void;
  stop(): Promise<void>;
  readonly count: number;
}

export function startVideoWorkers(args: { db: Db; store: FileStore; config: VideoConfig; log: FastifyBaseLogger }): VideoWorkers {
  const { db, store, config, log } = args;
  const abort = new AbortController();
  let wake: (() => void)[] = [];
  const kick = () => {
    const w = wake;
    wake = [];
    for (const f of w) f();
  };
  const idle = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, config.pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      wake.push(done);
    });

  async function loop(slot: number) {
    const workerId = `${process.pid}:${slot}:${randomUUID().slice(0, 8)}`;
    while (!abort.signal.aborted) {
      let job: repo.ClaimedJob | null = null;
      try {
        job = await repo.claimJob(db, workerId, config.leaseSeconds);
      } catch (err) {
        if (!abort.signal.aborted) log.warn({ err: (err as Error).message }, 'video worker: could not claim a job');
      }
      if (abort.signal.aborted) break;
      if (!job) {
        await idle();
        continue;
      }
      try {
        await runJob(job, workerId);
      } catch (err) {
        log.error({ jobId: job.id, videoId: job.videoId, err: (err as Error).message }, 'video worker: job bookkeeping failed');
      }
    }
  }

  async function runJob(job: repo.ClaimedJob, workerId: string) {
    const video = await repo.findVideo(db, job.videoId);
    if (!video) return;
    if (job.attempts > job.maxAttempts) {
      await repo.markFailed(
        db,
        job,
        workerId,
        'video.transcode_failed',
        'Transcoding stopped several times without finishing; retry it',
        'lease expired too often',
      );
      return;
    }
    const dir = path.join(config.workDir, `job-${job.id}-${randomUUID().slice(0, 8)}`);
    const started = Date.now();
    try {
      await mkdir(path.join(dir, 'out'), { recursive: true });
      const input = path.join(dir, 'source');
      await pipeline(await store.get(video.sourceKey), createWriteStream(input));
      const verdict = judgeProbe(await probe(input));
      if (!verdict.ok) {
        await repo.markFailed(db, job, workerId, verdict.code, verdict.message, verdict.message);
        return;
      }
      const duration = video.durationSeconds ?? 1;
      if (!(await repo.reportProgress(db, job, workerId, 0))) return;
      const lost = new AbortController();
      const onStop = () => lost.abort();
      abort.signal.addEventListener('abort', onStop, { once: true });
      try {
        await transcodeLadder({
          input,
          outDir: path.join(dir, 'out'),
          durationSeconds: duration,
          threads: config.ffmpegThreads,
          signal: lost.signal,
          onProgress: (fraction) => {
            repo.reportProgress(db, job, workerId, fraction).then(
              (mine) => {
                if (!mine) lost.abort();
              },
              () => {},
            );
          },
        });
      } finally {
        abort.signal.removeEventListener('abort', onStop);
      }
      if (abort.signal.aborted) return; // stopping: the job stays "running" and is taken over after the lease
      await putFolder(store, video.id, path.join(dir, 'out'));
      if (await repo.markReady(db, job, workerId)) {
        log.info({ videoId: video.id, jobId: job.id, seconds: Math.round((Date.now() - started) / 100) / 10, mediaSeconds: duration }, 'video transcoded');
      }
    } catch (err) {
      if (abort.signal.aborted) return;
      const detail = err instanceof TranscodeError ? `${err.message}: ${err.stderr}` : (err as Error).message;
      log.warn({ videoId: video.id, jobId: job.id, attempt: job.attempts, err: detail.slice(0, 500) }, 'video transcode failed');
      if (job.attempts >= job.maxAttempts) {
        const last = (err instanceof TranscodeError ? err.stderr.split('\n').filter(Boolean).pop() : undefined) ?? (err as Error).message;
        await repo.markFailed(
          db,
          job,
          workerId,
          'video.transcode_failed',
          `ffmpeg could not transcode this video (${job.attempts} attempts): ${last.slice(0, 300)}`,
          detail,
        );
      } else {
        await repo.retryLater(db, job, workerId, retryDelaySeconds(job.attempts), detail);
      }
    } finally {
      await rm(dir, { recursive: true, force: true }).catch(() => {});
    }
  }

  const slots = Array.from({ length: config.workers }, (_, i) => loop(i));
  return {
    kick,
    count: config.workers,
    async stop() {
      abort.abort();
      kick();
      await Promise.allSettled(slots);
    },
  };
}

/** Every file of the transcoded folder into the store; the master playlist last, so "ready" never points at a missing rung. */
async function putFolder(store: FileStore, videoId: number, outDir: string) {
  const names: string[] = [];
  for (const entry of await readdir(outDir, { withFileTypes: true })) {
    if (entry.isDirectory()) for (const f of await readdir(path.join(outDir, entry.name))) names.push(`${entry.name}/${f}`);
    else names.push(entry.name);
  }
  names.sort((a, b) => Number(a === 'master.m3u8') - Number(b === 'master.m3u8'));
  for (const name of names) {
    const file = path.join(outDir, name);
    await store.put(storeKeyOf(videoId, name), createReadStream(file), (await stat(file)).size);
  }
}

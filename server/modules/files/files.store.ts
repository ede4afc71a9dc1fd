import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where file bytes live. Small on purpose: local disk by default, any S3-compatible store in
 * production, both behind these three calls. Keys are ours ("2020/09/<uuid>"), never a user's name.
 */
export interface FileStore {
  /** Stores `body` (exactly `size` bytes) under `key`; a reader never sees a half-written file. */
  put(key: string, body: Readable, size: number): Promise<void>;
  /** The bytes under `key`; rejects with FileMissingError when there are none. */
  get(key: string): Promise<Readable>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

export class FileMissingError extends Error {
  constructor(key: string) {
    super(`No stored file under ${key}`);
    this.name = 'FileMissingError';
  }
}

const KEY = /^[a-z0-9][a-z0-9/-]{0,200}$/;

export function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes('//') || key.endsWith('/')) throw new Error(`Invalid storage key: ${key}`);
  return key;
}

/** Files on the local disk under `root` (default ./data/files). Written to a temporary name, then renamed. */
export class LocalDiskStore implements FileStore {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    return path.join(this.root, ...checkKey(key).split('/'));
  }

  async put(key: string, body: Readable, size: number): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const partial = `${target}.part`;
    try {
      await pipeline(body, createWriteStream(partial, { flags: 'wx', mode: 0o640 }));
      const written = (await stat(partial)).size;
      if (written !== size) throw new Error(`Stored ${written} bytes under ${key}, expected ${size}`);
      await rename(partial, target);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    try {
      await stat(file);
    } catch {
      throw new FileMissingError(key);
    }
    return createReadStream(file);
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

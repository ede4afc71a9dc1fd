import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db, Queryable } from '../../platform/db.js';
import type { Actor } from '../identity/identity.actor.js';
import { formatBytes, type FilesConfig } from './files.config.js';
import { fileEmpty, fileInUse, fileNotFound, fileTooLarge, fileTypeNotAllowed } from './files.errors.js';
import * as repo from './files.repository.js';
import { cleanFileName, detectFileType, FILE_TYPES, SNIFF_BYTES } from './files.rules.js';
import { FileMissingError, LocalDiskStore, type FileStore } from './files.store.js';
import { S3Store } from './files.s3-store.js';

/** Another module's answer to "may this actor read this file?" — e.g. learning: it is a material of a lesson they see. */
export type FileReadCheck = (args: { db: Queryable; actor: Actor; fileId: string }) => Promise<boolean>;

export function createFileStore(config: FilesConfig): FileStore {
  if (config.store === 's3') {
    const { bucket, ...rest } = config.s3;
    return new S3Store({ ...rest, bucket: bucket! });
  }
  return new LocalDiskStore(config.dir);
}

export function tooLargeError(config: Pick<FilesConfig, 'maxBytes'>) {
  return fileTooLarge(`The file is larger than the limit of ${formatBytes(config.maxBytes)} (${config.maxBytes} bytes)`, { limitBytes: config.maxBytes });
}

/** Counts, hashes and keeps the first bytes of a stream as it passes; stops it past the limit. */
class Inspector extends Transform {
  size = 0;
  head = Buffer.alloc(0);
  readonly hash = createHash('sha256');
  constructor(
    private readonly maxBytes: number,
    private readonly onTooLarge: () => Error,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void) {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(this.onTooLarge());
    if (this.head.length < SNIFF_BYTES) this.head = Buffer.concat([this.head, chunk.subarray(0, SNIFF_BYTES - this.head.length)]);
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/**
 * Stores an upload: spools it to disk while counting and hashing, refuses it when over the size
 * limit or not an allowed type (judged by its bytes), then puts it in the store and records it.
 * Nothing is kept when any step fails.
 */
export async function storeUpload(args: {
  db: Db;
  store: FileStore;
  config: FilesConfig;
  ownerId: number;
  fileName: string | undefined;
  body: Readable;
  /** the multipart parser's own limit was hit (it cuts the stream instead of failing it) */
  truncated: () => boolean;
  now?: Date;
}): Promise<repo.FileRow> {
  const { db, store, config } = args;
  const name = cleanFileName(args.fileName);
  await mkdir(config.spoolDir, { recursive: true });
  const spool = path.join(config.spoolDir, randomUUID());
  const inspector = new Inspector(config.maxBytes, () => tooLargeError(config));
  try {
    await pipeline(args.body, inspector, createWriteStream(spool, { mode: 0o600 }));
    if (args.truncated()) throw tooLargeError(config);
    if (inspector.size === 0) throw fileEmpty();
    const type = detectFileType(inspector.head, name);
    if (!type || !config.allowedTypes.includes(type)) {
      const allowed = config.allowedTypes.map((t) => FILE_TYPES[t].extensions[0]).join(', ');
      throw fileTypeNotAllowed(`This type of file is not accepted (judged by its content). Accepted: ${allowed}`, { allowed: config.allowedTypes });
    }
    const id = randomUUID();
    const now = args.now ?? new Date();
    const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id}`;
    await store.put(key, createReadStream(spool), inspector.size);
    try {
      return await repo.insertFile(db, {
        id,
        ownerId: args.ownerId,
        storageKey: key,
        name,
        contentType: FILE_TYPES[type].contentType,
        sizeBytes: inspector.size,
        sha256: inspector.hash.digest('hex'),
      });
    } catch (err) {
      await store.delete(key).catch(() => {});
      throw err;
    }
  } finally {
    await rm(spool, { force: true });
  }
}

/** The owner always; anyone else when a module that attached the file says they may read it. */
export async function findReadableFile(args: { db: Db; actor: Actor; fileId: string; checks: FileReadCheck[] }): Promise<repo.FileRow> {
  const file = await repo.findFile(args.db, args.fileId);
  if (!file) throw fileNotFound();
  if (file.ownerId === args.actor.personId) return file;
  for (const check of args.checks) {
    if (await check({ db: args.db, actor: args.actor, fileId: file.id })) return file;
  }
  throw fileNotFound();
}

export async function openStored(store: FileStore, file: repo.FileRow): Promise<Readable> {
  try {
    return await store.get(file.storageKey);
  } catch (err) {
    if (err instanceof FileMissingError) throw fileNotFound('The file is recorded but its content is missing from the store');
    throw err;
  }
}

/** An uploader may delete their own file while nothing refers to it. */
export async function deleteOwnFile(args: { db: Db; store: FileStore; actor: Actor; fileId: string }): Promise<void> {
  const file = await repo.findFile(args.db, args.fileId);
  if (!file || file.ownerId !== args.actor.personId) throw fileNotFound();
  try {
    await repo.deleteFileRow(args.db, file.id);
  } catch (err) {
    if ((err as { code?: string }).code === '23503') throw fileInUse();
    throw err;
  }
  await args.store.delete(file.storageKey);
}

// What other modules use of files (docs/ARCHITECTURE.md, module boundaries): the store behind the
// files, its configuration, and the own-files lookup that attaching a file to homework needs.
export { FileMissingError, LocalDiskStore, type FileStore } from './files.store.js';
export { formatBytes, loadFilesConfig, type FilesConfig } from './files.config.js';
export { fileNotFound } from './files.errors.js';
export { findOwnFiles } from './files.repository.js';

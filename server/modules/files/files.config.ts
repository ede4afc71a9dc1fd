import path from 'node:path';
import { z } from 'zod';
import { FILE_TYPES, type FileTypeId } from './files.rules.js';

const typeIds = Object.keys(FILE_TYPES) as FileTypeId[];

/**
 * The file store's settings, read from the environment once at start (kept beside the module so the
 * platform config does not grow a knob per module).
 */
const filesEnv = z.object({
  DATA_DIR: z.string().default('./data'),
  /** 'local' (default): files under FILES_DIR; 's3': any S3-compatible store. */
  FILES_STORE: z.enum(['local', 's3']).default('local'),
  /** Local store root; default <DATA_DIR>/files. Uploads are spooled under it (or the OS temp dir for S3). */
  FILES_DIR: z.string().optional(),
  /** Largest accepted upload in bytes (default 20 MiB). */
  FILES_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(10 * 1024 ** 3)
    .default(20 * 1024 * 1024),
  /** Comma-separated type ids allowed (default: every known type), e.g. "pdf,png,jpeg,docx". */
  FILES_ALLOWED_TYPES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return typeIds;
      const ids = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = ids.filter((id) => !typeIds.includes(id as FileTypeId));
      if (unknown.length) {
        ctx.addIssue({ code: 'custom', message: `unknown file types ${unknown.join(', ')}; known: ${typeIds.join(', ')}` });
        return z.NEVER;
      }
      return ids as FileTypeId[];
    }),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** MinIO, Ceph and most self-hosted stores want path-style URLs. */
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export interface FilesConfig {
  store: 'local' | 's3';
  dir: string;
  spoolDir: string;
  maxBytes: number;
  allowedTypes: FileTypeId[];
  s3: { endpoint?: string; region: string; bucket?: string; accessKeyId?: string; secretAccessKey?: string; forcePathStyle: boolean };
}

export function loadFilesConfig(env: NodeJS.ProcessEnv = process.env): FilesConfig {
  const parsed = filesEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid file store configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  const dir = path.resolve(e.FILES_DIR ?? path.join(e.DATA_DIR, 'files'));
  if (e.FILES_STORE === 's3' && !e.S3_BUCKET) throw new Error('Invalid file store configuration: FILES_STORE=s3 needs S3_BUCKET');
  return {
    store: e.FILES_STORE,
    dir,
    spoolDir: path.join(dir, '.incoming'),
    maxBytes: e.FILES_MAX_BYTES,
    allowedTypes: e.FILES_ALLOWED_TYPES,
    s3: {
      endpoint: e.S3_ENDPOINT,
      region: e.S3_REGION,
      bucket: e.S3_BUCKET,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
      forcePathStyle: e.S3_FORCE_PATH_STYLE,
    },
  };
}

/** "20 MB" for 20 MiB: the limit as a person reads it. */
export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

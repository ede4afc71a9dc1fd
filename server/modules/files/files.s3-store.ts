import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { checkKey, FileMissingError, type FileStore } from './files.store.js';

export interface S3Options {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

/**
 * Any S3-compatible store (AWS S3, MinIO, Ceph RGW, Yandex/PS Cloud object storage) through the
 * maintained AWS SDK. The SDK is loaded only when this store is configured. Credentials come from
 * the options, or from the SDK's usual chain (environment, instance role) when not given.
 */
export class S3Store implements FileStore {
  private client?: Promise<{ s3: S3Client; sdk: typeof import('@aws-sdk/client-s3') }>;

  constructor(private readonly options: S3Options) {}

  private connect() {
    this.client ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      s3: new sdk.S3Client({
        region: this.options.region,
        endpoint: this.options.endpoint,
        forcePathStyle: this.options.forcePathStyle,
        // plain PUT bodies with a Content-Length: what every S3-compatible store understands (the
        // SDK's newer default, aws-chunked bodies with trailing checksums, is not universal)
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        credentials:
          this.options.accessKeyId && this.options.secretAccessKey
            ? { accessKeyId: this.options.accessKeyId, secretAccessKey: this.options.secretAccessKey }
            : undefined,
      }),
    }));
    return this.client;
  }

  async put(key: string, body: Readable, size: number): Promise<void> {
    const { s3, sdk } = await this.connect();
    // a known length lets one PutObject stream the spooled upload without buffering it
    await s3.send(new sdk.PutObjectCommand({ Bucket: this.options.bucket, Key: checkKey(key), Body: body, ContentLength: size }));
  }

  async get(key: string): Promise<Readable> {
    const { s3, sdk } = await this.connect();
    try {
      const res = await s3.send(new sdk.GetObjectCommand({ Bucket: this.options.bucket, Key: checkKey(key) }));
      return res.Body as Readable;
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchKey') throw new FileMissingError(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const { s3, sdk } = await this.connect();
    await s3.send(new sdk.DeleteObjectCommand({ Bucket: this.options.bucket, Key: checkKey(key) }));
  }
}

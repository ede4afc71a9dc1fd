import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FileMissingError, LocalDiskStore, checkKey } from './files.store.js';
import { S3Store } from './files.s3-store.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sabaq-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the local disk store', () => {
  const store = new LocalDiskStore(dir);

  test('puts, gets and deletes bytes under a key', async () => {
    await store.put('2020/12/abc-1', Readable.from([Buffer.from('Сәлем, '), Buffer.from('әлем')]), Buffer.byteLength('Сәлем, әлем'));
    expect(await text(await store.get('2020/12/abc-1'))).toBe('Сәлем, әлем');
    await store.delete('2020/12/abc-1');
    await expect(store.get('2020/12/abc-1')).rejects.toBeInstanceOf(FileMissingError);
    await store.delete('2020/12/abc-1'); // deleting twice is no error
  });

  test('a short or failed write leaves nothing behind', async () => {
    await expect(store.put('2020/12/short', Readable.from([Buffer.from('abc')]), 10)).rejects.toThrow(/expected 10/);
    const failing = new Readable({
      read() {
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(store.put('2020/12/broken', failing, 10)).rejects.toThrow(/connection reset/);
    expect(readdirSync(path.join(dir, '2020', '12'))).toEqual([]);
  });

  test('keys are ours: no way out of the store', () => {
    for (const bad of ['../etc/passwd', '/abs', 'a//b', 'UPPER', 'a/', 'a b']) expect(() => checkKey(bad)).toThrow(/Invalid storage key/);
    expect(checkKey('2020/12/0f9e-1')).toBe('2020/12/0f9e-1');
  });
});

describe('the S3-compatible store', () => {
  // A stand-in for an S3-compatible server (path-style, no signature check): outside us, so faked.
  const objects = new Map<string, Buffer>();
  let server: Server;
  let endpoint = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const key = decodeURIComponent(req.url!.split('?')[0]!);
        if (req.method === 'PUT') {
          objects.set(key, Buffer.concat(chunks));
          res.writeHead(200, { etag: '"1"' }).end();
        } else if (req.method === 'GET' && objects.has(key)) {
          res.writeHead(200, { 'content-length': objects.get(key)!.length }).end(objects.get(key));
        } else if (req.method === 'GET') {
          res
            .writeHead(404, { 'content-type': 'application/xml' })
            .end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
        } else if (req.method === 'DELETE') {
          objects.delete(key);
          res.writeHead(204).end();
        } else res.writeHead(405).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('puts with a known length, gets, and tells a missing key from other failures', async () => {
    const store = new S3Store({ endpoint, region: 'us-east-1', bucket: 'sabaq', accessKeyId: 'test', secretAccessKey: 'test', forcePathStyle: true });
    await store.put('2020/12/s3-1', Readable.from([Buffer.from('Сабақ')]), Buffer.byteLength('Сабақ'));
    expect(objects.get('/sabaq/2020/12/s3-1')?.toString()).toBe('Сабақ');
    expect(await text(await store.get('2020/12/s3-1'))).toBe('Сабақ');
    await store.delete('2020/12/s3-1');
    await expect(store.get('2020/12/s3-1')).rejects.toBeInstanceOf(FileMissingError);
  });
});

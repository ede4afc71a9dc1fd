import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/** A clip made with ffmpeg's test sources (never downloaded): testsrc picture and a sine tone. */
export function makeClip(opts: { seconds?: number; audio?: boolean; size?: string; frames?: number } = {}): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'sabaq-clip-'));
  const out = path.join(dir, 'clip.mp4');
  const seconds = opts.seconds ?? 3;
  const args = ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=size=${opts.size ?? '320x240'}:rate=25:duration=${seconds}`];
  if (opts.audio !== false) args.push('-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`);
  if (opts.frames) args.push('-frames:v', String(opts.frames));
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p');
  if (opts.audio !== false) args.push('-c:a', 'aac', '-shortest');
  args.push(out);
  execFileSync('ffmpeg', args);
  return readFileSync(out);
}

/** A multipart body with text fields first, then one file. */
export function videoMultipart(fields: Record<string, string>, fileName: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----sabaq${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseRange, sliceBytes } from './textbook-supply.range.js';

describe('byte ranges of an e-version', () => {
  test('examples', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=50-5000', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=9-3', 100)).toBeNull();
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull(); // several ranges: the whole file
    expect(parseRange('items=0-1', 100)).toBeNull();
  });

  test('a satisfiable range lies inside the file; slicing any chunking gives exactly those bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 3000 }),
        fc.nat(4000),
        fc.option(fc.nat(4000), { nil: undefined }),
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 10 }),
        async (bytes, a, b, cuts) => {
          const file = Buffer.from(bytes);
          const r = parseRange(`bytes=${a}-${b ?? ''}`, file.length);
          if (r === null) {
            expect(b !== undefined && b < a).toBe(true);
            return;
          }
          if (r === 'unsatisfiable') {
            expect(a).toBeGreaterThanOrEqual(file.length);
            return;
          }
          expect(r.start).toBe(a);
          expect(r.end).toBeLessThan(file.length);
          expect(r.start).toBeLessThanOrEqual(r.end);
          const chunks: Buffer[] = [];
          let at = 0;
          for (let i = 0; at < file.length; i++) {
            const n = cuts[i % cuts.length]!;
            chunks.push(file.subarray(at, at + n));
            at += n;
          }
          const got = await buffer(Readable.from(chunks).pipe(sliceBytes(r.start, r.end)));
          expect(got.equals(file.subarray(r.start, r.end + 1))).toBe(true);
        },
      ),
    );
  });
});

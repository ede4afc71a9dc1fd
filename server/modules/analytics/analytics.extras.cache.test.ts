import { describe, expect, test } from 'vitest';
import type { Queryable } from '../../platform/db.js';
import { requestContext } from '../../platform/request-context.js';
import { shortLived } from './analytics.extras.js';

/** The short-lived memo of other modules' figures on the overview (passes, supplies). */
describe('shortLived', () => {
  const db = {} as Queryable; // only its identity is used
  const counter = () => {
    let loads = 0;
    return { load: async () => ++loads, loads: () => loads };
  };

  test('concurrent readers of one key share one load; another key loads on its own', async () => {
    const memo = shortLived<number>();
    const c = counter();
    const got = await Promise.all([memo(db, 'a', 0, c.load), memo(db, 'a', 1, c.load), memo(db, 'a', 2, c.load)]);
    expect(got).toEqual([1, 1, 1]);
    expect(await memo(db, 'b', 3, c.load)).toBe(2);
    expect(c.loads()).toBe(2);
  });

  test('an expired entry is served once more while it reloads, then the new value', async () => {
    const memo = shortLived<number>();
    const c = counter();
    expect(await memo(db, 'k', 0, c.load)).toBe(1);
    expect(await memo(db, 'k', 29_999, c.load)).toBe(1);
    expect(await memo(db, 'k', 30_000, c.load)).toBe(1); // stale, reload started
    await new Promise((r) => setTimeout(r, 0));
    expect(await memo(db, 'k', 30_001, c.load)).toBe(2);
    expect(c.loads()).toBe(2);
  });

  test('a request that has written reads afresh and leaves the cache alone; a failed load is not kept', async () => {
    const memo = shortLived<number>();
    const c = counter();
    expect(await memo(db, 'k', 0, c.load)).toBe(1);
    expect(await requestContext.run({ wroteAt: 1 } as never, () => memo(db, 'k', 1, c.load))).toBe(2);
    expect(await memo(db, 'k', 2, c.load)).toBe(1);
    await expect(memo(db, 'x', 0, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await new Promise((r) => setTimeout(r, 0));
    expect(await memo(db, 'x', 1, c.load)).toBe(3);
  });
});

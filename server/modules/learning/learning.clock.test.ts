import { expect, test } from 'vitest';
import { clockFromEnv } from '../../platform/clock.js';
import { localDateOf } from './learning.rules.js';

test('without LEARNING_TODAY the clock is the real one', () => {
  const before = Date.now();
  const now = clockFromEnv({}).call(null).getTime();
  expect(now).toBeGreaterThanOrEqual(before);
  expect(now).toBeLessThanOrEqual(Date.now());
});

test('a pinned date is that day in Kazakhstan at the real time of day', () => {
  const now = clockFromEnv({ LEARNING_TODAY: '2020-12-09' })();
  expect(localDateOf(now, 'Asia/Almaty')).toBe('2020-12-09');
  const realMinutes = Math.floor(((Date.now() + 6 * 3_600_000) % 86_400_000) / 60_000);
  const pinnedMinutes = Math.floor(((now.getTime() + 6 * 3_600_000) % 86_400_000) / 60_000);
  expect(Math.abs(realMinutes - pinnedMinutes)).toBeLessThanOrEqual(1);
});

test('a pinned instant stands still', () => {
  const clock = clockFromEnv({ LEARNING_TODAY: '2020-12-09T06:00:00Z' });
  expect(clock().toISOString()).toBe('2020-12-09T06:00:00.000Z');
  expect(() => clockFromEnv({ LEARNING_TODAY: 'yesterday' })).toThrow(/LEARNING_TODAY/);
});

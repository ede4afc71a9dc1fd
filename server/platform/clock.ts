import { z } from 'zod';

/** The e-journal's clock: what "now" is for joining, lateness and the default day of Today. */
export type Clock = () => Date;

const env = z.object({
  /**
   * Pins the school calendar, for the demo dataset (its school year is 2020-2021) and for tests;
   * never set in production. Sessions and every other module keep the real clock.
   *  - a date, 2020-12-09: that day in Kazakhstan (UTC+6) at the real time of day;
   *  - an instant, 2020-12-09T06:00:00Z: time stands still there.
   */
  LEARNING_TODAY: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
});

const KAZAKHSTAN_OFFSET_MS = 6 * 3_600_000;
const DAY_MS = 86_400_000;

export function clockFromEnv(source: NodeJS.ProcessEnv = process.env): Clock {
  const parsed = env.safeParse(source);
  if (!parsed.success) throw new Error('Invalid configuration: LEARNING_TODAY must be a date (2020-12-09) or an instant (2020-12-09T06:00:00Z)');
  const pinned = parsed.data.LEARNING_TODAY;
  if (!pinned) return () => new Date();
  if (pinned.includes('T')) {
    const frozen = Date.parse(pinned);
    return () => new Date(frozen);
  }
  const pinnedMidnight = Date.parse(`${pinned}T00:00:00+06:00`);
  return () => {
    const timeOfDay = (Date.now() + KAZAKHSTAN_OFFSET_MS) % DAY_MS;
    return new Date(pinnedMidnight + timeOfDay);
  };
}

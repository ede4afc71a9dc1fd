import type { Db } from '../../platform/db.js';
import type { FileStore } from '../files/files.usecases.js';
import type { Clock } from '../../platform/clock.js';
import type { ClassDayCache } from './diary.cache.js';
import { rangeReversed, rangeTooLong } from './learning.errors.js';
import { checkRange } from './learning.rules.js';

/** What every learning route gets: the database, the e-journal's clock, the file store. */
export interface LearningDeps {
  db: Db;
  clock: Clock;
  store: FileStore;
  /** The class-day cache (decision 0026); absent: every Today is one query as before. */
  classDays?: ClassDayCache;
}

/** Refuses a bad ?from&to before any query runs. */
export function assertRange(from: string | undefined, to: string | undefined, maxDays: number): void {
  const problem = checkRange(from ?? null, to ?? null, maxDays);
  if (problem === 'to_without_from') throw rangeReversed('Give "from" together with "to"');
  if (problem === 'reversed') throw rangeReversed(`The range ends (${to}) before it starts (${from})`);
  if (problem === 'too_long') throw rangeTooLong(`At most ${maxDays} days at once`);
}

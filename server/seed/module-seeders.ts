import type { Db } from '../platform/db.js';
import { seedFormats } from '../modules/formats/formats.seed.js';
import { seedDuty } from '../modules/duty/duty.seed.js';
import { seedLearning } from '../modules/learning/learning.seed.js';
import { seedSupplies } from '../modules/supplies/supplies.seed.js';
import { seedAccess } from '../modules/access/access.seed.js';
import { seedAnalytics } from '../modules/analytics/analytics.seed.js';
import { seedTraining } from '../modules/training/training.seed.js';
import { seedQuality } from '../modules/quality/quality.seed.js';
import { seedVideo } from '../modules/video/video.seed.js';
import { seedConnectivity } from '../modules/connectivity/connectivity.seed.js';

export type SeedSize = 'demo' | 'region' | 'country';

/**
 * Domain modules add their own demo data (timetables, marks, applications…) after the foundation
 * dataset is loaded. Each seeder must be deterministic and fit the size's time budget.
 */
export type ModuleSeeder = (args: { db: Db; size: SeedSize; quiet?: boolean }) => Promise<void>;

export const moduleSeeders: { name: string; run: ModuleSeeder }[] = [
  { name: 'formats', run: seedFormats },
  { name: 'duty', run: seedDuty },
  // the national TV grid first: format-driven TV lessons pick their slot from it
  { name: 'video', run: seedVideo },
  { name: 'learning', run: seedLearning },
  { name: 'supplies', run: seedSupplies },
  { name: 'access', run: seedAccess },
  { name: 'analytics', run: seedAnalytics },
  { name: 'training', run: seedTraining },
  { name: 'quality', run: seedQuality },
  { name: 'connectivity', run: seedConnectivity },
];

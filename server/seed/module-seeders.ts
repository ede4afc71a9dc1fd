import type { Db } from '../platform/db.js';

export type SeedSize = 'demo' | 'region' | 'country';

/**
 * Domain modules add their own demo data (timetables, marks, applications…) after the foundation
 * dataset is loaded. Each seeder must be deterministic and fit the size's time budget.
 */
export type ModuleSeeder = (args: { db: Db; size: SeedSize; quiet?: boolean }) => Promise<void>;

export const moduleSeeders: { name: string; run: ModuleSeeder }[] = [];

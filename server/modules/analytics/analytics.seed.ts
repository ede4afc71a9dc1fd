import type { ModuleSeeder } from '../../seed/module-seeders.js';
import { LEARNING_DEMO } from '../learning/learning.seed.js';
import { markAllDirty, refreshRollups } from './analytics.refresh.js';

/**
 * The rollups of everything the other seeders wrote, as of the demo's today. The learning seeder
 * loads with triggers off (session_replication_role = replica), so everything is marked dirty first.
 */
export const seedAnalytics: ModuleSeeder = async ({ db, quiet }) => {
  await markAllDirty(db);
  const r = await refreshRollups(db, LEARNING_DEMO.today);
  if (!quiet) console.log(`analytics: ${r.classDays} class days, ${r.organisations} organisations rolled up in ${r.ms} ms`);
};

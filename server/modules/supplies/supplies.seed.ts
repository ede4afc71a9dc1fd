import type { ModuleSeeder } from '../../seed/module-seeders.js';
import { DEFAULT_RULES } from './supplies.defaults.js';
import { seedNeedsAndStock } from './supplies-needs.seed.js';
import { insertRuleSet } from './supplies.repository.js';
import { seedTextbookSupply } from './textbook-supply.seed.js';

/**
 * Supplies demo data: the country's allocation rules v1 (SEED-FACTS defaults), published 15.08.2020;
 * census answers, device and kit stock, each school's confirmed run and its loans (supplies-needs.seed.ts);
 * then the textbook supply chain (textbook-supply.seed.ts).
 */
export const seedSupplies: ModuleSeeder = async ({ db, size }) => {
  await db.transaction(async (tx) => {
    const rules = await insertRuleSet(
      tx,
      null,
      DEFAULT_RULES,
      'Defaults from the seeds: vulnerable families first, then teachers; 1-3 pupils at a distance -> 1 device, 4-6 -> 2, 7-8 -> 3; kits only where connectable',
      null,
      new Date('2020-08-15T09:00:00+06:00'),
    );
    await seedNeedsAndStock(tx, rules);
  });
  await seedTextbookSupply(db, size);
};

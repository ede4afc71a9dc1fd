import type { Queryable } from '../../platform/db.js';
import { dropSecondaryStructures } from '../../seed/bulk-load.js';
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
  const client = await db.pool.connect();
  const tx: Queryable = { query: (text, params) => client.query(text, params as unknown[]) as never };
  try {
    await client.query('begin');
    const rules = await insertRuleSet(
      tx,
      null,
      DEFAULT_RULES,
      'Defaults from the seeds: vulnerable families first, then teachers; 1-3 pupils at a distance -> 1 device, 4-6 -> 2, 7-8 -> 3; kits only where connectable',
      null,
      new Date('2020-08-15T09:00:00+06:00'),
    );
    // region / country: the census's foreign keys and indexes go for the insert and come back after it
    // (the foundation seed's bulk-load helper): one join per key instead of a check per answer
    const rebuild = size === 'demo' ? null : await dropSecondaryStructures(client, ['supplies_census_answers']);
    await seedNeedsAndStock(tx, rules);
    await rebuild?.();
    await client.query('commit');
  } catch (e) {
    await client.query('rollback');
    throw e;
  } finally {
    client.release();
  }
  await seedTextbookSupply(db, size);
};

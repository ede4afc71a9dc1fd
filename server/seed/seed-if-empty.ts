import type { Db } from '../platform/db.js';

/** Loads the `demo` dataset when the database holds no organisation yet (first `npm start`). */
export async function seedIfEmpty(db: Db): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>('select count(*) as n from organisations');
  if (rows[0]!.n > 0) return false;
  const { seed } = await import('./seed.js');
  console.log('Empty database: loading the demo dataset…');
  await seed({ db, size: 'demo' });
  return true;
}

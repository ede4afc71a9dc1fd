import type { Queryable } from '../../platform/db.js';

/** One line of what an erasure did to a module's data. */
export interface ErasureOutcome {
  module: string;
  action: 'deleted' | 'anonymised' | 'kept';
  /** what, in a few words (English; the web translates by module and action) */
  what: string;
  count: number;
  /** kept: until when the retention rules keep it (ISO date), else null */
  keptUntil: string | null;
}

export interface ErasureContext {
  now: Date;
  /** school records (marks, attendance, class membership, submissions, applications) are kept until this date */
  schoolRecordsUntil: string;
}

/**
 * How a module takes part in people's rights over their data. Each module that stores person ids
 * exports one of these from `<module>.personal-data.ts`; `privacy.contributors.ts` lists them all.
 *
 * - `tables`: every table of the module holding person ids, with the columns that hold them (the
 *   coverage test compares this with the database's foreign keys to persons/accounts).
 * - `export`: the module's part of a person's export, as plain JSON (leave out secrets such as
 *   password hashes; use `rowsOf` for the plain cases).
 * - `erase`: what an approved erasure does to the module's data, honouring `ctx.schoolRecordsUntil`
 *   for school records; absent means the module keeps its rows (say why in `keptBecause`).
 */
export interface PersonalDataContributor {
  module: string;
  tables: { table: string; personColumns: string[] }[];
  export: (db: Queryable, personId: number) => Promise<Record<string, unknown>>;
  erase?: (db: Queryable, personId: number, ctx: ErasureContext) => Promise<ErasureOutcome[]>;
  /** when there is no `erase`: why the rows stay (shown in the erasure outcome) */
  keptBecause?: string;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** The rows of `table` where any of `columns` is the person (at most 5,000 per table), without `omit` columns. */
export async function rowsOf(db: Queryable, table: string, columns: string[], personId: number, omit: string[] = []): Promise<Record<string, unknown>[]> {
  for (const name of [table, ...columns]) if (!IDENT.test(name)) throw new Error(`not an identifier: ${name}`);
  const where = columns.map((c) => `${c} = $1`).join(' or ');
  const { rows } = await db.query<Record<string, unknown>>(`select * from ${table} where ${where} order by 1 limit 5000`, [personId]);
  return rows.map((r) =>
    Object.fromEntries(
      Object.entries(r)
        .filter(([k]) => !omit.includes(k))
        .map(([k, v]) => [k, Buffer.isBuffer(v) ? null : v]),
    ),
  );
}

/** The plain export: every listed table's rows about the person. */
export function plainExport(tables: PersonalDataContributor['tables'], omit: string[] = []): PersonalDataContributor['export'] {
  return async (db, personId) => {
    const out: Record<string, unknown> = {};
    for (const t of tables) out[t.table] = await rowsOf(db, t.table, t.personColumns, personId, omit);
    return out;
  };
}

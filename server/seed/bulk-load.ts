import type pg from 'pg';

/**
 * For the large sizes: drops the secondary indexes, unique and foreign-key constraints of the
 * tables we fill (keeping primary keys and checks), and returns a function that rebuilds them
 * exactly as they were (definitions read back from the catalogue). COPY into bare tables is
 * several times faster than checking each row's foreign keys one by one; rebuilding an index is
 * one sort, and re-adding a foreign key validates every row in one join. Everything runs inside
 * the caller's transaction, so a failure leaves the schema untouched.
 */
export async function dropSecondaryStructures(client: pg.ClientBase, tables: readonly string[]): Promise<() => Promise<{ step: string; ms: number }[]>> {
  const regclasses = tables.map((t) => `public.${t}`);
  const { rows: constraints } = await client.query<{ tbl: string; name: string; def: string; kind: 'f' | 'u' }>(
    `select c.conrelid::regclass::text as tbl, quote_ident(c.conname) as name, pg_get_constraintdef(c.oid) as def, c.contype as kind
       from pg_constraint c
      where c.conrelid = any($1::regclass[]) and c.contype in ('f', 'u')
        -- a unique constraint that another table's foreign key relies on must stay
        and not (c.contype = 'u' and exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = c.conindid))
      order by c.contype desc, c.conrelid, c.conname`,
    [regclasses],
  );
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i
      where i.indrelid = any($1::regclass[])
        and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.conrelid = i.indrelid and c.contype in ('p', 'u', 'x'))
        and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = i.indexrelid)
      order by i.indrelid, 1`,
    [regclasses],
  );

  // foreign keys first ('u' sorts after 'f' in the order above), then unique constraints, then indexes
  for (const c of constraints) await client.query(`alter table ${c.tbl} drop constraint ${c.name}`);
  for (const i of indexes) await client.query(`drop index ${i.name}`);

  return async () => {
    const timings: { step: string; ms: number }[] = [];
    const timed = async (step: string, sql: string) => {
      const t = performance.now();
      await client.query(sql);
      timings.push({ step, ms: performance.now() - t });
    };
    for (const i of indexes) await timed(`index ${i.name}`, i.def);
    for (const c of constraints.filter((x) => x.kind === 'u'))
      await timed(`unique ${c.tbl}.${c.name}`, `alter table ${c.tbl} add constraint ${c.name} ${c.def}`);
    for (const c of constraints.filter((x) => x.kind === 'f'))
      await timed(`foreign key ${c.tbl}.${c.name}`, `alter table ${c.tbl} add constraint ${c.name} ${c.def}`);
    return timings;
  };
}

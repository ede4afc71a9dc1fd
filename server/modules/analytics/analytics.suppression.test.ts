import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { suppress, suppressLinked, type Grid, type Mask } from './analytics.suppression.js';

/**
 * The oracle, independent of how suppress() works: every sum a reader knows is an equation over the
 * hidden cells (visible cells moved to the right-hand side). A hidden cell can be worked out exactly
 * when its unit vector lies in the row space of those equations, i.e. when removing its column from
 * the coefficient matrix lowers the rank.
 */
function equations(rows: number, cols: number, additive: boolean): number[][][] {
  // each equation as a list of [r, c, coefficient]
  const eqs: number[][][] = [];
  const dataCols = additive ? cols - 1 : cols;
  for (let c = 0; c < cols; c++) {
    const eq: number[][] = [];
    for (let r = 0; r < rows - 1; r++) eq.push([r, c, 1]);
    eq.push([rows - 1, c, -1]);
    eqs.push(eq);
  }
  if (additive) {
    for (let r = 0; r < rows; r++) {
      const eq: number[][] = [];
      for (let c = 0; c < dataCols; c++) eq.push([r, c, 1]);
      eq.push([r, cols - 1, -1]);
      eqs.push(eq);
    }
  }
  return eqs;
}

function rank(m: number[][]): number {
  const a = m.map((row) => [...row]);
  let rk = 0;
  const width = a[0]?.length ?? 0;
  for (let col = 0; col < width && rk < a.length; col++) {
    let pivot = -1;
    for (let i = rk; i < a.length; i++)
      if (Math.abs(a[i]![col]!) > 1e-9) {
        pivot = i;
        break;
      }
    if (pivot < 0) continue;
    [a[rk], a[pivot]] = [a[pivot]!, a[rk]!];
    for (let i = 0; i < a.length; i++) {
      if (i === rk) continue;
      const f = a[i]![col]! / a[rk]![col]!;
      if (f !== 0) for (let j = col; j < width; j++) a[i]![j]! -= f * a[rk]![j]!;
    }
    rk++;
  }
  return rk;
}

/** the hidden cells a reader can work out exactly */
function derivable(mask: Mask, additive: boolean): [number, number][] {
  const rows = mask.length;
  const cols = mask[0]!.length;
  const hidden: [number, number][] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (mask[r]![c]) hidden.push([r, c]);
  const index = new Map(hidden.map(([r, c], i) => [`${r},${c}`, i]));
  const matrix = equations(rows, cols, additive)
    .map((eq) => {
      const row = new Array<number>(hidden.length).fill(0);
      for (const [r, c, k] of eq) {
        const i = index.get(`${r},${c}`);
        if (i !== undefined) row[i] = k!;
      }
      return row;
    })
    .filter((row) => row.some((v) => v !== 0));
  const full = rank(matrix);
  return hidden.filter((_, i) => rank(matrix.map((row) => row.filter((__, j) => j !== i))) < full);
}

function withTotals(data: Grid, additive: boolean): Grid {
  const rows = additive ? data.map((row) => [...row, row.reduce((a, b) => a + b, 0)]) : data.map((row) => [...row]);
  const total = rows[0]!.map((_, c) => rows.reduce((a, row) => a + row[c]!, 0));
  return [...rows, total];
}

const smallCount = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 }));
const tables = fc
  .integer({ min: 1, max: 5 })
  .chain((cols) => fc.array(fc.array(smallCount, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 7 }));

describe('small-number suppression', () => {
  for (const additive of [true, false]) {
    test(`${additive ? 'additive' : 'non-additive'} table: no cell under the threshold is shown or derivable from what is shown`, () => {
      fc.assert(
        fc.property(tables, fc.integer({ min: 2, max: 10 }), (data, threshold) => {
          const cells = withTotals(data, additive);
          const mask = suppress(cells, threshold, additive);
          for (let r = 0; r < cells.length; r++) {
            for (let c = 0; c < cells[0]!.length; c++) {
              const v = cells[r]![c]!;
              if (v > 0 && v < threshold) expect(mask[r]![c], `cell ${r},${c} = ${v} is hidden`).toBe(true);
            }
          }
          for (const [r, c] of derivable(mask, additive)) {
            const v = cells[r]![c]!;
            expect(v > 0 && v < threshold, `cell ${r},${c} = ${v} can be worked out`).toBe(false);
          }
        }),
        { numRuns: 400 },
      );
    });
  }

  test('a lone additive row (an area without child rows): no small cell is shown or derivable from its sum', () => {
    fc.assert(
      fc.property(fc.array(smallCount, { minLength: 1, maxLength: 6 }), fc.integer({ min: 2, max: 10 }), (data, threshold) => {
        const cells = [[...data, data.reduce((a, b) => a + b, 0)]];
        const mask = suppress(cells, threshold, true);
        cells[0]!.forEach((v, c) => {
          if (v > 0 && v < threshold) expect(mask[0]![c]).toBe(true);
        });
        const hidden = mask[0]!.map((h, c) => (h ? c : -1)).filter((c) => c >= 0);
        // one equation: a hidden cell is derivable only when it is the only one hidden
        if (hidden.length === 1) expect(cells[0]![hidden[0]!]! > 0 && cells[0]![hidden[0]!]! < threshold).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  test('a table with nothing small shows everything', () => {
    const cells = withTotals(
      [
        [10, 20],
        [30, 5],
      ],
      true,
    );
    expect(suppress(cells, 5, true).flat().some(Boolean)).toBe(false);
  });

  test('one small cell in a row hides a partner in its row and its column', () => {
    const cells = withTotals(
      [
        [3, 20],
        [30, 40],
        [50, 60],
      ],
      true,
    );
    const mask = suppress(cells, 5, true);
    expect(mask[0]![0]).toBe(true);
    expect(mask.flat().filter(Boolean).length).toBeGreaterThanOrEqual(4);
    expect(derivable(mask, true)).toEqual([]);
  });
});

/**
 * Two additive tables sharing their total row (passes: gate scans by child area and by weekday). The
 * reader knows both tables' sums; the shared total cells are one unknown each. Same oracle: a hidden
 * cell is derivable when its unit vector lies in the row space of all the equations.
 */
function derivableLinked(ma: Mask, mb: Mask): { table: 'a' | 'b'; r: number; c: number }[] {
  const cols = ma[0]!.length;
  const totalA = ma.length - 1;
  // cell ids: A's cells as they are; B's total row is A's total row
  const id = (table: 'a' | 'b', r: number, c: number) => (table === 'b' && r === mb.length - 1 ? `a:${totalA},${c}` : `${table}:${r},${c}`);
  const hidden = new Map<string, { table: 'a' | 'b'; r: number; c: number }>();
  for (const [table, m] of [['a', ma] as const, ['b', mb] as const]) {
    m.forEach((row, r) => {
      row.forEach((h, c) => {
        if (h && !hidden.has(id(table, r, c))) hidden.set(id(table, r, c), { table, r, c });
      });
    });
  }
  const keys = [...hidden.keys()];
  const index = new Map(keys.map((k, i) => [k, i]));
  const eqs: [string, number][][] = [];
  for (const [table, m] of [['a', ma] as const, ['b', mb] as const]) {
    const rows = m.length;
    // a lone total row (no child rows shown) has no column sums
    if (rows > 1)
      for (let c = 0; c < cols; c++)
        eqs.push([...Array.from({ length: rows - 1 }, (_, r): [string, number] => [id(table, r, c), 1]), [id(table, rows - 1, c), -1]]);
    for (let r = 0; r < rows; r++)
      eqs.push([...Array.from({ length: cols - 1 }, (_, c): [string, number] => [id(table, r, c), 1]), [id(table, r, cols - 1), -1]]);
  }
  const matrix = eqs
    .map((eq) => {
      const row = new Array<number>(keys.length).fill(0);
      for (const [k, v] of eq) {
        const i = index.get(k);
        if (i !== undefined) row[i] = v;
      }
      return row;
    })
    .filter((row) => row.some((v) => v !== 0));
  const full = rank(matrix);
  return keys.filter((_, i) => rank(matrix.map((row) => row.filter((__, j) => j !== i))) < full).map((k) => hidden.get(k)!);
}

/** counts[child][weekday][category] → the table by child and the table by weekday, both with totals */
const events = fc
  .record({ children: fc.integer({ min: 1, max: 4 }), days: fc.integer({ min: 1, max: 7 }), cats: fc.integer({ min: 1, max: 3 }) })
  .chain(({ children, days, cats }) =>
    fc.array(
      fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 30 })), { minLength: cats, maxLength: cats }), {
        minLength: days,
        maxLength: days,
      }),
      { minLength: children, maxLength: children },
    ),
  );

describe('two tables of the same whole (by area and by weekday)', () => {
  test('no cell under the threshold is shown or derivable from both tables together; the shared totals agree', () => {
    fc.assert(
      fc.property(events, fc.integer({ min: 2, max: 8 }), fc.boolean(), (x, threshold, alone) => {
        const cats = x[0]![0]!.length;
        const days = x[0]!.length;
        const byChild = x.map((child) => Array.from({ length: cats }, (_, k) => child.reduce((s, d) => s + d[k]!, 0)));
        const byDay = Array.from({ length: days }, (_, d) => Array.from({ length: cats }, (_, k) => x.reduce((s, child) => s + child[d]![k]!, 0)));
        // alone: an organisation's own figures, its total row with no child rows
        const a = alone ? withTotals(byChild, true).slice(-1) : withTotals(byChild, true);
        const b = withTotals(byDay, true);
        const [ma, mb] = suppressLinked(a, b, threshold);
        expect(ma[ma.length - 1]).toEqual(mb[mb.length - 1]);
        for (const [cells, mask] of [
          [a, ma],
          [b, mb],
        ] as const) {
          cells.forEach((row, r) => {
            row.forEach((v, c) => {
              if (v > 0 && v < threshold) expect(mask[r]![c]).toBe(true);
            });
          });
        }
        for (const { table, r, c } of derivableLinked(ma, mb)) {
          const v = (table === 'a' ? a : b)[r]![c]!;
          expect(v > 0 && v < threshold, `${table} ${r},${c} = ${v} can be worked out`).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

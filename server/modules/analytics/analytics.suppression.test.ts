import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { suppress, type Grid, type Mask } from './analytics.suppression.js';

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

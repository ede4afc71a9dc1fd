/**
 * Small-number suppression with complementary suppression (pure; no database).
 *
 * A published table is `cells[r][c]`: rows 0..R-1 are the children (regions, districts, schools,
 * classes), row R is the area's total; columns 0..C-1 are categories and, for an additive table
 * (the categories partition a whole: pupils by format), column C is the row's total. Every figure a
 * reader sees is one of these cells, and the only relations between them are the sums:
 *   - each column: children add up to the total row;
 *   - additive tables, each row: categories add up to the total column.
 *
 * Primary suppression hides every cell with 0 < value < threshold (a zero says nothing about a
 * person). Complementary suppression then hides more cells until no hidden cell can be worked out
 * from the visible ones by those sums:
 *   - additive table: each cell sits in exactly two equations (its row, its column), so the hidden
 *     cells form a bipartite graph (row vertices, column vertices); a hidden cell is derivable
 *     exactly when its edge is a bridge of that graph. Each bridge gets a 4-cycle (three more cells,
 *     the cheapest such rectangle), which closes it; the full table is a complete bipartite graph,
 *     so a rectangle always exists and the loop ends.
 *   - non-additive table: each cell sits in one equation (its column); a column with exactly one
 *     hidden cell gets its next smallest cell hidden.
 * The property test (analytics.suppression.test.ts) checks the result with an independent
 * linear-algebra oracle.
 */
export type Grid = number[][];

/** true where the cell must not be shown */
export type Mask = boolean[][];

export function primaryMask(cells: Grid, threshold: number): Mask {
  return cells.map((row) => row.map((v) => v > 0 && v < threshold));
}

export function suppress(cells: Grid, threshold: number, additive: boolean, alsoHidden?: Mask): Mask {
  const mask = primaryMask(cells, threshold);
  if (alsoHidden) for (let r = 0; r < mask.length; r++) for (let c = 0; c < mask[r]!.length; c++) mask[r]![c] = mask[r]![c]! || alsoHidden[r]![c]!;
  if (cells.length === 0 || cells[0]!.length === 0) return mask;
  return additive ? closeBridges(cells, mask) : closeColumns(cells, mask);
}

function closeColumns(cells: Grid, mask: Mask): Mask {
  const rows = cells.length;
  const cols = cells[0]!.length;
  for (let c = 0; c < cols; c++) {
    let hidden = 0;
    for (let r = 0; r < rows; r++) if (mask[r]![c]) hidden++;
    if (hidden !== 1) continue;
    let best = -1;
    for (let r = 0; r < rows; r++) {
      if (mask[r]![c]) continue;
      if (best < 0 || cells[r]![c]! < cells[best]![c]!) best = r;
    }
    if (best >= 0) mask[best]![c] = true;
  }
  return mask;
}

/** The first hidden cell whose edge is a bridge (its row and column fall apart without it), or null. */
export function findBridge(mask: Mask): [number, number] | null {
  const rows = mask.length;
  const cols = mask[0]?.length ?? 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!mask[r]![c]) continue;
      if (!connectedWithout(mask, r, c)) return [r, c];
    }
  }
  return null;
}

/** Is column c still reachable from row r through hidden cells when cell (r, c) is left out? */
function connectedWithout(mask: Mask, r0: number, c0: number): boolean {
  const rows = mask.length;
  const cols = mask[0]!.length;
  const seenR = new Array<boolean>(rows).fill(false);
  const seenC = new Array<boolean>(cols).fill(false);
  const queue: [kind: 'r' | 'c', index: number][] = [['r', r0]];
  seenR[r0] = true;
  while (queue.length > 0) {
    const [kind, i] = queue.pop()!;
    if (kind === 'r') {
      for (let c = 0; c < cols; c++) {
        if (!mask[i]![c] || seenC[c] || (i === r0 && c === c0)) continue;
        if (c === c0) return true;
        seenC[c] = true;
        queue.push(['c', c]);
      }
    } else {
      for (let r = 0; r < rows; r++) {
        if (!mask[r]![i] || seenR[r] || (r === r0 && i === c0)) continue;
        seenR[r] = true;
        queue.push(['r', r]);
      }
    }
  }
  return false;
}

function closeBridges(cells: Grid, mask: Mask): Mask {
  const rows = cells.length;
  const cols = cells[0]!.length;
  if (cols < 2) return mask;
  if (rows < 2) {
    // a lone row (an area's total with no children shown): its one sum is the only equation, so a
    // row with exactly one hidden cell gets its next smallest hidden (closeColumns on the transpose)
    const t = closeColumns(
      cells[0]!.map((v) => [v]),
      mask[0]!.map((h) => [h]),
    );
    return [t.map((x) => x[0]!)];
  }
  const cost = (r: number, c: number) => (mask[r]![c] ? 0 : cells[r]![c]! + 1);
  for (let bridge = findBridge(mask); bridge; bridge = findBridge(mask)) {
    const [r, c] = bridge;
    let best: [number, number] | null = null;
    let bestCost = Infinity;
    for (let x = 0; x < rows; x++) {
      if (x === r) continue;
      for (let y = 0; y < cols; y++) {
        if (y === c) continue;
        const total = cost(r, y) + cost(x, c) + cost(x, y);
        if (total < bestCost) {
          bestCost = total;
          best = [x, y];
        }
      }
    }
    const [x, y] = best!;
    mask[r]![y] = true;
    mask[x]![c] = true;
    mask[x]![y] = true;
  }
  return mask;
}

/**
 * Two additive tables that share their total row (the same whole split two ways: by child area and by
 * weekday). Each is suppressed as above; a total cell hidden in one is hidden in the other too, and both
 * are closed again until they agree, so neither shows a total the other hides. The masks only grow, so
 * this ends. The property test checks the pair against the oracle with both tables' sums.
 */
export function suppressLinked(a: Grid, b: Grid, threshold: number): [Mask, Mask] {
  let ma = suppress(a, threshold, true);
  let mb = suppress(b, threshold, true);
  for (;;) {
    const ta = ma[ma.length - 1]!;
    const tb = mb[mb.length - 1]!;
    if (ta.every((v, c) => v === tb[c])) return [ma, mb];
    const union = ta.map((v, c) => v || tb[c]!);
    const pre = (m: Mask) => m.map((row, r) => (r === m.length - 1 ? union : row));
    ma = suppress(a, threshold, true, pre(ma));
    mb = suppress(b, threshold, true, pre(mb));
  }
}

import { describe, expect, test } from 'vitest';
import { attendanceForKey, gridKey, initialColumn, inScale, parseCellInput, scaleOf, type GridState } from './journal-grid.js';

const size = { rows: 3, cols: 4 };
const at = (row: number, col: number, buffer: string | null = null): GridState => ({ row, col, buffer });
const press = (state: GridState, keys: string[], opts: { shift?: boolean; editable?: boolean } = {}) => {
  const effects = [];
  let s = state;
  for (const key of keys) {
    const r = gridKey(s, key, size, { shift: opts.shift, editable: opts.editable ?? true });
    s = r.state;
    if (r.effect) effects.push(r.effect);
  }
  return { state: s, effects };
};

describe('journal grid keys', () => {
  test('arrow keys move between cells and stop at the edges', () => {
    expect(press(at(0, 0), ['ArrowRight', 'ArrowDown']).state).toEqual(at(1, 1));
    expect(press(at(0, 0), ['ArrowUp', 'ArrowLeft']).state).toEqual(at(0, 0));
    expect(press(at(2, 3), ['ArrowDown', 'ArrowRight']).state).toEqual(at(2, 3));
    expect(press(at(1, 2), ['Home']).state).toEqual(at(1, 0));
    expect(press(at(1, 0), ['End']).state).toEqual(at(1, 3));
  });

  test('typing a number and Enter saves the mark and moves to the next pupil, as marks are given down a column', () => {
    const { state, effects } = press(at(0, 2), ['1', '0', 'Enter']);
    expect(effects).toEqual([{ type: 'save', row: 0, col: 2, input: { kind: 'mark', score: 10 } }]);
    expect(state).toEqual(at(1, 2));
  });

  test('Tab saves and moves to the next lesson; Shift+Tab to the previous one', () => {
    expect(press(at(1, 1), ['7', 'Tab'])).toEqual({ state: at(1, 2), effects: [{ type: 'save', row: 1, col: 1, input: { kind: 'mark', score: 7 } }] });
    expect(press(at(1, 1), ['7', 'Tab'], { shift: true }).state).toEqual(at(1, 0));
  });

  test('Tab with nothing typed leaves the grid (no keyboard trap)', () => {
    const r = gridKey(at(1, 1), 'Tab', size, { editable: true });
    expect(r.handled).toBe(false);
    expect(r.state).toEqual(at(1, 1));
  });

  test('an arrow key also saves what was typed, like a spreadsheet', () => {
    expect(press(at(0, 0), ['9', 'ArrowRight']).effects).toEqual([{ type: 'save', row: 0, col: 0, input: { kind: 'mark', score: 9 } }]);
  });

  test('attendance letters on Russian, Kazakh and Latin keyboards', () => {
    for (const k of ['н', 'Н', 'ж', 'a', 'A']) expect(attendanceForKey(k)).toBe('absent');
    for (const k of ['о', 'к', 'l']) expect(attendanceForKey(k)).toBe('late');
    for (const k of ['у', 'с', 'e']) expect(attendanceForKey(k)).toBe('excused');
    for (const k of ['п', 'p', '+']) expect(attendanceForKey(k)).toBe('present');
    expect(attendanceForKey('-')).toBe('clear');
    expect(attendanceForKey('x')).toBeNull();
    expect(press(at(2, 1), ['н', 'Enter']).effects).toEqual([{ type: 'save', row: 2, col: 1, input: { kind: 'attendance', status: 'absent' } }]);
    expect(press(at(2, 1), ['-', 'Enter']).effects).toEqual([{ type: 'save', row: 2, col: 1, input: { kind: 'clearAttendance' } }]);
  });

  test('a letter after digits replaces them, and digits after a letter start a mark', () => {
    expect(press(at(0, 0), ['8', 'н']).state.buffer).toBe('н');
    expect(press(at(0, 0), ['н', '8']).state.buffer).toBe('8');
  });

  test('Escape cancels what was typed; Backspace removes the last character', () => {
    expect(press(at(0, 0), ['1', '0', 'Escape']).state).toEqual(at(0, 0));
    expect(press(at(0, 0), ['1', '0', 'Backspace']).state.buffer).toBe('1');
    expect(press(at(0, 0), ['1', 'Backspace']).state.buffer).toBeNull();
  });

  test('Delete (or Backspace with nothing typed) removes the mark of the cell', () => {
    expect(press(at(1, 3), ['Delete']).effects).toEqual([{ type: 'clearMark', row: 1, col: 3 }]);
    expect(press(at(1, 3), ['Backspace']).effects).toEqual([{ type: 'clearMark', row: 1, col: 3 }]);
  });

  test('a reader (or a cancelled lesson) moves around but types nothing', () => {
    const r = press(at(0, 0), ['8', 'н', 'Delete', 'ArrowDown'], { editable: false });
    expect(r.effects).toEqual([]);
    expect(r.state).toEqual(at(1, 0));
  });

  test('other keys are left to the browser', () => {
    expect(gridKey(at(0, 0), 'x', size, { editable: true }).handled).toBe(false);
    expect(gridKey(at(0, 0), 'F5', size, { editable: true }).handled).toBe(false);
  });

  test('Enter with nothing typed only moves', () => {
    expect(press(at(0, 0), ['Enter'])).toEqual({ state: at(1, 0), effects: [] });
    expect(press(at(1, 0), ['Enter'], { shift: true }).state).toEqual(at(0, 0));
  });
});

describe('cell input', () => {
  test('digits are a mark; one attendance letter is attendance; anything else is not understood', () => {
    expect(parseCellInput('10')).toEqual({ kind: 'mark', score: 10 });
    expect(parseCellInput('0')).toEqual({ kind: 'mark', score: 0 });
    expect(parseCellInput('Н')).toEqual({ kind: 'attendance', status: 'absent' });
    expect(parseCellInput('нн')).toEqual({ kind: 'invalid' });
    expect(parseCellInput('1н')).toEqual({ kind: 'invalid' });
    expect(parseCellInput('')).toEqual({ kind: 'invalid' });
  });

  test("a column's scale follows its assessment", () => {
    expect(scaleOf('formative', null, 10)).toEqual({ min: 1, max: 10 });
    expect(scaleOf('section', 20, 10)).toEqual({ min: 0, max: 20 });
    expect(scaleOf('term', 25, 10)).toEqual({ min: 0, max: 25 });
    expect(scaleOf('rating', null, 10)).toEqual({ min: 0, max: 100 });
    expect(inScale(11, scaleOf('formative', null, 10))).toBe(false);
    expect(inScale(0, scaleOf('formative', null, 10))).toBe(false);
    expect(inScale(0, scaleOf('section', 20, 10))).toBe(true);
    expect(inScale(21, scaleOf('section', 20, 10))).toBe(false);
  });

  test('the cursor starts at the last lesson up to today', () => {
    const dates = ['2020-12-07', '2020-12-08', '2020-12-09', '2020-12-10'];
    expect(initialColumn(dates, '2020-12-09')).toBe(2);
    expect(initialColumn(dates, '2020-12-01')).toBe(0);
    expect(initialColumn(dates, '2021-01-01')).toBe(3);
  });
});

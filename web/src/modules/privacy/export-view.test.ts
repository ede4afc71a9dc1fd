import { describe, expect, test } from 'vitest';
import { cellText, exportParts, MAX_ROWS_SHOWN, recordCount } from './export-view.js';

describe('the readable export', () => {
  test('each list becomes a table with the union of its columns; empty lists are dropped', () => {
    const parts = exportParts({
      marks: [
        { id: 1, value: 5 },
        { id: 2, comment: 'жақсы' },
      ],
      sessions: [],
    });
    expect(parts).toEqual([
      {
        key: 'marks',
        columns: ['id', 'value', 'comment'],
        rows: [
          ['1', '5', '—'],
          ['2', '—', 'жақсы'],
        ],
        total: 2,
      },
    ]);
  });
  test('long lists show the first rows and say how many there are', () => {
    const parts = exportParts({ attendance: Array.from({ length: 120 }, (_, i) => ({ id: i })) });
    expect(parts[0]!.rows).toHaveLength(MAX_ROWS_SHOWN);
    expect(parts[0]!.total).toBe(120);
  });
  test('instants read as date and time; objects as JSON; counts add up', () => {
    expect(cellText('2020-12-09T08:30:00.000Z')).toBe('2020-12-09 08:30');
    expect(cellText({ a: 1 })).toBe('{"a":1}');
    expect(recordCount({ identity: { persons: [{}], accounts: [] }, learning: { marks: [{}, {}] } })).toBe(3);
  });
});

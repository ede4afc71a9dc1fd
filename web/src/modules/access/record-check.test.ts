import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { recordProblems } from './record-check.js';

const ok = { kind: 'vaccination' as const, at: '2021-09-01T10:00', product: 'QazVac', dose: '1', series: '2' };

describe('a typed health record', () => {
  test('a complete vaccination passes; a test or recovery needs only its date', () => {
    expect(recordProblems(ok)).toEqual([]);
    expect(recordProblems({ ...ok, kind: 'test', product: '', dose: '', series: '' })).toEqual([]);
    expect(recordProblems({ ...ok, kind: 'recovery', at: '' })).toEqual(['at']);
  });

  test('each wrong field is named', () => {
    expect(recordProblems({ ...ok, at: '', product: '  ', dose: '0', series: '11' })).toEqual(['at', 'product', 'dose', 'series']);
    expect(recordProblems({ ...ok, dose: '1.5', series: 'екі' })).toEqual(['dose', 'series']);
  });

  test('a dose is taken exactly when it is a whole number from 1 to 10', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -50, max: 50 }).map(String), fc.double({ noNaN: true }).map(String), fc.string()), (dose) => {
        const n = Number(dose.trim());
        const fits = dose.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 10;
        expect(recordProblems({ ...ok, dose }).includes('dose')).toBe(!fits);
      }),
    );
  });
});

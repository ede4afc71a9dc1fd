import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { iinCheckDigit, isValidIin, makeIin, parseIin } from './iin.js';

describe('IIN', () => {
  test('a valid IIN gives its birth date and sex (check digit from the first weighting pass)', () => {
    // 9·1 + 1·4 + 1·6 + 3·7 + 1·11 = 51; 51 mod 11 = 7
    expect(parseIin('900101300017')).toEqual({ valid: true, birthDate: '1990-01-01', sex: 'm' });
    expect(parseIin('120517600232')).toEqual({ valid: true, birthDate: '2012-05-17', sex: 'f' });
    expect(parseIin('751231100051')).toEqual({ valid: true, birthDate: '1875-12-31', sex: 'm' });
  });

  test('when the first pass gives 10, the second weighting pass (3..11,1,2) decides the check digit', () => {
    // first pass: 175 mod 11 = 10; second: 8·3+5·4+3·6+1·7+5·8+3·9+1·11+8·1 = 155, mod 11 = 1
    expect(iinCheckDigit('85031530180')).toBe(1);
    expect(parseIin('850315301801').valid).toBe(true);
    expect(parseIin('850315301802')).toMatchObject({ valid: false, problem: 'check_digit' });
  });

  test('a number whose both passes give 10 is never issued', () => {
    const prefix = Array.from({ length: 10_000 }, (_, i) => `850315${String(i).padStart(5, '0')}`).find((p) => iinCheckDigit(p) === null);
    expect(prefix).toBeDefined();
    for (let d = 0; d <= 9; d++) expect(isValidIin(`${prefix}${d}`)).toBe(false);
  });

  test.each([
    ['', 'format'],
    ['90010130001', 'format'],
    ['9001013000170', 'format'],
    ['90010130001a', 'format'],
    [' 900101300017', 'format'],
    ['900101000017', 'century'],
    ['900101700017', 'century'],
    ['901301300017', 'birth_date'],
    ['900230300017', 'birth_date'],
    ['010229500017', 'birth_date'], // 2001 is not a leap year
    ['900101300018', 'check_digit'],
  ])('%s is invalid (%s)', (iin, problem) => {
    expect(parseIin(iin)).toMatchObject({ valid: false, problem });
  });

  test('29 February is a birth date in a leap year', () => {
    const iin = makeIin('2004-02-29', 'f', 1) ?? makeIin('2004-02-29', 'f', 2)!;
    expect(parseIin(iin)).toMatchObject({ valid: true, birthDate: '2004-02-29', sex: 'f' });
  });

  test('every IIN makeIin builds is valid and round-trips its date and sex; a wrong check digit is caught', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
        fc.constantFrom<'m' | 'f'>('m', 'f'),
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 1, max: 9 }),
        (date, sex, serial, delta) => {
          const birthDate = date.toISOString().slice(0, 10);
          const iin = makeIin(birthDate, sex, serial);
          if (iin === null) return; // that serial has no valid check digit
          expect(parseIin(iin)).toEqual({ valid: true, birthDate, sex });
          // a mistyped check digit never passes
          const typo = iin.slice(0, 11) + ((Number(iin[11]) + delta) % 10);
          expect(isValidIin(typo)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

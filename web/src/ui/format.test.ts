import { expect, test } from 'vitest';
import { formatDate, formatNumber, fullName, localised, shortName } from './format.js';

test('Kazakh dates and numbers do not depend on the browser having Kazakh locale data', () => {
  expect(formatDate('2010-03-14', 'kk')).toBe('2010 ж. 14 наурыз');
  expect(formatDate('2013-12-01', 'kk')).toBe('2013 ж. 1 желтоқсан');
  expect(formatDate('2010-03-14', 'ru')).toBe('14 марта 2010 г.');
  expect(formatDate('2010-03-14', 'en')).toBe('March 14, 2010');
  expect(formatDate('not a date', 'kk')).toBe('not a date');
  // Russian grouping: a narrow no-break space between thousands, a comma before decimals
  expect(formatNumber(1234567.5, 'kk')).toBe(formatNumber(1234567.5, 'ru'));
  expect(formatNumber(1234567.5, 'kk')).toMatch(/^1\s234\s567,5$/);
});

test('names', () => {
  const p = { lastName: 'Ахметов', firstName: 'Әлихан', middleName: 'Серікұлы' };
  expect(fullName(p)).toBe('Ахметов Әлихан Серікұлы');
  expect(shortName(p)).toBe('Ахметов Ә. С.');
  expect(shortName({ ...p, middleName: null })).toBe('Ахметов Ә.');
  expect(localised({ kk: 'Мектеп', ru: 'Школа', en: '' }, 'en')).toBe('Школа');
  expect(localised({ kk: 'Мектеп', ru: 'Школа', en: 'School' }, 'xx')).toBe('Мектеп');
});

import { describe, expect, test } from 'vitest';
import { DOMAIN_BUNDLES } from '../../i18n.js';
import { dateTimeText, dayPatternText, gradeList } from './days.js';

describe('duty days and grades as people read them', () => {
  test('a day pattern reads as day names in each language', () => {
    const { kk, ru, en } = DOMAIN_BUNDLES.duty;
    expect(dayPatternText('mon-wed-fri', kk.days)).toBe('дүйсенбі, сәрсенбі, жұма');
    expect(dayPatternText('tue-thu-sat', ru.days)).toBe('вторник, четверг, суббота');
    expect(dayPatternText('mon-wed-fri', en.days)).toBe('Monday, Wednesday, Friday');
  });

  test('an unknown day code is kept, not dropped', () => {
    expect(dayPatternText('mon-xyz', DOMAIN_BUNDLES.duty.en.days)).toBe('Monday, xyz');
  });

  test('consecutive grades collapse to a range, others are listed', () => {
    expect(gradeList([4, 1, 2, 3])).toBe('1–4');
    expect(gradeList([1, 2])).toBe('1, 2');
    expect(gradeList([1, 3, 3])).toBe('1, 3');
    expect(gradeList([0])).toBe('0');
  });

  test('an instant reads as the local day and time (tests run in UTC)', () => {
    expect(dateTimeText('2020-09-02T03:15:00.000Z', 'kk')).toBe('2020 ж. 2 қыркүйек, 03:15');
    expect(dateTimeText('not a date', 'en')).toBe('not a date');
  });
});

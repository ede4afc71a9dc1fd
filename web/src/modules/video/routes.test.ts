import { describe, expect, test } from 'vitest';
import { archiveSearch, tvSearch } from './routes.js';
import { almatyDate, almatyTime, almatyToday } from './api.js';

describe('video addresses', () => {
  test('the archive keeps only valid filters from the address', () => {
    expect(archiveSearch({ grade: '5', subjectId: '3', language: 'kk', q: '  дроби ', page: '2' })).toEqual({
      grade: 5,
      subjectId: 3,
      language: 'kk',
      q: 'дроби',
      page: 2,
    });
    expect(archiveSearch({ grade: '13', subjectId: 'x', language: 'de', q: '   ', page: '1' })).toEqual({
      grade: undefined,
      subjectId: undefined,
      language: undefined,
      q: undefined,
      page: undefined,
    });
    expect(archiveSearch({ grade: '0' }).grade).toBe(0);
  });

  test('the TV grid keeps a date, the week flag, a channel code, a grade and a language', () => {
    expect(tvSearch({ date: '2020-04-06', week: 'true', channel: 'al_farabi', grade: 5, language: 'ru' })).toEqual({
      date: '2020-04-06',
      week: true,
      channel: 'al_farabi',
      grade: 5,
      language: 'ru',
    });
    expect(tvSearch({ date: 'today', week: 'no', channel: 'Al Farabi!', grade: -1, language: 'xx' })).toEqual({
      date: undefined,
      week: undefined,
      channel: undefined,
      grade: undefined,
      language: undefined,
    });
  });

  test('air times are shown on each channel clock from the tz database (Almaty +06:00 until March 2024, +05:00 after)', () => {
    expect(almatyTime('2020-04-06T04:20:00.000Z')).toBe('10:20');
    expect(almatyDate('2020-04-06T19:30:00.000Z')).toBe('2020-04-07');
    expect(almatyToday(new Date('2020-04-06T18:00:00Z'))).toBe('2020-04-07');
    // from 1 March 2024 Kazakhstan is on +05:00 (tz database), so the same wall time is an hour later in UTC
    expect(almatyTime('2024-02-28T04:20:00.000Z')).toBe('10:20');
    expect(almatyTime('2024-03-04T05:20:00.000Z')).toBe('10:20');
    expect(almatyDate('2024-03-04T18:30:00.000Z')).toBe('2024-03-04');
    expect(almatyToday(new Date('2024-03-04T18:30:00Z'))).toBe('2024-03-04');
    expect(almatyTime('2024-03-04T05:20:00.000Z', 'Asia/Tashkent')).toBe('10:20');
  });
});

import { describe, expect, test } from 'vitest';
import { addDays, datesBetween, dayMonth, isIsoDate, isoWeekday, schoolNow, weekStart, zonedDate, zonedTime, zonedToUtc } from './time.js';

describe('school time', () => {
  test('lesson times are shown on the school clock, whatever the device zone (Almaty UTC+6, Aktobe UTC+5 in 2020)', () => {
    expect(zonedTime('2020-12-09T02:30:00.000Z', 'Asia/Almaty')).toBe('08:30');
    expect(zonedTime('2020-12-09T02:30:00.000Z', 'Asia/Aqtobe')).toBe('07:30');
    expect(zonedDate('2020-12-09T19:00:00.000Z', 'Asia/Almaty')).toBe('2020-12-10');
  });

  test('a due time typed at the school becomes the right instant', () => {
    expect(zonedToUtc('2020-12-11', '20:00', 'Asia/Almaty')).toBe('2020-12-11T14:00:00.000Z');
    expect(zonedToUtc('2020-12-11', '00:30', 'Asia/Aqtobe')).toBe('2020-12-10T19:30:00.000Z');
    // round trip
    const iso = zonedToUtc('2021-03-01', '08:05', 'Asia/Almaty');
    expect(zonedTime(iso, 'Asia/Almaty')).toBe('08:05');
    expect(zonedDate(iso, 'Asia/Almaty')).toBe('2021-03-01');
  });

  test('a diary week runs Monday to Sunday', () => {
    expect(isoWeekday('2020-12-09')).toBe(3);
    expect(isoWeekday('2020-12-13')).toBe(7);
    expect(weekStart('2020-12-09')).toBe('2020-12-07');
    expect(weekStart('2020-12-13')).toBe('2020-12-07');
    expect(weekStart('2020-12-14')).toBe('2020-12-14');
    expect(addDays('2020-12-28', 7)).toBe('2021-01-04');
    expect(datesBetween('2020-12-07', '2020-12-13')).toHaveLength(7);
    expect(dayMonth('2020-12-09')).toBe('09.12');
  });

  test('only real calendar dates pass as dates from an address', () => {
    expect(isIsoDate('2020-12-09')).toBe(true);
    expect(isIsoDate('2020-02-30')).toBe(false);
    expect(isIsoDate('2020-12-9')).toBe(false);
    expect(isIsoDate(20201209)).toBe(false);
  });

  test("'now' is the server's school day at the current time of day at the school", () => {
    const clock = () => Date.parse('2021-05-01T05:15:00Z'); // 11:15 in Almaty (UTC+6 until 2024), another date
    expect(schoolNow('2020-12-09', 'Asia/Almaty', clock)).toBe('2020-12-09T05:15:00.000Z');
  });
});

import { expect, test } from 'vitest';
import { formatDateField, joinDateTime, parseDate, parseTime, splitDateTime } from './datetime.js';

test('dates are read day first, in any of the ways people type them, and ISO', () => {
  for (const typed of ['09.12.2020', '9.12.2020', '09/12/2020', '9-12-2020', '09 12 2020', '09122020', '2020-12-09', ' 9 . 12 . 2020 ']) {
    expect(parseDate(typed), typed).toBe('2020-12-09');
  }
  expect(parseDate('29.02.2020')).toBe('2020-02-29');
});

test('what is not a real date is refused', () => {
  for (const typed of ['', '31.11.2020', '29.02.2021', '12/31/2020', '2020-13-01', '0.1.2020', '1.1.20', 'ертең', '09.12.2020 10:00']) {
    expect(parseDate(typed), typed).toBeNull();
  }
});

test('the field shows day.month.year', () => {
  expect(formatDateField('2020-12-09')).toBe('09.12.2020');
  expect(formatDateField('')).toBe('');
});

test('times on a 24-hour clock, with the usual separators; am/pm understood', () => {
  const cases: [string, string][] = [
    ['8:05', '08:05'],
    ['08.05', '08:05'],
    ['0805', '08:05'],
    ['805', '08:05'],
    ['20:00', '20:00'],
    ['8', '08:00'],
    ['20ч30', '20:30'],
    ['8:00 PM', '20:00'],
    ['12:15 am', '00:15'],
    ['12 pm', '12:00'],
    ['23:59', '23:59'],
    ['0:00', '00:00'],
  ];
  for (const [typed, iso] of cases) expect(parseTime(typed), typed).toBe(iso);
  for (const typed of ['', '24:00', '8:60', '13 pm', '0 am', 'таңертең', '8:5']) expect(parseTime(typed), typed).toBeNull();
});

test('a date and a time make a datetime-local value and back', () => {
  expect(joinDateTime('2020-12-09', '08:30')).toBe('2020-12-09T08:30');
  expect(joinDateTime('2020-12-09', null)).toBe('');
  expect(splitDateTime('2020-12-09T08:30')).toEqual({ date: '2020-12-09', time: '08:30' });
  expect(splitDateTime('')).toEqual({ date: '', time: '' });
});

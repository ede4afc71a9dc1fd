import { describe, expect, test } from 'vitest';
import { defaultGenerateFrom, gridFor, isClockTime, isIsoDate } from './timetable-grid.js';
import type { Period, TimetableSlot } from './api.js';

const person = (id: number) => ({ id, lastName: `T${id}`, firstName: 'A', middleName: null });
const slot = (id: number, classId: number, weekday: number, shift: number, periodNumber: number, teacherId: number, roomId: number | null): TimetableSlot => ({
  id,
  termId: 1,
  weekday,
  periodNumber,
  shift,
  startsAt: '08:30',
  endsAt: '09:15',
  subject: { id: 1, code: 'math', name: { kk: 'Математика', ru: 'Математика', en: 'Mathematics' } },
  teacher: person(teacherId),
  room: roomId === null ? null : { id: roomId, name: String(roomId) },
  delivery: { kind: 'in_person', joinUrl: null, tvChannel: null },
  activity: 'lesson',
  courseId: null,
  class: { id: classId, name: `${classId}` },
});
const periods: Period[] = [
  { shift: 2, number: 1, startsAt: '14:00', endsAt: '14:45' },
  { shift: 1, number: 2, startsAt: '09:25', endsAt: '10:10' },
  { shift: 1, number: 1, startsAt: '08:30', endsAt: '09:15' },
];
const slots = [slot(1, 10, 1, 1, 1, 100, 5), slot(2, 11, 1, 2, 1, 100, 5), slot(3, 10, 3, 1, 2, 101, null), slot(4, 12, 7, 1, 1, 102, null)];

describe('the week grid', () => {
  test("a class sees its own shift's periods and its own lessons", () => {
    const g = gridFor(slots, periods, { kind: 'class', classId: 10, shift: 1 });
    expect(g.rows.map((r) => `${r.shift}.${r.number}`)).toEqual(['1.1', '1.2']);
    expect(g.days).toEqual([1, 2, 3, 4, 5, 6]);
    expect(g.count).toBe(2);
    expect(g.cell(1, g.rows[0]!).map((s) => s.id)).toEqual([1]);
    expect(g.cell(3, g.rows[1]!).map((s) => s.id)).toEqual([3]);
    expect(g.cell(2, g.rows[0]!)).toEqual([]);
  });

  test('a teacher or a room sees every shift, in time order', () => {
    const teacher = gridFor(slots, periods, { kind: 'teacher', teacherId: 100 });
    expect(teacher.rows.map((r) => `${r.shift}.${r.number}`)).toEqual(['1.1', '1.2', '2.1']);
    expect(teacher.count).toBe(2);
    const room = gridFor(slots, periods, { kind: 'room', roomId: 5 });
    expect(room.cell(1, room.rows[2]!).map((s) => s.class.id)).toEqual([11]);
  });

  test('Sunday appears only when something is on it', () => {
    expect(gridFor(slots, periods, { kind: 'class', classId: 12, shift: 1 }).days).toContain(7);
  });
});

describe('inputs written by hand', () => {
  test('dates and times', () => {
    expect(isIsoDate('2021-02-28')).toBe(true);
    expect(isIsoDate('2021-02-29')).toBe(false);
    expect(isIsoDate('28.02.2021')).toBe(false);
    expect(isClockTime('08:30')).toBe(true);
    expect(isClockTime('8:30')).toBe(false);
    expect(isClockTime('24:00')).toBe(false);
  });
  test('generation starts today inside the term, else on its first day', () => {
    const term = { startsOn: '2021-01-11', endsOn: '2021-03-19' };
    expect(defaultGenerateFrom(term, '2021-02-03')).toBe('2021-02-03');
    expect(defaultGenerateFrom(term, '2020-12-09')).toBe('2021-01-11');
  });
});

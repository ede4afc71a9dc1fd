import { describe, expect, test } from 'vitest';
import type { LessonDetail } from './api.js';
import { assessmentChoices, dueAtFrom, formFromLesson, patchFromForm, slotFits } from './lesson-form.js';

const lesson: LessonDetail = {
  id: 1916,
  organisationId: 1,
  timeZone: 'Asia/Almaty',
  class: { id: 7, name: '5 А' },
  subject: { id: 8, code: 'math', name: { kk: 'Математика', ru: 'Математика', en: 'Mathematics' } },
  teacher: { id: 5, lastName: 'Петрова', firstName: 'Ольга', middleName: 'Николаевна' },
  termId: 2,
  date: '2020-12-09',
  periodNumber: 1,
  startsAt: '2020-12-09T02:30:00.000Z',
  endsAt: '2020-12-09T03:15:00.000Z',
  room: null,
  delivery: { kind: 'online_live', joinUrl: 'https://live.sabaq.example/room/7-math', tvChannel: null, tvAirAt: null, videoUrl: null },
  joinable: true,
  activity: 'lesson',
  deliverySource: 'format',
  tvFallback: false,
  topic: 'Бөлшектер',
  assessment: 'formative',
  assessmentMax: null,
  cancelled: false,
  materials: [],
  homework: [],
  canEdit: true,
};

describe('the lesson editor', () => {
  test('an untouched form sends nothing', () => {
    expect(patchFromForm(lesson, formFromLesson(lesson))).toEqual({ patch: {} });
  });

  test('only what changed is sent: a new topic', () => {
    expect(patchFromForm(lesson, { ...formFromLesson(lesson), topic: '  Аралас сандар ' })).toEqual({ patch: { topic: 'Аралас сандар' } });
    expect(patchFromForm(lesson, { ...formFromLesson(lesson), topic: '' })).toEqual({ patch: { topic: null } });
  });

  test('a TV lesson on a slot of the grid sends the slot only; the same slot again sends nothing', () => {
    const r = patchFromForm(lesson, { ...formFromLesson(lesson), kind: 'tv', tvSlotId: '42' });
    expect(r).toEqual({ patch: { delivery: { kind: 'tv', tvSlotId: 42 } } });
    const onSlot: LessonDetail = {
      ...lesson,
      delivery: {
        kind: 'tv',
        joinUrl: null,
        tvChannel: 'al_farabi',
        tvAirAt: '2020-12-09T04:20:00.000Z',
        videoUrl: null,
        tvSlot: { id: 42, channelName: 'Al-Farabi', timeZone: 'Asia/Almaty', startsAt: '2020-12-09T04:20:00.000Z', topic: 'Бөлшектер', videoId: null },
      },
    };
    expect(patchFromForm(onSlot, formFromLesson(onSlot))).toEqual({ patch: {} });
  });

  test("the slot picker offers the class's grade and the school's language", () => {
    expect(slotFits({ grade: 5, language: 'kk' }, { classGrade: 5, instructionLanguage: 'kk' })).toBe(true);
    expect(slotFits({ grade: 6, language: 'kk' }, { classGrade: 5, instructionLanguage: 'kk' })).toBe(false);
    expect(slotFits({ grade: 5, language: 'ru' }, { classGrade: 5, instructionLanguage: 'kk' })).toBe(false);
    expect(slotFits({ grade: 5, language: 'ru' }, { classGrade: 5, instructionLanguage: 'kk_ru' })).toBe(true);
    expect(slotFits({ grade: null, language: null }, { classGrade: 5, instructionLanguage: 'ru' })).toBe(true);
  });

  test('a TV lesson takes its channel and air time at the school, on the lesson day', () => {
    const r = patchFromForm(lesson, { ...formFromLesson(lesson), kind: 'tv', tvChannel: 'el_arna', tvTime: '09:20' });
    expect(r).toEqual({ patch: { delivery: { kind: 'tv', tvChannel: 'el_arna', tvAirAt: '2020-12-09T03:20:00.000Z' } } });
  });

  test('links must be http(s): a recording without one names the field', () => {
    expect(patchFromForm(lesson, { ...formFromLesson(lesson), kind: 'recorded', videoUrl: 'javascript:alert(1)' })).toEqual({ problem: 'videoUrl' });
    expect(patchFromForm(lesson, { ...formFromLesson(lesson), kind: 'recorded', videoUrl: 'https://video.example/1' })).toEqual({
      patch: { delivery: { kind: 'recorded', videoUrl: 'https://video.example/1' } },
    });
  });

  test('a summative column needs its maximum; both are sent together', () => {
    expect(patchFromForm(lesson, { ...formFromLesson(lesson), assessment: 'section', assessmentMax: '' })).toEqual({ problem: 'assessmentMax' });
    expect(patchFromForm(lesson, { ...formFromLesson(lesson), assessment: 'section', assessmentMax: '20' })).toEqual({
      patch: { assessment: 'section', assessmentMax: 20 },
    });
  });

  test('an unchanged TV lesson is recognised even though the form holds only HH:MM', () => {
    const tv: LessonDetail = {
      ...lesson,
      delivery: { kind: 'tv', joinUrl: null, tvChannel: 'al_farabi', tvAirAt: '2020-12-09T02:30:00.000Z', videoUrl: null },
    };
    expect(patchFromForm(tv, formFromLesson(tv))).toEqual({ patch: {} });
  });

  test("handing the delivery back to the learning format sends only that, whatever the form's delivery fields hold", () => {
    const teachers: LessonDetail = { ...lesson, deliverySource: 'teacher' };
    expect(patchFromForm(teachers, { ...formFromLesson(teachers), useFormat: true, kind: 'recorded', videoUrl: '' })).toEqual({
      patch: { deliverySource: 'format' },
    });
    // a lesson that already follows the format has nothing to hand back
    expect(patchFromForm(lesson, { ...formFromLesson(lesson), useFormat: true })).toEqual({ patch: {} });
  });

  test('a changed activity is sent (a lab may stay on site under the combined format)', () => {
    expect(patchFromForm(lesson, { ...formFromLesson(lesson), activity: 'lab' })).toEqual({ patch: { activity: 'lab' } });
  });

  test('a university column offers the credit assessments, a school column the criteria ones', () => {
    expect(assessmentChoices('rating')).toEqual(['rating', 'exam']);
    expect(assessmentChoices('formative')).toEqual(['formative', 'section', 'term']);
  });

  test('a due time is school time', () => {
    expect(dueAtFrom('2020-12-11', '20:00', 'Asia/Almaty')).toBe('2020-12-11T14:00:00.000Z');
    expect(dueAtFrom('2020-12-11', '', 'Asia/Almaty')).toBeNull();
  });
});

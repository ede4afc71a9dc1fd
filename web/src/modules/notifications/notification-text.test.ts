import { describe, expect, test } from 'vitest';
import { createI18n } from '../../i18n.js';
import { formatDate } from '../../ui/format.js';
import { notificationText } from './notification-text.js';

const school = { kk: 'Қаскелең №1 мектебі', ru: 'Школа №1 Каскелена', en: 'Kaskelen School No. 1' };

describe('a notification read in the reader’s language', () => {
  const placed = {
    kind: 'duty.placed',
    params: { childName: 'Аружан', organisationName: school, group: { label: '2-1', shift: 2, days: 'tue-thu-sat', room: '204' } },
  };

  test('a duty place names the group, room, shift and days', () => {
    expect(notificationText(placed, createI18n('kk')).text).toBe(
      'Аружан кезекші топқа алынды (Қаскелең №1 мектебі): 2-1 тобы, 204 кабинеті, 2-ауысым, сейсенбі, бейсенбі, сенбі.',
    );
    expect(notificationText(placed, createI18n('ru')).text).toBe(
      'Аружан: место в дежурной группе (Школа №1 Каскелена) — группа 2-1, кабинет 204, 2-я смена, вторник, четверг, суббота.',
    );
    expect(notificationText(placed, createI18n('en'))).toEqual({
      text: 'Аружан has a place in a duty group (Kaskelen School No. 1): group 2-1, room 204, shift 2, Tuesday, Thursday, Saturday.',
      link: { to: '/duty' },
    });
  });

  test('a format change of a class names both formats and the date, and leads to the class', () => {
    const n = {
      kind: 'formats.format_changed',
      params: { organisationId: 1, organisationName: school, classId: 9, className: '2 Ә', from: 'duty', to: 'distance', effectiveFrom: '2020-10-01' },
    };
    expect(notificationText(n, createI18n('en'))).toEqual({
      text: 'Kaskelen School No. 1, 2 Ә: from October 1, 2020 the learning format changes — Duty classes → Distance.',
      link: { to: '/classes/$classId', classId: 9 },
    });
    expect(notificationText(n, createI18n('kk')).text).toBe(
      'Қаскелең №1 мектебі, 2 Ә: 2020 ж. 1 қазан бастап оқыту форматы өзгереді — Кезекші сыныптар → Қашықтан оқыту.',
    );
  });

  test('a weekly report names its area and week in the reader’s language, and leads to the reports', () => {
    const n = {
      kind: 'analytics.weekly_report',
      params: {
        reportId: 4,
        area: 'district:2',
        areaName: { kk: 'Қарасай ауданы', ru: 'Карасайский район', en: 'Karasay District' },
        from: '2020-11-30',
        to: '2020-12-06',
      },
    };
    expect(notificationText(n, createI18n('ru'))).toEqual({
      text: `Карасайский район: недельный отчёт готов (${formatDate('2020-11-30', 'ru')} – ${formatDate('2020-12-06', 'ru')}). Скачайте его.`,
      link: { to: '/analytics/reports' },
    });
    expect(notificationText(n, createI18n('kk')).text).toMatch(/^Қарасай ауданы: апталық есеп дайын/);
    expect(notificationText(n, createI18n('en')).text).toMatch(/^Karasay District: your weekly report is ready/);
  });

  test('an unknown kind or missing values never show a code', () => {
    expect(notificationText({ kind: 'equipment.loan_due', params: {} }, createI18n('ru')).text).toBe('Новое уведомление.');
    expect(notificationText({ kind: 'duty.placed', params: { childName: 'Аружан' } }, createI18n('en')).text).toBe('A new notification.');
  });
});

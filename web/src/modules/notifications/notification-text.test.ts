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

  test('the campus, meeting and supplies kinds read as sentences with their values, and lead to their pages', () => {
    expect(notificationText({ kind: 'access.status_changed', params: { status: 'not_admitted' } }, createI18n('ru'))).toEqual({
      text: 'Ваш статус доступа в кампус изменился: доступ не разрешён.',
      link: { to: '/access/pass' },
    });
    expect(notificationText({ kind: 'access.fever_at_gate', params: { organisationId: 7, count: 3 } }, createI18n('ru'))).toEqual({
      text: 'На входе у 3 человек повышенная температура.',
      link: { to: '/access/health/$organisationId', organisationId: 7 },
    });
    const meeting = {
      kind: 'live.meeting_scheduled',
      params: { meetingId: 1, classId: 2, className: '5 А', topic: 'Киберқауіпсіздік', startsAt: '2020-12-10T13:00:00Z' },
    };
    expect(notificationText(meeting, createI18n('en')).text).toMatch(/^Parent meeting "Киберқауіпсіздік" \(class 5 А\): /);
    expect(notificationText(meeting, createI18n('en')).link).toEqual({ to: '/live/meetings' });
    const recall = { kind: 'supplies.recall', params: { loanId: 3, inventoryNumber: 'NB-0042', dueOn: '2021-05-31', reason: 'in_person' } };
    expect(notificationText(recall, createI18n('kk'))).toEqual({ text: 'Оқушы сыныпта оқуға оралды: NB-0042 мектепке қайтарыңыз.', link: { to: '/supplies' } });
    expect(notificationText({ kind: 'supplies.appeal_decided', params: { appealId: 1, decision: 'upheld' } }, createI18n('en')).text).toBe(
      'Your appeal was upheld.',
    );
    // none of them falls back to the sentence for an unknown kind
    for (const kind of ['access.report_decided', 'supplies.allocated', 'supplies.loan_issued', 'supplies.recall_school', 'supplies.appeal_submitted']) {
      expect(notificationText({ kind, params: {} }, createI18n('kk')).text).not.toBe(notificationText({ kind: 'x', params: {} }, createI18n('kk')).text);
    }
  });

  test('an unknown kind or missing values never show a code', () => {
    expect(notificationText({ kind: 'equipment.loan_due', params: {} }, createI18n('ru')).text).toBe('Новое уведомление.');
    expect(notificationText({ kind: 'duty.placed', params: { childName: 'Аружан' } }, createI18n('en')).text).toBe('A new notification.');
  });
});

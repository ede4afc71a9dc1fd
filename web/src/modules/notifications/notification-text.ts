import type { i18n as I18n } from 'i18next';
import { formatDate, localised } from '../../ui/format.js';
import { FORMAT_LABELS, FORMATS, type FormatCode, type Lang } from '../formats/reason.js';
import { dateTimeText, dayPatternText, DAY_CODES, type DayCode } from '../duty/days.js';
import type { AppNotification } from './api.js';

/** Where a notification leads: the duty page for a child's place, a class page for its format. */
export type NotificationLink =
  | { to: '/duty' }
  | { to: '/classes/$classId'; classId: number }
  | { to: '/organisations/$organisationId'; organisationId: number }
  | { to: '/transfers/organisations/$organisationId'; organisationId: number }
  | { to: '/me' }
  | { to: '/messages/$threadId'; threadId: number }
  | { to: '/messages/announcements' }
  | { to: '/analytics/reports' }
  | { to: '/access/pass' }
  | { to: '/access/health/$organisationId'; organisationId: number }
  | { to: '/live/meetings' }
  | { to: '/live/broadcasts/$broadcastId'; broadcastId: number }
  | { to: '/supplies' }
  | { to: '/quality/organisations/$organisationId/years/$yearId'; organisationId: number; yearId: number }
  | null;

type Localised = { kk: string; ru: string; en: string };

const isLocalised = (v: unknown): v is Localised =>
  typeof v === 'object' && v !== null && ['kk', 'ru', 'en'].every((k) => typeof (v as Record<string, unknown>)[k] === 'string');
const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const id = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null);

/**
 * A notification as one sentence in the reader's language, built from its kind and params (the
 * server stores values, never sentences, so the words follow the reader's language). Unknown kinds
 * and missing values still give a readable sentence rather than a code.
 */
export function notificationText(n: Pick<AppNotification, 'kind' | 'params'>, i18n: I18n): { text: string; link: NotificationLink } {
  const lang = (['kk', 'ru', 'en'].includes(i18n.language) ? i18n.language : 'kk') as Lang;
  const t = i18n.t as (key: string, values?: Record<string, unknown>) => string;
  const p = n.params;
  const organisation = isLocalised(p.organisationName) ? localised(p.organisationName, lang) : text(p.organisationName);
  const format = (v: unknown) => ((FORMATS as readonly string[]).includes(text(v)) ? FORMAT_LABELS[v as FormatCode][lang] : t('formats:impact.noFormat'));

  if (n.kind === 'formats.format_changed') {
    const values = {
      organisation,
      className: text(p.className),
      from: format(p.from),
      to: format(p.to),
      date: /^\d{4}-\d{2}-\d{2}$/.test(text(p.effectiveFrom)) ? formatDate(text(p.effectiveFrom), lang) : text(p.effectiveFrom),
    };
    const classId = id(p.classId);
    if (classId !== null) return { text: t('notifications:kinds.formatChangedClass', values), link: { to: '/classes/$classId', classId } };
    const organisationId = id(p.organisationId);
    return {
      text: t('notifications:kinds.formatChangedOrganisation', values),
      link: organisationId !== null ? { to: '/organisations/$organisationId', organisationId } : null,
    };
  }

  if (n.kind === 'duty.placed' || n.kind === 'duty.moved' || n.kind === 'duty.waiting') {
    const g = (typeof p.group === 'object' && p.group !== null ? p.group : {}) as Record<string, unknown>;
    const days = Object.fromEntries(DAY_CODES.map((d) => [d, t(`duty:days.${d}`)])) as Record<DayCode, string>;
    const values = {
      child: text(p.childName),
      organisation,
      group: text(g.label),
      room: text(g.room),
      shift: t('duty:shiftN', { n: text(g.shift) }),
      days: dayPatternText(text(g.days), days),
    };
    const key = n.kind === 'duty.placed' ? 'dutyPlaced' : n.kind === 'duty.moved' ? 'dutyMoved' : 'dutyWaiting';
    // a placement without its group (deleted since) reads as the waiting sentence would not: say only that something changed
    if (key !== 'dutyWaiting' && !g.label) return { text: t('notifications:kinds.other'), link: { to: '/duty' } };
    return { text: t(`notifications:kinds.${key}`, values), link: { to: '/duty' } };
  }

  if (n.kind === 'transfers.moved') {
    const classId = id(p.classId);
    return {
      text: t('notifications:kinds.transferMoved', { child: text(p.childName), organisation, className: text(p.className) }),
      link: classId !== null ? { to: '/classes/$classId', classId } : null,
    };
  }
  if (n.kind === 'transfers.requested' || n.kind === 'transfers.approved' || n.kind === 'transfers.rejected') {
    const key = n.kind === 'transfers.requested' ? 'transferRequested' : n.kind === 'transfers.approved' ? 'transferApproved' : 'transferRejected';
    const organisationId = id(p.organisationId);
    return { text: t(`notifications:kinds.${key}`), link: organisationId !== null ? { to: '/transfers/organisations/$organisationId', organisationId } : null };
  }
  if (n.kind === 'analytics.weekly_report') {
    const area = isLocalised(p.areaName) ? localised(p.areaName, lang) : text(p.area);
    const date = (v: unknown) => (/^\d{4}-\d{2}-\d{2}$/.test(text(v)) ? formatDate(text(v), lang) : text(v));
    return { text: t('notifications:kinds.weeklyReport', { area, from: date(p.from), to: date(p.to) }), link: { to: '/analytics/reports' } };
  }
  if (n.kind === 'access.status_changed') {
    const status = ['admitted', 'not_admitted', 'no_data'].includes(text(p.status)) ? text(p.status) : 'no_data';
    return { text: t('notifications:kinds.accessStatus', { status: t(`notifications:passStatus.${status}`) }), link: { to: '/access/pass' } };
  }
  if (n.kind === 'access.report_decided') {
    return { text: t(p.decision === 'confirm' ? 'notifications:kinds.reportConfirmed' : 'notifications:kinds.reportRejected'), link: { to: '/access/pass' } };
  }
  if (n.kind === 'access.fever_at_gate') {
    const organisationId = id(p.organisationId);
    return {
      text: t('notifications:kinds.feverAtGate', { count: typeof p.count === 'number' ? p.count : 0 }),
      link: organisationId !== null ? { to: '/access/health/$organisationId', organisationId } : null,
    };
  }
  if (n.kind === 'live.meeting_scheduled') {
    const when = /^\d{4}-\d{2}-\d{2}T/.test(text(p.startsAt)) ? dateTimeText(text(p.startsAt), lang) : text(p.startsAt);
    const key = p.audience === 'pupils' ? 'notifications:kinds.classHourScheduled' : 'notifications:kinds.meetingScheduled';
    return { text: t(key, { topic: text(p.topic), className: text(p.className), when }), link: { to: '/live/meetings' } };
  }
  if (n.kind === 'live.broadcast_scheduled') {
    const when = /^\d{4}-\d{2}-\d{2}T/.test(text(p.startsAt)) ? dateTimeText(text(p.startsAt), lang) : text(p.startsAt);
    const broadcastId = id(p.broadcastId);
    return {
      text: t(p.scope === 'district' ? 'notifications:kinds.broadcastDistrict' : 'notifications:kinds.broadcastSchool', { topic: text(p.topic), when }),
      link: broadcastId !== null ? { to: '/live/broadcasts/$broadcastId', broadcastId } : { to: '/live/meetings' },
    };
  }
  if (n.kind === 'quality.reviewed') {
    const organisationId = id(p.organisationId);
    const yearId = id(p.yearId);
    return {
      text: t(p.verdict === 'accepted' ? 'notifications:kinds.qualityAccepted' : 'notifications:kinds.qualityReturned'),
      link: organisationId !== null && yearId !== null ? { to: '/quality/organisations/$organisationId/years/$yearId', organisationId, yearId } : null,
    };
  }
  if (n.kind.startsWith('supplies.')) {
    const due = /^\d{4}-\d{2}-\d{2}$/.test(text(p.dueOn)) ? formatDate(text(p.dueOn), lang) : text(p.dueOn);
    const values = { devices: text(p.devices) || '0', kits: text(p.kits) || '0', item: text(p.inventoryNumber), date: due };
    const key: Record<string, string> = {
      'supplies.allocated': 'suppliesAllocated',
      'supplies.loan_issued': 'suppliesLoanIssued',
      'supplies.recall': p.reason === 'in_person' ? 'suppliesRecallInPerson' : 'suppliesRecallOverdue',
      'supplies.recall_school': p.reason === 'in_person' ? 'suppliesRecallSchoolInPerson' : 'suppliesRecallSchoolOverdue',
      'supplies.appeal_submitted': 'suppliesAppealSubmitted',
      'supplies.appeal_decided': p.decision === 'upheld' ? 'suppliesAppealUpheld' : 'suppliesAppealRejected',
    };
    const k = key[n.kind];
    if (k) return { text: t(`notifications:kinds.${k}`, values), link: { to: '/supplies' } };
  }
  if (n.kind === 'privacy.erasure_decided') {
    return { text: t(p.decision === 'approve' ? 'notifications:kinds.erasureApproved' : 'notifications:kinds.erasureRefused'), link: { to: '/me' } };
  }
  // the e-journal's and the messages' kinds: values only, the sentence follows the reader's language
  const subject = isLocalised(p.subject) ? localised(p.subject, lang) : text(p.subject);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text(p.date)) ? formatDate(text(p.date), lang) : text(p.date);
  const values = { child: text(p.child), subject, title: text(p.title), score: text(p.score), max: text(p.max), date: day };
  const simple: Record<string, string> = {
    'homework.set': 'homeworkSet',
    'homework.changed': 'homeworkChanged',
    'marks.given': 'markGiven',
    'lessons.delivery_changed': 'deliveryChanged',
    announcement: 'announcement',
    message: 'message',
  };
  const key = simple[n.kind];
  if (n.kind === 'message') {
    const threadId = id(p.threadId);
    return { text: t('notifications:kinds.message', values), link: threadId !== null ? { to: '/messages/$threadId', threadId } : null };
  }
  if (n.kind === 'announcement') return { text: t('notifications:kinds.announcement', values), link: { to: '/messages/announcements' } };
  if (key) return { text: t(`notifications:kinds.${key}`, values), link: null };

  return { text: t('notifications:kinds.other'), link: null };
}

import { KZ_PHONE } from '../../../contracts/notifications.js';
import { JobError } from '../../platform/jobs.js';
import type { SmsConfig } from './notifications.config.js';

type Lang = 'kk' | 'ru' | 'en';

/** What an SMS gateway must do: send one text, answer the gateway's id, or throw a JobError. */
export interface SmsGateway {
  send(msg: { id: number; to: string; text: string }): Promise<{ gatewayId: string | null }>;
}

/**
 * The HTTP adapter: `POST SMS_GATEWAY_URL` with JSON `{id, to, from, text}` (and a bearer token when
 * configured). 2xx → sent (a JSON `id` in the answer is kept); 408, 429 and 5xx or no answer → retried
 * later; any other 4xx → given up (the gateway refused this message). An invalid number never leaves.
 */
export function httpSmsGateway(config: Pick<SmsConfig, 'url' | 'token' | 'sender' | 'timeoutMs'>): SmsGateway {
  if (!config.url) throw new Error('SMS_GATEWAY_URL is not set');
  const url = config.url;
  return {
    async send(msg) {
      if (!KZ_PHONE.test(msg.to)) throw new JobError(`notifications.invalid_phone: ${msg.to.slice(0, 4)}… is not a +7XXXXXXXXXX number`, false);
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(config.token ? { authorization: `Bearer ${config.token}` } : {}) },
          body: JSON.stringify({ id: String(msg.id), to: msg.to, from: config.sender, text: msg.text }),
          signal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (err) {
        throw new JobError(`gateway unreachable: ${err instanceof Error ? err.message : String(err)}`, true);
      }
      const answer = await res.text().catch(() => '');
      if (!res.ok) {
        const retry = res.status >= 500 || res.status === 408 || res.status === 429;
        throw new JobError(`gateway answered ${res.status}${answer ? `: ${answer.slice(0, 200)}` : ''}`, retry);
      }
      let gatewayId: string | null = null;
      try {
        const body = JSON.parse(answer) as { id?: unknown };
        if (typeof body.id === 'string' || typeof body.id === 'number') gatewayId = String(body.id);
      } catch {
        /* a gateway may answer plain text */
      }
      return { gatewayId };
    },
  };
}

const T: Record<string, Record<Lang, string>> = {
  'homework.set': { kk: 'Жаңа үй тапсырмасы: {subject}', ru: 'Новое домашнее задание: {subject}', en: 'New homework: {subject}' },
  'homework.changed': { kk: 'Үй тапсырмасы өзгерді: {subject}', ru: 'Домашнее задание изменено: {subject}', en: 'Homework changed: {subject}' },
  'marks.given': {
    kk: '{child}: {subject} пәнінен баға {score}',
    ru: '{child}: оценка {score} по предмету {subject}',
    en: '{child}: mark {score} in {subject}',
  },
  'lessons.delivery_changed': {
    kk: '{subject} сабағы ({date}) өткізілу түрі өзгерді',
    ru: 'Урок {subject} ({date}) проводится иначе',
    en: 'The {subject} lesson on {date} is delivered differently',
  },
  announcement: { kk: 'Хабарландыру: {title}', ru: 'Объявление: {title}', en: 'Announcement: {title}' },
  message: { kk: '{author} жаңа хабар жіберді', ru: '{author}: новое сообщение', en: 'New message from {author}' },
  'formats.format_changed': { kk: 'Оқыту форматы өзгерді', ru: 'Формат обучения изменился', en: 'The learning format changed' },
  'duty.placed': { kk: '{child} кезекші сыныпқа қабылданды', ru: '{child} зачислен(а) в дежурный класс', en: '{child} has a place in a duty class' },
  'duty.moved': {
    kk: '{child} басқа кезекші топқа ауыстырылды',
    ru: '{child} переведён(а) в другую дежурную группу',
    en: '{child} was moved to another duty group',
  },
  'duty.waiting': {
    kk: '{child} кезекші сыныпқа күту тізімінде',
    ru: '{child} в листе ожидания дежурного класса',
    en: '{child} is on the duty class waiting list',
  },
  'analytics.weekly_report': {
    kk: 'Апталық есеп дайын ({from} – {to}), Sabaq-та жүктеп алыңыз',
    ru: 'Недельный отчёт готов ({from} – {to}), скачайте его в Sabaq',
    en: 'Your weekly report ({from} – {to}) is ready in Sabaq',
  },
  'access.status_changed': {
    kk: 'Кампусқа кіру мәртебеңіз өзгерді, Sabaq-та қараңыз',
    ru: 'Ваш статус доступа в кампус изменился, посмотрите в Sabaq',
    en: 'Your campus access status changed: see Sabaq',
  },
  'access.report_decided': {
    kk: 'Денсаулық жазбасы туралы өтінішіңіз қаралды',
    ru: 'Ваше сообщение о медицинской записи рассмотрено',
    en: 'Your report of a health record was decided',
  },
  'access.fever_at_gate': { kk: 'Кіреберісте қызуы барлар: {count}', ru: 'На входе с температурой: {count}', en: 'Fever at the gate: {count}' },
  'live.meeting_scheduled': {
    kk: 'Ата-аналар жиналысы: {topic}, {className} сыныбы',
    ru: 'Родительское собрание: {topic}, класс {className}',
    en: 'Parent meeting: {topic}, class {className}',
  },
  'live.broadcast_scheduled': {
    kk: 'Ата-аналарға арналған трансляция: {topic}',
    ru: 'Трансляция для родителей: {topic}',
    en: 'A meeting broadcast for parents: {topic}',
  },
  'quality.reviewed': {
    kk: 'Онлайн оқытуды өзін-өзі бағалау қаралды',
    ru: 'Самооценка онлайн-обучения рассмотрена',
    en: 'Your online-teaching self-assessment was reviewed',
  },
  'supplies.allocated': {
    kk: 'Отбасыңызға құрылғы бөлінді: {devices}',
    ru: 'Вашей семье выделены устройства: {devices}',
    en: 'Devices allocated to your family: {devices}',
  },
  'supplies.loan_issued': {
    kk: 'Сізге {inventoryNumber} берілді, қайтару мерзімі {dueOn}',
    ru: 'Вам выдано {inventoryNumber}, вернуть до {dueOn}',
    en: '{inventoryNumber} is lent to you until {dueOn}',
  },
  'supplies.recall': {
    kk: '{inventoryNumber} мектепке қайтарылуы керек',
    ru: '{inventoryNumber} нужно вернуть в школу',
    en: '{inventoryNumber} is to be returned to the school',
  },
  'supplies.recall_school': {
    kk: '{inventoryNumber} қайтарылуы керек',
    ru: '{inventoryNumber} должно быть возвращено',
    en: '{inventoryNumber} is due back',
  },
  'supplies.appeal_submitted': { kk: 'Бөлу туралы жаңа шағым', ru: 'Новая апелляция по распределению', en: 'A new appeal against an allocation' },
  'supplies.appeal_decided': { kk: 'Шағымыңыз қаралды', ru: 'Ваша апелляция рассмотрена', en: 'Your appeal was decided' },
};
const OTHER: Record<Lang, string> = { kk: 'Sabaq-та жаңа хабарлама бар', ru: 'В Sabaq новое уведомление', en: 'You have a new notification in Sabaq' };

/**
 * The SMS text of a notification in the person's language: short, plain, without links (families
 * without smartphones read it on any phone). At most 160 characters of the template's words.
 */
export function smsText(kind: string, params: Record<string, unknown>, lang: Lang): string {
  const template = T[kind]?.[lang] ?? OTHER[lang];
  const value = (v: unknown): string => {
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    if (v && typeof v === 'object' && lang in v) return String((v as Record<string, unknown>)[lang]);
    return '';
  };
  const text = template.replace(/\{(\w+)\}/g, (_m, k: string) => value(params[k]).slice(0, 40));
  return `Sabaq: ${text}`.replace(/\s+/g, ' ').slice(0, 160);
}

/** For the operator: +7 701 *** ** 67. */
export function maskPhone(phone: string): string {
  return KZ_PHONE.test(phone) ? `+7 ${phone.slice(2, 5)} *** ** ${phone.slice(-2)}` : '***';
}

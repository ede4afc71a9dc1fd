/**
 * Reasons of format decisions rendered in kk / ru / en from their structured parts. No zod here, so
 * the web imports it without pulling the validation library into its bundle; `formats.ts` builds its
 * schemas from these constants.
 */

export const FORMATS = ['regular', 'distance', 'duty', 'combined'] as const;
export type FormatCode = (typeof FORMATS)[number];
export const SITUATION_LEVELS = ['green', 'yellow', 'red'] as const;
export type SituationLevel = (typeof SITUATION_LEVELS)[number];
export const SITUATION_SCALES = ['binary', 'zones'] as const;
export type SituationScale = (typeof SITUATION_SCALES)[number];
export const AREA_LEVELS = ['country', 'region', 'district', 'settlement'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];
export const ACTIVITIES = ['lecture', 'seminar', 'lab', 'practice'] as const;
export type ActivityKind = (typeof ACTIVITIES)[number];
export const REASON_CODES = ['subject', 'situation', 'grade', 'specialty', 'region', 'on_site', 'duty_groups', 'rule', 'default_rule', 'override'] as const;
export interface ReasonPart {
  code: (typeof REASON_CODES)[number];
  params: Record<string, unknown>;
}

export type Lang = 'kk' | 'ru' | 'en';
type Words = Record<Lang, string>;

export const FORMAT_LABELS: Record<FormatCode, Words> = {
  regular: { kk: 'Дәстүрлі оқыту', ru: 'Очное обучение', en: 'Regular' },
  distance: { kk: 'Қашықтан оқыту', ru: 'Дистанционное обучение', en: 'Distance' },
  duty: { kk: 'Кезекші сыныптар', ru: 'Дежурные классы', en: 'Duty classes' },
  combined: { kk: 'Аралас оқыту', ru: 'Комбинированное обучение', en: 'Combined' },
};

export const LEVEL_LABELS: Record<SituationScale, Record<SituationLevel, Words>> = {
  binary: {
    green: { kk: 'қолайлы', ru: 'благоприятная', en: 'favourable' },
    yellow: { kk: 'сары аймақ', ru: 'жёлтая зона', en: 'yellow zone' },
    red: { kk: 'қолайсыз', ru: 'неблагоприятная', en: 'unfavourable' },
  },
  zones: {
    green: { kk: 'жасыл аймақ', ru: 'зелёная зона', en: 'green zone' },
    yellow: { kk: 'сары аймақ', ru: 'жёлтая зона', en: 'yellow zone' },
    red: { kk: 'қызыл аймақ', ru: 'красная зона', en: 'red zone' },
  },
};

export const AREA_LABELS: Record<AreaLevel, Words> = {
  country: { kk: 'ел', ru: 'страна', en: 'country' },
  region: { kk: 'облыс', ru: 'область', en: 'region' },
  district: { kk: 'аудан', ru: 'район', en: 'district' },
  settlement: { kk: 'елді мекен', ru: 'населённый пункт', en: 'settlement' },
};

const KIND_NOUNS: Record<string, Words & { ruGender: 'f' | 'm' }> = {
  school: { kk: 'мектеп', ru: 'школа', en: 'school', ruGender: 'f' },
  college: { kk: 'колледж', ru: 'колледж', en: 'college', ruGender: 'm' },
  university: { kk: 'жоғары оқу орны', ru: 'вуз', en: 'university', ruGender: 'm' },
  kindergarten: { kk: 'балабақша', ru: 'детский сад', en: 'kindergarten', ruGender: 'm' },
  additional: { kk: 'қосымша білім беру ұйымы', ru: 'организация доп. образования', en: 'additional-education centre', ruGender: 'f' },
};

const SETTLEMENT_ADJ: Record<'rural' | 'urban', { kk: string; ruF: string; ruM: string; en: string }> = {
  rural: { kk: 'ауылдық', ruF: 'сельская', ruM: 'сельский', en: 'rural' },
  urban: { kk: 'қалалық', ruF: 'городская', ruM: 'городской', en: 'urban' },
};

const ACTIVITY_LABELS: Record<ActivityKind, Words> = {
  lecture: { kk: 'дәрістер', ru: 'лекции', en: 'lectures' },
  seminar: { kk: 'семинарлар', ru: 'семинары', en: 'seminars' },
  lab: { kk: 'зертханалық сабақтар', ru: 'лабораторные', en: 'labs' },
  practice: { kk: 'практика', ru: 'практика', en: 'practice' },
};

export const SPECIALTY_GROUP_LABELS: Record<string, Words> = {
  pedagogical: { kk: 'педагогикалық', ru: 'педагогическая', en: 'pedagogical' },
  it: { kk: 'АТ', ru: 'ИТ', en: 'IT' },
  social: { kk: 'әлеуметтік', ru: 'социальная', en: 'social' },
  humanitarian: { kk: 'гуманитарлық', ru: 'гуманитарная', en: 'humanitarian' },
  technical: { kk: 'техникалық', ru: 'техническая', en: 'technical' },
  agricultural: { kk: 'ауыл шаруашылығы', ru: 'сельскохозяйственная', en: 'agricultural' },
  medical: { kk: 'медициналық', ru: 'медицинская', en: 'medical' },
  art: { kk: 'өнер', ru: 'искусство', en: 'art' },
};

const AND: Words = { kk: 'және', ru: 'и', en: 'and' };

/** '2020-08-20' → '20.08.2020' (the way dates are written in Kazakhstan in every language). */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

function list(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${AND[lang]} ${items[items.length - 1]}`;
}

/** [1,2,3,4] → '1–4'; [1,3] → '1, 3' */
export function gradeRange(grades: number[]): string {
  const g = [...new Set(grades)].sort((a, b) => a - b);
  if (g.length > 1 && g[g.length - 1]! - g[0]! === g.length - 1) return `${g[0]}–${g[g.length - 1]}`;
  return g.join(', ');
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function renderPart(part: ReasonPart, lang: Lang): string {
  const p = part.params;
  switch (part.code) {
    case 'subject': {
      const noun = KIND_NOUNS[str(p.kind)] ?? { kk: str(p.kind), ru: str(p.kind), en: str(p.kind), ruGender: 'm' as const };
      const adj = p.settlement === 'rural' || p.settlement === 'urban' ? SETTLEMENT_ADJ[p.settlement] : null;
      const adjText = adj ? (lang === 'ru' ? (noun.ruGender === 'f' ? adj.ruF : adj.ruM) : adj[lang]) : '';
      let text = adjText ? `${adjText} ${noun[lang]}` : noun[lang];
      const count = num(p.pupils);
      if (count !== undefined) {
        const bound = num(p.maxPupils) !== undefined ? ` (≤ ${p.maxPupils})` : num(p.minPupils) !== undefined ? ` (≥ ${p.minPupils})` : '';
        const students = p.kind === 'college' || p.kind === 'university';
        if (lang === 'en') text += ` with ${count} ${students ? 'students' : 'pupils'}${bound}`;
        if (lang === 'ru') text += `, ${students ? 'студентов' : 'учащихся'}: ${count}${bound}`;
        if (lang === 'kk') text += `, ${count} ${students ? 'студент' : 'оқушы'}${bound}`;
      }
      return text;
    }
    case 'situation': {
      const scale: SituationScale = p.scale === 'zones' ? 'zones' : 'binary';
      const level = (SITUATION_LEVELS as readonly string[]).includes(str(p.level)) ? (p.level as SituationLevel) : 'red';
      const label = LEVEL_LABELS[scale][level][lang];
      if (p.assumed) {
        if (lang === 'en') return `no situation recorded, taken as ${label}`;
        if (lang === 'ru') return `обстановка не указана, принята как «${label}»`;
        return `жағдай енгізілмеген, «${label}» деп алынды`;
      }
      const area = (AREA_LEVELS as readonly string[]).includes(str(p.area)) ? AREA_LABELS[p.area as AreaLevel][lang] : str(p.area);
      const since = p.since ? formatDate(str(p.since)) : '';
      if (lang === 'en') return `${area} ${label}${since ? ` since ${since}` : ''}`;
      if (lang === 'ru') return `${area}: ${label}${since ? ` с ${since}` : ''}`;
      return `${area}: ${since ? `${since} бастап ` : ''}${label}`;
    }
    case 'grade': {
      const grades = Array.isArray(p.grades) ? (p.grades as number[]) : [];
      if (lang === 'en') return `grade ${p.grade} (grades ${gradeRange(grades)})`;
      if (lang === 'ru') return `${p.grade} класс (классы ${gradeRange(grades)})`;
      return `${p.grade}-сынып (${gradeRange(grades)} сыныптар)`;
    }
    case 'specialty': {
      const group = SPECIALTY_GROUP_LABELS[str(p.group)]?.[lang] ?? str(p.group);
      if (lang === 'en') return `specialty “${str(p.specialty)}” (${group} group)`;
      if (lang === 'ru') return `специальность «${str(p.specialty)}» (группа: ${group})`;
      return `«${str(p.specialty)}» мамандығы (${group} тобы)`;
    }
    case 'region':
      if (lang === 'en') return `region ${str(p.name ?? p.code)}`;
      if (lang === 'ru') return `регион: ${str(p.name ?? p.code)}`;
      return `өңір: ${str(p.name ?? p.code)}`;
    case 'on_site': {
      const onSite = (Array.isArray(p.activities) ? p.activities : []) as ActivityKind[];
      const online = ACTIVITIES.filter((a) => !onSite.includes(a));
      const names = (xs: readonly ActivityKind[]) =>
        list(
          xs.map((a) => ACTIVITY_LABELS[a]?.[lang] ?? a),
          lang,
        );
      const sub = num(p.subgroupMax);
      if (lang === 'en') return `${online.length ? `${names(online)} online; ` : ''}${names(onSite)} on site${sub ? ` in subgroups of ≤ ${sub}` : ''}`;
      if (lang === 'ru') return `${online.length ? `${names(online)} онлайн; ` : ''}${names(onSite)} очно${sub ? `, подгруппы до ${sub}` : ''}`;
      return `${online.length ? `${names(online)} онлайн; ` : ''}${names(onSite)} орнында${sub ? `, топшада ${sub}-ке дейін` : ''}`;
    }
    case 'duty_groups': {
      const sub = num(p.subgroupMax);
      if (lang === 'en') return `in-person groups on parents' application${sub ? ` (≤ ${sub} each)` : ''}`;
      if (lang === 'ru') return `очные группы по заявлению родителей${sub ? ` (до ${sub} детей)` : ''}`;
      return `ата-ана өтініші бойынша топтар${sub ? ` (${sub} балаға дейін)` : ''}`;
    }
    case 'rule': {
      const regional = p.regional ? { kk: 'өңірлік ', ru: 'региональные ', en: 'regional ' }[lang] : '';
      if (lang === 'en') return `${regional}rules v${p.version} rule ${str(p.rule)}`;
      if (lang === 'ru') return `${regional}правила v${p.version}, правило ${str(p.rule)}`;
      return `${regional}ережелер v${p.version}, ${str(p.rule)}-ереже`;
    }
    case 'default_rule':
      if (lang === 'en') return `no rule matched: default of rules v${p.version}`;
      if (lang === 'ru') return `ни одно правило не подошло: по умолчанию (правила v${p.version})`;
      return `ешбір ереже сәйкес келмеді: әдепкі (ережелер v${p.version})`;
    case 'override': {
      const since = p.since ? formatDate(str(p.since)) : '';
      if (lang === 'en') return `set by an officer: “${str(p.note)}”${since ? ` from ${since}` : ''}`;
      if (lang === 'ru') return `установлено вручную: «${str(p.note)}»${since ? ` с ${since}` : ''}`;
      return `қолмен белгіленді: «${str(p.note)}»${since ? ` ${since} бастап` : ''}`;
    }
  }
}

/** "Regular: rural school with 142 pupils (≤ 180), district favourable since 20.08.2020, rules v3 rule 2" */
export function renderReason(format: FormatCode, parts: ReasonPart[], lang: Lang): string {
  return `${FORMAT_LABELS[format][lang]}: ${parts.map((p) => renderPart(p, lang)).join(', ')}`;
}

/** The reason without its leading format name, for places where the format is already shown beside it. */
export function renderReasonParts(parts: ReasonPart[], lang: Lang): string {
  return parts.map((p) => renderPart(p, lang)).join(', ');
}

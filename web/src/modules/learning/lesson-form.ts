/**
 * The lesson editor's form, kept pure: what the form starts from, and the PATCH it sends — only
 * what changed, so an untouched column keeps its scale (the server refuses a new scale once marks
 * exist) and an untouched delivery is not re-validated.
 */
import type { AssessmentKind, DeliveryKind, LessonActivity } from '../../../../contracts/learning.js';
import type { LessonDetail, LessonPatch } from './api.js';
import { zonedTime, zonedToUtc } from './time.js';

export type TvChannel = 'al_farabi' | 'el_arna' | 'balapan' | 'qazaqstan';
export const TV_CHANNELS: readonly TvChannel[] = ['al_farabi', 'el_arna', 'balapan', 'qazaqstan'];
export const ACTIVITIES: readonly LessonActivity[] = ['lesson', 'lecture', 'seminar', 'lab', 'practice'];

export interface LessonForm {
  topic: string;
  kind: DeliveryKind;
  joinUrl: string;
  tvChannel: TvChannel;
  /** HH:MM at the school, on the lesson's date */
  tvTime: string;
  /** the slot of the TV grid (its id as text; '' = a channel and a time chosen by hand) */
  tvSlotId: string;
  videoUrl: string;
  assessment: AssessmentKind;
  /** digits, for section and term assessments */
  assessmentMax: string;
  cancelled: boolean;
  activity: LessonActivity;
  /** hand the delivery back to the learning format (only offered while it is the teacher's) */
  useFormat: boolean;
}

export type LessonFormProblem = 'joinUrl' | 'videoUrl' | 'tvTime' | 'assessmentMax';

export const SUMMATIVE: readonly AssessmentKind[] = ['section', 'term'];

/** The assessments a column may have: criteria (schools, colleges) or credit (universities), judged by the column's own. */
export function assessmentChoices(current: AssessmentKind): AssessmentKind[] {
  return current === 'rating' || current === 'exam' ? ['rating', 'exam'] : ['formative', 'section', 'term'];
}

export function formFromLesson(l: LessonDetail): LessonForm {
  return {
    topic: l.topic ?? '',
    kind: l.delivery.kind,
    joinUrl: l.delivery.joinUrl ?? '',
    tvChannel: (l.delivery.tvChannel as TvChannel | null) ?? 'al_farabi',
    tvTime: zonedTime(l.delivery.tvAirAt ?? l.startsAt, l.timeZone),
    tvSlotId: l.delivery.tvSlot ? String(l.delivery.tvSlot.id) : '',
    videoUrl: l.delivery.videoUrl ?? '',
    assessment: l.assessment,
    assessmentMax: l.assessmentMax === null ? '' : String(l.assessmentMax),
    cancelled: l.cancelled,
    activity: l.activity,
    useFormat: false,
  };
}

export const isWebUrl = (s: string) => /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(s.trim());

function deliveryOf(l: LessonDetail, f: LessonForm): NonNullable<LessonPatch['delivery']> | LessonFormProblem {
  switch (f.kind) {
    case 'online_live':
      return isWebUrl(f.joinUrl) ? { kind: 'online_live', joinUrl: f.joinUrl.trim() } : 'joinUrl';
    case 'recorded':
      return isWebUrl(f.videoUrl) ? { kind: 'recorded', videoUrl: f.videoUrl.trim() } : 'videoUrl';
    case 'tv':
      if (f.tvSlotId) return { kind: 'tv', tvSlotId: Number(f.tvSlotId) };
      return /^([01]\d|2[0-3]):[0-5]\d$/.test(f.tvTime) ? { kind: 'tv', tvChannel: f.tvChannel, tvAirAt: zonedToUtc(l.date, f.tvTime, l.timeZone) } : 'tvTime';
    default:
      return { kind: 'in_person' };
  }
}

function sameDelivery(l: LessonDetail, d: NonNullable<LessonPatch['delivery']>): boolean {
  if (d.kind !== l.delivery.kind) return false;
  switch (d.kind) {
    case 'online_live':
      return d.joinUrl === l.delivery.joinUrl;
    case 'recorded':
      return d.videoUrl === l.delivery.videoUrl;
    case 'tv':
      if (d.tvSlotId !== undefined) return d.tvSlotId === l.delivery.tvSlot?.id;
      return (
        !l.delivery.tvSlot &&
        d.tvChannel === l.delivery.tvChannel &&
        l.delivery.tvAirAt !== null &&
        d.tvAirAt !== undefined &&
        Date.parse(d.tvAirAt) === Date.parse(l.delivery.tvAirAt)
      );
    default:
      return true;
  }
}

/** The PATCH for the changes in the form, or the first field that is not right. An empty patch: nothing changed. */
export function patchFromForm(l: LessonDetail, f: LessonForm): { patch: LessonPatch } | { problem: LessonFormProblem } {
  const patch: LessonPatch = {};
  const topic = f.topic.trim();
  if (topic !== (l.topic ?? '')) patch.topic = topic || null;

  if (f.useFormat && l.deliverySource === 'teacher') {
    // the format decides again; whatever delivery the form shows is not the teacher's any more
    patch.deliverySource = 'format';
  } else {
    const delivery = deliveryOf(l, f);
    if (typeof delivery === 'string') return { problem: delivery };
    // a changed delivery becomes the teacher's (the server records that): the format leaves it alone from then on
    if (!sameDelivery(l, delivery)) patch.delivery = delivery;
  }
  if (f.activity !== l.activity) patch.activity = f.activity;

  const summative = SUMMATIVE.includes(f.assessment);
  let max: number | null = null;
  if (summative) {
    if (!/^\d{1,3}$/.test(f.assessmentMax.trim()) || Number(f.assessmentMax) < 1 || Number(f.assessmentMax) > 100) return { problem: 'assessmentMax' };
    max = Number(f.assessmentMax);
  }
  if (f.assessment !== l.assessment || max !== l.assessmentMax) {
    patch.assessment = f.assessment;
    patch.assessmentMax = max;
  }
  if (f.cancelled !== l.cancelled) patch.cancelled = f.cancelled;
  return { patch };
}

/** A due time typed at the school (date and HH:MM) as the instant the API takes. */
export function dueAtFrom(date: string, time: string, timeZone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  return zonedToUtc(date, time, timeZone);
}

/** A slot of the day's TV grid the lesson may be put on: the class's grade (or a slot for every grade) and the school's language. */
export function slotFits(slot: { grade: number | null; language: string | null }, l: { classGrade?: number | null; instructionLanguage?: string }): boolean {
  const gradeOk = slot.grade === null || l.classGrade === null || l.classGrade === undefined || slot.grade === l.classGrade;
  const lang = l.instructionLanguage;
  const langOk =
    slot.language === null || !lang || lang === 'other' || (lang === 'kk_ru' ? slot.language === 'kk' || slot.language === 'ru' : slot.language === lang);
  return gradeOk && langOk;
}

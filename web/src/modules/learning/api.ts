import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  announcementCreate,
  announcementList,
  classSummaryResponse,
  deliveryInput,
  diaryResponse,
  homeworkCreate,
  homeworkSchema,
  homeworkView,
  inboxResponse,
  joinResponse,
  journalResponse,
  lessonDetail,
  lessonPatch,
  materialInput,
  materialSchema,
  submissionSchema,
  summaryResponse,
  teacherLessonsResponse,
  teachingResponse,
} from '../../../../contracts/learning.js';
import type { tvSchedule } from '../../../../contracts/video.js';
import { api } from '../../api/client.js';
import { send } from './http.js';

/** Shapes from contracts/learning.ts (types only: zod stays out of the bundle). */
export type Diary = z.infer<typeof diaryResponse>;
export type DiaryLesson = Diary['lessons'][number];
export type DiaryHomework = Diary['homework'][number];
export type Announcement = Diary['announcements'][number];
export type Summary = z.infer<typeof summaryResponse>;
export type Journal = z.infer<typeof journalResponse>;
export type JournalLesson = Journal['lessons'][number];
export type LessonDetail = z.infer<typeof lessonDetail>;
export type Material = z.infer<typeof materialSchema>;
export type Homework = z.infer<typeof homeworkSchema>;
export type HomeworkView = z.infer<typeof homeworkView>;
export type Submission = z.infer<typeof submissionSchema>;
export type Inbox = z.infer<typeof inboxResponse>;
export type Teaching = z.infer<typeof teachingResponse>;
export type TeacherLessons = z.infer<typeof teacherLessonsResponse>;
export type ClassSummary = z.infer<typeof classSummaryResponse>;
export type DeliveryInput = z.infer<typeof deliveryInput>;
export type LessonPatch = z.input<typeof lessonPatch>;
export type HomeworkCreate = z.input<typeof homeworkCreate>;
export type MaterialInput = z.infer<typeof materialInput>;

const L = '/api/learning';

/** Every query of this module starts with this key, so a write can refresh what it touched. */
export const LEARNING = 'learning' as const;

/** A pupil's day (default: the school's today) or a range of days (a week). */
export const diaryQuery = (pupilId: number, range?: { from: string; to: string }) =>
  queryOptions({
    queryKey: [LEARNING, 'diary', pupilId, range ?? 'today'],
    queryFn: ({ signal }) => api.get<Diary>(`${L}/pupils/${pupilId}/diary`, { query: range, signal }),
    placeholderData: (previous) => (previous?.pupil.id === pupilId ? previous : undefined), // keep last week on screen while the next loads
  });

export const summaryQuery = (pupilId: number, termId?: number) =>
  queryOptions({
    queryKey: [LEARNING, 'summary', pupilId, termId ?? 'current'],
    queryFn: ({ signal }) => api.get<Summary>(`${L}/pupils/${pupilId}/summary`, { query: { termId }, signal }),
  });

export const teachingQuery = queryOptions({
  queryKey: [LEARNING, 'teaching'],
  queryFn: ({ signal }) => api.get<Teaching>(`${L}/me/teaching`, { signal }),
});

/** The teacher's lessons of a day (default the school's today); `from` is also the school's today for the grid. */
export const myLessonsQuery = (range?: { from: string; to: string }) =>
  queryOptions({
    queryKey: [LEARNING, 'my-lessons', range ?? 'today'],
    queryFn: ({ signal }) => api.get<TeacherLessons>(`${L}/me/lessons`, { query: range, signal }),
  });

export const journalQuery = (classId: number, subjectId: number, termId?: number) =>
  queryOptions({
    queryKey: [LEARNING, 'journal', classId, subjectId, termId ?? 'current'],
    queryFn: ({ signal }) => api.get<Journal>(`${L}/journal`, { query: { classId, subjectId, termId }, signal }),
    // the grid is the biggest answer (a term of a class): refetch it only when asked to
    staleTime: 5 * 60_000,
  });

export const lessonQuery = (id: number) =>
  queryOptions({
    queryKey: [LEARNING, 'lesson', id],
    queryFn: ({ signal }) => api.get<LessonDetail>(`${L}/lessons/${id}`, { signal }),
  });

/** The public TV grid of a day (the video module's), for putting a TV lesson on one of its slots. */
export type TvDay = z.infer<typeof tvSchedule>;
export const tvDayQuery = (date: string) =>
  queryOptions({
    queryKey: [LEARNING, 'tv-day', date],
    queryFn: ({ signal }) => api.get<TvDay>('/api/video/tv-schedule', { signal, query: { date } }),
    staleTime: 300_000,
  });

export const homeworkQuery = (id: number, pupilId?: number) =>
  queryOptions({
    queryKey: [LEARNING, 'homework', id, pupilId ?? 'me'],
    queryFn: ({ signal }) => api.get<HomeworkView>(`${L}/homework/${id}`, { query: { pupilId }, signal }),
  });

export const submissionQuery = (id: number) =>
  queryOptions({
    queryKey: [LEARNING, 'submission', id],
    queryFn: ({ signal }) => api.get<Submission>(`${L}/submissions/${id}`, { signal }),
  });

export const INBOX_PAGE_SIZE = 20;
export interface InboxFilter {
  classId?: number;
  subjectId?: number;
  homeworkId?: number;
  all?: boolean;
  page?: number;
}
export const inboxQuery = (filter: InboxFilter) =>
  queryOptions({
    queryKey: [LEARNING, 'inbox', filter.classId ?? 0, filter.subjectId ?? 0, filter.homeworkId ?? 0, filter.all ? 'all' : 'waiting', filter.page ?? 1],
    queryFn: ({ signal }) =>
      api.get<Inbox>(`${L}/inbox`, {
        query: {
          classId: filter.classId,
          subjectId: filter.subjectId,
          homeworkId: filter.homeworkId,
          state: filter.all ? 'all' : undefined,
          page: filter.page && filter.page > 1 ? filter.page : undefined,
          limit: INBOX_PAGE_SIZE,
        },
        signal,
      }),
    placeholderData: (previous) => previous, // the old page stays on screen while the next loads
  });

export const classSummaryQuery = (classId: number, range?: { from: string; to: string }) =>
  queryOptions({
    queryKey: [LEARNING, 'class-summary', classId, range ?? 'week'],
    queryFn: ({ signal }) => api.get<ClassSummary>(`${L}/classes/${classId}/summary`, { query: range, signal }),
    placeholderData: (previous) => (previous?.class.id === classId ? previous : undefined),
  });

export const announcementsQuery = (classId: number) =>
  queryOptions({
    queryKey: [LEARNING, 'announcements', classId],
    queryFn: ({ signal }) => api.get<z.infer<typeof announcementList>>(`${L}/classes/${classId}/announcements`, { signal }),
  });

// ── writes ────────────────────────────────────────────────────────────────
export const joinLesson = (lessonId: number) => send<z.infer<typeof joinResponse>>('POST', `${L}/lessons/${lessonId}/join`);

export const submitWork = (homeworkId: number, body: { text?: string | null; fileIds: string[] }, idempotencyKey: string) =>
  send<Submission>('POST', `${L}/homework/${homeworkId}/submissions`, { body, headers: { 'idempotency-key': idempotencyKey } });

export const markSubmission = (submissionId: number, body: { score: number; comment?: string | null }) =>
  send<Submission>('PUT', `${L}/submissions/${submissionId}/mark`, { body });
export const unmarkSubmission = (submissionId: number) => send<Submission>('DELETE', `${L}/submissions/${submissionId}/mark`);

export const putMarks = (lessonId: number, entries: { pupilId: number; score: number | null; comment?: string | null }[]) =>
  send<{ changed: number }>('PUT', `${L}/lessons/${lessonId}/marks`, { body: { entries } });
export const putAttendance = (lessonId: number, entries: { pupilId: number; status: string | null; reason?: string | null }[]) =>
  send<{ changed: number }>('PUT', `${L}/lessons/${lessonId}/attendance`, { body: { entries } });

export const patchLesson = (lessonId: number, patch: LessonPatch) => send<LessonDetail>('PATCH', `${L}/lessons/${lessonId}`, { body: patch });
export const addMaterial = (lessonId: number, material: MaterialInput) => send<Material>('POST', `${L}/lessons/${lessonId}/materials`, { body: material });
export const removeMaterial = (materialId: number) => send<void>('DELETE', `${L}/materials/${materialId}`);
export const createHomework = (lessonId: number, body: HomeworkCreate) => send<Homework>('POST', `${L}/lessons/${lessonId}/homework`, { body });
export const deleteHomework = (homeworkId: number) => send<void>('DELETE', `${L}/homework/${homeworkId}`);

export const postAnnouncement = (classId: number, body: z.infer<typeof announcementCreate>) =>
  send<Announcement>('POST', `${L}/classes/${classId}/announcements`, { body });

// ── printed papers and exports (plain links: the session cookie goes along) ──
const q = (params: Record<string, string | number | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
export const paperUrl = {
  diaryWeek: (pupilId: number, from: string, lang: string) => `${L}/pupils/${pupilId}/diary.pdf?${q({ from, lang })}`,
  reportCard: (pupilId: number, termId: number | undefined, lang: string) => `${L}/pupils/${pupilId}/report.pdf?${q({ termId, lang })}`,
  journalPage: (classId: number, subjectId: number, month: string, lang: string) => `${L}/journal.pdf?${q({ classId, subjectId, month, lang })}`,
  classMarks: (classId: number, format: 'csv' | 'xlsx', lang: string, o: { termId?: number; subjectId?: number } = {}) =>
    `${L}/classes/${classId}/marks/export?${q({ format, termId: o.termId, subjectId: o.subjectId, lang })}`,
};

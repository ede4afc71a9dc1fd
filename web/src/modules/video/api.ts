import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AttachedVideos,
  TvChannel,
  TvChannelCreate,
  TvChannelPatch,
  tvChannels,
  archivePage,
  tvGridProblem,
  tvImportResult,
  tvSchedule,
  Video,
  VideoEdit,
  VideoLink,
} from '../../../../contracts/video.js';
import type { tvLessonsResponse } from '../../../../contracts/learning.js';
import { ApiError, CLIENT_CODES, api, isApiError, toApiError } from '../../api/client.js';

export type { AttachedVideos, TvChannel, TvChannelCreate, TvChannelPatch, Video, VideoEdit, VideoLink };
export type TvChannels = z.infer<typeof tvChannels>;
export type ArchivePage = z.infer<typeof archivePage>;
export type TvSchedule = z.infer<typeof tvSchedule>;
export type TvSlot = TvSchedule['items'][number];
export type TvImportResult = z.infer<typeof tvImportResult>;
export type TvGridProblem = z.infer<typeof tvGridProblem>;

export interface ArchiveFilter {
  grade?: number;
  subjectId?: number;
  language?: 'kk' | 'ru' | 'en';
  q?: string;
  page?: number;
}

export const VIDEO_KEY = ['video'] as const;

export const myVideosQuery = queryOptions({
  queryKey: [...VIDEO_KEY, 'mine'],
  queryFn: ({ signal }) => api.get<{ items: Video[] }>('/api/video/my-videos', { signal }),
  // while one of them is queued or transcoding, ask again every 2 s (the worker reports progress)
  refetchInterval: (q) => (q.state.data?.items.some((v) => v.status === 'queued' || v.status === 'transcoding') ? 2000 : false),
});

export const videoQuery = (id: number) =>
  queryOptions({
    queryKey: [...VIDEO_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<Video>(`/api/video/videos/${id}`, { signal }),
  });

export const archiveQuery = (f: ArchiveFilter) =>
  queryOptions({
    queryKey: [...VIDEO_KEY, 'archive', f],
    queryFn: ({ signal }) =>
      api.get<ArchivePage>('/api/video/videos', {
        signal,
        query: { grade: f.grade, subjectId: f.subjectId, language: f.language, q: f.q || undefined, page: f.page ?? 1, pageSize: 10 },
      }),
  });

export const subjectsQuery = queryOptions({
  queryKey: [...VIDEO_KEY, 'subjects'],
  queryFn: ({ signal }) =>
    api.get<{ items: { id: number; code: string; name: { kk: string; ru: string; en?: string | null } }[] }>('/api/learning/subjects', { signal }),
  staleTime: 60 * 60 * 1000,
});

/** A day's (or week's) grid; without a date, the server's school day. */
export const tvScheduleQuery = (date: string | undefined, days: number) =>
  queryOptions({
    queryKey: [...VIDEO_KEY, 'tv', date ?? 'today', days],
    queryFn: ({ signal }) => api.get<TvSchedule>('/api/video/tv-schedule', { signal, query: date ? { date, days } : { days } }),
  });

/** Where a video is attached: one lesson or one homework. */
export type AttachTarget = { lessonId: number } | { homeworkId: number };

/** The videos attached to a lesson or a homework (all with their state for its teacher). */
export const attachedQuery = (target: AttachTarget) =>
  queryOptions({
    queryKey: [...VIDEO_KEY, 'attached', target],
    queryFn: ({ signal }) => api.get<AttachedVideos>('/api/video/attached', { signal, query: target }),
    refetchInterval: (q) => (q.state.data?.items.some((i) => i.video.status === 'queued' || i.video.status === 'transcoding') ? 4000 : false),
  });

/** The lessons and homework a video serves (those the reader may see). */
export const videoLinksQuery = (id: number) =>
  queryOptions({
    queryKey: [...VIDEO_KEY, 'links', id],
    queryFn: ({ signal }) => api.get<{ items: VideoLink[] }>(`/api/video/videos/${id}/links`, { signal }),
  });

export const tvChannelsQuery = queryOptions({
  queryKey: [...VIDEO_KEY, 'channels'],
  queryFn: ({ signal }) => api.get<TvChannels>('/api/video/tv-channels', { signal }),
});

export const videoApi = {
  createChannel: (body: TvChannelCreate) => api.post<TvChannel>('/api/video/tv-channels', body),
  editChannel: (id: number, body: TvChannelPatch) => api.patch<TvChannel>(`/api/video/tv-channels/${id}`, body),
  retry: (id: number) => api.post<Video>(`/api/video/videos/${id}/retry`),
  edit: (id: number, body: VideoEdit) => api.patch<Video>(`/api/video/videos/${id}`, body),
  remove: (id: number) => api.delete<{ id: number; deleted: true }>(`/api/video/videos/${id}`),
  attach: (id: number, target: AttachTarget) => api.post<VideoLink>(`/api/video/videos/${id}/links`, target),
  detach: (id: number, linkId: number) => api.delete<null>(`/api/video/videos/${id}/links/${linkId}`),
  importGrid: (body: { csv: string } | { xmltv: string }, dryRun: boolean) => api.post<TvImportResult>('/api/video/tv-schedule/import', { ...body, dryRun }),
};

/** The problems of a refused grid file, from the error's details (empty for any other failure). */
export function gridProblems(err: unknown): TvGridProblem[] {
  if (!isApiError(err)) return [];
  const list = (err.details as { problems?: unknown } | undefined)?.problems;
  return Array.isArray(list) ? (list as TvGridProblem[]) : [];
}

export interface UploadFieldsInput {
  title: string;
  grade?: number;
  language?: 'kk' | 'ru' | 'en';
  topic?: string;
}

/**
 * Sends a video (`POST /api/video/videos`, multipart: the fields first, then the file). XMLHttpRequest
 * rather than fetch because only it reports upload progress, which a teacher on a slow link needs to
 * see for a file of hundreds of megabytes. Failures become the same `ApiError` as the shared client's.
 */
export function uploadVideo(
  file: File,
  fields: UploadFieldsInput,
  opts: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<{ id: number; status: 'queued' }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/video/videos');
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      const res = new Response(xhr.responseText || null, { status: xhr.status, headers: { 'content-type': xhr.getResponseHeader('content-type') ?? '' } });
      if (res.ok) {
        res.json().then(
          (body) => resolve(body as { id: number; status: 'queued' }),
          () => reject(new ApiError(CLIENT_CODES.unexpected, 'The response is not JSON', xhr.status)),
        );
      } else {
        toApiError(res).then(reject, reject);
      }
    };
    xhr.onerror = () => reject(new ApiError(CLIENT_CODES.offline, 'The server could not be reached', 0));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('title', fields.title);
    if (fields.grade !== undefined) form.append('grade', String(fields.grade));
    if (fields.language) form.append('language', fields.language);
    if (fields.topic) form.append('topic', fields.topic);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** The TV grid's days are Almaty days; each channel's times are shown on its own clock (tz database, no fixed offset). */
export const TV_TIME_ZONE = 'Asia/Almaty';
const zoned = new Map<string, Intl.DateTimeFormat>();
function zonedParts(at: Date, timeZone: string): { date: string; time: string } {
  let f = zoned.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    zoned.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const x of f.formatToParts(at)) p[x.type] = x.value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** Today in Almaty (the TV grid's days), as YYYY-MM-DD. */
export function almatyToday(now = new Date()): string {
  return zonedParts(now, TV_TIME_ZONE).date;
}

/** A time of day on a channel's clock (Almaty unless it says otherwise), HH:MM. */
export function almatyTime(iso: string, timeZone = TV_TIME_ZONE): string {
  return zonedParts(new Date(iso), timeZone).time;
}

/** The date of an instant on a channel's clock, YYYY-MM-DD. */
export function almatyDate(iso: string, timeZone = TV_TIME_ZONE): string {
  return zonedParts(new Date(iso), timeZone).date;
}

/** A day's class lessons on TV slots among the classes the signed-in person may see (the slot's side). */
export const myTvLessonsQuery = (date: string) =>
  queryOptions({
    queryKey: [...VIDEO_KEY, 'tv-lessons', date],
    queryFn: ({ signal }) => api.get<z.infer<typeof tvLessonsResponse>>('/api/learning/me/tv-lessons', { signal, query: { date } }),
  });

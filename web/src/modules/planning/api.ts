import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  assignmentList,
  calendarResponse,
  generateBody,
  generatePreview,
  generateResponse,
  holidayCreate,
  organisationTimetable,
  periodList,
  periodsBody,
  planBody,
  planResponse,
  roomList,
  slotCreate,
  slotMove,
  slotMoveResponse,
  slotSchema,
  subjectList,
  termCreate,
} from '../../../../contracts/learning.js';
import { api } from '../../api/client.js';

export type OrganisationTimetable = z.infer<typeof organisationTimetable>;
export type TimetableSlot = OrganisationTimetable['slots'][number];
export type Term = OrganisationTimetable['terms'][number];
export type Periods = z.infer<typeof periodList>;
export type Period = Periods['items'][number];
export type Assignment = z.infer<typeof assignmentList>['items'][number];
export type Room = z.infer<typeof roomList>['items'][number];
export type Subject = z.infer<typeof subjectList>['items'][number];
export type Calendar = z.infer<typeof calendarResponse>;
export type Plan = z.infer<typeof planResponse>;
export type SlotCreate = z.input<typeof slotCreate>;
export type SlotMove = z.input<typeof slotMove>;
export type GenerateBody = z.input<typeof generateBody>;
export type GeneratePreview = z.infer<typeof generatePreview>;

const base = (organisationId: number) => `/api/learning/organisations/${organisationId}`;
/** Every query of these pages starts with this key, so one invalidation refreshes them all. */
export const PLANNING_KEY = ['planning'] as const;

export const timetableQuery = (organisationId: number, termId?: number) =>
  queryOptions({
    queryKey: [...PLANNING_KEY, organisationId, 'timetable', termId ?? 'current'],
    queryFn: ({ signal }) => api.get<OrganisationTimetable>(`${base(organisationId)}/timetable`, { query: { termId }, signal }),
  });
export const periodsQuery = (organisationId: number) =>
  queryOptions({
    queryKey: [...PLANNING_KEY, organisationId, 'periods'],
    queryFn: ({ signal }) => api.get<Periods>(`${base(organisationId)}/periods`, { signal }),
  });
export const assignmentsQuery = (organisationId: number) =>
  queryOptions({
    queryKey: [...PLANNING_KEY, organisationId, 'assignments'],
    queryFn: ({ signal }) => api.get<{ items: Assignment[] }>(`${base(organisationId)}/assignments`, { signal }),
  });
export const roomsQuery = (organisationId: number) =>
  queryOptions({
    queryKey: [...PLANNING_KEY, organisationId, 'rooms'],
    queryFn: ({ signal }) => api.get<{ items: Room[] }>(`${base(organisationId)}/rooms`, { signal }),
    staleTime: 10 * 60_000,
  });
export const calendarQuery = (organisationId: number) =>
  queryOptions({
    queryKey: [...PLANNING_KEY, organisationId, 'calendar'],
    queryFn: ({ signal }) => api.get<Calendar>(`${base(organisationId)}/calendar`, { signal }),
  });
export const planQuery = (organisationId: number) =>
  queryOptions({
    queryKey: [...PLANNING_KEY, organisationId, 'plan'],
    queryFn: ({ signal }) => api.get<Plan>(`${base(organisationId)}/plan`, { signal }),
  });
export const subjectsQuery = queryOptions({
  queryKey: [...PLANNING_KEY, 'subjects'],
  queryFn: ({ signal }) => api.get<{ items: Subject[] }>('/api/learning/subjects', { signal }),
  staleTime: 60 * 60_000,
});

export const checkSlot = (classId: number, body: SlotCreate, signal?: AbortSignal) =>
  api.post<{ ok: true }>(`/api/learning/classes/${classId}/timetable/check`, body, { signal });
export const createSlot = (classId: number, body: SlotCreate) => api.post<z.infer<typeof slotSchema>>(`/api/learning/classes/${classId}/timetable`, body);
export const moveSlot = (slotId: number, body: SlotMove, signal?: AbortSignal) =>
  api.patch<z.infer<typeof slotMoveResponse>>(`/api/learning/timetable/${slotId}`, body, { signal });
export const removeSlot = (slotId: number) => api.delete<{ lessonsRemoved: number }>(`/api/learning/timetable/${slotId}`);
export const previewLessons = (termId: number, body: GenerateBody) => api.post<GeneratePreview>(`/api/learning/terms/${termId}/lessons/preview`, body);
export const generateLessons = (termId: number, body: GenerateBody) =>
  api.post<z.infer<typeof generateResponse>>(`/api/learning/terms/${termId}/lessons`, body);
export const savePeriods = (organisationId: number, body: z.input<typeof periodsBody>) => api.put<Periods>(`${base(organisationId)}/periods`, body);
export const addTerm = (organisationId: number, body: z.input<typeof termCreate>) => api.post<Term>(`${base(organisationId)}/terms`, body);
export const addHoliday = (organisationId: number, body: z.input<typeof holidayCreate>) => api.post<unknown>(`${base(organisationId)}/holidays`, body);
export const savePlan = (organisationId: number, body: z.input<typeof planBody>) => api.put<Plan>(`${base(organisationId)}/plan`, body);

import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { classCreate, classSchema, classUpdate, peoplePage } from '../../../../contracts/organisations.js';
import type { courseList, courseSchema } from '../../../../contracts/learning.js';
import type { reissuedCode } from '../../../../contracts/onboarding.js';
import { api } from '../../api/client.js';

export type PeoplePage = z.infer<typeof peoplePage>;
export type Person = PeoplePage['items'][number];
export type Course = z.infer<typeof courseSchema>;
export const SCHOOL_KEY = ['school'] as const;

export interface PeopleFilter {
  role?: string;
  q?: string;
  classless?: boolean;
  classId?: number;
  page?: number;
  pageSize?: number;
}

export const peopleQuery = (organisationId: number, f: PeopleFilter) =>
  queryOptions({
    queryKey: [...SCHOOL_KEY, organisationId, 'people', f],
    queryFn: ({ signal }) =>
      api.get<PeoplePage>(`/api/organisations/${organisationId}/people`, {
        query: { role: f.role, q: f.q || undefined, classless: f.classless ? 'true' : undefined, classId: f.classId, page: f.page, pageSize: f.pageSize },
        signal,
      }),
    placeholderData: (previous) => previous,
  });
export const coursesQuery = (organisationId: number) =>
  queryOptions({
    queryKey: [...SCHOOL_KEY, organisationId, 'courses'],
    queryFn: ({ signal }) => api.get<z.infer<typeof courseList>>(`/api/learning/organisations/${organisationId}/courses`, { signal }),
  });

export const createClass = (organisationId: number, body: z.input<typeof classCreate>) =>
  api.post<z.infer<typeof classSchema>>(`/api/organisations/${organisationId}/classes`, body);
export const updateClass = (classId: number, body: z.input<typeof classUpdate>) => api.patch<z.infer<typeof classSchema>>(`/api/classes/${classId}`, body);
export const addMember = (classId: number, pupilId: number) => api.post<null>(`/api/classes/${classId}/members`, { pupilId });
export const removeMember = (classId: number, pupilId: number) => api.delete<null>(`/api/classes/${classId}/members/${pupilId}`);
export const moveMember = (classId: number, pupilId: number, toClassId: number) =>
  api.post<unknown>(`/api/classes/${classId}/members/${pupilId}/move`, { toClassId });
export const reissueCode = (organisationId: number, personId: number) =>
  api.post<z.infer<typeof reissuedCode>>(`/api/organisations/${organisationId}/people/${personId}/activation-code`, {});
export const updateCourse = (courseId: number, body: { title?: string | null; credits?: number | null }) =>
  api.patch<Course>(`/api/learning/courses/${courseId}`, body);
export const classListPdfUrl = (classId: number, lang: string) => `/api/classes/${classId}/list.pdf?lang=${lang}`;

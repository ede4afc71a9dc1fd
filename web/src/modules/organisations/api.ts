import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { classDetail, classList, myClasses, organisationPage, organisationSchema } from '../../../../contracts/organisations.js';
import { api } from '../../api/client.js';

export type Organisation = z.infer<typeof organisationSchema>;
export type OrganisationPage = z.infer<typeof organisationPage>;
export type SchoolClass = z.infer<typeof classList>['items'][number];
export type ClassDetail = z.infer<typeof classDetail>;

export type MyClass = z.infer<typeof myClasses>['items'][number];

export const organisationsQuery = (page: number, pageSize: number, q = '') =>
  queryOptions({
    queryKey: ['organisations', 'list', { page, pageSize, q }],
    queryFn: ({ signal }) => api.get<OrganisationPage>('/api/organisations', { query: q ? { page, pageSize, q } : { page, pageSize }, signal }),
    placeholderData: (previous) => previous, // keep the old page on screen while the next one loads
  });

export const organisationQuery = (id: number) =>
  queryOptions({
    queryKey: ['organisations', id],
    queryFn: ({ signal }) => api.get<Organisation>(`/api/organisations/${id}`, { signal }),
  });

/** The classes of an organisation that the actor may see (a pupil: theirs; a teacher: those they teach…). */
export const organisationClassesQuery = (id: number) =>
  queryOptions({
    queryKey: ['organisations', id, 'classes'],
    queryFn: ({ signal }) => api.get<z.infer<typeof classList>>(`/api/organisations/${id}/classes`, { signal }),
  });

export const classQuery = (id: number) =>
  queryOptions({
    queryKey: ['classes', id],
    queryFn: ({ signal }) => api.get<ClassDetail>(`/api/classes/${id}`, { signal }),
  });

/** The classes the signed-in person is tied to, with how (pupil, child, teacher with subjects, homeroom). */
export const myClassesQuery = () =>
  queryOptions({
    queryKey: ['me', 'classes'],
    queryFn: ({ signal }) => api.get<z.infer<typeof myClasses>>('/api/me/classes', { signal }),
  });

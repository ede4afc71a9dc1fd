import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CertificateCheck,
  CompletionsImportReport,
  Course,
  Coverage,
  Enrolment,
  myTraining,
  orgTeachers,
  enrolResult,
  areaEnrolResult,
  attemptResult,
  contentBody,
  courseContent,
  coursePage,
} from '../../../../contracts/training.js';
import { api, ApiError, buildUrl, CLIENT_CODES, toApiError } from '../../api/client.js';

export type { CertificateCheck, CompletionsImportReport, Course, Coverage, Enrolment };
export type MyTraining = z.infer<typeof myTraining>;
export type OrgTeachers = z.infer<typeof orgTeachers>;
export type EnrolResult = z.infer<typeof enrolResult>;

export const myTrainingQuery = queryOptions({
  queryKey: ['training', 'me'],
  queryFn: ({ signal }) => api.get<MyTraining>('/api/training/me', { signal }),
});

export const coursesQuery = queryOptions({
  queryKey: ['training', 'courses'],
  queryFn: ({ signal }) => api.get<{ courses: Course[] }>('/api/training/courses', { signal }),
});

export const orgTeachersQuery = (organisationId: number, courseId: number) =>
  queryOptions({
    queryKey: ['training', 'org', organisationId, courseId],
    queryFn: ({ signal }) => api.get<OrgTeachers>(`/api/training/organisations/${organisationId}/teachers`, { signal, query: { courseId } }),
  });

export const coverageQuery = (area: string) =>
  queryOptions({
    queryKey: ['training', 'coverage', area],
    queryFn: ({ signal }) => api.get<Coverage>('/api/training/coverage', { signal, query: { area } }),
  });

export const enrolSelf = (courseId: number) => api.post<Enrolment>(`/api/training/courses/${courseId}/enrol`);
export const completeEnrolment = (id: number) => api.post<Enrolment>(`/api/training/enrolments/${id}/complete`);
export const enrolTeachers = (organisationId: number, courseId: number, teachers: 'all' | number[]) =>
  api.post<EnrolResult>(`/api/training/organisations/${organisationId}/enrolments`, { courseId, teachers });

export const certificateUrl = (id: number, lang: string) => `/api/training/enrolments/${id}/certificate?lang=${lang}`;
export const coverageFileUrl = (area: string, format: 'csv' | 'xlsx', lang: string) => `/api/training/coverage?${new URLSearchParams({ area, format, lang })}`;

/** The public check of a certificate code (no session needed); a missing code is an error, not retried. */
export const certificateCheckQuery = (code: string) =>
  queryOptions({
    queryKey: ['training', 'certificate', code],
    queryFn: ({ signal }) => api.get<CertificateCheck>(`/api/training/certificates/${encodeURIComponent(code)}`, { signal }),
    retry: false,
  });

/** Uploads a completions sheet (multipart); a rejected apply (422) answers its report with the errors. */
export async function uploadCompletions(file: File, dryRun: boolean): Promise<CompletionsImportReport> {
  const body = new FormData();
  body.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(buildUrl('', '/api/training/completions/import', { dryRun }), {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
  } catch {
    throw new ApiError(CLIENT_CODES.offline, 'The server could not be reached', 0);
  }
  if (res.status === 422 || res.ok) return (await res.json()) as CompletionsImportReport;
  throw await toApiError(res);
}

// ── courses built in Sabaq ──
export type CourseContent = z.infer<typeof courseContent>;
export type ContentBody = z.input<typeof contentBody>;
export type CoursePage = z.infer<typeof coursePage>;
export type AttemptResult = z.infer<typeof attemptResult>;
export type AreaEnrolResult = z.infer<typeof areaEnrolResult>;

export const courseContentQuery = (courseId: number) =>
  queryOptions({
    queryKey: ['training', 'content', courseId],
    queryFn: ({ signal }) => api.get<CourseContent>(`/api/training/courses/${courseId}/content`, { signal }),
  });
export const saveContent = (courseId: number, body: ContentBody) => api.put<CourseContent>(`/api/training/courses/${courseId}/content`, body);
export const publishCourse = (courseId: number) => api.post<{ version: number; publishedAt: string }>(`/api/training/courses/${courseId}/publish`);

export const coursePageQuery = (enrolmentId: number) =>
  queryOptions({
    queryKey: ['training', 'course-page', enrolmentId],
    queryFn: ({ signal }) => api.get<CoursePage>(`/api/training/enrolments/${enrolmentId}/course`, { signal }),
  });
export const markModuleRead = (enrolmentId: number, moduleId: number) =>
  api.post<CoursePage>(`/api/training/enrolments/${enrolmentId}/modules/${moduleId}/read`);
export const submitAttempt = (enrolmentId: number, moduleId: number, answers: number[][]) =>
  api.post<AttemptResult>(`/api/training/enrolments/${enrolmentId}/modules/${moduleId}/attempts`, { answers });

export const enrolArea = (area: string, courseId: number) => api.post<AreaEnrolResult>('/api/training/areas/enrolments', { area, courseId });
export const withdrawCertificate = (code: string, reason: string) =>
  api.post<{ code: string; withdrawnAt: string }>(`/api/training/certificates/${encodeURIComponent(code)}/withdraw`, { reason });

/** Uploads a file for course materials (ministry). */
export const uploadMaterial = (file: File) => api.upload<{ id: string; name: string }>('/api/training/files', file);

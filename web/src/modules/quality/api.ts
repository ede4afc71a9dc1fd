import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Assessment,
  Evidence,
  EvidenceKey,
  Framework,
  Level,
  Status,
  frameworkList,
  organisationHistory,
  reviewList,
} from '../../../../contracts/quality.js';
import { api } from '../../api/client.js';

export type { Assessment, Evidence, EvidenceKey, Framework, Level, Status };
export type History = z.infer<typeof organisationHistory>;
export type ReviewList = z.infer<typeof reviewList>;

export interface DraftAnswer {
  criterion: string;
  level: Level | null;
  comment: string;
  evidence: string;
  links: string[];
  fileIds: string[];
}

export const historyQuery = (organisationId: number) =>
  queryOptions({
    queryKey: ['quality', 'history', organisationId],
    queryFn: ({ signal }) => api.get<History>(`/api/quality/organisations/${organisationId}`, { signal }),
  });

export const assessmentQuery = (organisationId: number, yearId: number) =>
  queryOptions({
    queryKey: ['quality', 'assessment', organisationId, yearId],
    queryFn: ({ signal }) => api.get<Assessment>(`/api/quality/organisations/${organisationId}/years/${yearId}`, { signal }),
  });

export const reviewsQuery = (status: 'submitted' | 'all') =>
  queryOptions({
    queryKey: ['quality', 'reviews', status],
    queryFn: ({ signal }) => api.get<ReviewList>('/api/quality/reviews', { signal, query: { status } }),
  });

export const frameworkQuery = queryOptions({
  queryKey: ['quality', 'framework'],
  queryFn: ({ signal }) => api.get<Framework>('/api/quality/framework', { signal }),
});
export const frameworksQuery = queryOptions({
  queryKey: ['quality', 'frameworks'],
  queryFn: ({ signal }) => api.get<z.infer<typeof frameworkList>>('/api/quality/frameworks', { signal }),
});
export const publishFramework = (body: { areas: Framework['areas']; note: string }) => api.post<Framework>('/api/quality/frameworks', body);

export const saveDraft = (organisationId: number, yearId: number, answers: DraftAnswer[]) =>
  api.put<Assessment>(`/api/quality/organisations/${organisationId}/years/${yearId}`, { answers });
export const submitAssessment = (organisationId: number, yearId: number) =>
  api.post<Assessment>(`/api/quality/organisations/${organisationId}/years/${yearId}/submit`);
export const reviewAssessment = (id: number, body: { verdict: 'accepted' | 'returned'; comment: string; comments: { criterion: string; comment: string }[] }) =>
  api.post<Assessment>(`/api/quality/assessments/${id}/review`, body);

export const fileUrl = (assessmentId: number, fileId: string) => `/api/quality/assessments/${assessmentId}/files/${encodeURIComponent(fileId)}`;
export const pdfUrl = (assessmentId: number, lang: string) => `/api/quality/assessments/${assessmentId}/pdf?lang=${encodeURIComponent(lang)}`;

/** Uploads one evidence file through the files module; answers its id and name. */
export async function uploadEvidence(file: File): Promise<{ id: string; name: string; sizeBytes: number }> {
  const f = await api.upload<{ id: string; name: string; sizeBytes: number }>('/api/files', file);
  return { id: f.id, name: f.name, sizeBytes: f.sizeBytes };
}

import type { z } from 'zod';
import type { areasResponse, censusBody, loanList, myHouseholds, needsResponse, runResult, stockResponse } from '../../../../contracts/supplies.js';
import { api } from '../../api/client.js';

export type MyHouseholds = z.infer<typeof myHouseholds>;
export type Needs = z.infer<typeof needsResponse>;
export type Stock = z.infer<typeof stockResponse>;
export type RunResult = z.infer<typeof runResult>;
export type LoanList = z.infer<typeof loanList>;
export type Areas = z.infer<typeof areasResponse>;

export const suppliesApi = {
  myHouseholds: (signal?: AbortSignal) => api.get<MyHouseholds>('/api/supplies/my-households', { signal }),
  declare: (personId: number, body: z.input<typeof censusBody>) => api.put(`/api/supplies/census/${personId}`, body),
  appeal: (childId: number, text: string) => api.post('/api/supplies/appeals', { childId, text }),
  needs: (org: number, signal?: AbortSignal) => api.get<Needs>(`/api/supplies/organisations/${org}/needs`, { signal }),
  stock: (org: number, signal?: AbortSignal) => api.get<Stock>(`/api/supplies/organisations/${org}/stock`, { signal }),
  preview: (org: number) => api.post<RunResult>('/api/supplies/allocation-runs/preview', { scope: { organisationId: org } }),
  confirm: (org: number, fingerprint: string) => api.post<RunResult>('/api/supplies/allocation-runs', { scope: { organisationId: org }, fingerprint }),
  issue: (body: { organisationId: number; inventoryNumber: string; allocationId: number; language: 'kk' | 'ru' }) => api.post('/api/supplies/loans', body),
  giveBack: (body: { organisationId: number; inventoryNumber: string; condition: string }) => api.post('/api/supplies/returns', body),
  loans: (org: number, status: string, signal?: AbortSignal) => api.get<LoanList>(`/api/supplies/loans?organisationId=${org}&status=${status}`, { signal }),
  recall: (org: number) => api.post(`/api/supplies/organisations/${org}/recalls`),
  areas: (q: string, signal?: AbortSignal) => api.get<Areas>(`/api/supplies/areas${q}`, { signal }),
};

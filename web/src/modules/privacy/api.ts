import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { consentList, consentSchema, erasureList, erasureRequest, personalExport, ConsentPurpose } from '../../../../contracts/privacy.js';
import type { changePasswordResponse } from '../../../../contracts/identity.js';
import { api } from '../../api/client.js';

export type PersonalExport = z.infer<typeof personalExport>;
export type Consent = z.infer<typeof consentSchema>;
export type ErasureRequest = z.infer<typeof erasureRequest>;
export type ErasureList = z.infer<typeof erasureList>;
export type { ConsentPurpose };

export const PRIVACY_KEY = ['privacy'] as const;

export const myExportQuery = queryOptions({
  queryKey: [...PRIVACY_KEY, 'export'],
  queryFn: ({ signal }) => api.get<PersonalExport>('/api/me/export', { signal }),
  staleTime: 60_000,
});
export const myConsentsQuery = queryOptions({
  queryKey: [...PRIVACY_KEY, 'consents'],
  queryFn: ({ signal }) => api.get<z.infer<typeof consentList>>('/api/me/consents', { signal }),
});
export const myErasureQuery = queryOptions({
  queryKey: [...PRIVACY_KEY, 'erasure'],
  queryFn: ({ signal }) => api.get<ErasureList>('/api/me/erasure-requests', { signal }),
});
export const organisationErasureQuery = (organisationId: number) =>
  queryOptions({
    queryKey: [...PRIVACY_KEY, 'organisation', organisationId],
    queryFn: ({ signal }) => api.get<ErasureList>(`/api/privacy/organisations/${organisationId}/erasure-requests`, { signal }),
  });

export const giveConsent = (personId: number, purpose: ConsentPurpose) => api.post<Consent>('/api/me/consents', { personId, purpose });
export const withdrawConsent = (id: number) => api.post<Consent>(`/api/me/consents/${id}/withdraw`);
export const requestErasure = (personId: number, reason: string) =>
  api.post<ErasureRequest>('/api/me/erasure-requests', { personId, ...(reason.trim() ? { reason: reason.trim() } : {}) });
export const decideErasure = (id: number, decision: 'approve' | 'refuse', note: string) =>
  api.post<ErasureRequest>(`/api/privacy/erasure-requests/${id}/decide`, { decision, note });

export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post<z.infer<typeof changePasswordResponse>>('/api/me/password', { currentPassword, newPassword });
export const signOutEverywhere = () => api.post<void>('/api/auth/logout-everywhere');

/** The JSON file of everything held, as the server writes it (same session, `download=1`). */
export const EXPORT_DOWNLOAD_URL = '/api/me/export?download=1';

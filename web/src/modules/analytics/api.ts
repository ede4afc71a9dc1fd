import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { overviewResponse, reportSubscription, reportSubscriptions, scopeResponse, weeklyReport, weeklyReports } from '../../../../contracts/analytics.js';
import { api } from '../../api/client.js';

export type Overview = z.infer<typeof overviewResponse>;
export type Scope = z.infer<typeof scopeResponse>;

export const scopeQuery = queryOptions({
  queryKey: ['analytics', 'scope'],
  queryFn: ({ signal }) => api.get<Scope>('/api/analytics/scope', { signal }),
});

export const overviewQuery = (area: string, from?: string, to?: string) =>
  queryOptions({
    queryKey: ['analytics', 'overview', area, from ?? '', to ?? ''],
    queryFn: ({ signal }) => {
      const q = new URLSearchParams({ area, ...(from ? { from } : {}), ...(to ? { to } : {}) });
      return api.get<Overview>(`/api/analytics/overview?${q}`, { signal });
    },
  });

/** The address of the same table as a file (the browser downloads it with the session cookie). */
export function exportUrl(area: string, format: 'csv' | 'xlsx' | 'pdf', lang: string, from?: string, to?: string): string {
  const q = new URLSearchParams({ area, format, lang, ...(from ? { from } : {}), ...(to ? { to } : {}) });
  return `/api/analytics/overview?${q}`;
}

export type ReportSubscription = z.infer<typeof reportSubscription>;
export type WeeklyReport = z.infer<typeof weeklyReport>;
export type ReportFormat = 'csv' | 'xlsx' | 'pdf';

export const subscriptionsQuery = queryOptions({
  queryKey: ['analytics', 'report-subscriptions'],
  queryFn: ({ signal }) => api.get<z.infer<typeof reportSubscriptions>>('/api/analytics/report-subscriptions', { signal }),
});

export const reportsQuery = queryOptions({
  queryKey: ['analytics', 'reports'],
  queryFn: ({ signal }) => api.get<z.infer<typeof weeklyReports>>('/api/analytics/reports', { signal }),
});

export const saveSubscription = (body: { area: string; formats: ReportFormat[]; lang: 'kk' | 'ru' | 'en'; weekday: number }) =>
  api.put<ReportSubscription>('/api/analytics/report-subscriptions', body);
export const deleteSubscription = (id: number) => api.delete<null>(`/api/analytics/report-subscriptions/${id}`);
export const reportFileUrl = (id: number, format: ReportFormat) => `/api/analytics/reports/${id}/files/${format}`;

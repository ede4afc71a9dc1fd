import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { notificationPage } from '../../../../contracts/formats.js';
import type { preferencesResponse } from '../../../../contracts/notifications.js';
import { api } from '../../api/client.js';

export type NotificationPage = z.infer<typeof notificationPage>;
export type AppNotification = NotificationPage['items'][number];

export const NOTIFICATIONS_PAGE_SIZE = 20;

export const notificationsQuery = (page: number) =>
  queryOptions({
    queryKey: ['notifications', 'list', page],
    queryFn: ({ signal }) => api.get<NotificationPage>('/api/notifications', { query: { page, pageSize: NOTIFICATIONS_PAGE_SIZE }, signal }),
    placeholderData: (previous) => previous,
  });

/** Only the unread count for the header: one tiny request, refreshed at most every two minutes. */
export const unreadCountQuery = queryOptions({
  queryKey: ['notifications', 'unread'],
  queryFn: async ({ signal }) => (await api.get<NotificationPage>('/api/notifications', { query: { unreadOnly: 'true', pageSize: 1 }, signal })).unread,
  staleTime: 2 * 60_000,
});

export const markRead = (id: number) => api.post<void>(`/api/notifications/${id}/read`);
export const markAllRead = () => api.post<{ marked: number }>('/api/notifications/read-all');

export type Preferences = z.infer<typeof preferencesResponse>;
export type PreferenceItem = Preferences['items'][number];

export const preferencesQuery = queryOptions({
  queryKey: ['notifications', 'preferences'],
  queryFn: ({ signal }) => api.get<Preferences>('/api/notifications/preferences', { signal }),
});

export const savePreferences = (body: { items: PreferenceItem[]; smsPhone?: string | null }) => api.put<Preferences>('/api/notifications/preferences', body);

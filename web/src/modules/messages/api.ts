import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { contactList, schoolAnnouncementList, threadList, threadView } from '../../../../contracts/messages.js';
import { api } from '../../api/client.js';

export type ThreadList = z.infer<typeof threadList>;
export type ThreadSummary = ThreadList['items'][number];
export type ThreadView = z.infer<typeof threadView>;
export type Contact = z.infer<typeof contactList>['items'][number];
export type SchoolAnnouncement = z.infer<typeof schoolAnnouncementList>['items'][number];

/** My conversations, latest first, with unread counts (the server holds the latest 100). */
export const threadsQuery = queryOptions({
  queryKey: ['messages', 'threads'],
  queryFn: ({ signal }) => api.get<ThreadList>('/api/messages/threads', { signal }),
  staleTime: 30_000,
});

/** One conversation; opening it marks it read on the server. */
export const threadQuery = (id: number) =>
  queryOptions({
    queryKey: ['messages', 'thread', id],
    queryFn: ({ signal }) => api.get<ThreadView>(`/api/messages/threads/${id}`, { signal }),
  });

export const contactsQuery = (pupilId: number) =>
  queryOptions({
    queryKey: ['messages', 'contacts', pupilId],
    queryFn: ({ signal }) => api.get<{ items: Contact[] }>('/api/messages/contacts', { query: { pupilId }, signal }),
  });

export const announcementsQuery = queryOptions({
  queryKey: ['messages', 'announcements'],
  queryFn: ({ signal }) => api.get<{ items: SchoolAnnouncement[] }>('/api/messages/announcements', { signal }),
  staleTime: 60_000,
});

export const startThread = (body: { pupilId: number; recipientId: number; subject: string; body: string }) =>
  api.post<{ id: number }>('/api/messages/threads', body);
export const sendReply = (threadId: number, body: string) => api.post<{ id: number }>(`/api/messages/threads/${threadId}/messages`, { body });
export const postAnnouncement = (organisationId: number, body: { title: string; body: string }) =>
  api.post<{ id: number }>(`/api/messages/organisations/${organisationId}/announcements`, body);

import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { joinTicket, lessonLive, liveRoom, liveStatus, meeting, meetingBody, meetingList } from '../../../../contracts/live.js';
import { api } from '../../api/client.js';

export type LessonLive = z.infer<typeof lessonLive>;
export type LiveRoom = z.infer<typeof liveRoom>;
export type JoinTicket = z.infer<typeof joinTicket>;
export type Meeting = z.infer<typeof meeting>;
export type MeetingBody = z.input<typeof meetingBody>;

export const liveStatusQuery = queryOptions({
  queryKey: ['live', 'status'],
  queryFn: ({ signal }) => api.get<z.infer<typeof liveStatus>>('/api/live/status', { signal }),
  staleTime: 30_000,
});
export const lessonLiveQuery = (lessonId: number) => queryOptions({
  queryKey: ['live', 'lessons', lessonId],
  queryFn: ({ signal }) => api.get<LessonLive>(`/api/live/lessons/${lessonId}`, { signal }),
});
export const roomQuery = (roomId: number) => queryOptions({
  queryKey: ['live', 'rooms', roomId],
  queryFn: ({ signal }) => api.get<LiveRoom>(`/api/live/rooms/${roomId}`, { signal }),
});
export const meetingsQuery = queryOptions({
  queryKey: ['live', 'meetings'],
  queryFn: ({ signal }) => api.get<z.infer<typeof meetingList>>('/api/live/meetings', { signal }),
});

export const startLesson = (lessonId: number, audioOnly: boolean) => api.post<LiveRoom>(`/api/live/lessons/${lessonId}/start`, { audioOnly });
export const startMeeting = (meetingId: number, audioOnly: boolean) => api.post<LiveRoom>(`/api/live/meetings/${meetingId}/start`, { audioOnly });
export const scheduleMeeting = (classId: number, body: MeetingBody) => api.post<Meeting>(`/api/live/classes/${classId}/meetings`, body);
export const getTicket = (roomId: number) => api.post<JoinTicket>(`/api/live/rooms/${roomId}/ticket`);
export const endRoom = (roomId: number) => api.post<LiveRoom>(`/api/live/rooms/${roomId}/end`);

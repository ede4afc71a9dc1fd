import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  controlResult,
  joinTicket,
  lessonLive,
  liveRoom,
  liveStatus,
  meeting,
  meetingBody,
  meetingList,
  myPlace,
  roomAttendance,
} from '../../../../contracts/live.js';
import type { broadcast, broadcastBody, broadcastList, presenterTicket, question, questionList } from '../../../../contracts/broadcast.js';
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
export const lessonLiveQuery = (lessonId: number) =>
  queryOptions({
    queryKey: ['live', 'lessons', lessonId],
    queryFn: ({ signal }) => api.get<LessonLive>(`/api/live/lessons/${lessonId}`, { signal }),
  });
export const roomQuery = (roomId: number) =>
  queryOptions({
    queryKey: ['live', 'rooms', roomId],
    queryFn: ({ signal }) => api.get<LiveRoom>(`/api/live/rooms/${roomId}`, { signal }),
  });
export { meetingsQuery } from './home-api.js';

export const startLesson = (lessonId: number, audioOnly: boolean, bitrate?: number, record = false) =>
  api.post<LiveRoom>(`/api/live/lessons/${lessonId}/start`, { audioOnly, record, ...(bitrate ? { bitrate } : {}) });
export const startMeeting = (meetingId: number, audioOnly: boolean) => api.post<LiveRoom>(`/api/live/meetings/${meetingId}/start`, { audioOnly });
export const scheduleMeeting = (classId: number, body: MeetingBody) => api.post<Meeting>(`/api/live/classes/${classId}/meetings`, body);
export const getTicket = (roomId: number) => api.post<JoinTicket>(`/api/live/rooms/${roomId}/ticket`);
export const endRoom = (roomId: number) => api.post<LiveRoom>(`/api/live/rooms/${roomId}/end`);

export type RoomAttendance = z.infer<typeof roomAttendance>;
export type MyPlace = z.infer<typeof myPlace>;
type ControlResult = z.infer<typeof controlResult>;
export const attendanceQuery = (roomId: number) =>
  queryOptions({
    queryKey: ['live', 'rooms', roomId, 'attendance'],
    queryFn: ({ signal }) => api.get<RoomAttendance>(`/api/live/rooms/${roomId}/attendance`, { signal }),
    refetchInterval: 10_000,
  });
export const myPlaceQuery = (roomId: number) =>
  queryOptions({
    queryKey: ['live', 'rooms', roomId, 'me'],
    queryFn: ({ signal }) => api.get<MyPlace>(`/api/live/rooms/${roomId}/me`, { signal }),
    refetchInterval: 5_000,
  });
export const removeParticipant = (roomId: number, ticketId: number) => api.post<ControlResult>(`/api/live/rooms/${roomId}/participants/${ticketId}/remove`);
export const muteParticipant = (roomId: number, ticketId: number, mids: string[], mute: boolean) =>
  api.post<ControlResult>(`/api/live/rooms/${roomId}/participants/${ticketId}/mute`, { mids, mute });
export const setFloor = (roomId: number, ticketId: number, speak: boolean) =>
  api.post<ControlResult>(`/api/live/rooms/${roomId}/participants/${ticketId}/floor`, { speak });

// ── broadcast meetings (school- or district-wide, re-broadcast as HLS) ──────────
export type Broadcast = z.infer<typeof broadcast>;
export type BroadcastBody = z.input<typeof broadcastBody>;
export type PresenterTicket = z.infer<typeof presenterTicket>;
export type Question = z.infer<typeof question>;
export const broadcastsQuery = queryOptions({
  queryKey: ['live', 'broadcasts'],
  queryFn: ({ signal }) => api.get<z.infer<typeof broadcastList>>('/api/live/broadcasts', { signal }),
});
export const broadcastQuery = (id: number) =>
  queryOptions({
    queryKey: ['live', 'broadcasts', id],
    queryFn: ({ signal }) => api.get<Broadcast>(`/api/live/broadcasts/${id}`, { signal }),
    refetchInterval: 3_000,
  });
export const questionsQuery = (id: number) =>
  queryOptions({
    queryKey: ['live', 'broadcasts', id, 'questions'],
    queryFn: ({ signal }) => api.get<z.infer<typeof questionList>>(`/api/live/broadcasts/${id}/questions`, { signal }),
    refetchInterval: 3_000,
  });
export const scheduleBroadcast = (body: BroadcastBody) => api.post<Broadcast>('/api/live/broadcasts', body);
export const openBroadcast = (id: number) => api.post<PresenterTicket>(`/api/live/broadcasts/${id}/open`);
export const goOnAir = (id: number, body: { publisherId: number; audioMid: string; videoMid: string | null }) =>
  api.post<Broadcast>(`/api/live/broadcasts/${id}/on-air`, body);
export const endBroadcast = (id: number) => api.post<Broadcast>(`/api/live/broadcasts/${id}/end`);
export const keepBroadcast = (id: number) => api.post<Broadcast>(`/api/live/broadcasts/${id}/keep`);
export const reportWatching = (id: number) => api.post<null>(`/api/live/broadcasts/${id}/watching`);
export const askQuestion = (id: number, body: string) => api.post<Question>(`/api/live/broadcasts/${id}/questions`, { body });
export const moderateQuestion = (id: number, questionId: number, state: 'shown' | 'answered' | 'hidden') =>
  api.post<Question>(`/api/live/broadcasts/${id}/questions/${questionId}`, { state });

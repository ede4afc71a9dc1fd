import { createErrorFactory } from '../../platform/errors.js';

// Outside the actor's scope answers exactly like "does not exist".
export const lessonNotFound = createErrorFactory('live.lesson_not_found', 404, 'Lesson not found');
export const classNotFound = createErrorFactory('live.class_not_found', 404, 'Class not found');
export const meetingNotFound = createErrorFactory('live.meeting_not_found', 404, 'Meeting not found');
export const roomNotFound = createErrorFactory('live.room_not_found', 404, 'Live room not found');

export const notTheTeacher = createErrorFactory('live.not_the_teacher', 403, "Only the lesson's teacher starts or ends it");
export const notTheHost = createErrorFactory('live.not_the_host', 403, "Only the meeting's organiser starts or ends it");
export const mediaServerUnavailable = createErrorFactory(
  'live.media_server_unavailable',
  503,
  'Live lessons are off: the media server is not configured or not reachable',
);
export const lessonOver = createErrorFactory('live.lesson_over', 409, 'The lesson has ended or was cancelled');
export const tooEarly = createErrorFactory('live.too_early', 409, 'It is too early to open the room');
export const roomEnded = createErrorFactory('live.room_ended', 409, 'The live room has ended');
export const meetingInPast = createErrorFactory('live.meeting_in_past', 422, 'A meeting cannot start in the past');
export const meetingCancelled = createErrorFactory('live.meeting_cancelled', 409, 'The meeting was cancelled');
export const notInvited = createErrorFactory('live.not_invited', 403, 'Only the class, its teacher and its staff join a lesson');
export const participantNotFound = createErrorFactory('live.participant_not_found', 404, 'No such participant in this room');
export const removedFromRoom = createErrorFactory('live.removed', 403, 'The host removed you from this room');

// broadcast meetings (school- or district-wide, re-broadcast as HLS)
export const broadcastNotFound = createErrorFactory('live.broadcast_not_found', 404, 'Meeting not found');
export const targetNotFound = createErrorFactory('live.target_not_found', 404, 'School or district not found');
export const broadcastInPast = createErrorFactory('live.broadcast_in_past', 400, 'A meeting cannot start in the past');
export const broadcastOver = createErrorFactory('live.broadcast_over', 409, 'The meeting has ended');
export const notPublishing = createErrorFactory('live.not_publishing', 409, 'The presenter is not publishing in the room yet');
export const broadcastNotOpen = createErrorFactory('live.broadcast_not_open', 409, "The presenter's room is not open");
export const broadcastMediaUnavailable = createErrorFactory(
  'live.broadcast_unavailable',
  503,
  'The re-broadcast is off here: the media server (Janus) or ffmpeg is missing',
);
export const questionNotFound = createErrorFactory('live.question_not_found', 404, 'Question not found');
export const streamFileNotFound = createErrorFactory('live.stream_not_found', 404, 'This part of the stream is not there (yet)');
export const nothingToKeep = createErrorFactory(
  'live.nothing_to_keep',
  409,
  'There is no recording of this meeting to keep (it has not ended, or was not broadcast from this server)',
);
export const keepSchoolOnly = createErrorFactory(
  'live.keep_school_only',
  409,
  "Only a school's meeting can be kept in the archive (a district's has no school archive)",
);
export const alreadyKept = createErrorFactory('live.already_kept', 409, 'This meeting is kept in the archive already');

import { createErrorFactory } from '../../platform/errors.js';

// Outside the actor's scope answers exactly like "does not exist".
export const videoNotFound = createErrorFactory('video.not_found', 404, 'Video not found');
export const uploadForbidden = createErrorFactory('video.upload_forbidden', 403, 'Only teachers and the ministry upload lesson videos');
export const missingFile = createErrorFactory('video.missing_file', 400, 'Send the video as multipart/form-data in a field named "file"');
export const badFields = createErrorFactory('video.invalid_fields', 400, 'The fields sent with the video are not valid');
export const tooLarge = createErrorFactory('video.too_large', 413, 'The video is larger than the limit');
export const emptyFile = createErrorFactory('video.empty_file', 400, 'The file is empty');
export const notAVideo = createErrorFactory('video.not_a_video', 422, 'This file is not a video');
export const tooShort = createErrorFactory('video.too_short', 422, 'The video is too short');
export const noAudio = createErrorFactory('video.no_audio', 422, 'The video has no sound track');
export const transcoderUnavailable = createErrorFactory(
  'video.transcoder_unavailable',
  503,
  'Video transcoding is not available on this server (ffmpeg is not installed)',
);
export const notFailed = createErrorFactory('video.not_failed', 409, 'Only a failed transcode can be retried');
export const unknownSubject = createErrorFactory('video.unknown_subject', 400, 'Unknown subject');
export const gridForbidden = createErrorFactory(
  'video.grid_forbidden',
  403,
  'Only the ministry (and a region officer, for its local channels) imports the TV grid',
);
export const gridInvalid = createErrorFactory('video.grid_invalid', 422, 'The TV grid file has errors');
export const unknownChannel = createErrorFactory('video.unknown_channel', 422, 'The TV grid names an unknown channel');
export const slotsOverlap = createErrorFactory('video.slots_overlap', 409, 'Slots of the TV grid overlap');
export const editForbidden = createErrorFactory(
  'video.edit_forbidden',
  403,
  'Only the uploader (or the ministry, for a national video) changes or deletes a video',
);
export const stillTranscoding = createErrorFactory(
  'video.transcoding',
  409,
  'This video is being transcoded right now; delete it when it is ready or has failed',
);
export const targetNotFound = createErrorFactory('video.lesson_not_found', 404, 'No such lesson or homework');
export const attachForbidden = createErrorFactory('video.attach_forbidden', 403, "Only the lesson's teacher or the school's admin attaches videos to it");
export const notAttachable = createErrorFactory('video.not_attachable', 409, 'A video whose transcode failed cannot be attached; process it again first');
export const outOfReach = createErrorFactory('video.out_of_reach', 422, "The class cannot watch this video: it belongs to another school's archive");
export const alreadyAttached = createErrorFactory('video.already_attached', 409, 'This video is already attached there');
export const linkNotFound = createErrorFactory('video.link_not_found', 404, 'No such attachment');
export const channelForbidden = createErrorFactory(
  'video.channel_forbidden',
  403,
  'The ministry manages national channels; a region officer the local channels of their region',
);
export const channelNotFound = createErrorFactory('video.channel_not_found', 404, 'No such TV channel');
export const channelExists = createErrorFactory('video.channel_exists', 409, 'A channel with this code or name exists already');
export const channelInvalid = createErrorFactory('video.channel_invalid', 422, 'The channel is not valid');

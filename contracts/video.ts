import { z } from 'zod';
import { idSchema } from './common.js';

/**
 * Video: uploaded and recorded lessons transcoded to an HLS ladder, the TV broadcast grid, live
 * lessons on the media server. Shared by the server (validation, OpenAPI) and the web (types).
 */

export const videoLanguage = z.enum(['kk', 'ru', 'en']);
export const videoStatus = z.enum(['queued', 'transcoding', 'ready', 'failed']);
export type VideoStatus = z.infer<typeof videoStatus>;

/** The multipart fields sent with the file (all text, coerced). */
export const uploadFields = z
  .object({
    title: z.string().trim().min(1).max(200),
    grade: z.coerce.number().int().min(0).max(12).optional(),
    subjectId: idSchema.optional(),
    language: videoLanguage.optional(),
    topic: z.string().trim().min(1).max(300).optional(),
  })
  .strict();
export type UploadFields = z.infer<typeof uploadFields>;

export const rungSchema = z.object({
  name: z.enum(['240p', '360p', 'audio']),
  /** the rung's peak bandwidth in bit/s, as the master playlist says */
  bandwidth: z.number(),
  height: z.number().nullable(),
});

export const videoSchema = z.object({
  id: z.number(),
  title: z.string(),
  grade: z.number().nullable(),
  subjectId: z.number().nullable(),
  language: videoLanguage.nullable(),
  topic: z.string().nullable(),
  visibility: z.enum(['public', 'organisation']),
  status: videoStatus,
  /** 0..1 while transcoding */
  progress: z.number(),
  durationSeconds: z.number().nullable(),
  /** when ready: the HLS master playlist (same origin) */
  hlsUrl: z.string().nullable(),
  /** when ready: the small MP4 to download for offline */
  mp4Url: z.string().nullable(),
  rungs: z.array(rungSchema),
  /** when failed: why (a stable code the web translates, and an English sentence) */
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** the uploader may retry a failed transcode */
  canRetry: z.boolean(),
  /** the uploader (or the ministry, for a national public video) may edit and delete it */
  canEdit: z.boolean(),
  createdAt: z.string(),
});
export type Video = z.infer<typeof videoSchema>;

/** PATCH /api/video/videos/:id: what the archive knows of a video (null clears an optional field). */
export const videoEdit = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    grade: z.number().int().min(0).max(12).nullable().optional(),
    subjectId: idSchema.nullable().optional(),
    language: videoLanguage.nullable().optional(),
    topic: z.string().trim().min(1).max(300).nullable().optional(),
  })
  .strict()
  .refine((e) => Object.keys(e).length > 0, { message: 'Send at least one of title, grade, subjectId, language, topic' });
export type VideoEdit = z.infer<typeof videoEdit>;

/** POST /api/video/videos/:id/links: attach the video to a lesson or to a homework (decision 0040). */
export const videoLinkBody = z.union([z.object({ lessonId: idSchema }).strict(), z.object({ homeworkId: idSchema }).strict()]);
export type VideoLinkBody = z.infer<typeof videoLinkBody>;

/** A lesson (or a homework of it) a video serves, as the reader may see it. */
export const videoLinkSchema = z.object({
  id: z.number(),
  lessonId: z.number(),
  homeworkId: z.number().nullable(),
  homeworkTitle: z.string().nullable(),
  date: z.string(),
  className: z.string(),
  subject: z.object({ kk: z.string(), ru: z.string(), en: z.string() }),
  topic: z.string().nullable(),
  /** how many materials the lesson has (the lesson page lists them) */
  materials: z.number(),
  /** the homework set at the lesson */
  homework: z.array(z.object({ id: z.number(), title: z.string() })),
  /** the lesson's teacher or the school's admin may detach it */
  canDetach: z.boolean(),
  /** attached by the live module when the lesson was recorded */
  recording: z.boolean(),
});
export type VideoLink = z.infer<typeof videoLinkSchema>;
export const videoLinks = z.object({ items: z.array(videoLinkSchema) });

/** GET /api/video/attached?lessonId= | homeworkId=: the videos attached to one lesson or homework. */
export const attachedQuery = z
  .object({ lessonId: idSchema.optional(), homeworkId: idSchema.optional() })
  .strict()
  .refine((q) => (q.lessonId === undefined) !== (q.homeworkId === undefined), { message: 'Give lessonId or homeworkId (one of them)' });
export const attachedVideos = z.object({
  /** the actor may attach and detach here */
  canAttach: z.boolean(),
  items: z.array(z.object({ linkId: z.number(), video: videoSchema })),
});
export type AttachedVideos = z.infer<typeof attachedVideos>;

export const createdVideo = z.object({ id: z.number(), status: videoStatus });

export const archiveQuery = z
  .object({
    grade: z.coerce.number().int().min(0).max(12).optional(),
    subjectId: idSchema.optional(),
    language: videoLanguage.optional(),
    q: z.string().trim().min(1).max(100).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(30),
  })
  .strict();

export const archivePage = z.object({
  items: z.array(videoSchema),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
});

// ── TV broadcast grid ─────────────────────────────────────────────────────────────────────────
export const tvScheduleQuery = z
  .object({
    /** default: the school calendar's today on Almaty's clock (the demo's pinned day in the demo) */
    date: z.iso.date().optional(),
    /** 1 (the day, default) .. 7 (the week from that day) */
    days: z.coerce.number().int().min(1).max(7).default(1),
  })
  .strict();
export const tvSlotSchema = z.object({
  id: z.number(),
  channel: z.object({ code: z.string(), name: z.string() }),
  /** the channel's IANA time zone: its air times are shown on this clock */
  timeZone: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  grade: z.number().nullable(),
  subject: z.string().nullable(),
  language: videoLanguage.nullable(),
  topic: z.string(),
  /** the slot's recording in the archive, when there is one */
  video: z.object({ id: z.number(), hlsUrl: z.string().nullable() }).nullable(),
});
export const tvSchedule = z.object({ date: z.string(), timeZone: z.string(), items: z.array(tvSlotSchema) });
/**
 * The grid as CSV with a header (channel,starts_at,ends_at,grade,subject,language,topic[,video_id]) or
 * as XMLTV (see server/modules/video/README.md for how grade, subject and the recording are carried).
 * `dryRun`: check everything and answer what would be created, writing nothing.
 */
export const tvImportBody = z.union([
  z.object({ csv: z.string().min(1).max(2_000_000), dryRun: z.boolean().default(false) }).strict(),
  z.object({ xmltv: z.string().min(1).max(5_000_000), dryRun: z.boolean().default(false) }).strict(),
]);
export const tvImportSlot = z.object({
  line: z.number(),
  channel: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  grade: z.number().nullable(),
  subject: z.string().nullable(),
  language: videoLanguage.nullable(),
  topic: z.string(),
  videoId: z.number().nullable(),
});
export const tvImportResult = z.object({
  /** slots written (0 on a dry run) */
  created: z.number(),
  dryRun: z.boolean(),
  /** the slots read from the file, in air order */
  slots: z.array(tvImportSlot),
});
/**
 * One problem of a refused grid file (in `error.details.problems`): its line in the file, for XMLTV
 * the programme's number (1-based), a stable reason the web translates, and an English sentence.
 */
export const tvGridProblem = z.object({
  line: z.number(),
  programme: z.number().optional(),
  reason: z.enum([
    'unreadable',
    'empty',
    'channel_empty',
    'bad_time',
    'end_not_after_start',
    'bad_grade',
    'bad_language',
    'bad_topic',
    'bad_video_id',
    'unknown_channel',
    'overlap',
    'overlap_grid',
    'no_video',
  ]),
  message: z.string(),
});
export type TvGridProblem = z.infer<typeof tvGridProblem>;
export const tvExportQuery = z
  .object({
    from: z.iso.date(),
    days: z.coerce.number().int().min(1).max(31).default(7),
  })
  .strict();

/** The printable grid (PDF, public): a day or a week, optionally one grade and one language, in kk/ru/en. */
export const tvPdfQuery = z
  .object({
    date: z.iso.date(),
    days: z.coerce.number().int().min(1).max(7).default(7),
    grade: z.coerce.number().int().min(0).max(12).optional(),
    language: z.enum(['kk', 'ru', 'en']).optional(),
    lang: z.enum(['kk', 'ru', 'en']).default('kk'),
  })
  .strict();

// ── TV channels (national: the ministry's; local retransmission: its region officer's) ──────────
export const tvChannelKind = z.enum(['national', 'local']);
export const tvChannelSchema = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: tvChannelKind,
  languages: z.array(videoLanguage),
  region: z.object({ id: z.number(), name: z.object({ kk: z.string(), ru: z.string(), en: z.string() }) }).nullable(),
  timeZone: z.string(),
  /** the ministry edits every channel; a region officer the local channels of their region */
  canEdit: z.boolean(),
});
export type TvChannel = z.infer<typeof tvChannelSchema>;
export const tvChannels = z.object({
  items: z.array(tvChannelSchema),
  /** what the reader may create: national channels (ministry), local ones (ministry, region officers: their regions) */
  canCreate: z.object({
    national: z.boolean(),
    localRegions: z.array(z.object({ id: z.number(), name: z.object({ kk: z.string(), ru: z.string(), en: z.string() }) })),
  }),
});
const channelName = z.string().trim().min(1).max(100);
const channelLanguages = z
  .array(videoLanguage)
  .min(1)
  .max(3)
  .refine((l) => new Set(l).size === l.length, { message: 'Each language once' });
export const tvChannelCreate = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{1,39}$/, 'Latin lower-case letters, digits and _, 2 to 40, starting with a letter'),
    name: channelName,
    kind: tvChannelKind,
    languages: channelLanguages,
    regionId: idSchema.nullable().optional(),
    timeZone: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
export type TvChannelCreate = z.infer<typeof tvChannelCreate>;
export const tvChannelPatch = z
  .object({
    name: channelName.optional(),
    kind: tvChannelKind.optional(),
    languages: channelLanguages.optional(),
    regionId: idSchema.nullable().optional(),
    timeZone: z.string().trim().min(1).max(64).optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'Send at least one of name, kind, languages, regionId, timeZone' });
export type TvChannelPatch = z.infer<typeof tvChannelPatch>;

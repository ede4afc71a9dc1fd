/**
 * Pure decisions of the video module: is a probed file a lesson video we can transcode, what the
 * HLS ladder is, and which names inside a video's HLS folder exist (and under which store key).
 */

/** What ffprobe told us about a file (only what we decide on). */
export interface ProbeResult {
  formatName: string | null;
  durationSeconds: number | null;
  video: { codec: string; width: number; height: number } | null;
  audio: { codec: string } | null;
}

export type ProbeVerdict = { ok: true } | { ok: false; code: 'video.not_a_video' | 'video.too_short' | 'video.no_audio'; message: string };

/** Formats ffprobe also opens that are pictures, not videos (a PNG has a "video stream" too). */
const STILL_FORMATS = /^(image2|png_pipe|jpeg_pipe|bmp_pipe|gif|webp_pipe|svg_pipe|tiff_pipe|apng)/;
/** The shortest video worth a lesson: under half a second is an empty or broken file. */
export const MIN_DURATION_SECONDS = 0.5;

/** Refuses what cannot become a lesson video, saying exactly what is wrong. */
export function judgeProbe(p: ProbeResult | null): ProbeVerdict {
  if (!p || !p.video || (p.formatName && STILL_FORMATS.test(p.formatName))) {
    return { ok: false, code: 'video.not_a_video', message: 'This file is not a video (no moving picture found in it)' };
  }
  if (p.durationSeconds === null || !(p.durationSeconds >= MIN_DURATION_SECONDS)) {
    return {
      ok: false,
      code: 'video.too_short',
      message: `The video lasts ${(p.durationSeconds ?? 0).toFixed(1)} s: a lesson video needs at least ${MIN_DURATION_SECONDS} s`,
    };
  }
  if (!p.audio) {
    return {
      ok: false,
      code: 'video.no_audio',
      message: 'The video has no sound track: pupils on a slow link listen to the audio-only version, so a lesson video needs sound',
    };
  }
  return { ok: true };
}

/** Reads `ffprobe -print_format json -show_format -show_streams` output. */
export function parseProbe(json: string): ProbeResult | null {
  let raw: {
    format?: { format_name?: string; duration?: string };
    streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number; duration?: string; disposition?: { attached_pic?: number } }[];
  };
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (!raw.format && !raw.streams?.length) return null;
  const streams = raw.streams ?? [];
  const v = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const a = streams.find((s) => s.codec_type === 'audio');
  const d = Number(raw.format?.duration ?? v?.duration ?? NaN);
  return {
    formatName: raw.format?.format_name ?? null,
    durationSeconds: Number.isFinite(d) ? d : null,
    video: v ? { codec: v.codec_name ?? '?', width: v.width ?? 0, height: v.height ?? 0 } : null,
    audio: a ? { codec: a.codec_name ?? '?' } : null,
  };
}

/** The ladder: a low rung for slow links first, a 360p rung, and sound only. Bit rates in kbit/s. */
export const LADDER = [
  { name: '240p', height: 240, videoKbps: 250, audioKbps: 48 },
  { name: '360p', height: 360, videoKbps: 550, audioKbps: 64 },
  { name: 'audio', height: null, videoKbps: 0, audioKbps: 48 },
] as const;
export type RungName = (typeof LADDER)[number]['name'];
/** The MP4 to download for offline: the low rung's size. */
export const MP4 = { height: 240, videoKbps: 250, audioKbps: 48 };
/** Seconds per HLS segment: short enough to start fast on a slow link. */
export const SEGMENT_SECONDS = 4;

/** `master.m3u8`, `240p/index.m3u8`, `240p/seg-00003.ts`, `small.mp4`: the only names a video's folder holds. */
const HLS_NAME = /^(master\.m3u8|(240p|360p|audio)\/(index\.m3u8|seg-\d{5}\.ts)|small\.mp4)$/;

export function isVideoFileName(name: string): boolean {
  return HLS_NAME.test(name);
}

/** The file store's key of a name in a video's folder (store keys allow no dots: `.` becomes `-`). */
export function storeKeyOf(videoId: number, name: string): string {
  if (!isVideoFileName(name)) throw new Error(`not a video file name: ${name}`);
  return `video/${videoId}/${name.replace(/\./g, '-')}`;
}

export function sourceKeyOf(uuid: string): string {
  return `video/source/${uuid}`;
}

export function contentTypeOf(name: string): string {
  if (name.endsWith('.m3u8')) return 'application/vnd.apple.mpegurl';
  if (name.endsWith('.ts')) return 'video/mp2t';
  return 'video/mp4';
}

/** Whether a transcode failure is worth trying again by itself (a crash, a full disk) or is the input's fault. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(300, 10 * 2 ** (attempt - 1));
}

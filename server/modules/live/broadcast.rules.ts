/**
 * Pure rules of broadcast meetings: the time window, the SDP that tells ffmpeg what Janus forwards,
 * ffmpeg's arguments for the live HLS (240p and 360p rungs and sound only, plus a copy of the forward
 * kept as the meeting's recording), the master playlist, file names.
 */

/** Opus and VP8 as the VideoRoom rooms force them, with the payload types the forwarder is told to use. */
export const AUDIO_PT = 111;
export const VIDEO_PT = 96;
/** Seconds per live segment: short, so a viewer is ~3 segments behind the presenter. */
export const LIVE_SEGMENT_SECONDS = 2;
/** Segments kept in the live playlist (older ones are deleted by ffmpeg). */
export const LIVE_LIST_SIZE = 15;

/** The presenter may open the room 30 minutes before the start until the end. */
export function canOpen(now: Date, startsAt: Date, endsAt: Date): 'ok' | 'too_early' | 'over' {
  if (now.getTime() < startsAt.getTime() - 30 * 60_000) return 'too_early';
  if (now.getTime() >= endsAt.getTime()) return 'over';
  return 'ok';
}

/** The session description of what Janus forwards to 127.0.0.1: Opus on one port, VP8 (if any) on another. */
export function forwardSdp(ports: { audio: number; video: number | null }): string {
  const lines = [
    'v=0',
    'o=- 0 0 IN IP4 127.0.0.1',
    's=Sabaq broadcast',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${ports.audio} RTP/AVP ${AUDIO_PT}`,
    `a=rtpmap:${AUDIO_PT} opus/48000/2`,
    'a=recvonly',
  ];
  if (ports.video !== null) lines.push(`m=video ${ports.video} RTP/AVP ${VIDEO_PT}`, `a=rtpmap:${VIDEO_PT} VP8/90000`, 'a=recvonly');
  return `${lines.join('\r\n')}\r\n`;
}

/** The live video rungs: the low one first (players start on it), then 360p for a better link. */
export const LIVE_RUNGS = [
  { name: '240p', height: 240, fps: 15, kbps: 250, maxKbps: 300, bandwidth: 330000 },
  { name: '360p', height: 360, fps: 25, kbps: 550, maxKbps: 650, bandwidth: 700000 },
] as const;

/** The whole meeting as Janus forwarded it (VP8 + Opus copied, no encoding): what "keep as a video" hands to the archive. */
export const RECORDING_FILE = 'recording.mkv';
/** The same for a sound-only meeting (Opus alone): a still frame is added when it is kept. */
export const RECORDING_AUDIO_FILE = 'recording.mka';

/**
 * ffmpeg reads the SDP and writes `240p/index.m3u8` and `360p/index.m3u8` (H.264 + AAC) and
 * `audio/index.m3u8` (AAC) as live HLS, and copies the forwarded streams into `recording.mkv`
 * (Matroska survives a stop; copying costs no encoding).
 */
export function liveHlsArgs(sdpFile: string, outDir: string, withVideo: boolean): string[] {
  const hls = (rung: string) => [
    '-f',
    'hls',
    '-hls_time',
    String(LIVE_SEGMENT_SECONDS),
    '-hls_list_size',
    String(LIVE_LIST_SIZE),
    '-hls_flags',
    'delete_segments+independent_segments+temp_file',
    '-hls_segment_filename',
    `${outDir}/${rung}/seg-%05d.ts`,
    `${outDir}/${rung}/index.m3u8`,
  ];
  const audio = ['-c:a', 'aac', '-b:a', '48k', '-ac', '1', '-ar', '48000'];
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-protocol_whitelist',
    'file,udp,rtp',
    '-fflags',
    '+genpts+discardcorrupt',
    '-probesize',
    '5M',
    '-analyzeduration',
    '5M',
    '-reorder_queue_size',
    '256',
    '-i',
    sdpFile,
    ...(withVideo
      ? LIVE_RUNGS.flatMap((r) => [
          '-map',
          '0:v:0',
          '-map',
          '0:a:0',
          '-vf',
          `scale=-2:${r.height},fps=${r.fps}`,
          '-c:v',
          'libx264',
          '-preset',
          'veryfast',
          '-tune',
          'zerolatency',
          '-profile:v',
          'baseline',
          '-level',
          '3.0',
          '-pix_fmt',
          'yuv420p',
          '-b:v',
          `${r.kbps}k`,
          '-maxrate',
          `${r.maxKbps}k`,
          '-bufsize',
          `${r.maxKbps * 2}k`,
          '-force_key_frames',
          `expr:gte(t,n_forced*${LIVE_SEGMENT_SECONDS})`,
          ...audio,
          ...hls(r.name),
        ])
      : []),
    '-map',
    '0:a:0',
    ...audio,
    ...hls('audio'),
    // the recording: the forward as it came, for the archive once the meeting is over
    ...(withVideo ? ['-map', '0:v:0'] : []),
    '-map',
    '0:a:0',
    '-c',
    'copy',
    '-f',
    'matroska',
    `${outDir}/${withVideo ? RECORDING_FILE : RECORDING_AUDIO_FILE}`,
  ];
}

/** The master playlist Sabaq writes beside ffmpeg's: the 240p rung first (players start on it), 360p, then sound only. */
export function masterPlaylist(withVideo: boolean): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3'];
  if (withVideo) for (const r of LIVE_RUNGS) lines.push(`#EXT-X-STREAM-INF:BANDWIDTH=${r.bandwidth},CODECS="avc1.42c01e,mp4a.40.2"`, `${r.name}/index.m3u8`);
  lines.push('#EXT-X-STREAM-INF:BANDWIDTH=60000,CODECS="mp4a.40.2"', 'audio/index.m3u8');
  return `${lines.join('\n')}\n`;
}

/** `master.m3u8`, `240p/index.m3u8`, `360p/…`, `audio/seg-00012.ts`: the only names a broadcast's folder serves. */
const LIVE_NAME = /^(master\.m3u8|(240p|360p|audio)\/(index\.m3u8|seg-\d{5}\.ts))$/;
export function isLiveFileName(name: string): boolean {
  return LIVE_NAME.test(name);
}

/** Does a media playlist list at least one segment? */
export function playlistHasSegments(text: string): boolean {
  return /^seg-\d{5}\.ts$/m.test(text);
}

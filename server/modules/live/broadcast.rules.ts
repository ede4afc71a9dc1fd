/**
 * Pure rules of broadcast meetings: the time window, the SDP that tells ffmpeg what Janus forwards,
 * ffmpeg's arguments for the live HLS (a 240p rung and sound only), the master playlist, file names.
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

/** ffmpeg reads the SDP and writes `240p/index.m3u8` (H.264 + AAC) and `audio/index.m3u8` (AAC) as live HLS. */
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
      ? [
          '-map',
          '0:v:0',
          '-map',
          '0:a:0',
          '-vf',
          'scale=-2:240,fps=15',
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
          '250k',
          '-maxrate',
          '300k',
          '-bufsize',
          '600k',
          '-force_key_frames',
          `expr:gte(t,n_forced*${LIVE_SEGMENT_SECONDS})`,
          ...audio,
          ...hls('240p'),
        ]
      : []),
    '-map',
    '0:a:0',
    ...audio,
    ...hls('audio'),
  ];
}

/** The master playlist Sabaq writes beside ffmpeg's: the 240p rung first (players start on it), then sound only. */
export function masterPlaylist(withVideo: boolean): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3'];
  if (withVideo) lines.push('#EXT-X-STREAM-INF:BANDWIDTH=330000,CODECS="avc1.42c01e,mp4a.40.2"', '240p/index.m3u8');
  lines.push('#EXT-X-STREAM-INF:BANDWIDTH=60000,CODECS="mp4a.40.2"', 'audio/index.m3u8');
  return `${lines.join('\n')}\n`;
}

/** `master.m3u8`, `240p/index.m3u8`, `audio/seg-00012.ts`: the only names a broadcast's folder serves. */
const LIVE_NAME = /^(master\.m3u8|(240p|audio)\/(index\.m3u8|seg-\d{5}\.ts))$/;
export function isLiveFileName(name: string): boolean {
  return LIVE_NAME.test(name);
}

/** Does a media playlist list at least one segment? */
export function playlistHasSegments(text: string): boolean {
  return /^seg-\d{5}\.ts$/m.test(text);
}

import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** The live module's settings, read from the environment once (beside the module, like video's). */
const liveEnv = z.object({
  /** Janus's HTTP API as the Sabaq server reaches it, e.g. `http://127.0.0.1:8088/janus`. Unset: live lessons are off. */
  JANUS_URL: z.string().url().optional(),
  /** The same API as browsers reach it (behind TLS in production); default JANUS_URL. */
  JANUS_PUBLIC_URL: z.string().url().optional(),
  /** Janus `api_secret` (janus.jcfg): only the Sabaq server knows it; browsers get per-person tokens instead. */
  JANUS_API_SECRET: z.string().min(1).optional(),
  /** Janus's Admin API, e.g. `http://127.0.0.1:7088/admin`, and its `admin_secret`: with `token_auth = true`, each ticket adds a Janus token. */
  JANUS_ADMIN_URL: z.string().url().optional(),
  JANUS_ADMIN_SECRET: z.string().min(1).optional(),
  /** The VideoRoom plugin's `admin_key` (janus.plugin.videoroom.jcfg), needed to create rooms when set there. */
  JANUS_ROOM_ADMIN_KEY: z.string().min(1).optional(),
  /** Bandwidth cap per publisher in a room (bit/s): a slow link can carry the teacher. */
  LIVE_ROOM_BITRATE: z.coerce.number().int().min(32_000).max(4_000_000).default(256_000),
  /** How long a join ticket's tokens are good for (minutes); the room's end removes them anyway. */
  LIVE_TICKET_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(120),
  /** coturn for clients behind NAT: TURN addresses (comma-separated, e.g. `turn:turn.example.kz:3478`) and coturn's `static-auth-secret` (`use-auth-secret`). */
  LIVE_TURN_URLS: z.string().optional(),
  LIVE_TURN_SECRET: z.string().min(1).optional(),
  /** How often (seconds) each open room's participant list is read on Janus for attendance (decision 0029). */
  LIVE_ATTENDANCE_SECONDS: z.coerce.number().int().min(1).max(600).default(15),
  /** Where Janus writes room recordings (`rec_dir`); Sabaq reads them from the same path (one machine or a shared volume). */
  LIVE_RECORDINGS_DIR: z.string().min(1).optional(),
  /** Where ffmpeg writes the live HLS of broadcast meetings (served by this process; a shared volume when several serve it). */
  LIVE_BROADCAST_DIR: z.string().min(1).optional(),
  /** Timeout of one call to Janus (ms) before live features answer 503. */
  JANUS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(4000),
});

export interface LiveConfig {
  janus: null | {
    url: string;
    publicUrl: string;
    apiSecret: string | null;
    adminUrl: string | null;
    adminSecret: string | null;
    roomAdminKey: string | null;
    timeoutMs: number;
  };
  bitrate: number;
  ticketMinutes: number;
  /** absolute folder for recordings, shared with Janus */
  recordingsDir: string;
  /** absolute folder of the broadcast meetings' live HLS */
  broadcastDir: string;
  /** seconds between two looks at the open rooms' participants (attendance) */
  attendanceSeconds: number;
  /** TURN for tickets (time-limited credentials per ticket), or null */
  turn: { urls: string[]; secret: string } | null;
}

export function loadLiveConfig(env: NodeJS.ProcessEnv = process.env): LiveConfig {
  // an empty variable (JANUS_URL=) means "not set": live lessons off
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = liveEnv.safeParse(set);
  if (!parsed.success) throw new Error(`Invalid live configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const e = parsed.data;
  const strip = (u: string) => u.replace(/\/+$/, '');
  return {
    janus: e.JANUS_URL
      ? {
          url: strip(e.JANUS_URL),
          publicUrl: strip(e.JANUS_PUBLIC_URL ?? e.JANUS_URL),
          apiSecret: e.JANUS_API_SECRET ?? null,
          adminUrl: e.JANUS_ADMIN_URL && e.JANUS_ADMIN_SECRET ? strip(e.JANUS_ADMIN_URL) : null,
          adminSecret: e.JANUS_ADMIN_URL && e.JANUS_ADMIN_SECRET ? e.JANUS_ADMIN_SECRET : null,
          roomAdminKey: e.JANUS_ROOM_ADMIN_KEY ?? null,
          timeoutMs: e.JANUS_TIMEOUT_MS,
        }
      : null,
    bitrate: e.LIVE_ROOM_BITRATE,
    attendanceSeconds: e.LIVE_ATTENDANCE_SECONDS,
    recordingsDir: path.resolve(e.LIVE_RECORDINGS_DIR ?? path.join(os.tmpdir(), 'sabaq-live-recordings')),
    // default: a folder of this process (two processes on one machine, e.g. test runs, never share ids)
    broadcastDir: path.resolve(e.LIVE_BROADCAST_DIR ?? path.join(os.tmpdir(), `sabaq-live-broadcasts-${process.pid}`)),
    ticketMinutes: e.LIVE_TICKET_MINUTES,
    turn:
      e.LIVE_TURN_URLS && e.LIVE_TURN_SECRET
        ? {
            urls: e.LIVE_TURN_URLS.split(',')
              .map((u) => u.trim())
              .filter(Boolean),
            secret: e.LIVE_TURN_SECRET,
          }
        : null,
  };
}

/** Origins the web app must be allowed to connect to (CSP connect-src): the media server's public API, when configured. */
export function liveConnectSources(env: NodeJS.ProcessEnv = process.env): string[] {
  const janus = loadLiveConfig(env).janus;
  return janus ? [new URL(janus.publicUrl).origin] : [];
}

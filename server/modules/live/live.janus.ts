import { randomBytes } from 'node:crypto';
import type { LiveConfig } from './live.config.js';

/**
 * A small client of Janus's HTTP API (https://janus.conf.meetecho.com/docs/rest.html) and the
 * VideoRoom plugin's synchronous requests, for what the Sabaq server does: create a room with a
 * secret, a pin, a publishers limit and a token list; add tokens; destroy the room. Every operation
 * opens a Janus session, attaches the plugin, sends one message and destroys the session (Janus
 * drops idle sessions after `session_timeout` anyway). Browsers talk to Janus themselves with the
 * ticket the server hands them; the server never relays media.
 */

export class JanusUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JanusUnavailable';
  }
}

/** Janus answered, but refused (a wrong secret, an unknown room...). */
export class JanusRefused extends Error {
  constructor(
    message: string,
    readonly code: number | null,
  ) {
    super(message);
    this.name = 'JanusRefused';
  }
}

export interface RoomSpec {
  room: number;
  description: string;
  secret: string;
  pin: string;
  publishers: number;
  bitrate: number;
  /** record every publisher into this folder (VideoRoom `record` + `rec_dir`) */
  recDir?: string;
  /** ask publishers for a keyframe every N seconds (a forwarded stream's decoder starts on one) */
  firFreq?: number;
}

type Json = Record<string, unknown>;
const VIDEOROOM = 'janus.plugin.videoroom';

/** A random room number below 2^48: fits a JavaScript number and PostgreSQL's bigint, collisions unlikely. */
export function randomRoomNumber(): number {
  return randomBytes(6).readUIntBE(0, 6) || 1;
}

export function randomSecret(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}

export class JanusClient {
  constructor(private readonly cfg: NonNullable<LiveConfig['janus']>) {}

  private async post(url: string, body: Json, admin = false): Promise<Json> {
    const payload = {
      ...body,
      transaction: randomSecret(9),
      ...(admin ? { admin_secret: this.cfg.adminSecret } : this.cfg.apiSecret ? { apisecret: this.cfg.apiSecret } : {}),
    };
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        body: JSON.stringify(payload),
        headers: { 'content-type': 'application/json' },
        signal: AbortSignal.timeout(this.cfg.timeoutMs),
      });
    } catch (err) {
      throw new JanusUnavailable(`Janus at ${url} did not answer: ${err instanceof Error ? err.message : String(err)}`);
    }
    let json: Json;
    try {
      json = (await res.json()) as Json;
    } catch {
      throw new JanusUnavailable(`Janus at ${url} answered ${res.status} without JSON`);
    }
    if (json.janus === 'error') {
      const e = json.error as { code?: number; reason?: string } | undefined;
      throw new JanusRefused(e?.reason ?? 'Janus error', e?.code ?? null);
    }
    return json;
  }

  /** GET /info: is Janus there, and which version (for the start-up line). */
  async info(): Promise<{ version: string; videoroom: boolean }> {
    let res: Response;
    try {
      res = await fetch(`${this.cfg.url}/info`, { signal: AbortSignal.timeout(this.cfg.timeoutMs) });
    } catch (err) {
      throw new JanusUnavailable(`Janus at ${this.cfg.url} did not answer: ${err instanceof Error ? err.message : String(err)}`);
    }
    const json = (await res.json().catch(() => ({}))) as { version_string?: string; plugins?: Record<string, unknown> };
    return { version: json.version_string ?? '?', videoroom: Boolean(json.plugins?.[VIDEOROOM]) };
  }

  /** One synchronous VideoRoom request in a throw-away session. */
  async videoroom(body: Json): Promise<Json> {
    const session = await this.post(this.cfg.url, { janus: 'create' });
    const sessionId = (session.data as { id: number }).id;
    try {
      const handle = await this.post(`${this.cfg.url}/${sessionId}`, { janus: 'attach', plugin: VIDEOROOM });
      const handleId = (handle.data as { id: number }).id;
      const answer = await this.post(`${this.cfg.url}/${sessionId}/${handleId}`, { janus: 'message', body });
      const data = (answer.plugindata as { data?: Json } | undefined)?.data ?? {};
      if (data.error_code !== undefined || data.error !== undefined) {
        throw new JanusRefused(String(data.error ?? 'VideoRoom error'), typeof data.error_code === 'number' ? data.error_code : null);
      }
      return data;
    } finally {
      await this.post(`${this.cfg.url}/${sessionId}`, { janus: 'destroy' }).catch(() => undefined);
    }
  }

  /** Creates a private room that only tokens in its `allowed` list may join (and only with the pin). */
  async createRoom(spec: RoomSpec): Promise<void> {
    await this.videoroom({
      request: 'create',
      room: spec.room,
      description: spec.description,
      secret: spec.secret,
      pin: spec.pin,
      is_private: true,
      publishers: spec.publishers,
      bitrate: spec.bitrate,
      bitrate_cap: true,
      allowed: [],
      permanent: false,
      notify_joining: true,
      audiocodec: 'opus',
      videocodec: 'vp8',
      ...(spec.recDir ? { record: true, rec_dir: spec.recDir } : {}),
      ...(spec.firFreq ? { fir_freq: spec.firFreq } : {}),
      ...(this.cfg.roomAdminKey ? { admin_key: this.cfg.roomAdminKey } : {}),
    });
  }

  /** Lets one more participant's token into the room. */
  async allow(room: number, secret: string, tokens: string[]): Promise<void> {
    await this.videoroom({ request: 'allowed', room, secret, action: 'add', allowed: tokens });
  }

  /** Takes tokens out of the room's `allowed` list. */
  async disallow(room: number, secret: string, tokens: string[]): Promise<void> {
    if (tokens.length) await this.videoroom({ request: 'allowed', room, secret, action: 'remove', allowed: tokens });
  }

  /** Hangs up one participant (VideoRoom `kick`); an unknown participant (already gone) is fine. */
  async kick(room: number, secret: string, id: number): Promise<void> {
    try {
      await this.videoroom({ request: 'kick', room, secret, id });
    } catch (err) {
      if (err instanceof JanusRefused && err.code === 428) return; // JANUS_VIDEOROOM_ERROR_NO_SUCH_FEED
      throw err;
    }
  }

  /** Mutes or unmutes one stream (by its mid) of a participant for everyone (VideoRoom `moderate`). */
  async moderate(room: number, secret: string, id: number, mid: string, mute: boolean): Promise<void> {
    await this.videoroom({ request: 'moderate', room, secret, id, mid, mute });
  }

  /**
   * Forwards a publisher's streams as plain RTP to local ports (VideoRoom `rtp_forward`, multistream
   * form: one entry per stream mid with its port and payload type); answers the forwarders' ids.
   */
  async rtpForward(room: number, secret: string, publisherId: number, host: string, streams: { mid: string; port: number; pt: number }[]): Promise<number[]> {
    const data = await this.videoroom({
      request: 'rtp_forward',
      room,
      secret,
      publisher_id: publisherId,
      host,
      host_family: 'ipv4',
      streams,
      ...(this.cfg.roomAdminKey ? { admin_key: this.cfg.roomAdminKey } : {}),
    });
    return ((data.forwarders as { stream_id?: number }[] | undefined) ?? []).map((f) => Number(f.stream_id ?? 0));
  }

  /** Destroys the room: Janus hangs up everyone in it. An unknown room (already gone) is fine. */
  async destroyRoom(room: number, secret: string): Promise<void> {
    try {
      await this.videoroom({ request: 'destroy', room, secret, permanent: false });
    } catch (err) {
      if (err instanceof JanusRefused && err.code === 426) return; // JANUS_VIDEOROOM_ERROR_NO_SUCH_ROOM
      throw err;
    }
  }

  /** Does the room exist (listparticipants answers for it)? */
  async participants(room: number): Promise<{ id: number; display?: string; publisher: boolean }[] | null> {
    try {
      const data = await this.videoroom({ request: 'listparticipants', room });
      return (data.participants as { id: number; display?: string; publisher: boolean }[]) ?? [];
    } catch (err) {
      if (err instanceof JanusRefused && err.code === 426) return null;
      throw err;
    }
  }

  /** With Janus's `token_auth`: a core token a browser may use for the VideoRoom plugin only. */
  get tokenAuth(): boolean {
    return this.cfg.adminUrl !== null;
  }

  async addToken(token: string): Promise<void> {
    if (!this.cfg.adminUrl) return;
    await this.post(this.cfg.adminUrl, { janus: 'add_token', token, plugins: [VIDEOROOM] }, true);
  }

  async removeToken(token: string): Promise<void> {
    if (!this.cfg.adminUrl) return;
    try {
      await this.post(this.cfg.adminUrl, { janus: 'remove_token', token }, true);
    } catch (err) {
      if (!(err instanceof JanusRefused)) throw err; // an unknown token is already gone
    }
  }
}

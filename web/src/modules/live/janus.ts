/**
 * A minimal client of Janus's HTTP API and the VideoRoom plugin for the browser (what janus.js does
 * for us, cut to the live lesson's needs): one session with long polling, a publisher handle that
 * joins the room (and, for the host, publishes camera and microphone), and one subscriber handle
 * per feed. Non-trickle ICE: each offer or answer is sent once its candidates are gathered, which
 * keeps the exchange to a handful of requests on a slow link.
 */

export interface JanusTicket {
  janusUrl: string;
  janusRoom: number;
  pin: string;
  token: string;
  janusToken: string | null;
  display: string;
  bitrate: number;
}

/** Janus answers and events are loosely shaped JSON read field by field (the plugin decides the fields). */
// biome-ignore lint/suspicious/noExplicitAny: Janus's JSON messages are untyped; this is the one deliberate `any`
type Json = Record<string, any>;

export interface Feed {
  id: number;
  display: string;
  streams: { type: string; mid: string; disabled?: boolean }[];
}

export class JanusError extends Error {
  constructor(
    message: string,
    readonly code: number | null = null,
  ) {
    super(message);
    this.name = 'JanusError';
  }
}

const tx = () => Math.random().toString(36).slice(2, 12);

/** Waits until ICE gathering is done (or a few seconds pass: what is gathered by then is sent). */
function gathered(pc: RTCPeerConnection, ms = 4000): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      pc.removeEventListener('icegatheringstatechange', check);
      clearTimeout(t);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const t = setTimeout(done, ms);
    pc.addEventListener('icegatheringstatechange', check);
  });
}

export class JanusSession {
  private sessionId = 0;
  private polling = false;
  private readonly waiters = new Map<number, { match: (e: Json) => boolean; resolve: (e: Json) => void; reject: (e: Error) => void }[]>();
  private readonly listeners = new Map<number, (e: Json) => void>();
  onGone: (reason: string) => void = () => undefined;
  /** the streams Janus accepted at the last publish (type and mid): a broadcast's forwarder needs the mids */
  publishedStreams: { type: string; mid: string }[] = [];

  constructor(
    private readonly ticket: JanusTicket,
    private readonly iceServers: RTCIceServer[] = [],
  ) {}

  private async post(path: string, body: Json): Promise<Json> {
    // a string body is sent as text/plain: a "simple" request, no CORS preflight to the media server
    const res = await fetch(`${this.ticket.janusUrl}${path}`, {
      method: 'POST',
      body: JSON.stringify({ ...body, transaction: tx(), ...(this.ticket.janusToken ? { token: this.ticket.janusToken } : {}) }),
    });
    const json = (await res.json()) as Json;
    if (json.janus === 'error') throw new JanusError(json.error?.reason ?? 'Janus error', json.error?.code ?? null);
    return json;
  }

  async connect(): Promise<void> {
    const created = await this.post('', { janus: 'create' });
    this.sessionId = created.data.id;
    this.polling = true;
    void this.poll();
  }

  private async poll(): Promise<void> {
    let failures = 0;
    while (this.polling) {
      try {
        const qs = `maxev=10&rid=${Date.now()}${this.ticket.janusToken ? `&token=${encodeURIComponent(this.ticket.janusToken)}` : ''}`;
        const res = await fetch(`${this.ticket.janusUrl}/${this.sessionId}?${qs}`);
        const body = (await res.json()) as Json | Json[];
        failures = 0;
        for (const e of Array.isArray(body) ? body : [body]) this.dispatch(e);
      } catch {
        if (!this.polling) return;
        if (++failures >= 5) {
          this.polling = false;
          this.onGone('network');
          return;
        }
        await new Promise((r) => setTimeout(r, 1000 * failures));
      }
    }
  }

  private dispatch(e: Json): void {
    if (e.janus === 'keepalive' || e.janus === 'ack') return;
    if (e.janus === 'error' && e.error?.code === 458) {
      // session gone
      this.polling = false;
      this.onGone('session');
      return;
    }
    const sender = Number(e.sender ?? 0);
    const waiting = this.waiters.get(sender) ?? [];
    const i = waiting.findIndex((w) => w.match(e));
    if (i >= 0) {
      const [w] = waiting.splice(i, 1);
      const data = e.plugindata?.data;
      if (data?.error_code) w!.reject(new JanusError(String(data.error), data.error_code));
      else w!.resolve(e);
      return;
    }
    this.listeners.get(sender)?.(e);
  }

  /** The next event of a handle that answers a message (plugin data with or without jsep), or an error. */
  private next(handle: number, match: (e: Json) => boolean = (e) => e.janus === 'event', ms = 15_000): Promise<Json> {
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(handle) ?? [];
      const w = {
        match,
        resolve: (e: Json) => {
          clearTimeout(t);
          resolve(e);
        },
        reject: (err: Error) => {
          clearTimeout(t);
          reject(err);
        },
      };
      const t = setTimeout(() => {
        const l = this.waiters.get(handle);
        if (l) l.splice(l.indexOf(w), 1);
        reject(new JanusError('The media server did not answer in time'));
      }, ms);
      list.push(w);
      this.waiters.set(handle, list);
    });
  }

  async attach(onEvent: (e: Json) => void = () => undefined): Promise<number> {
    const res = await this.post(`/${this.sessionId}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' });
    const id = Number(res.data.id);
    this.listeners.set(id, onEvent);
    return id;
  }

  async message(handle: number, body: Json, jsep?: RTCSessionDescriptionInit | null): Promise<Json> {
    const answer = this.next(handle);
    await this.post(`/${this.sessionId}/${handle}`, { janus: 'message', body, ...(jsep ? { jsep } : {}) });
    return answer;
  }

  async detach(handle: number): Promise<void> {
    this.listeners.delete(handle);
    await this.post(`/${this.sessionId}/${handle}`, { janus: 'detach' }).catch(() => undefined);
  }

  async destroy(): Promise<void> {
    this.polling = false;
    if (this.sessionId) await this.post(`/${this.sessionId}`, { janus: 'destroy' }).catch(() => undefined);
  }

  // ── VideoRoom ──────────────────────────────────────────────────────────────

  /** Joins the room as a participant (with the pin and this person's token); answers the feeds already published. */
  async join(handle: number): Promise<{ id: number; privateId: number; feeds: Feed[] }> {
    const e = await this.message(handle, {
      request: 'join',
      ptype: 'publisher',
      room: this.ticket.janusRoom,
      pin: this.ticket.pin,
      token: this.ticket.token,
      display: this.ticket.display,
    });
    const data = e.plugindata.data;
    return { id: data.id, privateId: data.private_id, feeds: (data.publishers ?? []) as Feed[] };
  }

  /** Publishes a stream (camera and microphone, or sound only) on the joined handle. */
  async publish(handle: number, stream: MediaStream): Promise<RTCPeerConnection> {
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    for (const track of stream.getTracks()) pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
    await pc.setLocalDescription(await pc.createOffer());
    await gathered(pc);
    const e = await this.message(
      handle,
      {
        request: 'publish',
        audio: stream.getAudioTracks().length > 0,
        video: stream.getVideoTracks().length > 0,
        bitrate: this.ticket.bitrate,
      },
      pc.localDescription!.toJSON() as RTCSessionDescriptionInit,
    );
    if (!e.jsep) throw new JanusError('The media server did not accept the stream');
    await pc.setRemoteDescription(e.jsep);
    this.publishedStreams = ((e.plugindata?.data?.streams ?? []) as { type: string; mid: string }[]).map((x) => ({ type: x.type, mid: String(x.mid) }));
    return pc;
  }

  /** Stops publishing on the joined handle (the floor was taken back). */
  async unpublish(handle: number): Promise<void> {
    await this.message(handle, { request: 'unpublish' }).catch(() => undefined);
  }

  /** Subscribes to one feed (only its audio streams when `audioOnly`); `onTrack` gets each remote track. */
  async subscribe(feed: Feed, privateId: number, audioOnly: boolean, onTrack: (ev: RTCTrackEvent) => void): Promise<{ handle: number; pc: RTCPeerConnection }> {
    const handle = await this.attach();
    const mids = feed.streams.filter((s) => !s.disabled && (!audioOnly || s.type === 'audio'));
    const streams = mids.length > 0 && audioOnly ? mids.map((s) => ({ feed: feed.id, mid: s.mid })) : [{ feed: feed.id }];
    const e = await this.message(handle, {
      request: 'join',
      ptype: 'subscriber',
      room: this.ticket.janusRoom,
      pin: this.ticket.pin,
      private_id: privateId,
      streams,
    });
    if (!e.jsep) throw new JanusError('The media server sent no offer');
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    pc.ontrack = onTrack;
    await pc.setRemoteDescription(e.jsep);
    await pc.setLocalDescription(await pc.createAnswer());
    await gathered(pc);
    await this.message(handle, { request: 'start' }, pc.localDescription!.toJSON() as RTCSessionDescriptionInit);
    return { handle, pc };
  }
}

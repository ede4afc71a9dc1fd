import path from 'node:path';
import type { Db, Queryable } from '../../platform/db.js';
import { acceptRecording } from '../video/video.usecases.js';
import { notify } from '../notifications/notifications.usecases.js';
import { organisationsWhere, type Actor } from '../identity/identity.actor.js';
import { namesForLive } from '../learning/live.usecases.js';
import type { Broadcast, BroadcastBody, PresenterTicket, Question } from '../../../contracts/broadcast.js';
import { BroadcastStreams, ffmpegPresent } from './broadcast.media.js';
import { broadcastPart, canOrganiseBroadcast, officerDistricts, type BroadcastPart } from './broadcast.policy.js';
import * as repo from './broadcast.repository.js';
import { AUDIO_PT, canOpen, VIDEO_PT } from './broadcast.rules.js';
import {
  alreadyKept,
  keepSchoolOnly,
  nothingToKeep,
  broadcastInPast,
  broadcastMediaUnavailable,
  broadcastNotFound,
  broadcastNotOpen,
  broadcastOver,
  notPublishing,
  notTheHost,
  questionNotFound,
  targetNotFound,
  tooEarly,
} from './live.errors.js';
import { JanusRefused, JanusUnavailable, randomRoomNumber, randomSecret } from './live.janus.js';
import { turnCredentials } from './live.rules.js';
import { withStillFrame } from './live.recording.js';
import { mediaServerAvailable, type LiveDeps } from './live.usecases.js';

/**
 * Broadcast meetings (issue 10, item 5): a school admin or a district officer schedules a meeting for
 * a whole school or district; the presenter publishes into a Janus room of their own; the server
 * forwards that stream (VideoRoom `rtp_forward`) to ffmpeg, which writes a live HLS playlist the
 * audience (the parents of that school or district) plays; questions come in writing and the
 * presenter shows, answers or hides them; viewers' presence is kept from their page's reports.
 * Order in every use case: find → policy (outside = 404) → rules → media server.
 */
export interface BroadcastDeps {
  live: LiveDeps;
  streams: BroadcastStreams;
  ffmpeg: boolean;
}

export function broadcastDeps(db: Db, live: LiveDeps): BroadcastDeps {
  const streams = new BroadcastStreams(live.config.broadcastDir, {
    live: (id) => void repo.setState(db, id, 'live', null, ['starting']).catch(() => undefined),
    failed: (id, reason) => {
      live.log?.warn({ broadcastId: id, reason }, 'live: broadcast ffmpeg stopped');
      void repo.setState(db, id, 'failed', reason, ['starting', 'live']).catch(() => undefined);
    },
  });
  return { live, streams, ffmpeg: ffmpegPresent() };
}

async function mediaMissing(bc: BroadcastDeps): Promise<('janus' | 'ffmpeg')[]> {
  const missing: ('janus' | 'ffmpeg')[] = [];
  if (!(await mediaServerAvailable(bc.live))) missing.push('janus');
  if (!bc.ffmpeg) missing.push('ffmpeg');
  return missing;
}

async function partOf(db: Queryable, actor: Actor, b: repo.BroadcastRow): Promise<BroadcastPart> {
  const host = broadcastPart(actor, b, false);
  if (host === 'host') return host;
  return broadcastPart(actor, b, await repo.classesInAudience(db, actor.childClassIds, b));
}

/** The broadcast and the actor's part in it; outside the audience and the organisers: 404 like a missing one. */
export async function broadcastOrThrow(db: Queryable, actor: Actor, id: number): Promise<{ b: repo.BroadcastRow; part: 'host' | 'viewer' }> {
  const b = await repo.findBroadcast(db, id);
  if (!b) throw broadcastNotFound();
  const part = await partOf(db, actor, b);
  if (part === 'none') throw broadcastNotFound();
  return { b, part };
}

async function view(db: Queryable, bc: BroadcastDeps, b: repo.BroadcastRow, part: 'host' | 'viewer', now: Date): Promise<Broadcast> {
  const missing = await mediaMissing(bc);
  return {
    id: b.id,
    scope: b.scope,
    organisationId: b.organisationId,
    districtId: b.districtId,
    topic: b.topic,
    startsAt: new Date(b.startsAt).toISOString(),
    endsAt: new Date(b.endsAt).toISOString(),
    state: b.state,
    problem: b.problem,
    isHost: part === 'host',
    hlsUrl: b.state === 'live' ? `/api/live/broadcasts/${b.id}/hls/master.m3u8` : null,
    media: { available: missing.length === 0, missing },
    viewers: part === 'host' ? await repo.viewerCounts(db, b.id, now) : null,
    keptVideoId: b.keptVideoId,
    canKeep: part === 'host' && b.state === 'ended' && b.scope === 'school' && b.keptVideoId === null && bc.streams.recordingOf(b.id) !== null,
  };
}

export async function scheduleBroadcast(db: Db, bc: BroadcastDeps, actor: Actor, body: BroadcastBody, now: Date): Promise<Broadcast> {
  const t = await repo.target(db, body.scope, body.targetId);
  if (!t || !canOrganiseBroadcast(actor, { scope: body.scope, ...t })) throw targetNotFound();
  const startsAt = new Date(body.startsAt);
  if (startsAt.getTime() < now.getTime()) throw broadcastInPast();
  // the meeting and the word to its audience (the parents of the school's or district's pupils) in one transaction
  const id = await db.transaction(async (tx) => {
    const id = await repo.insertBroadcast(tx, {
      scope: body.scope,
      organisationId: t.organisationId,
      districtId: t.districtId,
      topic: body.topic,
      startsAt,
      endsAt: new Date(startsAt.getTime() + body.minutes * 60_000),
      createdBy: actor.personId,
      now,
    });
    const parents = await repo.audienceParents(tx, { scope: body.scope, organisationId: t.organisationId, districtId: t.districtId });
    await notify(
      tx,
      parents.map((personId) => ({
        personId,
        kind: 'live.broadcast_scheduled',
        params: { broadcastId: id, scope: body.scope, topic: body.topic, startsAt: startsAt.toISOString() },
      })),
      now,
    );
    return id;
  });
  return view(db, bc, (await repo.findBroadcast(db, id))!, 'host', now);
}

export async function myBroadcasts(db: Db, bc: BroadcastDeps, actor: Actor, now: Date): Promise<Broadcast[]> {
  const rows = await repo.broadcastsFor(
    db,
    {
      personId: actor.personId,
      adminOrganisationIds: organisationsWhere(actor, 'org_admin'),
      officerDistrictIds: officerDistricts(actor),
      childClassIds: actor.childClassIds,
    },
    now,
  );
  const out: Broadcast[] = [];
  for (const b of rows) {
    const part = broadcastPart(actor, b, true); // listed: organiser or audience by the query
    out.push(await view(db, bc, b, part === 'host' ? 'host' : 'viewer', now));
  }
  return out;
}

export async function getBroadcast(db: Db, bc: BroadcastDeps, actor: Actor, id: number, now: Date): Promise<Broadcast> {
  const { b, part } = await broadcastOrThrow(db, actor, id);
  return view(db, bc, b, part, now);
}

async function hostOrThrow(db: Queryable, actor: Actor, id: number) {
  const { b, part } = await broadcastOrThrow(db, actor, id);
  if (part !== 'host') throw notTheHost();
  return b;
}

async function onJanus<T>(bc: BroadcastDeps, what: string, fn: (janus: NonNullable<LiveDeps['janus']>) => Promise<T>): Promise<T> {
  if (!bc.live.janus || !bc.ffmpeg) throw broadcastMediaUnavailable();
  try {
    return await fn(bc.live.janus);
  } catch (err) {
    if (err instanceof JanusUnavailable || err instanceof JanusRefused) {
      bc.live.log?.warn({ err: err.message, what }, 'live: broadcast media server call failed');
      throw broadcastMediaUnavailable();
    }
    throw err;
  }
}

/** The presenter opens their room on Janus (a keyframe asked every 2 s) and gets a ticket to publish; an open room is reused. */
export async function openBroadcast(db: Db, bc: BroadcastDeps, actor: Actor, id: number, now: Date): Promise<PresenterTicket> {
  let b = await hostOrThrow(db, actor, id);
  const w = canOpen(now, new Date(b.startsAt), new Date(b.endsAt));
  if (w === 'too_early') throw tooEarly();
  if (w === 'over' || b.state === 'ended') throw broadcastOver();
  if (!bc.live.janus || !bc.ffmpeg) throw broadcastMediaUnavailable();
  if (!(b.janusRoom && b.secret && b.presenterToken && ['open', 'starting', 'live', 'failed'].includes(b.state))) {
    const room = { janusRoom: randomRoomNumber(), secret: randomSecret(), pin: randomSecret(6), presenterToken: randomSecret() };
    await onJanus(bc, 'broadcast room', async (janus) => {
      await janus.createRoom({
        room: room.janusRoom,
        description: `sabaq broadcast ${id}`,
        secret: room.secret,
        pin: room.pin,
        // the presenter, and the same presenter again after a reload while the old session times out
        publishers: 2,
        bitrate: bc.live.config.bitrate,
        firFreq: 2,
      });
      await janus.allow(room.janusRoom, room.secret, [room.presenterToken]);
      await janus.addToken(room.presenterToken);
    });
    await repo.setRoom(db, id, { ...room, now });
    b = (await repo.findBroadcast(db, id))!;
  }
  const janus = bc.live.janus;
  const expiresAt = new Date(new Date(b.endsAt).getTime() + 15 * 60_000);
  return {
    broadcastId: id,
    janusUrl: bc.live.config.janus!.publicUrl,
    janusRoom: b.janusRoom!,
    pin: b.pin!,
    token: b.presenterToken!,
    janusToken: janus.tokenAuth ? b.presenterToken! : null,
    display: `presenter-${id}`,
    bitrate: bc.live.config.bitrate,
    iceServers: bc.live.config.turn ? [{ urls: bc.live.config.turn.urls, ...turnCredentials(bc.live.config.turn.secret, expiresAt, `b${id}`) }] : [],
  };
}

/**
 * The presenter's page publishes, then says which publisher and streams: the server checks the
 * publisher is the presenter in that room, starts ffmpeg on local ports and asks Janus to forward there.
 */
export async function goOnAir(
  db: Db,
  bc: BroadcastDeps,
  actor: Actor,
  id: number,
  body: { publisherId: number; audioMid: string; videoMid: string | null },
  now: Date,
): Promise<Broadcast> {
  const b = await hostOrThrow(db, actor, id);
  if (b.state === 'ended' || new Date(b.endsAt).getTime() <= now.getTime()) throw broadcastOver();
  if (!b.janusRoom || !b.secret || !['open', 'starting', 'live', 'failed'].includes(b.state)) throw broadcastNotOpen();
  const participants = await onJanus(bc, 'broadcast participants', (janus) => janus.participants(b.janusRoom!));
  const presenter = participants?.find((p) => Number(p.id) === body.publisherId && p.display === `presenter-${id}` && p.publisher);
  if (!presenter) throw notPublishing();
  const ports = await bc.streams.start(id, body.videoMid !== null);
  await repo.setState(db, id, 'starting');
  try {
    await onJanus(bc, 'rtp_forward', (janus) =>
      janus.rtpForward(b.janusRoom!, b.secret!, body.publisherId, '127.0.0.1', [
        { mid: body.audioMid, port: ports.audio, pt: AUDIO_PT },
        ...(body.videoMid !== null && ports.video !== null ? [{ mid: body.videoMid, port: ports.video, pt: VIDEO_PT }] : []),
      ]),
    );
  } catch (err) {
    await bc.streams.stop(id);
    await repo.setState(db, id, 'open');
    throw err;
  }
  return view(db, bc, (await repo.findBroadcast(db, id))!, 'host', now);
}

async function close(db: Db, bc: BroadcastDeps, b: repo.BroadcastRow, now: Date): Promise<void> {
  await bc.streams.stop(b.id);
  if (bc.live.janus && b.janusRoom && b.secret) {
    await bc.live.janus.destroyRoom(b.janusRoom, b.secret);
    if (b.presenterToken) await bc.live.janus.removeToken(b.presenterToken);
  }
  await repo.endBroadcast(db, b.id, now);
}

/** The presenter ends: ffmpeg closes the playlists, the room is destroyed on Janus, the token taken back. */
export async function endBroadcast(db: Db, bc: BroadcastDeps, actor: Actor, id: number, now: Date): Promise<Broadcast> {
  const b = await hostOrThrow(db, actor, id);
  if (b.state !== 'ended') {
    try {
      await close(db, bc, b, now);
    } catch (err) {
      if (err instanceof JanusUnavailable || err instanceof JanusRefused) throw broadcastMediaUnavailable();
      throw err;
    }
  }
  return view(db, bc, (await repo.findBroadcast(db, id))!, 'host', now);
}

/**
 * The presenter keeps an ended school meeting as a video of the archive: the copy of the forward that
 * ffmpeg wrote beside the live playlists goes to the video module's `acceptRecording` (ffprobe verdict,
 * file store, the HLS ladder queued), owned by the presenter, read in the school. Once per meeting
 * (the row is locked meanwhile); a district's meeting has no school archive to go to.
 */
export async function keepBroadcast(db: Db, bc: BroadcastDeps, actor: Actor, id: number, now: Date): Promise<Broadcast> {
  await db.transaction(async (tx) => {
    await repo.lockBroadcast(tx, id);
    const b = await hostOrThrow(tx, actor, id);
    if (b.keptVideoId !== null) throw alreadyKept();
    if (b.scope !== 'school' || b.organisationId === null) throw keepSchoolOnly();
    const recording = bc.streams.recordingOf(id);
    if (b.state !== 'ended' || !recording) throw nothingToKeep();
    let file = recording.path;
    if (recording.soundOnly) {
      // a sound-only meeting: a still frame makes it a video (the archive keeps its audio-only rung)
      file = path.join(path.dirname(recording.path), 'recording-still.mkv');
      await withStillFrame(recording.path, file);
    }
    const videoId = await acceptRecording(db, { path: file, ownerId: actor.personId, organisationId: b.organisationId, title: b.topic });
    await repo.setKeptVideo(tx, id, videoId);
  });
  return view(db, bc, (await repo.findBroadcast(db, id))!, 'host', now);
}

/** Broadcasts left open past their end (the minute timer). */
export async function closeOverdueBroadcasts(db: Db, bc: BroadcastDeps, now: Date): Promise<void> {
  for (const b of await repo.overdueBroadcasts(db, now)) await close(db, bc, b, now).catch(() => undefined);
}

/** A viewer's page reports it is playing (every 15 s): their presence, in minutes, for the organisers. */
export async function watching(db: Db, actor: Actor, id: number, now: Date): Promise<void> {
  const { b } = await broadcastOrThrow(db, actor, id);
  if (b.state === 'ended') return;
  await repo.seeViewer(db, id, actor.personId, now);
}

// ── questions ────────────────────────────────────────────────────────────────

async function questionViews(db: Queryable, rows: repo.QuestionRow[], actor: Actor, host: boolean): Promise<Question[]> {
  const names = host ? await namesForLive(db, [...new Set(rows.map((r) => r.personId))]) : new Map<number, string>();
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    state: r.state,
    createdAt: new Date(r.createdAt).toISOString(),
    mine: r.personId === actor.personId,
    asker: host ? (names.get(r.personId) ?? null) : null,
  }));
}

export async function listQuestions(db: Db, actor: Actor, id: number): Promise<Question[]> {
  const { part } = await broadcastOrThrow(db, actor, id);
  return questionViews(db, await repo.questionsOf(db, id, { host: part === 'host', personId: actor.personId }), actor, part === 'host');
}

export async function askQuestion(db: Db, actor: Actor, id: number, body: string, now: Date): Promise<Question> {
  const { b, part } = await broadcastOrThrow(db, actor, id);
  if (b.state === 'ended') throw broadcastOver();
  const row = await repo.insertQuestion(db, { broadcastId: id, personId: actor.personId, body, now });
  return (await questionViews(db, [row], actor, part === 'host'))[0]!;
}

export async function moderateQuestion(
  db: Db,
  actor: Actor,
  id: number,
  questionId: number,
  state: 'shown' | 'answered' | 'hidden',
  now: Date,
): Promise<Question> {
  await hostOrThrow(db, actor, id);
  const row = await repo.moderateQuestion(db, id, questionId, state, now);
  if (!row) throw questionNotFound();
  return (await questionViews(db, [row], actor, true))[0]!;
}

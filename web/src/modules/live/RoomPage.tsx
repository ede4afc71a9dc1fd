import { useEffect, useRef, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.js';
import { errorMessage } from '../../api/error-message.js';
import { QueryView } from '../../ui/feedback.js';
import { useTitle } from '../../ui/useTitle.js';
import { endRoom, getTicket, myPlaceQuery, roomQuery, type JoinTicket, type LiveRoom } from './api.js';
import { checkConnection } from './connection-check.js';
import { HostControls } from './HostControls.js';
import { JanusSession, type Feed } from './janus.js';
import './live.css';

type Phase = 'connecting' | 'live' | 'ended' | 'lost' | 'error' | 'removed';

interface Remote {
  feed: Feed;
  stream: MediaStream;
  handle: number;
  pc: RTCPeerConnection;
}

/** A live room (lesson or meeting): the host publishes camera and microphone, participants watch and listen. */
export default function RoomPage({ roomId }: { roomId: number }) {
  const { t } = useTranslation('live');
  const room = useQuery({ ...roomQuery(roomId), enabled: roomId > 0 });
  useTitle(room.data?.kind === 'meeting' ? t('room.meetingTitle') : t('room.title'));
  return (
    <QueryView query={room} heading={t('room.title')}>
      {(r) =>
        r.endedAt ? (
          <>
            <h1>{r.kind === 'meeting' ? t('room.meetingTitle') : t('room.title')}</h1>
            <p className="notice">{t('room.ended')}</p>
            <Back room={r} />
          </>
        ) : (
          <Room room={r} />
        )
      }
    </QueryView>
  );
}

function Back({ room }: { room: LiveRoom }) {
  const { t } = useTranslation('live');
  return room.lessonId !== null ? (
    <p>
      <Link to="/learning/lessons/$lessonId" params={{ lessonId: room.lessonId } as never}>
        {t('room.leave')}
      </Link>
    </p>
  ) : (
    <p>
      <Link to="/live/meetings">{t('room.leave')}</Link>
    </p>
  );
}

function Room({ room }: { room: LiveRoom }) {
  const { t, i18n } = useTranslation('live');
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>('connecting');
  const [problem, setProblem] = useState<string | null>(null);
  const [ticket, setTicket] = useState<JoinTicket | null>(null);
  const [remotes, setRemotes] = useState<Remote[]>([]);
  const [audioOnly, setAudioOnly] = useState(room.audioOnly);
  const [attempt, setAttempt] = useState(0);
  const own = useRef<HTMLVideoElement>(null);
  const session = useRef<JanusSession | null>(null);
  const joined = useRef<{ privateId: number; id: number } | null>(null);
  const local = useRef<{ stream: MediaStream; pc: RTCPeerConnection } | null>(null);
  const audioOnlyRef = useRef(audioOnly);
  audioOnlyRef.current = audioOnly;
  const [slowLink, setSlowLink] = useState(false);
  const pubHandle = useRef<number | null>(null);
  const [sharing, setSharing] = useState(false);
  const [speaking, setSpeaking] = useState(false);
  const [camera, setCamera] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: one session per room and per retry (`attempt`); t, i18n and the query client are stable
  useEffect(() => {
    let cancelled = false;
    const subscribed = new Map<number, Remote>();
    const subscribeTo = async (s: JanusSession, feed: Feed, onlyAudio: boolean) => {
      if (subscribed.has(feed.id) || feed.id === joined.current?.id) return;
      const stream = new MediaStream();
      const sub = await s.subscribe(feed, joined.current!.privateId, onlyAudio, (ev) => {
        stream.addTrack(ev.track);
        setRemotes([...subscribed.values()]);
      });
      const remote = { feed, stream, ...sub };
      subscribed.set(feed.id, remote);
      if (!cancelled) setRemotes([...subscribed.values()]);
    };
    (async () => {
      const tk = await getTicket(room.id);
      if (cancelled) return;
      // participants: the pre-join check of the connection; a slow link starts on sound only
      if (tk.role !== 'host' && !audioOnlyRef.current) {
        const check = await checkConnection();
        if (check.slow && !cancelled) {
          audioOnlyRef.current = true;
          setAudioOnly(true);
          setSlowLink(true);
        }
      }
      setTicket(tk);
      const s = new JanusSession(tk, tk.iceServers);
      session.current = s;
      s.onGone = () => !cancelled && setPhase('lost');
      await s.connect();
      const handle = await s.attach((e) => {
        const data = e.plugindata?.data;
        if (!data) return;
        if (data.videoroom === 'destroyed') {
          setPhase('ended');
          void queryClient.invalidateQueries({ queryKey: ['live'] });
          return;
        }
        for (const feed of (data.publishers ?? []) as Feed[]) void subscribeTo(s, feed, audioOnlyRef.current).catch(() => undefined);
        const gone = data.unpublished ?? data.leaving;
        if (typeof gone === 'number' && subscribed.has(gone)) {
          subscribed.get(gone)!.pc.close();
          subscribed.delete(gone);
          setRemotes([...subscribed.values()]);
        }
      });
      pubHandle.current = handle;
      const j = await s.join(handle);
      joined.current = { privateId: j.privateId, id: j.id };
      if (tk.role === 'host') {
        let stream: MediaStream;
        try {
          stream = await navigator.mediaDevices.getUserMedia({
            audio: true,
            video: tk.audioOnly ? false : { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 15 } },
          });
        } catch {
          throw new Error(t('room.noCamera'));
        }
        if (cancelled) {
          for (const x of stream.getTracks()) x.stop();
          return;
        }
        if (own.current) own.current.srcObject = stream;
        local.current = { stream, pc: await s.publish(handle, stream) };
      }
      for (const feed of j.feeds) await subscribeTo(s, feed, audioOnlyRef.current);
      if (!cancelled) setPhase('live');
    })().catch((err: unknown) => {
      if (cancelled) return;
      setProblem(isApiError(err) || !(err instanceof Error) ? errorMessage(i18n, err) : err.message);
      setPhase('error');
    });
    return () => {
      cancelled = true;
      for (const r of subscribed.values()) r.pc.close();
      local.current?.pc.close();
      for (const x of local.current?.stream.getTracks() ?? []) x.stop();
      local.current = null;
      void session.current?.destroy();
      session.current = null;
    };
    // audioOnly is read through a ref: toggling it re-subscribes below, not reconnects
  }, [room.id, attempt]);

  /** Sound only: each feed is subscribed again with its audio streams alone (no video crosses a slow link). */
  const toggleAudioOnly = async (next: boolean) => {
    setAudioOnly(next);
    const s = session.current;
    if (!s || !joined.current) return;
    const again: Remote[] = [];
    for (const r of remotes) {
      r.pc.close();
      await s.detach(r.handle);
      const stream = new MediaStream();
      const sub = await s.subscribe(r.feed, joined.current.privateId, next, (ev) => {
        stream.addTrack(ev.track);
        setRemotes((x) => [...x]);
      });
      again.push({ feed: r.feed, stream, ...sub });
    }
    setRemotes(again);
  };

  /** A participant given the floor publishes their microphone (camera only if they turn it on); taken back, they stop. */
  const place = useQuery({ ...myPlaceQuery(room.id), enabled: ticket !== null && ticket.role !== 'host' && phase === 'live' });
  const maySpeak = place.data?.maySpeak ?? false;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the floor or removal changes; the camera box and the role are read then
  useEffect(() => {
    if (place.data?.removed) {
      setPhase('removed');
      void session.current?.destroy();
      return;
    }
    const s = session.current;
    const handle = pubHandle.current;
    if (!s || handle === null || ticket?.role === 'host') return;
    let stale = false;
    (async () => {
      if (maySpeak && !local.current) {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: camera && !audioOnlyRef.current });
        if (stale) {
          for (const x of stream.getTracks()) x.stop();
          return;
        }
        local.current = { stream, pc: await s.publish(handle, stream) };
        if (own.current) own.current.srcObject = stream;
        setSpeaking(true);
      } else if (!maySpeak && local.current) {
        await s.unpublish(handle);
        local.current.pc.close();
        for (const x of local.current.stream.getTracks()) x.stop();
        local.current = null;
        setSpeaking(false);
      }
    })().catch((err: unknown) => setProblem(err instanceof Error ? err.message : String(err)));
    return () => {
      stale = true;
    };
  }, [maySpeak, place.data?.removed]);

  /** The host shares the screen: the camera's video track is replaced by the screen's, and back when it stops. */
  const toggleShare = async () => {
    const pub = local.current;
    const sender = pub?.pc.getSenders().find((x) => x.track?.kind === 'video' || (x.track === null && sharing));
    if (!pub || !sender) return;
    if (!sharing) {
      try {
        const screen = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 5 } }, audio: false });
        const track = screen.getVideoTracks()[0]!;
        track.onended = () => void sender.replaceTrack(pub.stream.getVideoTracks()[0] ?? null).then(() => setSharing(false));
        await sender.replaceTrack(track);
        if (own.current) own.current.srcObject = screen;
        setSharing(true);
      } catch (err) {
        setProblem(err instanceof Error ? err.message : String(err));
      }
    } else {
      sender.track?.stop();
      await sender.replaceTrack(pub.stream.getVideoTracks()[0] ?? null);
      if (own.current) own.current.srcObject = pub.stream;
      setSharing(false);
    }
  };

  const end = async () => {
    try {
      await endRoom(room.id);
      setPhase('ended');
      void queryClient.invalidateQueries({ queryKey: ['live'] });
    } catch (err) {
      setProblem(errorMessage(i18n, err));
    }
  };

  const isHost = ticket?.role === 'host';
  const title = room.kind === 'meeting' ? t('room.meetingTitle') : t('room.title');
  return (
    <>
      <h1>{title}</h1>
      {phase === 'connecting' && <p role="status">{t('room.connecting')}</p>}
      {phase === 'live' && (
        <p role="status" className="lv-live">
          {remotes.length === 0 && !isHost ? t('room.waiting') : t('room.live')}
        </p>
      )}
      {phase === 'ended' && (
        <p className="notice" role="status">
          {t('room.ended')}
        </p>
      )}
      {phase === 'lost' && (
        <p className="notice notice--error" role="alert">
          {t('room.lost')}{' '}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setPhase('connecting');
              setAttempt((a) => a + 1);
            }}
          >
            {t('room.rejoin')}
          </button>
        </p>
      )}
      {phase === 'error' && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      {phase === 'removed' && (
        <p className="notice notice--error" role="alert">
          {t('room.removed')}
        </p>
      )}
      {slowLink && audioOnly && phase === 'live' && (
        <p className="notice" role="status">
          {t('room.slowLink')}
        </p>
      )}
      {speaking && (
        <p className="notice" role="status">
          {t('room.mayspeak')}
        </p>
      )}
      {phase !== 'ended' && phase !== 'removed' && (
        <div className="lv-stage">
          {(isHost || speaking) && <video ref={own} className="lv-video lv-video--own" aria-label={t('room.ownVideo')} autoPlay playsInline muted />}
          {remotes.map((r) => (
            <RemoteVideo key={`${r.feed.id}-${r.handle}`} stream={r.stream} audioOnly={audioOnly} label={t('room.remoteVideo')} />
          ))}
        </div>
      )}
      <div className="lv-controls">
        {!isHost && phase !== 'ended' && (
          <label className="lv-check">
            <input type="checkbox" checked={audioOnly} onChange={(e) => void toggleAudioOnly(e.target.checked)} />
            {t('room.audioOnly')}
          </label>
        )}
        {!isHost && phase === 'live' && (
          <label className="lv-check">
            <input type="checkbox" checked={camera} onChange={(e) => setCamera(e.target.checked)} />
            {t('room.camera')}
          </label>
        )}
        {isHost && phase === 'live' && !ticket?.audioOnly && (
          <button type="button" className="button button--secondary" onClick={() => void toggleShare()}>
            {sharing ? t('room.stopShare') : t('room.share')}
          </button>
        )}
        {isHost && phase !== 'ended' && (
          <button type="button" className="button" onClick={() => void end()}>
            {t('room.end')}
          </button>
        )}
      </div>
      {isHost && phase === 'live' && <HostControls roomId={room.id} feeds={remotes.map((r) => r.feed)} />}
      {!isHost && <p className="field__hint">{t('room.audioOnlyHint')}</p>}
      {problem && phase !== 'error' && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
      <Back room={room} />
    </>
  );
}

function RemoteVideo({ stream, audioOnly, label }: { stream: MediaStream; audioOnly: boolean; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  });
  return <video ref={ref} className={audioOnly ? 'lv-video lv-video--audio' : 'lv-video'} aria-label={label} autoPlay playsInline />;
}

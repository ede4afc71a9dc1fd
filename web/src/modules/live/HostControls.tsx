import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/error-message.js';
import { attendanceQuery, muteParticipant, removeParticipant, setFloor } from './api.js';
import type { Feed } from './janus.js';

/**
 * The host's list of who is in the room (from the media server's participant list, decision 0029)
 * with minutes present, and their controls: let speak / take the floor back, mute (their audio
 * streams, when they publish), remove (hung up, cannot come back).
 */
export function HostControls({ roomId, feeds }: { roomId: number; feeds: Feed[] }) {
  const { t, i18n } = useTranslation('live');
  const queryClient = useQueryClient();
  const list = useQuery(attendanceQuery(roomId));
  const [floor, setFloorState] = useState<Record<number, boolean>>({});
  const [muted, setMuted] = useState<Record<number, boolean>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await fn();
      await queryClient.invalidateQueries({ queryKey: ['live', 'rooms', roomId, 'attendance'] });
    } catch (err) {
      setProblem(errorMessage(i18n, err));
    }
  };
  const people = (list.data?.items ?? []).filter((p) => p.role === 'participant');
  return (
    <section className="card" aria-labelledby="lv-people-h">
      <h2 id="lv-people-h">{t('room.people')}</h2>
      {people.length === 0 ? (
        <p className="muted">{t('room.nobody')}</p>
      ) : (
        <ul className="lv-list">
          {people.map((p) => {
            const feed = feeds.find((f) => f.display === `participant-${p.ticketId}`);
            const audioMids = (feed?.streams ?? []).filter((s) => s.type === 'audio').map((s) => s.mid);
            const speaking = floor[p.ticketId] ?? false;
            return (
              <li key={p.personId} data-testid="lv-person">
                <strong>{p.name}</strong> · {t('room.minutes', { count: p.minutes })}
                {p.present ? '' : ` · ${t('room.left')}`}
                {p.present && (
                  <div className="lv-controls">
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() =>
                        void run(async () => {
                          await setFloor(roomId, p.ticketId, !speaking);
                          setFloorState((x) => ({ ...x, [p.ticketId]: !speaking }));
                        })
                      }
                    >
                      {speaking ? t('room.takeFloor') : t('room.giveFloor')}
                    </button>
                    {audioMids.length > 0 && (
                      <button
                        type="button"
                        className="button button--secondary"
                        onClick={() =>
                          void run(async () => {
                            const next = !(muted[p.ticketId] ?? false);
                            await muteParticipant(roomId, p.ticketId, audioMids, next);
                            setMuted((x) => ({ ...x, [p.ticketId]: next }));
                          })
                        }
                      >
                        {muted[p.ticketId] ? t('room.unmute') : t('room.mute')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() => {
                        if (window.confirm(t('room.removeConfirm'))) void run(() => removeParticipant(roomId, p.ticketId));
                      }}
                    >
                      {t('room.remove')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {problem && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

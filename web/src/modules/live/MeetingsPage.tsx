import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/error-message.js';
import { QueryView } from '../../ui/feedback.js';
import { useTitle } from '../../ui/useTitle.js';
import { teachingQuery } from '../learning/api.js';
import { meetingsQuery, scheduleMeeting, startMeeting, type Meeting } from './api.js';
import './live.css';
import { DateTimeInput } from '../../ui/controls.js';

/** Parent meetings: parents see and join their children's classes' meetings; homeroom teachers schedule and run them. */
export default function MeetingsPage() {
  const { t } = useTranslation('live');
  useTitle(t('meetings.title'));
  const meetings = useQuery({ ...meetingsQuery, refetchInterval: 30_000 });
  return (
    <>
      <h1>{t('meetings.title')}</h1>
      <ScheduleForm />
      <QueryView query={meetings}>
        {(m) =>
          m.items.length === 0 ? (
            <p className="muted">{t('meetings.none')}</p>
          ) : (
            <ul className="lv-list">
              {m.items.map((x) => (
                <MeetingItem key={x.id} m={x} />
              ))}
            </ul>
          )
        }
      </QueryView>
    </>
  );
}

function MeetingItem({ m }: { m: Meeting }) {
  const { t, i18n } = useTranslation('live');
  const navigate = useNavigate();
  const open = (roomId: number) => void navigate({ to: '/live/rooms/$roomId', params: { roomId } as never });
  const start = useMutation({ mutationFn: () => startMeeting(m.id, false), onSuccess: (room) => open(room.id) });
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(m.startsAt));
  return (
    <li>
      {m.audience === 'pupils' && <span className="fd-tag">{t('meetings.classHour')}</span>} <strong>{m.topic}</strong> · {m.className} · {when}
      {m.cancelled && <span className="muted"> · {t('meetings.cancelled')}</span>}
      {m.room && <span className="lv-live"> · {t('meetings.running')}</span>}
      <div className="lv-controls">
        {m.room && (
          <button type="button" className="button" onClick={() => open(m.room!.id)}>
            {t('meetings.join')}
          </button>
        )}
        {!m.room && m.isHost && !m.cancelled && (
          <button type="button" className="button button--secondary" disabled={start.isPending} onClick={() => start.mutate()}>
            {t('meetings.start')}
          </button>
        )}
      </div>
      {start.isError && (
        <p className="notice notice--error" role="alert">
          {errorMessage(i18n, start.error)}
        </p>
      )}
    </li>
  );
}

/** Shown to homeroom teachers: their classes, a topic, a time. */
function ScheduleForm() {
  const { t, i18n } = useTranslation('live');
  const id = useId();
  const queryClient = useQueryClient();
  const teaching = useQuery(teachingQuery);
  const classes = teaching.data?.homeroomClasses ?? [];
  const [classId, setClassId] = useState<number | null>(null);
  const [topic, setTopic] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [minutes, setMinutes] = useState(45);
  const [audience, setAudience] = useState<'parents' | 'pupils'>('parents');
  const save = useMutation({
    mutationFn: () => scheduleMeeting(classId ?? classes[0]!.id, { topic, startsAt: new Date(startsAt).toISOString(), minutes, audience }),
    onSuccess: () => {
      setTopic('');
      void queryClient.invalidateQueries({ queryKey: meetingsQuery.queryKey });
    },
  });
  if (classes.length === 0) return null;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (topic.trim() && startsAt) save.mutate();
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('meetings.schedule')}</h2>
      <form className="form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={`${id}-class`}>{t('meetings.class')}</label>
          <select id={`${id}-class`} value={classId ?? classes[0]!.id} onChange={(e) => setClassId(Number(e.target.value))}>
            {classes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-audience`}>{t('meetings.audience')}</label>
          <select id={`${id}-audience`} value={audience} onChange={(e) => setAudience(e.target.value === 'pupils' ? 'pupils' : 'parents')}>
            <option value="parents">{t('meetings.audienceParents')}</option>
            <option value="pupils">{t('meetings.audiencePupils')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-topic`}>{t('meetings.topic')}</label>
          <input id={`${id}-topic`} value={topic} maxLength={200} required onChange={(e) => setTopic(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-at`}>{t('meetings.startsAt')}</label>
          <DateTimeInput id={`${id}-at`} value={startsAt} required onChange={setStartsAt} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-min`}>{t('meetings.minutes')}</label>
          <input id={`${id}-min`} type="number" min={10} max={240} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} />
        </div>
        <button type="submit" className="button" disabled={save.isPending}>
          {t('meetings.save')}
        </button>
        {save.isSuccess && <p role="status">{t('meetings.saved', { n: save.data.invited ?? 0 })}</p>}
        {save.isError && (
          <p className="notice notice--error" role="alert">
            {errorMessage(i18n, save.error)}
          </p>
        )}
      </form>
    </section>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/error-message.js';
import { DateTimeInput } from '../../ui/controls.js';
import { QueryView } from '../../ui/feedback.js';
import { useTitle } from '../../ui/useTitle.js';
import { meQuery } from '../identity/api.js';
import { broadcastsQuery, scheduleBroadcast, type Broadcast } from './api.js';
import './live.css';

/** School- and district-wide meetings: organisers schedule them; parents of the school / district see and open them. */
export default function BroadcastsPage() {
  const { t } = useTranslation('live');
  useTitle(t('broadcast.title'));
  const list = useQuery({ ...broadcastsQuery, refetchInterval: 30_000 });
  return (
    <>
      <h1>{t('broadcast.title')}</h1>
      <p className="muted">{t('broadcast.intro')}</p>
      <ScheduleForm />
      <QueryView query={list}>
        {(l) =>
          l.items.length === 0 ? (
            <p className="muted">{t('broadcast.none')}</p>
          ) : (
            <ul className="lv-list">
              {l.items.map((b) => (
                <Item key={b.id} b={b} />
              ))}
            </ul>
          )
        }
      </QueryView>
    </>
  );
}

function Item({ b }: { b: Broadcast }) {
  const { t, i18n } = useTranslation('live');
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(b.startsAt));
  return (
    <li>
      <Link to="/live/broadcasts/$broadcastId" params={{ broadcastId: b.id } as never}>
        <strong>{b.topic}</strong>
      </Link>{' '}
      · {b.scope === 'school' ? t('broadcast.scopeSchool') : t('broadcast.scopeDistrict')} · {when} ·{' '}
      <span className={b.state === 'live' ? 'lv-live' : 'muted'}>{t(`broadcast.state_${b.state}`)}</span>
    </li>
  );
}

interface Target {
  key: string;
  scope: 'school' | 'district';
  id: number;
  label: string;
}

/** For school admins (their schools) and district officers (their districts). */
function ScheduleForm() {
  const { t, i18n } = useTranslation('live');
  const id = useId();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery).data;
  const lang = (i18n.language.slice(0, 2) as 'kk' | 'ru' | 'en') ?? 'ru';
  const targets = (me?.roles ?? []).flatMap((g): Target[] => {
    if (g.role === 'org_admin' && g.scope.organisationId !== null)
      return [
        {
          key: `school:${g.scope.organisationId}`,
          scope: 'school',
          id: g.scope.organisationId,
          label: t('broadcast.school', { name: g.scope.name?.[lang] ?? '' }),
        },
      ];
    if (g.role === 'district_officer' && g.scope.districtId !== null)
      return [
        {
          key: `district:${g.scope.districtId}`,
          scope: 'district',
          id: g.scope.districtId,
          label: t('broadcast.district', { name: g.scope.name?.[lang] ?? '' }),
        },
      ];
    return [];
  });
  const [target, setTarget] = useState('');
  const [topic, setTopic] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [minutes, setMinutes] = useState(60);
  const chosen = targets.find((x) => x.key === target) ?? targets[0];
  const save = useMutation({
    mutationFn: () => scheduleBroadcast({ scope: chosen!.scope, targetId: chosen!.id, topic, startsAt: new Date(startsAt).toISOString(), minutes }),
    onSuccess: () => {
      setTopic('');
      void queryClient.invalidateQueries({ queryKey: broadcastsQuery.queryKey });
    },
  });
  if (targets.length === 0) return null;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (topic.trim() && startsAt) save.mutate();
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('broadcast.schedule')}</h2>
      <form className="form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={`${id}-target`}>{t('broadcast.target')}</label>
          <select id={`${id}-target`} value={chosen?.key} onChange={(e) => setTarget(e.target.value)}>
            {targets.map((x) => (
              <option key={x.key} value={x.key}>
                {x.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-topic`}>{t('broadcast.topic')}</label>
          <input id={`${id}-topic`} value={topic} maxLength={200} required onChange={(e) => setTopic(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-at`}>{t('broadcast.startsAt')}</label>
          <DateTimeInput id={`${id}-at`} value={startsAt} required onChange={setStartsAt} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-min`}>{t('broadcast.minutes')}</label>
          <input id={`${id}-min`} type="number" min={10} max={240} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} />
        </div>
        <button type="submit" className="button" disabled={save.isPending}>
          {t('broadcast.save')}
        </button>
        {save.isSuccess && <p role="status">{t('broadcast.saved')}</p>}
        {save.isError && (
          <p className="notice notice--error" role="alert">
            {errorMessage(i18n, save.error)}
          </p>
        )}
      </form>
    </section>
  );
}

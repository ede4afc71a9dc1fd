import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../identity/api.js';
import { Section } from '../../ui/Section.js';
import { meetingsQuery } from './api.js';

/** Parents and homeroom teachers: the next parent meetings, with the way to join or schedule them. */
export function LiveHomeSections({ me }: { me: Me }) {
  const relevant = me.roles.some((g) => g.role === 'parent' || g.role === 'homeroom' || g.role === 'org_admin');
  const broadcasts = me.roles.some((g) => g.role === 'parent' || g.role === 'org_admin' || g.role === 'district_officer');
  return relevant ? <MeetingsSection /> : broadcasts ? <BroadcastsLink /> : null;
}

/** District officers: the school- and district-wide meetings they organise. */
function BroadcastsLink() {
  const { t } = useTranslation('live');
  return (
    <Section title={t('broadcast.title')}>
      <p>
        <Link to="/live/broadcasts">{t('broadcast.title')}</Link>
      </p>
    </Section>
  );
}

function MeetingsSection() {
  const { t, i18n } = useTranslation('live');
  const meetings = useQuery(meetingsQuery);
  const items = meetings.data?.items.filter((m) => !m.cancelled) ?? [];
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Section title={t('meetings.title')}>
      {items.length === 0 ? (
        <p className="muted">{t('meetings.none')}</p>
      ) : (
        <ul className="plain-list">
          {items.slice(0, 3).map((m) => (
            <li key={m.id}>
              <strong>{m.topic}</strong> · {m.className} · {fmt.format(new Date(m.startsAt))}
              {m.room && <> · {t('meetings.running')}</>}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/live/meetings">{t('meetings.title')}</Link>
      </p>
      <p>
        <Link to="/live/broadcasts">{t('broadcast.title')}</Link>
      </p>
    </Section>
  );
}

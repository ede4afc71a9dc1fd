import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../identity/api.js';
import { Section } from '../../ui/Section.js';
import { announcementsQuery, threadsQuery } from './api.js';
import { AnnouncementItem } from './AnnouncementItem.js';
import { canWrite } from './roles.js';
import '../formats/fd.css';
import './messages.css';

/** On the home page: the unread count of conversations (families and teachers) and the latest announcement (everyone in a school). */
export function MessagesHomeSections({ me }: { me: Me }) {
  const { t } = useTranslation('messages');
  const writes = canWrite(me);
  const inSchool = me.roles.some((g) => g.scope.organisationId !== null);
  const threads = useQuery({ ...threadsQuery, enabled: writes });
  const announcements = useQuery({ ...announcementsQuery, enabled: inSchool });
  if (!writes && !inSchool) return null;
  const latest = announcements.data?.items[0];
  return (
    <Section title={t('homeTitle')}>
      {writes && threads.data && <p>{threads.data.unread > 0 ? <strong>{t('unreadTotal', { count: threads.data.unread })}</strong> : t('allRead')}</p>}
      {latest && (
        <>
          <p className="muted">{t('announcements.latest')}</p>
          <AnnouncementItem a={latest} />
        </>
      )}
      <ul className="fd-links">
        {writes && (
          <li>
            <Link to="/messages" search={{}}>
              {t('open')}
            </Link>
          </li>
        )}
        <li>
          <Link to="/messages/announcements">{t('announcements.link')}</Link>
        </li>
      </ul>
    </Section>
  );
}

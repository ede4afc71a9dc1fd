import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../identity/api.js';
import { Section } from '../../ui/Section.js';

const UPLOADERS = ['teacher', 'homeroom', 'ministry_officer'];

/** Links on the home page: the archive and the TV grid for everyone; upload for teachers; the grid import for the ministry. */
export function VideoHomeSections({ me }: { me: Me }) {
  const { t } = useTranslation('video');
  const roles = new Set(me.roles.map((g) => g.role as string));
  return (
    <Section title={t('title')}>
      <ul className="plain-list">
        <li>
          <Link to="/video/archive">{t('home.archive')}</Link>
        </li>
        <li>
          <Link to="/tv">{t('home.tv')}</Link>
        </li>
        {UPLOADERS.some((r) => roles.has(r)) && (
          <li>
            <Link to="/video/upload">{t('home.upload')}</Link>
          </li>
        )}
        {(roles.has('ministry_officer') || roles.has('region_officer')) && (
          <li>
            <Link to="/video/tv-import">{t('home.tvImport')}</Link>
          </li>
        )}
        {(roles.has('ministry_officer') || roles.has('region_officer')) && (
          <li>
            <Link to="/video/tv-channels">{t('home.channels')}</Link>
          </li>
        )}
      </ul>
    </Section>
  );
}

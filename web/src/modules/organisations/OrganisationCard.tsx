import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatNumber, localised } from '../../ui/format.js';
import type { Organisation } from './api.js';

/** One organisation in a list: its name (link to its page), kind, place and size. */
export function OrganisationCard({ organisation: o, headingLevel = 3 }: { organisation: Organisation; headingLevel?: 3 | 4 }) {
  const { t, i18n } = useTranslation('organisations');
  const lang = i18n.language;
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="org-card">
      <Heading className="org-card__name">
        <Link to="/organisations/$organisationId" params={{ organisationId: o.id }}>
          {localised(o.name, lang)}
        </Link>
      </Heading>
      <p className="muted">
        {t(`kinds.${o.kind}`)} · {localised(o.district.name, lang)}, {localised(o.settlement.name, lang)}
      </p>
      <p>
        {t('organisation.pupils')}: <strong>{formatNumber(o.pupilCount, lang)}</strong>
      </p>
    </div>
  );
}

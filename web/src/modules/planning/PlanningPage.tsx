import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../ui/feedback.js';
import { localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { organisationQuery } from '../organisations/api.js';
import { BellsTab, CalendarTab, PlanTab } from './SetupTabs.js';
import { TimetableTab, type ViewKind } from './TimetableTab.js';
import './planning.css';

export type PlanningTab = 'timetable' | 'bells' | 'calendar' | 'plan';
export const PLANNING_TABS: readonly PlanningTab[] = ['timetable', 'bells', 'calendar', 'plan'];

export interface PlanningSearch {
  tab?: PlanningTab;
  termId?: number;
  view?: ViewKind;
  of?: number;
}

/**
 * The school year of one organisation, for its admin: the timetable builder, bells per shift, terms
 * and holidays, and the teaching plan, one tab each (the address keeps the tab and the choices, so a
 * refresh or a shared link opens the same view).
 */
export default function PlanningPage({
  organisationId,
  search,
  onSearch,
}: {
  organisationId: number;
  search: PlanningSearch;
  onSearch: (next: PlanningSearch) => void;
}) {
  const { t, i18n } = useTranslation('planning');
  const organisation = useQuery(organisationQuery(organisationId));
  const tab = search.tab ?? 'timetable';
  useTitle(`${t(`tabs.${tab}`)} · ${t('title')}`);
  return (
    <QueryView query={organisation} heading={t('title')}>
      {(org) => (
        <>
          <h1>
            {t('title')}: {localised(org.name, i18n.language)}
          </h1>
          <nav aria-label={t('title')} className="pl-tabs">
            <ul>
              {PLANNING_TABS.map((x) => (
                <li key={x}>
                  <Link
                    to="/planning/organisations/$organisationId"
                    params={{ organisationId }}
                    search={{ tab: x === 'timetable' ? undefined : x }}
                    aria-current={x === tab ? 'page' : undefined}
                  >
                    {t(`tabs.${x}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {tab === 'timetable' && (
            <TimetableTab
              organisationId={organisationId}
              termId={search.termId}
              view={search.view ?? 'class'}
              of={search.of}
              onChange={(next) => onSearch({ ...search, ...next })}
            />
          )}
          {tab === 'bells' && <BellsTab organisationId={organisationId} />}
          {tab === 'calendar' && <CalendarTab organisationId={organisationId} />}
          {tab === 'plan' && <PlanTab organisationId={organisationId} />}
        </>
      )}
    </QueryView>
  );
}

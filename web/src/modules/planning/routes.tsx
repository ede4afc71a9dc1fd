import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import type { PlanningSearch, PlanningTab } from './PlanningPage.js';

/** The school-year pages: one download, fetched when an admin first opens them. */
const PlanningPage = lazyRouteComponent(() => import('./PlanningPage.js'));

const toId = (value: unknown): number | undefined => {
  const s = String(value ?? '');
  return /^[1-9]\d{0,14}$/.test(s) ? Number(s) : undefined;
};
const TABS: readonly string[] = ['timetable', 'bells', 'calendar', 'plan'];
const VIEWS: readonly string[] = ['class', 'teacher', 'room'];

/** `?tab=bells&termId=3&view=teacher&of=12`, anything else dropped. */
export const planningSearch = (s: Record<string, unknown>): PlanningSearch => ({
  tab: TABS.includes(String(s.tab)) && s.tab !== 'timetable' ? (s.tab as PlanningTab) : undefined,
  termId: toId(s.termId),
  view: VIEWS.includes(String(s.view)) && s.view !== 'class' ? (s.view as PlanningSearch['view']) : undefined,
  of: toId(s.of),
});

/** The routes under the signed-in layout given as `parent` (casts: see learning/routes.tsx). */
export function planningRoutes<TParent extends AnyRoute>(parent: TParent) {
  const page = createRoute({
    getParentRoute: () => parent,
    path: '/planning/organisations/$organisationId',
    params: {
      parse: (raw: { organisationId: string }) => ({ organisationId: toId(raw.organisationId) ?? 0 }),
      stringify: (p: { organisationId: number }) => ({ organisationId: String(p.organisationId) }),
    },
    validateSearch: planningSearch,
    component: function PlanningRoute() {
      const { organisationId } = page.useParams() as { organisationId: number };
      const search = page.useSearch() as PlanningSearch;
      const navigate = page.useNavigate();
      return (
        <PlanningPage
          organisationId={organisationId}
          search={search}
          onSearch={(next) => void navigate({ search: planningSearch(next as Record<string, unknown>) as never, replace: true })}
        />
      );
    },
  });
  return [page] as const;
}

import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';

/** The analytics dashboard (its own download, with chart.js inside it): `/analytics?area=region:3`. */
const AnalyticsPage = lazyRouteComponent(() => import('./AnalyticsPage.js'), 'AnalyticsPage');
const ReportsPage = lazyRouteComponent(() => import('./ReportsPage.js'), 'ReportsPage');

const areaSearch = (s: Record<string, unknown>): { area?: string } => {
  const a = String(s.area ?? '');
  return /^(country|(region|district|organisation|class):[1-9]\d{0,9})$/.test(a) ? { area: a } : {};
};

export function analyticsRoutes<TParent extends AnyRoute>(parent: TParent) {
  const page = createRoute({
    getParentRoute: () => parent,
    path: '/analytics',
    validateSearch: areaSearch,
    component: function AnalyticsRoute() {
      const { area } = page.useSearch() as { area?: string };
      return <AnalyticsPage area={area} />;
    },
  });
  const reports = createRoute({
    getParentRoute: () => parent,
    path: '/analytics/reports',
    component: function AnalyticsReportsRoute() {
      return <ReportsPage />;
    },
  });
  return [page, reports] as const;
}

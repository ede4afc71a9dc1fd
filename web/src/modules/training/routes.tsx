import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';

/** Teacher training: `/training` (a teacher's courses), `/training/admin/<org>` (enrolment), `/training/coverage?area=…`. */
const MyTrainingPage = lazyRouteComponent(() => import('./MyTrainingPage.js'), 'MyTrainingPage');
const AdminTrainingPage = lazyRouteComponent(() => import('./AdminTrainingPage.js'), 'AdminTrainingPage');
const CoveragePage = lazyRouteComponent(() => import('./CoveragePage.js'), 'CoveragePage');

const areaSearch = (s: Record<string, unknown>): { area?: string } => {
  const a = String(s.area ?? '');
  return /^(country|(region|district|organisation):[1-9]\d{0,9})$/.test(a) ? { area: a } : {};
};

export function trainingRoutes<TParent extends AnyRoute>(parent: TParent) {
  const mine = createRoute({ getParentRoute: () => parent, path: '/training', component: MyTrainingPage });
  const admin = createRoute({
    getParentRoute: () => parent,
    path: '/training/admin/$organisationId',
    params: { parse: (p: { organisationId: string }) => ({ organisationId: Number(p.organisationId) }), stringify: (p: { organisationId: number }) => ({ organisationId: String(p.organisationId) }) },
    component: function AdminTrainingRoute() {
      const { organisationId } = admin.useParams() as { organisationId: number };
      return <AdminTrainingPage organisationId={organisationId} />;
    },
  });
  const coverage = createRoute({
    getParentRoute: () => parent,
    path: '/training/coverage',
    validateSearch: areaSearch,
    component: function CoverageRoute() {
      const { area } = coverage.useSearch() as { area?: string };
      return <CoveragePage area={area} />;
    },
  });
  return [mine, admin, coverage] as const;
}

import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';

/** Transfer pages, downloaded when first opened. */
const TransfersPage = lazyRouteComponent(() => import('./TransfersPage.js'), 'TransfersPage');
const OverduePage = lazyRouteComponent(() => import('./TransfersPage.js'), 'OverduePage');

const toId = (value: unknown): number => {
  const s = String(value ?? '');
  return /^[1-9]\d{0,14}$/.test(s) ? Number(s) : 0;
};

/** The routes under the signed-in layout given as `parent` (casts: see learning/routes.tsx). */
export function transfersRoutes<TParent extends AnyRoute>(parent: TParent) {
  const org = createRoute({
    getParentRoute: () => parent,
    path: '/transfers/organisations/$organisationId',
    params: {
      parse: (raw: { organisationId: string }) => ({ organisationId: toId(raw.organisationId) }),
      stringify: (p: { organisationId: number }) => ({ organisationId: String(p.organisationId) }),
    },
    component: function TransfersRoute() {
      const { organisationId } = org.useParams() as { organisationId: number };
      return <TransfersPage organisationId={organisationId} />;
    },
  });
  const overdue = createRoute({
    getParentRoute: () => parent,
    path: '/transfers/overdue',
    component: function OverdueRoute() {
      return <OverduePage />;
    },
  });
  return [org, overdue] as const;
}

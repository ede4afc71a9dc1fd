import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';

/** "My account and data" and the admin's erasure requests, each downloaded when first opened. */
const MyDataPage = lazyRouteComponent(() => import('./MyDataPage.js'), 'MyDataPage');
const ErasureRequestsPage = lazyRouteComponent(() => import('./ErasureRequestsPage.js'), 'ErasureRequestsPage');

const toId = (value: unknown): number => {
  const s = String(value ?? '');
  return /^[1-9]\d{0,14}$/.test(s) ? Number(s) : 0;
};

/** The routes under the signed-in layout given as `parent` (casts: see learning/routes.tsx). */
export function privacyRoutes<TParent extends AnyRoute>(parent: TParent) {
  const mine = createRoute({
    getParentRoute: () => parent,
    path: '/me',
    component: function MyDataRoute() {
      return <MyDataPage />;
    },
  });
  const admin = createRoute({
    getParentRoute: () => parent,
    path: '/privacy/organisations/$organisationId',
    params: {
      parse: (raw: { organisationId: string }) => ({ organisationId: toId(raw.organisationId) }),
      stringify: (p: { organisationId: number }) => ({ organisationId: String(p.organisationId) }),
    },
    component: function ErasureRequestsRoute() {
      const { organisationId } = admin.useParams() as { organisationId: number };
      return <ErasureRequestsPage organisationId={organisationId} />;
    },
  });
  return [mine, admin] as const;
}

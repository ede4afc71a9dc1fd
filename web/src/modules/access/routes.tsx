import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { meQuery } from '../identity/api.js';

/** Campus-access pages, each its own download (a student never downloads the scanner or qr-scanner). */
const MyPassPage = lazyRouteComponent(() => import('./MyPassPage.js'), 'MyPassPage');
const GatePage = lazyRouteComponent(() => import('./GatePage.js'), 'GatePage');
const HealthPage = lazyRouteComponent(() => import('./HealthPage.js'), 'HealthPage');
const CampusAdminPage = lazyRouteComponent(() => import('./CampusAdminPage.js'), 'CampusAdminPage');
const RulesPage = lazyRouteComponent(() => import('./RulesPage.js'), 'RulesPage');

const toId = (value: unknown): number => {
  const s = String(value ?? '');
  return /^[1-9]\d{0,14}$/.test(s) ? Number(s) : 0;
};
const idParams = <K extends string>(key: K) => ({
  parse: (raw: Record<K, string>) => ({ [key]: toId(raw[key]) }) as Record<K, number>,
  stringify: (p: Record<K, number>) => ({ [key]: String(p[key]) }) as Record<K, string>,
});

/** The routes under the signed-in layout given as `parent` (casts: see learning/routes.tsx). */
export function accessRoutes<TParent extends AnyRoute>(parent: TParent) {
  const pass = createRoute({
    getParentRoute: () => parent,
    path: '/access/pass',
    component: function AccessPassRoute() {
      const me = useQuery(meQuery);
      return me.data ? <MyPassPage me={me.data} /> : null;
    },
  });
  const gate = createRoute({
    getParentRoute: () => parent,
    path: '/access/gate',
    component: function AccessGateRoute() {
      const me = useQuery(meQuery);
      return me.data ? <GatePage me={me.data} /> : null;
    },
  });
  const health = createRoute({
    getParentRoute: () => parent,
    path: '/access/health/$organisationId',
    params: idParams('organisationId'),
    component: function AccessHealthRoute() {
      const { organisationId } = health.useParams() as { organisationId: number };
      return <HealthPage organisationId={organisationId} />;
    },
  });
  const admin = createRoute({
    getParentRoute: () => parent,
    path: '/access/admin/$organisationId',
    params: idParams('organisationId'),
    component: function AccessAdminRoute() {
      const { organisationId } = admin.useParams() as { organisationId: number };
      return <CampusAdminPage organisationId={organisationId} />;
    },
  });
  const rules = createRoute({
    getParentRoute: () => parent,
    path: '/access/rules',
    component: function AccessRulesRoute() {
      const me = useQuery(meQuery);
      return me.data ? <RulesPage me={me.data} /> : null;
    },
  });
  return [pass, gate, health, admin, rules] as const;
}

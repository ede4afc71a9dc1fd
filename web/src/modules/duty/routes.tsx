import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';

/**
 * Duty-class pages, each its own download fetched when first opened (a parent never downloads the
 * admin's grouping screen). The wrappers turn the address into props, so pages do not know the router.
 */
const ParentDutyPage = lazyRouteComponent(() => import('./ParentDutyPage.js'), 'ParentDutyPage');
const AdminDutyPage = lazyRouteComponent(() => import('./AdminDutyPage.js'), 'AdminDutyPage');
const WindowPage = lazyRouteComponent(() => import('./WindowPage.js'), 'WindowPage');
const TotalsPage = lazyRouteComponent(() => import('./TotalsPage.js'), 'TotalsPage');
const DutySettingsPage = lazyRouteComponent(() => import('./SettingsPage.js'), 'DutySettingsPage');

/** A database id from the address; 0 (which no page finds) for anything else. */
export const toId = (value: unknown): number => {
  const s = String(value ?? '');
  return /^[1-9]\d{0,14}$/.test(s) ? Number(s) : 0;
};
const optionalId = (value: unknown) => toId(value) || undefined;

const idParams = <K extends string>(key: K) => ({
  parse: (raw: Record<K, string>) => ({ [key]: toId(raw[key]) }) as Record<K, number>,
  stringify: (p: Record<K, number>) => ({ [key]: String(p[key]) }) as Record<K, string>,
});

/** Area filters of officers' pages: `?regionId=3&districtId=7`, anything else dropped. */
export const areaSearch = (s: Record<string, unknown>): { regionId?: number; districtId?: number } => ({
  regionId: optionalId(s.regionId),
  districtId: optionalId(s.districtId),
});

/** The routes under the signed-in layout given as `parent` (casts: see learning/routes.tsx). */
export function dutyRoutes<TParent extends AnyRoute>(parent: TParent) {
  const parentPage = createRoute({
    getParentRoute: () => parent,
    path: '/duty',
    component: function DutyRoute() {
      return <ParentDutyPage />;
    },
  });
  const admin = createRoute({
    getParentRoute: () => parent,
    path: '/duty/organisations/$organisationId',
    params: idParams('organisationId'),
    component: function DutyAdminRoute() {
      const { organisationId } = admin.useParams() as { organisationId: number };
      return <AdminDutyPage organisationId={organisationId} />;
    },
  });
  const window = createRoute({
    getParentRoute: () => parent,
    path: '/duty/windows/$windowId',
    params: idParams('windowId'),
    component: function DutyWindowRoute() {
      const { windowId } = window.useParams() as { windowId: number };
      return <WindowPage windowId={windowId} />;
    },
  });
  const totals = createRoute({
    getParentRoute: () => parent,
    path: '/duty/totals',
    validateSearch: areaSearch,
    component: function DutyTotalsRoute() {
      const { regionId, districtId } = totals.useSearch() as ReturnType<typeof areaSearch>;
      return <TotalsPage regionId={regionId} districtId={districtId} />;
    },
  });
  const settings = createRoute({ getParentRoute: () => parent, path: '/duty/settings', component: DutySettingsPage });
  return [parentPage, admin, window, totals, settings] as const;
}

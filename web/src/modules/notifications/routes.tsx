import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';

const NotificationsPage = lazyRouteComponent(() => import('./NotificationsPage.js'), 'NotificationsPage');
const PreferencesPage = lazyRouteComponent(() => import('./PreferencesPage.js'), 'PreferencesPage');

/** The notifications list under the signed-in layout given as `parent`; `?page=2` turns pages. */
export function notificationsRoutes<TParent extends AnyRoute>(parent: TParent) {
  const list = createRoute({
    getParentRoute: () => parent,
    path: '/notifications',
    validateSearch: (s: Record<string, unknown>): { page?: number } => {
      const page = Number(s.page);
      return { page: Number.isInteger(page) && page > 1 && page <= 100_000 ? page : undefined };
    },
    component: function NotificationsRoute() {
      const { page } = list.useSearch() as { page?: number };
      const navigate = list.useNavigate();
      return <NotificationsPage page={page ?? 1} onPage={(p) => void navigate({ search: { page: p > 1 ? p : undefined } as never })} />;
    },
  });
  const settings = createRoute({ getParentRoute: () => parent, path: '/notifications/settings', component: PreferencesPage });
  return [list, settings] as const;
}

import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { meQuery } from '../identity/api.js';

const SuppliesPage = lazyRouteComponent(() => import('./SuppliesPage.js'), 'SuppliesPage');

/** `/supplies`: one page whose sections follow the roles (parent, school admin, officer); its own download. */
export function suppliesRoutes<TParent extends AnyRoute>(parent: TParent) {
  const page = createRoute({
    getParentRoute: () => parent,
    path: '/supplies',
    component: function SuppliesRoute() {
      const me = useQuery(meQuery);
      return me.data ? <SuppliesPage me={me.data} /> : null;
    },
  });
  return [page] as const;
}

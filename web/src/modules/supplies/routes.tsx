import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { meQuery } from '../identity/api.js';

const SuppliesPage = lazyRouteComponent(() => import('./SuppliesPage.js'), 'SuppliesPage');
const TextbookSupplyPage = lazyRouteComponent(() => import('./TextbookSupplyPage.js'), 'TextbookSupplyPage');

/**
 * `/supplies`: one page whose sections follow the roles (parent, school admin, officer);
 * `/supplies/textbooks`: the textbook supply (deliveries, progress, orders and the dispatch plan). Each its own download.
 */
export function suppliesRoutes<TParent extends AnyRoute>(parent: TParent) {
  const page = createRoute({
    getParentRoute: () => parent,
    path: '/supplies',
    component: function SuppliesRoute() {
      const me = useQuery(meQuery);
      return me.data ? <SuppliesPage me={me.data} /> : null;
    },
  });
  const textbooks = createRoute({
    getParentRoute: () => parent,
    path: '/supplies/textbooks',
    component: function TextbookSupplyRoute() {
      const me = useQuery(meQuery);
      return me.data ? <TextbookSupplyPage me={me.data} /> : null;
    },
  });
  return [page, textbooks] as const;
}

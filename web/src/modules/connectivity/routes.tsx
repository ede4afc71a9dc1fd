import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { meQuery } from '../identity/api.js';

const ConnectivityPage = lazyRouteComponent(() => import('./ConnectivityPage.js'), 'ConnectivityPage');

/** `/connectivity`: the register for officers, the cut-off pupils for a school; its own download. */
export function connectivityRoutes<TParent extends AnyRoute>(parent: TParent) {
  const page = createRoute({
    getParentRoute: () => parent,
    path: '/connectivity',
    component: function ConnectivityRoute() {
      const me = useQuery(meQuery);
      return me.data ? <ConnectivityPage me={me.data} /> : null;
    },
  });
  return [page] as const;
}

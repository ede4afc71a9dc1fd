import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';

/** The admin's classes and people pages: one download, fetched when first opened. */
const SchoolPage = lazyRouteComponent(() => import('./SchoolPage.js'));
const ClassAdminPage = lazyRouteComponent(() => import('./ClassAdminPage.js'));

const idParams = <K extends string>(key: K) => ({
  parse: (raw: Record<K, string>) => ({ [key]: /^[1-9]\d{0,14}$/.test(raw[key]) ? Number(raw[key]) : 0 }) as Record<K, number>,
  stringify: (p: Record<K, number>) => ({ [key]: String(p[key]) }) as Record<K, string>,
});

/** The routes under the signed-in layout given as `parent`. */
export function schoolRoutes<TParent extends AnyRoute>(parent: TParent) {
  const organisation = createRoute({
    getParentRoute: () => parent,
    path: '/school/organisations/$organisationId',
    params: idParams('organisationId'),
    component: function SchoolRoute() {
      const { organisationId } = organisation.useParams() as { organisationId: number };
      return <SchoolPage organisationId={organisationId} />;
    },
  });
  const cls = createRoute({
    getParentRoute: () => parent,
    path: '/school/classes/$classId',
    params: idParams('classId'),
    component: function ClassAdminRoute() {
      const { classId } = cls.useParams() as { classId: number };
      return <ClassAdminPage classId={classId} />;
    },
  });
  return [organisation, cls] as const;
}

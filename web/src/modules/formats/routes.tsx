import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import { areaSearch, toId } from '../duty/routes.js';

/** Learning-format pages, each its own download (officers' pages are never fetched by families). */
const FormatsPage = lazyRouteComponent(() => import('./FormatsPage.js'), 'FormatsPage');
const OrganisationFormatsPage = lazyRouteComponent(() => import('./OrganisationFormatsPage.js'), 'OrganisationFormatsPage');
const RulesPage = lazyRouteComponent(() => import('./RulesPage.js'), 'RulesPage');
const FormatsSettingsPage = lazyRouteComponent(() => import('./SettingsPage.js'), 'FormatsSettingsPage');

/** The routes under the signed-in layout given as `parent` (casts: see learning/routes.tsx). */
export function formatsRoutes<TParent extends AnyRoute>(parent: TParent) {
  const hub = createRoute({
    getParentRoute: () => parent,
    path: '/formats',
    validateSearch: areaSearch,
    component: function FormatsRoute() {
      const { regionId, districtId } = hub.useSearch() as ReturnType<typeof areaSearch>;
      // keyed by the area: drilling down starts each list (and its open forms) afresh
      return <FormatsPage key={`${regionId ?? ''}-${districtId ?? ''}`} regionId={regionId} districtId={districtId} />;
    },
  });
  const organisation = createRoute({
    getParentRoute: () => parent,
    path: '/formats/organisations/$organisationId',
    params: {
      parse: (raw: { organisationId: string }) => ({ organisationId: toId(raw.organisationId) }),
      stringify: (p: { organisationId: number }) => ({ organisationId: String(p.organisationId) }),
    },
    component: function OrganisationFormatsRoute() {
      const { organisationId } = organisation.useParams() as { organisationId: number };
      return <OrganisationFormatsPage organisationId={organisationId} />;
    },
  });
  const rules = createRoute({
    getParentRoute: () => parent,
    path: '/formats/rules',
    validateSearch: (s: Record<string, unknown>): { regionId?: number } => ({ regionId: areaSearch(s).regionId }),
    component: function RulesRoute() {
      const { regionId } = rules.useSearch() as { regionId?: number };
      return <RulesPage key={regionId ?? 'country'} regionId={regionId} />;
    },
  });
  const settings = createRoute({ getParentRoute: () => parent, path: '/formats/settings', component: FormatsSettingsPage });
  return [hub, organisation, rules, settings] as const;
}

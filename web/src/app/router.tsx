import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import type { QueryClient } from '@tanstack/react-query';
import { meQuery } from '../modules/identity/api.js';
// pages are fetched when first opened (slow links): a pupil's first visit downloads only Today
const SignInPage = lazyRouteComponent(() => import('../modules/identity/SignInPage.js'), 'SignInPage');
const OrganisationPage = lazyRouteComponent(() => import('../modules/organisations/OrganisationPage.js'), 'OrganisationPage');
const ClassPage = lazyRouteComponent(() => import('../modules/organisations/ClassPage.js'), 'ClassPage');
const ImportPage = lazyRouteComponent(() => import('../modules/onboarding/ImportPage.js'));
const ActivatePage = lazyRouteComponent(() => import('../modules/onboarding/ActivatePage.js'));
import { Layout } from './Layout.js';
import { HomePage } from './HomePage.js';
import { NotFoundPage, RouteErrorPage } from './NotFoundPage.js';
import { LanguageSync } from './LanguageSwitch.js';
import { safeRedirect } from './session.js';
import { Loading } from '../ui/feedback.js';
import { learningRoutes } from '../modules/learning/routes.js';
import { formatsRoutes } from '../modules/formats/routes.js';
import { dutyRoutes } from '../modules/duty/routes.js';
import { suppliesRoutes } from '../modules/supplies/routes.js';
import { connectivityRoutes } from '../modules/connectivity/routes.js';
import { notificationsRoutes } from '../modules/notifications/routes.js';
import { planningRoutes } from '../modules/planning/routes.js';
import { privacyRoutes } from '../modules/privacy/routes.js';
import { transfersRoutes } from '../modules/transfers/routes.js';
import { schoolRoutes } from '../modules/school/routes.js';
import { analyticsRoutes } from '../modules/analytics/routes.js';
import { messagesRoutes } from '../modules/messages/routes.js';
import { accessRoutes } from '../modules/access/routes.js';
import { videoPublicRoutes, videoRoutes } from '../modules/video/routes.js';
import { trainingPublicRoutes, trainingRoutes } from '../modules/training/routes.js';
import { qualityRoutes } from '../modules/quality/routes.js';
import { liveRoutes } from '../modules/live/routes.js';

/**
 * Every page of the app, in code (no file scanning). A module adds its page by adding a route here:
 * under `signedIn` when it needs a session, and a wrapper component that turns params into props,
 * so pages do not depend on this file.
 */
export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Layout,
  notFoundComponent: NotFoundPage,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { redirect?: string; ended?: boolean } => ({
    redirect: safeRedirect(search.redirect),
    ended: search.ended === true ? true : undefined,
  }),
  beforeLoad: async ({ context, search }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (me) throw redirect({ href: search.redirect ?? '/' });
  },
  component: function SignInRoute() {
    const { redirect: to, ended } = signInRoute.useSearch();
    return <SignInPage redirectTo={to} sessionEnded={ended === true} />;
  },
});

/** Every page under this one needs a session; without one it sends the person to sign-in and back. */
const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: '/sign-in', search: { redirect: safeRedirect(location.href) } });
    return { me };
  },
  component: function SignedIn() {
    return (
      <>
        <LanguageSync />
        <Outlet />
      </>
    );
  },
});

const homeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/',
  validateSearch: (search: Record<string, unknown>): { page?: number } => {
    const page = Number(search.page);
    return { page: Number.isInteger(page) && page > 1 && page <= 100_000 ? page : undefined };
  },
  component: function HomeRoute() {
    const { me } = homeRoute.useRouteContext();
    const { page } = homeRoute.useSearch();
    const navigate = homeRoute.useNavigate();
    return <HomePage me={me} page={page ?? 1} onPage={(p) => void navigate({ search: { page: p > 1 ? p : undefined } })} />;
  },
});

const idParams = <K extends string>(key: K) => ({
  parse: (raw: Record<K, string>) => ({ [key]: /^[1-9]\d{0,14}$/.test(raw[key]) ? Number(raw[key]) : 0 }) as Record<K, number>,
  stringify: (p: Record<K, number>) => ({ [key]: String(p[key]) }) as Record<K, string>,
});

const organisationRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/organisations/$organisationId',
  params: idParams('organisationId'),
  component: function OrganisationRoute() {
    const { organisationId } = organisationRoute.useParams();
    return <OrganisationPage organisationId={organisationId} />;
  },
});

const classRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/classes/$classId',
  params: idParams('classId'),
  component: function ClassRoute() {
    const { classId } = classRoute.useParams();
    return <ClassPage classId={classId} />;
  },
});

/** The organisation admin's import of classes, people and parent links (the server answers 404 to anyone else). */
const importRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/organisations/$organisationId/import',
  params: idParams('organisationId'),
  component: function ImportRoute() {
    const { organisationId } = importRoute.useParams();
    return <ImportPage organisationId={organisationId} />;
  },
});

/** First sign-in of an imported person with an activation code: no session yet. */
const activateRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/activate',
  component: ActivatePage,
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  activateRoute,
  ...videoPublicRoutes(rootRoute),
  ...trainingPublicRoutes(rootRoute),
  signedInRoute.addChildren([
    homeRoute,
    organisationRoute,
    classRoute,
    importRoute,
    ...learningRoutes(signedInRoute),
    ...formatsRoutes(signedInRoute),
    ...dutyRoutes(signedInRoute),
    ...notificationsRoutes(signedInRoute),
    ...planningRoutes(signedInRoute),
    ...privacyRoutes(signedInRoute),
    ...transfersRoutes(signedInRoute),
    ...schoolRoutes(signedInRoute),
    ...suppliesRoutes(signedInRoute),
    ...connectivityRoutes(signedInRoute),
    ...analyticsRoutes(signedInRoute),
    ...messagesRoutes(signedInRoute),
    ...accessRoutes(signedInRoute),
    ...videoRoutes(signedInRoute),
    ...trainingRoutes(signedInRoute),
    ...qualityRoutes(signedInRoute),
    ...liveRoutes(signedInRoute),
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultErrorComponent: RouteErrorPage,
    defaultPendingComponent: Loading, // shown when a page's data takes longer than a second (slow links)
    defaultPreload: false, // slow links: fetch a page's data when it is opened, not on hover
    scrollRestoration: true,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}

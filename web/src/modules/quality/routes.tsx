import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';

/** Quality of online teaching: `/quality/organisations/<org>` (years), `/quality/organisations/<org>/years/<year>` (the form or the review), `/quality/reviews`, `/quality/framework` (the ministry's editor). */
const HistoryPage = lazyRouteComponent(() => import('./HistoryPage.js'), 'HistoryPage');
const AssessmentPage = lazyRouteComponent(() => import('./AssessmentPage.js'), 'AssessmentPage');
const ReviewsPage = lazyRouteComponent(() => import('./ReviewsPage.js'), 'ReviewsPage');
const FrameworkPage = lazyRouteComponent(() => import('./FrameworkPage.js'), 'FrameworkPage');

const num = (s: string) => Number(s);

export function qualityRoutes<TParent extends AnyRoute>(parent: TParent) {
  const history = createRoute({
    getParentRoute: () => parent,
    path: '/quality/organisations/$organisationId',
    params: {
      parse: (p: { organisationId: string }) => ({ organisationId: num(p.organisationId) }),
      stringify: (p: { organisationId: number }) => ({ organisationId: String(p.organisationId) }),
    },
    component: function QualityHistoryRoute() {
      const { organisationId } = history.useParams() as { organisationId: number };
      return <HistoryPage organisationId={organisationId} />;
    },
  });
  const assessment = createRoute({
    getParentRoute: () => parent,
    path: '/quality/organisations/$organisationId/years/$yearId',
    params: {
      parse: (p: { organisationId: string; yearId: string }) => ({ organisationId: num(p.organisationId), yearId: num(p.yearId) }),
      stringify: (p: { organisationId: number; yearId: number }) => ({ organisationId: String(p.organisationId), yearId: String(p.yearId) }),
    },
    component: function QualityAssessmentRoute() {
      const { organisationId, yearId } = assessment.useParams() as { organisationId: number; yearId: number };
      return <AssessmentPage organisationId={organisationId} yearId={yearId} />;
    },
  });
  const reviews = createRoute({ getParentRoute: () => parent, path: '/quality/reviews', component: ReviewsPage });
  const framework = createRoute({ getParentRoute: () => parent, path: '/quality/framework', component: FrameworkPage });
  return [history, assessment, reviews, framework] as const;
}

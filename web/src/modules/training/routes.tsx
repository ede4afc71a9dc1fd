import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';

/**
 * Teacher training: `/training` (a teacher's courses), `/training/enrolments/<id>` (a course built in
 * Sabaq: modules, quizzes), `/training/admin/<org>` (enrolment), `/training/coverage?area=…`,
 * `/training/courses` (ministry: courses, withdrawal) and `/training/courses/<id>/edit` (the editor).
 */
const MyTrainingPage = lazyRouteComponent(() => import('./MyTrainingPage.js'), 'MyTrainingPage');
const AdminTrainingPage = lazyRouteComponent(() => import('./AdminTrainingPage.js'), 'AdminTrainingPage');
const CoveragePage = lazyRouteComponent(() => import('./CoveragePage.js'), 'CoveragePage');
const ImportCompletionsPage = lazyRouteComponent(() => import('./ImportCompletionsPage.js'), 'ImportCompletionsPage');
const CoursePage = lazyRouteComponent(() => import('./CoursePage.js'), 'CoursePage');
const CourseEditorPage = lazyRouteComponent(() => import('./CourseEditorPage.js'), 'CourseEditorPage');
const ManageCoursesPage = lazyRouteComponent(() => import('./ManageCoursesPage.js'), 'ManageCoursesPage');
const CertificateCheckPage = lazyRouteComponent(() => import('./CertificateCheckPage.js'), 'CertificateCheckPage');

const areaSearch = (s: Record<string, unknown>): { area?: string } => {
  const a = String(s.area ?? '');
  return /^(country|(region|district|organisation):[1-9]\d{0,9})$/.test(a) ? { area: a } : {};
};

export function trainingRoutes<TParent extends AnyRoute>(parent: TParent) {
  const mine = createRoute({ getParentRoute: () => parent, path: '/training', component: MyTrainingPage });
  const admin = createRoute({
    getParentRoute: () => parent,
    path: '/training/admin/$organisationId',
    params: {
      parse: (p: { organisationId: string }) => ({ organisationId: Number(p.organisationId) }),
      stringify: (p: { organisationId: number }) => ({ organisationId: String(p.organisationId) }),
    },
    component: function AdminTrainingRoute() {
      const { organisationId } = admin.useParams() as { organisationId: number };
      return <AdminTrainingPage organisationId={organisationId} />;
    },
  });
  const coverage = createRoute({
    getParentRoute: () => parent,
    path: '/training/coverage',
    validateSearch: areaSearch,
    component: function CoverageRoute() {
      const { area } = coverage.useSearch() as { area?: string };
      return <CoveragePage area={area} />;
    },
  });
  const importCompletions = createRoute({ getParentRoute: () => parent, path: '/training/import', component: ImportCompletionsPage });
  const idParams = <K extends string>(key: K) => ({
    parse: (p: Record<K, string>) => ({ [key]: Number(p[key]) }) as Record<K, number>,
    stringify: (p: Record<K, number>) => ({ [key]: String(p[key]) }) as Record<K, string>,
  });
  const course = createRoute({
    getParentRoute: () => parent,
    path: '/training/enrolments/$enrolmentId',
    params: idParams('enrolmentId'),
    component: function CourseRoute() {
      const { enrolmentId } = course.useParams() as { enrolmentId: number };
      return <CoursePage enrolmentId={enrolmentId} />;
    },
  });
  const manage = createRoute({ getParentRoute: () => parent, path: '/training/courses', component: ManageCoursesPage });
  const editor = createRoute({
    getParentRoute: () => parent,
    path: '/training/courses/$courseId/edit',
    params: idParams('courseId'),
    component: function CourseEditorRoute() {
      const { courseId } = editor.useParams() as { courseId: number };
      return <CourseEditorPage courseId={courseId} />;
    },
  });
  return [mine, admin, coverage, importCompletions, course, manage, editor] as const;
}

/** The public certificate check, under the root (no sign-in): `/certificates` and `/certificates/<code>`. */
export function trainingPublicRoutes<TParent extends AnyRoute>(root: TParent) {
  const form = createRoute({
    getParentRoute: () => root,
    path: '/certificates',
    component: function CertificateFormRoute() {
      const navigate = form.useNavigate();
      return <CertificateCheckPage onCheck={(code) => void navigate({ to: '/certificates/$code', params: { code } as never })} />;
    },
  });
  const check = createRoute({
    getParentRoute: () => root,
    path: '/certificates/$code',
    component: function CertificateCheckRoute() {
      const { code } = check.useParams() as { code: string };
      const navigate = check.useNavigate();
      return <CertificateCheckPage code={code} onCheck={(c) => void navigate({ to: '/certificates/$code', params: { code: c } as never })} />;
    },
  });
  return [form, check] as const;
}

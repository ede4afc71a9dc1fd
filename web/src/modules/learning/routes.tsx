import { lazy, Suspense, type ComponentType } from 'react';
import { createRoute, type AnyRoute } from '@tanstack/react-router';
import { Loading } from '../../ui/feedback.js';
import { isIsoDate } from './time.js';

/**
 * The e-journal's pages. Each page is its own download (React.lazy), fetched when it is first
 * opened: a pupil never downloads the journal grid, a teacher never the diary. The route wrappers
 * here turn the address into props, so pages do not depend on the router.
 */
const page = <P extends object>(load: () => Promise<{ default: ComponentType<P> }>) => {
  const Page = lazy(load);
  // biome-ignore lint/correctness/noComponentHookFactories: called once per page at module level, so each component is stable
  return function LazyPage(props: P) {
    return (
      <Suspense fallback={<Loading />}>
        <Page {...props} />
      </Suspense>
    );
  };
};

const PupilDayPage = page(() => import('./pages/PupilDayPage.js'));
const WeekDiaryPage = page(() => import('./pages/WeekDiaryPage.js'));
const PupilSummaryPage = page(() => import('./pages/PupilSummaryPage.js'));
const HomeworkPage = page(() => import('./pages/HomeworkPage.js'));
const LessonPage = page(() => import('./pages/LessonPage.js'));
const JournalPage = page(() => import('./pages/JournalPage.js'));
const InboxPage = page(() => import('./pages/InboxPage.js'));
const SubmissionPage = page(() => import('./pages/SubmissionPage.js'));
const ClassSummaryPage = page(() => import('./pages/ClassSummaryPage.js'));
const AnnouncementsPage = page(() => import('./pages/AnnouncementsPage.js'));
const TeacherWeekPage = page(() => import('./pages/TeacherWeekPage.js'));

/** A database id from the address; 0 (which no page finds) for anything else. */
export function toId(value: unknown): number {
  const s = String(value ?? '');
  return /^[1-9]\d{0,14}$/.test(s) ? Number(s) : 0;
}
const optionalId = (value: unknown) => toId(value) || undefined;
const optionalDate = (value: unknown) => (isIsoDate(value) ? value : undefined);

const idParams = <K extends string>(key: K) => ({
  parse: (raw: Record<K, string>) => ({ [key]: toId(raw[key]) }) as Record<K, number>,
  stringify: (p: Record<K, number>) => ({ [key]: String(p[key]) }) as Record<K, string>,
});

/**
 * The routes, under the signed-in layout given as `parent`. (Inside this generic function the
 * router cannot compute each route's params, hence the casts in the wrappers; the route tree that
 * router.tsx builds from them is fully typed, so every `<Link to="/learning/…">` is checked.)
 */
export function learningRoutes<TParent extends AnyRoute>(parent: TParent) {
  const pupilDay = createRoute({
    getParentRoute: () => parent,
    path: '/learning/pupils/$pupilId',
    params: idParams('pupilId'),
    validateSearch: (s: Record<string, unknown>): { date?: string } => ({ date: optionalDate(s.date) }),
    component: function PupilDayRoute() {
      const { pupilId } = pupilDay.useParams() as { pupilId: number };
      const { date } = pupilDay.useSearch() as { date?: string };
      return <PupilDayPage pupilId={pupilId} date={date} />;
    },
  });
  const week = createRoute({
    getParentRoute: () => parent,
    path: '/learning/pupils/$pupilId/week',
    params: idParams('pupilId'),
    validateSearch: (s: Record<string, unknown>): { from?: string } => ({ from: optionalDate(s.from) }),
    component: function WeekRoute() {
      const { pupilId } = week.useParams() as { pupilId: number };
      const { from } = week.useSearch() as { from?: string };
      return <WeekDiaryPage pupilId={pupilId} from={from} />;
    },
  });
  const marks = createRoute({
    getParentRoute: () => parent,
    path: '/learning/pupils/$pupilId/marks',
    params: idParams('pupilId'),
    validateSearch: (s: Record<string, unknown>): { termId?: number } => ({ termId: optionalId(s.termId) }),
    component: function MarksRoute() {
      const { pupilId } = marks.useParams() as { pupilId: number };
      const { termId } = marks.useSearch() as { termId?: number };
      return <PupilSummaryPage pupilId={pupilId} termId={termId} />;
    },
  });
  const homework = createRoute({
    getParentRoute: () => parent,
    path: '/learning/homework/$homeworkId',
    params: idParams('homeworkId'),
    validateSearch: (s: Record<string, unknown>): { pupilId?: number } => ({ pupilId: optionalId(s.pupilId) }),
    component: function HomeworkRoute() {
      const { homeworkId } = homework.useParams() as { homeworkId: number };
      const { pupilId } = homework.useSearch() as { pupilId?: number };
      return <HomeworkPage homeworkId={homeworkId} pupilId={pupilId} />;
    },
  });
  const lesson = createRoute({
    getParentRoute: () => parent,
    path: '/learning/lessons/$lessonId',
    params: idParams('lessonId'),
    component: function LessonRoute() {
      const { lessonId } = lesson.useParams() as { lessonId: number };
      return <LessonPage lessonId={lessonId} />;
    },
  });
  const journal = createRoute({
    getParentRoute: () => parent,
    path: '/learning/journal',
    validateSearch: (s: Record<string, unknown>): { classId: number; subjectId: number; termId?: number } => ({
      classId: toId(s.classId),
      subjectId: toId(s.subjectId),
      termId: optionalId(s.termId),
    }),
    component: function JournalRoute() {
      const { classId, subjectId, termId } = journal.useSearch() as { classId: number; subjectId: number; termId?: number };
      return <JournalPage classId={classId} subjectId={subjectId} termId={termId} />;
    },
  });
  const inbox = createRoute({
    getParentRoute: () => parent,
    path: '/learning/inbox',
    validateSearch: (s: Record<string, unknown>): { classId?: number; subjectId?: number; homeworkId?: number; all?: boolean; page?: number } => ({
      classId: optionalId(s.classId),
      subjectId: optionalId(s.subjectId),
      homeworkId: optionalId(s.homeworkId),
      all: s.all === true || s.all === 'true' ? true : undefined,
      page: (toId(s.page) || 1) > 1 ? toId(s.page) : undefined,
    }),
    component: function InboxRoute() {
      const search = inbox.useSearch() as { classId?: number; subjectId?: number; homeworkId?: number; all?: boolean; page?: number };
      return <InboxPage {...search} />;
    },
  });
  const submission = createRoute({
    getParentRoute: () => parent,
    path: '/learning/submissions/$submissionId',
    params: idParams('submissionId'),
    component: function SubmissionRoute() {
      const { submissionId } = submission.useParams() as { submissionId: number };
      return <SubmissionPage submissionId={submissionId} />;
    },
  });
  const classSummary = createRoute({
    getParentRoute: () => parent,
    path: '/learning/classes/$classId/summary',
    params: idParams('classId'),
    validateSearch: (s: Record<string, unknown>): { from?: string } => ({ from: optionalDate(s.from) }),
    component: function ClassSummaryRoute() {
      const { classId } = classSummary.useParams() as { classId: number };
      const { from } = classSummary.useSearch() as { from?: string };
      return <ClassSummaryPage classId={classId} from={from} />;
    },
  });
  const announcements = createRoute({
    getParentRoute: () => parent,
    path: '/learning/classes/$classId/announcements',
    params: idParams('classId'),
    component: function AnnouncementsRoute() {
      const { classId } = announcements.useParams() as { classId: number };
      return <AnnouncementsPage classId={classId} />;
    },
  });
  const teacherWeek = createRoute({
    getParentRoute: () => parent,
    path: '/learning/me/week',
    validateSearch: (s: Record<string, unknown>): { from?: string } => ({ from: optionalDate(s.from) }),
    component: function TeacherWeekRoute() {
      const { from } = teacherWeek.useSearch() as { from?: string };
      return <TeacherWeekPage from={from} />;
    },
  });
  return [pupilDay, week, marks, homework, lesson, journal, inbox, submission, classSummary, announcements, teacherWeek] as const;
}

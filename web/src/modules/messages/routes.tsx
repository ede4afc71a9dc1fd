import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';

const MessagesPage = lazyRouteComponent(() => import('./MessagesPage.js'), 'MessagesPage');
const ThreadPage = lazyRouteComponent(() => import('./ThreadPage.js'), 'ThreadPage');
const NewThreadPage = lazyRouteComponent(() => import('./NewThreadPage.js'), 'NewThreadPage');
const AnnouncementsPage = lazyRouteComponent(() => import('./AnnouncementsPage.js'), 'AnnouncementsPage');

const positive = (v: unknown, max = 2 ** 31 - 1) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 && n <= max ? n : undefined;
};

/** Conversations and announcements under the signed-in layout: /messages, /messages/new, /messages/$threadId, /messages/announcements. */
export function messagesRoutes<TParent extends AnyRoute>(parent: TParent) {
  const list = createRoute({
    getParentRoute: () => parent,
    path: '/messages',
    validateSearch: (s: Record<string, unknown>): { page?: number } => {
      const page = positive(s.page, 100_000);
      return { page: page && page > 1 ? page : undefined };
    },
    component: function MessagesRoute() {
      const { page } = list.useSearch() as { page?: number };
      const navigate = list.useNavigate();
      return <MessagesPage page={page ?? 1} onPage={(p: number) => void navigate({ search: { page: p > 1 ? p : undefined } as never })} />;
    },
  });
  const create = createRoute({
    getParentRoute: () => parent,
    path: '/messages/new',
    validateSearch: (s: Record<string, unknown>): { pupilId?: number } => ({ pupilId: positive(s.pupilId) }),
    component: function NewThreadRoute() {
      const { pupilId } = create.useSearch() as { pupilId?: number };
      return <NewThreadPage initialPupilId={pupilId} />;
    },
  });
  const announcements = createRoute({ getParentRoute: () => parent, path: '/messages/announcements', component: AnnouncementsPage });
  const thread = createRoute({
    getParentRoute: () => parent,
    path: '/messages/$threadId',
    params: {
      parse: (raw: { threadId: string }) => ({ threadId: /^[1-9]\d{0,14}$/.test(raw.threadId) ? Number(raw.threadId) : 0 }),
      stringify: (p: { threadId: number }) => ({ threadId: String(p.threadId) }),
    },
    component: function ThreadRoute() {
      const { threadId } = thread.useParams() as { threadId: number };
      return <ThreadPage threadId={threadId} />;
    },
  });
  return [list, create, announcements, thread] as const;
}

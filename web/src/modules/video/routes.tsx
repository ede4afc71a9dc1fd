import { createRoute, lazyRouteComponent, type AnyRoute } from '@tanstack/react-router';
import type { ArchiveFilter } from './api.js';
import type { TvSearch } from './TvSchedulePage.js';

/** Video pages, each its own download (hls.js only with the player). */
const UploadPage = lazyRouteComponent(() => import('./UploadPage.js'), 'UploadPage');
const ArchivePage = lazyRouteComponent(() => import('./ArchivePage.js'), 'ArchivePage');
const WatchPage = lazyRouteComponent(() => import('./WatchPage.js'), 'WatchPage');
const TvImportPage = lazyRouteComponent(() => import('./TvImportPage.js'), 'TvImportPage');
const TvSchedulePage = lazyRouteComponent(() => import('./TvSchedulePage.js'), 'TvSchedulePage');
const TvChannelsPage = lazyRouteComponent(() => import('./TvChannelsPage.js'), 'TvChannelsPage');

const toId = (value: unknown): number => {
  const s = String(value ?? '');
  return /^[1-9]\d{0,14}$/.test(s) ? Number(s) : 0;
};
const grade = (v: unknown) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 && n <= 12 && v !== '' && v !== undefined ? n : undefined;
};
const lang = (v: unknown) => (v === 'kk' || v === 'ru' || v === 'en' ? v : undefined);

export const archiveSearch = (s: Record<string, unknown>): ArchiveFilter => ({
  grade: grade(s.grade),
  subjectId: toId(s.subjectId) || undefined,
  language: lang(s.language),
  q: typeof s.q === 'string' && s.q.trim() ? s.q.trim().slice(0, 100) : undefined,
  page: toId(s.page) > 1 ? toId(s.page) : undefined,
});

export const tvSearch = (s: Record<string, unknown>): TvSearch => ({
  date: typeof s.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s.date) ? s.date : undefined,
  week: s.week === true || s.week === 'true' ? true : undefined,
  channel: typeof s.channel === 'string' && /^[a-z][a-z0-9_]{1,39}$/.test(s.channel) ? s.channel : undefined,
  grade: grade(s.grade),
  language: lang(s.language),
});

/** The signed-in pages: upload, archive, player, the ministry's grid import (casts: see learning/routes.tsx). */
export function videoRoutes<TParent extends AnyRoute>(parent: TParent) {
  const upload = createRoute({
    getParentRoute: () => parent,
    path: '/video/upload',
    component: function VideoUploadRoute() {
      return <UploadPage />;
    },
  });
  const archive = createRoute({
    getParentRoute: () => parent,
    path: '/video/archive',
    validateSearch: archiveSearch,
    component: function VideoArchiveRoute() {
      const filter = archive.useSearch() as ArchiveFilter;
      const navigate = archive.useNavigate();
      return <ArchivePage filter={filter} onFilter={(f) => void navigate({ search: f as never })} />;
    },
  });
  const watch = createRoute({
    getParentRoute: () => parent,
    path: '/video/watch/$videoId',
    params: {
      parse: (raw: { videoId: string }) => ({ videoId: toId(raw.videoId) }),
      stringify: (p: { videoId: number }) => ({ videoId: String(p.videoId) }),
    },
    component: function VideoWatchRoute() {
      const { videoId } = watch.useParams() as { videoId: number };
      return <WatchPage videoId={videoId} />;
    },
  });
  const tvImport = createRoute({
    getParentRoute: () => parent,
    path: '/video/tv-import',
    component: function TvImportRoute() {
      return <TvImportPage />;
    },
  });
  const tvChannels = createRoute({
    getParentRoute: () => parent,
    path: '/video/tv-channels',
    component: function TvChannelsRoute() {
      return <TvChannelsPage />;
    },
  });
  return [upload, archive, watch, tvImport, tvChannels] as const;
}

/** The public TV grid, under the root (no sign-in): families without an account read it. */
export function videoPublicRoutes<TParent extends AnyRoute>(root: TParent) {
  const tv = createRoute({
    getParentRoute: () => root,
    path: '/tv',
    validateSearch: tvSearch,
    component: function TvRoute() {
      const search = tv.useSearch() as TvSearch;
      const navigate = tv.useNavigate();
      return <TvSchedulePage search={search} onSearch={(s) => void navigate({ search: s as never })} />;
    },
  });
  return [tv] as const;
}

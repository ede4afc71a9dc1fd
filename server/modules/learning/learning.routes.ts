import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.js';
import { loadFilesConfig } from '../files/files.usecases.js';
// biome-ignore lint/style/noRestrictedImports: learning mounts the files routes with its own access check (below)
import { filesRoutes } from '../files/files.routes.js';
import { createFileStore } from '../files/files.usecases.js';
import { announcementsRoutes } from './announcements.routes.js';
import { diaryRoutes } from './diary.routes.js';
import { homeworkRoutes } from './homework.routes.js';
import { journalRoutes } from './journal.routes.js';
import { clockFromEnv } from '../../platform/clock.js';
import { learningFileAccess } from './learning.files.js';
import { lessonsRoutes } from './lessons.routes.js';
import { planRoutes } from './plan.routes.js';
import { coursesRoutes } from './courses.routes.js';
import { printRoutes } from './print.routes.js';
import type { LearningDeps } from './learning.deps.js';
import { createClassDayCache } from './diary.cache.js';

/**
 * The e-journal's HTTP surface, and the file store it attaches materials and submissions with.
 * (When a second module needs files, move the filesRoutes line to modules/index.ts with both
 * modules' read checks.)
 */
export async function learningRoutes(app: FastifyInstance, { db, changes, config }: AppDeps): Promise<void> {
  const filesConfig = loadFilesConfig();
  const store = createFileStore(filesConfig);
  const deps: LearningDeps = {
    db,
    clock: clockFromEnv(),
    store,
    classDays: changes && config.CLASS_DAY_CACHE === 'on' ? createClassDayCache(changes) : undefined,
  };
  await filesRoutes(app, { db, store, config: filesConfig, checks: [learningFileAccess] });
  await diaryRoutes(app, deps);
  await journalRoutes(app, deps);
  await lessonsRoutes(app, deps);
  await homeworkRoutes(app, deps);
  await announcementsRoutes(app, deps);
  await planRoutes(app, deps);
  await coursesRoutes(app, deps);
  await printRoutes(app, deps);
}

import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { organisationsRoutes } from './organisations/organisations.routes.js';
import { onboardingRoutes } from './onboarding/onboarding.routes.js';
import { learningRoutes } from './learning/learning.routes.js';
import { formatsRoutes } from './formats/formats.routes.js';
import { dutyRoutes } from './duty/duty.routes.js';
import { notificationsRoutes } from './notifications/notifications.routes.js';
import { transfersRoutes } from './transfers/transfers.routes.js';
import { privacyRoutes } from './privacy/privacy.routes.js';
import { messagesRoutes } from './messages/messages.routes.js';
import { suppliesRoutes } from './supplies/supplies.routes.js';
import { accessRoutes } from './access/access.routes.js';
import { videoRoutes } from './video/video.routes.js';
import { analyticsRoutes } from './analytics/analytics.routes.js';
import { trainingRoutes } from './training/training.routes.js';
import { liveRoutes } from './live/live.routes.js';
import { qualityRoutes } from './quality/quality.routes.js';
import { connectivityRoutes } from './connectivity/connectivity.routes.js';

/** Every domain module's routes, in one visible list (no wiring by file scanning). */
export async function registerModules(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await organisationsRoutes(app, deps);
  await onboardingRoutes(app, deps);
  await learningRoutes(app, deps);
  await formatsRoutes(app, deps);
  await dutyRoutes(app, deps);
  await notificationsRoutes(app, deps);
  await transfersRoutes(app, deps);
  await privacyRoutes(app, deps);
  await messagesRoutes(app, deps);
  await suppliesRoutes(app, deps);
  await accessRoutes(app, deps);
  await videoRoutes(app, deps);
  await analyticsRoutes(app, deps);
  await trainingRoutes(app, deps);
  await liveRoutes(app, deps);
  await qualityRoutes(app, deps);
  await connectivityRoutes(app, deps);
}

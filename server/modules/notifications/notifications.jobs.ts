import type { Db } from '../../platform/db.js';
import { startJobWorker } from '../../platform/jobs.js';
import { loadSmsConfig } from './notifications.config.js';
import { httpSmsGateway } from './notifications.sms.js';
import { SMS_QUEUE, smsJob } from './notifications.usecases.js';

/**
 * Started by the server (main.ts): sends queued SMS through the HTTP gateway when `SMS_GATEWAY_URL`
 * is set. Without it nothing is sent and the SMS wait, queued, in the outbox. Returns a stop function.
 */
export function startNotificationJobs(db: Db, onError: (err: unknown) => void): () => Promise<void> {
  const config = loadSmsConfig();
  if (!config.url) return async () => {};
  return startJobWorker(db, { [SMS_QUEUE]: smsJob(httpSmsGateway(config)) }, { intervalMs: config.pollMs, onError });
}

import { z } from 'zod';

/**
 * The SMS gateway, read from the environment. Without `SMS_GATEWAY_URL` SMS are queued in the outbox
 * and wait (the operator sees them); with it the job worker POSTs each one to the gateway.
 */
const smsEnv = z.object({
  SMS_GATEWAY_URL: z.string().url().optional(),
  /** sent as `Authorization: Bearer …` when set */
  SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
  /** the sender name the gateway shows */
  SMS_SENDER: z.string().min(1).max(11).default('Sabaq'),
  SMS_GATEWAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** how often the server looks for due jobs (ms) */
  JOBS_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
});

export type SmsConfig = { url: string | null; token: string | null; sender: string; timeoutMs: number; pollMs: number };

export function loadSmsConfig(env: NodeJS.ProcessEnv = process.env): SmsConfig {
  const e = smsEnv.parse(env);
  return {
    url: e.SMS_GATEWAY_URL ?? null,
    token: e.SMS_GATEWAY_TOKEN ?? null,
    sender: e.SMS_SENDER,
    timeoutMs: e.SMS_GATEWAY_TIMEOUT_MS,
    pollMs: e.JOBS_POLL_MS,
  };
}

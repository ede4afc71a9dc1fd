import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';

/** pino options: structured JSON, and secrets (passwords, tokens, cookies) are never written. */
export function loggerOptions(config: Pick<Config, 'LOG_LEVEL'>, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    ...(stream ? { stream } : {}),
    level: config.LOG_LEVEL,
    redact: {
      paths: [
        'req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]',
        'headers.cookie', 'headers.authorization', '*.password', '*.token', 'password', 'token',
      ],
      censor: '[redacted]',
    },
  };
}

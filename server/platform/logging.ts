import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';

/** pino options: structured JSON, and secrets (passwords, tokens, cookies) are never written. */
export function loggerOptions(config: Pick<Config, 'LOG_LEVEL'>, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    ...(stream ? { stream } : {}),
    level: config.LOG_LEVEL,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        'headers.cookie',
        'headers.authorization',
        '*.password',
        '*.token',
        'password',
        'token',
      ],
      censor: '[redacted]',
    },
  };
}

/**
 * One line per answered request at REQUEST_LOG_LEVEL (debug by default, so `npm start` shows no
 * flood), instead of Fastify's two lines at info. Errors are logged by the error handler whatever
 * the level. Give the Fastify instance a `LogController` with `disableRequestLogging: true`.
 */
export function registerRequestLog(app: FastifyInstance, level: Config['REQUEST_LOG_LEVEL']): void {
  app.addHook('onResponse', (request, reply, done) => {
    request.log[level]({ method: request.method, url: request.url.split('?')[0], statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    done();
  });
}

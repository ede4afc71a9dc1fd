import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance } from 'fastify';
import { classifyDbError } from './db.js';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

/**
 * An error a user can act on. `code` is stable (`<module>.<reason>`) and is what the web
 * translates; `message` is an English sentence for API clients and logs.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** `const notFound = createErrorFactory('organisations.not_found', 404, 'Organisation not found')`. */
export function createErrorFactory(code: string, statusCode: number, defaultMessage: string) {
  return (message: string = defaultMessage, details?: Record<string, unknown>, headers?: Record<string, string>) =>
    new AppError(code, statusCode, message, details, headers);
}

export const notFound = (what = 'Resource') => new AppError('request.not_found', 404, `${what} not found`);
export const forbidden = () => new AppError('request.forbidden', 403, 'You may not do this');
export const unauthenticated = () => new AppError('auth.required', 401, 'Sign in first');

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export function errorBody(code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

/** PostgreSQL refusing a value a request carried: bad input that slipped past validation, never a 500. */
const BAD_VALUE_SQLSTATE: Record<string, string> = {
  '22021': 'The request holds a character text may not contain', // NUL in text
  '22P05': 'The request holds a character text may not contain',
  '22003': 'A number in the request is out of range',
};

/** The one error handler: every error leaves as `{error:{code,message}}`; a 5xx never shows internals. */
export function registerErrorHandler(app: FastifyInstance, opts: { retryAfterSeconds: number } = { retryAfterSeconds: 2 }): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return reply.code(err.statusCode).send(errorBody(err.code, err.message, err.details));
    }
    // the database is down, restarting, or too slow for now: 503 + Retry-After, so clients come back
    const db = classifyDbError(err);
    if (db) {
      const retryAfterSeconds = opts.retryAfterSeconds;
      request.log.warn({ reason: db, code: (err as { code?: string }).code, detail: err.message }, 'database unavailable: answered 503');
      return reply
        .code(503)
        .header('retry-after', String(retryAfterSeconds))
        .send(
          errorBody(
            db === 'timeout' ? 'server.busy' : 'server.unavailable',
            db === 'timeout'
              ? `The server is busy; try again in ${retryAfterSeconds} s`
              : `The database is not reachable right now; try again in ${retryAfterSeconds} s`,
            { retryAfterSeconds },
          ),
        );
    }
    const sqlstate = (err as { code?: unknown }).code;
    if (typeof sqlstate === 'string' && BAD_VALUE_SQLSTATE[sqlstate]) {
      request.log.warn({ code: sqlstate }, 'database refused a value from the request');
      return reply.code(400).send(errorBody('request.invalid_value', BAD_VALUE_SQLSTATE[sqlstate]!));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const where = (err as FastifyError).validationContext ?? 'body';
      const field = first?.instancePath ? first.instancePath.replace(/^\//, '').replace(/\//g, '.') : '';
      const problems = err.validation.slice(0, 5).map((v) => {
        const f = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        return `${where}${f ? `.${f}` : ''}: ${v.message}`;
      });
      return reply.code(400).send(errorBody('request.invalid', `Invalid request: ${problems.join('; ')}`, { location: where, field, issues: problems }));
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err }, 'response did not match its schema');
      return reply.code(500).send(errorBody('internal.error', 'Internal error'));
    }
    const fe = err as FastifyError;
    const status = fe.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err }, 'request failed');
      return reply.code(status === 503 ? 503 : 500).send(errorBody('internal.error', 'Internal error'));
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.code(400).send(errorBody('request.malformed_json', 'The request body is not valid JSON'));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.code(413).send(errorBody('request.too_large', fe.message));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.code(415).send(errorBody('request.unsupported_media_type', 'Unsupported content type'));
      case 'FST_REQ_FILE_TOO_LARGE':
        return reply.code(413).send(errorBody('files.too_large', fe.message));
      default:
        if (err instanceof SyntaxError) {
          return reply.code(400).send(errorBody('request.malformed_json', 'The request body is not valid JSON'));
        }
        return reply.code(status).send(errorBody(`request.${fe.code ? fe.code.toLowerCase().replace(/^fst_err_/, '') : 'bad'}`, fe.message));
    }
  });
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (a URL or headers over 16 KB, a
 * malformed request line), answered in our `{error:{code,message}}` shape instead of Fastify's.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? ([431, 'request.header_too_large', 'The request line or headers are too large'] as const)
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ([408, 'request.timeout', 'The request took too long to arrive'] as const)
        : ([400, 'request.malformed', 'The request is not valid HTTP'] as const);
  const body = JSON.stringify(errorBody(code, message));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `cache-control: no-store\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

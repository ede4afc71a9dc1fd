import type { FastifyError, FastifyInstance } from 'fastify';
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

/** The one error handler: every error leaves as `{error:{code,message}}`; a 5xx never shows internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return reply.code(err.statusCode).send(errorBody(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const where = (err as FastifyError).validationContext ?? 'body';
      const field = first?.instancePath ? first.instancePath.replace(/^\//, '').replace(/\//g, '.') : '';
      const problems = err.validation.slice(0, 5).map((v) => {
        const f = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        return `${where}${f ? '.' + f : ''}: ${v.message}`;
      });
      return reply.code(400).send(
        errorBody('request.invalid', `Invalid request: ${problems.join('; ')}`, { location: where, field, issues: problems }),
      );
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

import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * 'public': this API route's answers hold no personal data and may be cached by browsers and
     * proxies (the route sets its own Cache-Control). Every other `/api/` answer is `no-store`.
     */
    cache?: 'public';
  }
}

export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Headers every answer gets, in one place:
 * - `Cache-Control: no-store` on every `/api/` answer (errors and file downloads included): they
 *   carry personal data, which no browser cache or shared proxy may keep. A route opts out only
 *   with `config: { cache: 'public' }`.
 * - `Strict-Transport-Security` when the request came over HTTPS: directly, or through a trusted
 *   proxy (`TRUST_PROXY`) whose `X-Forwarded-Proto` says https. Never on plain HTTP (browsers
 *   ignore it there, and a misconfigured proxy must not pin a site that has no certificate).
 */
export function registerResponseHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') && request.routeOptions.config?.cache !== 'public') {
      reply.header('cache-control', 'no-store');
    }
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    return payload;
  });
}

import type { RouteKey } from './authz-matrix.js';

/**
 * Routes that answer without a session, each with the reason. Everything else must be in a module's
 * authorisation matrix (`server/modules/<module>/<module>.matrix.ts`).
 */
export const PUBLIC_ROUTES: { route: RouteKey | string; reason: string }[] = [
  { route: 'GET /api/health', reason: 'liveness for load balancers and monitoring; carries no data' },
  { route: 'GET /api/health/live', reason: 'liveness probe: the process answers; carries no data' },
  { route: 'GET /api/health/ready', reason: 'readiness probe: the database answers, with the load figures; names no person' },
  { route: 'POST /api/auth/login', reason: 'sign-in: there is no session yet (throttled per account and address)' },
  { route: 'POST /api/activation', reason: 'first password with a one-time activation code: there is no account session yet' },
  { route: 'GET /api/openapi.json', reason: 'the API description; names no person' },
  { route: 'GET /api/docs', reason: 'Swagger UI over the API description (no data)' },
  { route: 'GET /api/docs/', reason: 'Swagger UI over the API description (no data)' },
  { route: 'GET /api/docs/initOAuth', reason: 'Swagger UI configuration (no data)' },
  { route: 'GET /api/docs/json', reason: 'Swagger UI: the API description (no data)' },
  { route: 'GET /api/docs/yaml', reason: 'Swagger UI: the API description (no data)' },
  { route: 'GET /api/docs/static/*', reason: 'Swagger UI static files (no data)' },
  { route: 'GET /api/docs/static/index.html', reason: 'Swagger UI static files (no data)' },
  { route: 'GET /api/docs/static/swagger-initializer.js', reason: 'Swagger UI static files (no data)' },
  { route: 'GET /api/access/trust-list', reason: 'the public keys pass verifiers (gate scanners) sync; no person' },
  { route: 'GET /api/access/revocations', reason: 'revoked key ids and holder pseudonyms that offline verifiers sync; no name or IIN' },
  { route: 'GET /assets/*', reason: "the web app's built files (only when web/dist exists)" },
  { route: 'GET /api/video/tv-schedule', reason: 'the national TV lessons grid, for families without an account (no person named)' },
  { route: 'GET /api/video/tv-schedule/xmltv', reason: 'the same TV lessons grid as an XMLTV file for set-top boxes and guides (no person named)' },
  { route: 'GET /api/video/tv-schedule/pdf', reason: 'the same TV lessons grid as a printable PDF for families without internet (no person named)' },
  { route: 'GET /*', reason: "the web app's static files (only when web/dist exists)" },
  {
    route: 'GET /api/supplies/textbooks/:id',
    reason: 'a textbook title and its public e-version, reached by the QR code in every paper copy; names no person',
  },
  { route: 'GET /api/supplies/textbooks/:id/qr-sheet.pdf', reason: 'printable QR stickers for a title (its public page address only)' },
  {
    route: 'GET /api/training/certificates/:code',
    reason:
      'public check of a training certificate code printed on the PDF: holder name, course, day, valid; codes are 12 random characters (36^12), so no enumeration; no rate limit yet (none in the app)',
  },
  { route: 'GET /textbooks/:id', reason: 'the public e-textbook page a QR code opens (no sign-in, per the seeds)' },
  { route: 'GET /textbooks/:id/e-book', reason: "a title's e-version file (PDF or EPUB), public domain per the seeds; names no person" },
];

import path from 'node:path';
import { existsSync } from 'node:fs';
import { constants as zlibConstants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './deps.js';
import { clientErrorHandler, errorBody, registerErrorHandler } from './platform/errors.js';
import { registerAdmission } from './platform/admission.js';
import { registerInputHygiene } from './platform/text.js';
import { registerResponseHeaders } from './platform/response-headers.js';
import { loggerOptions, registerRequestLog } from './platform/logging.js';
import { requestContext } from './platform/request-context.js';
import { healthRoutes } from './platform/health.routes.js';
import { registerSessionAuth } from './modules/identity/identity.http.js';
import { identityRoutes } from './modules/identity/identity.routes.js';
import { registerModules } from './modules/index.js';
import { collectRoutes } from './platform/route-list.js';
import { registerSensitiveReadAudit } from './modules/privacy/privacy.audit.js';
import { registerReadYourWrites } from './platform/replica.js';
import { liveConnectSources } from './modules/live/live.config.js'; // the media server's API (decision 0024)
import { createChangeFeed, noChangeFeed } from './platform/listener.js';

/** Headers helmet sets that only a document (a page) uses; a JSON answer goes without them. */
const PAGE_ONLY_HEADERS = [
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];
export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

/** The dependencies type lives in deps.ts (modules import it from there); re-exported for older imports. */
export type { AppDeps } from './deps.js';

/** Builds the HTTP application around a database; main.ts and the tests both start here. */
/** A file name at the root of the built web app (no folder, no dot-file). */
const TOP_LEVEL_FILE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Set by the web app (web/src/i18n.ts) to the language it shows. */
const LANGUAGE_COOKIE = 'sabaq_lang';
/**
 * The app's page for a language: Kazakh (the default) is index.html, the others index.<lang>.html
 * (web/build/critical-path.ts); each preloads its own language's strings.
 */
export function pageFor(language: string | undefined): string {
  return language === 'ru' || language === 'en' ? `index.${language}.html` : 'index.html';
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: loggerOptions(config, deps.logStream),
    // one line per request at REQUEST_LOG_LEVEL instead of Fastify's two (registerRequestLog)
    logController: new LogController({ disableRequestLogging: true }),
    // a hop count trusts exactly that many proxies nearest to us (proxy-addr's own rule for a number)
    trustProxy: typeof config.TRUST_PROXY === 'number' ? (_address: string, hop: number) => hop < (config.TRUST_PROXY as number) : config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    clientErrorHandler,
  });
  registerRequestLog(app, config.REQUEST_LOG_LEVEL);
  // the process's one LISTEN connection, for the caches (decision 0026); closed with the app
  if (!deps.changes) {
    const listenUrl =
      deps.db.listenUrl === undefined ? (deps.db.pool as unknown as { options: { connectionString?: string } }).options.connectionString : deps.db.listenUrl;
    const changes = listenUrl ? createChangeFeed(listenUrl, { log: (line) => app.log.warn(line) }) : noChangeFeed();
    app.addHook('onClose', () => changes.close());
    deps = { ...deps, changes };
  }
  collectRoutes(app); // before any route: the authorisation-matrix coverage test reads the list
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // first of all hooks: a request over capacity is refused before anything else runs for it
  registerAdmission(app, {
    maxConcurrent: config.ADMISSION_MAX_CONCURRENT,
    maxQueue: config.ADMISSION_MAX_QUEUE,
    queueTimeoutMs: config.ADMISSION_QUEUE_TIMEOUT_MS,
    retryAfterSeconds: config.RETRY_AFTER_SECONDS,
  });

  // Every request runs inside its own context, so the db layer can count its queries.
  app.addHook('onRequest', (_request, _reply, done) => {
    requestContext.run({ queries: 0 }, done);
  });
  if (config.EXPOSE_QUERY_COUNT) {
    app.addHook('onSend', async (_request, reply) => {
      reply.header('x-query-count', String(requestContext.getStore()?.queries ?? 0));
    });
  }

  await app.register(cookie);
  // slow links: a term's journal grid is ~70 KB of JSON and ~8 KB gzipped; small answers go as they are.
  // Brotli first where the browser takes it (every browser in use does over HTTPS): at quality 4 it
  // costs about what gzip 4 does and saves a further ~10-20 % on JSON (a pupil's day, decision 0041).
  // Up to 64 KiB (a pupil's week is ~23 KB) in one compression call, not through a stream per answer:
  // the plugin's default on 2 cores stops at 8 KiB, betting on a spare core for the stream's threadpool
  // work, and here PostgreSQL has it (morning-peak --gzip)
  await app.register(compress, {
    global: true,
    threshold: 2048,
    syncThreshold: 65_536,
    encodings: ['br', 'gzip', 'deflate'],
    zlibOptions: { level: 4 },
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4, [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT } },
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:', 'https:'],
        connectSrc: ["'self'", ...liveConnectSources()],
        frameSrc: ["'self'", 'https:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: false, // set by the TLS-terminating proxy, which knows whether HTTPS is in use
  });
  // a JSON answer is never a page: the page's policy and the headers that only documents use are ~0.5 KiB
  // on every API answer (a pupil's Today makes six on a 2G link); it gets the shortest policy, which
  // forbids everything, and keeps what applies to any response (nosniff, same-origin resource, no framing)
  app.addHook('onSend', async (_request, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('application/json')) {
      for (const h of PAGE_ONLY_HEADERS) reply.removeHeader(h);
      reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    }
    return payload;
  });
  await app.register(swagger, {
    openapi: { info: { title: 'Sabaq API', version: '0.1.0', description: 'Education through an epidemic' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerErrorHandler(app, { retryAfterSeconds: config.RETRY_AFTER_SECONDS });
  registerInputHygiene(app);
  registerResponseHeaders(app);
  if (config.DATABASE_READ_URL) registerReadYourWrites(app); // heavy reads on a replica still see the reader's own writes
  registerSessionAuth(app, deps);
  registerSensitiveReadAudit(app, deps.db); // one hook: reads of pupils' data outside daily work go to the audit log
  await healthRoutes(app, { db: deps.db, retryAfterSeconds: config.RETRY_AFTER_SECONDS });
  await identityRoutes(app, deps);
  await registerModules(app, deps);

  const hasWeb = existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) {
    // no route per built file: hashed assets under one route, the few top-level files (icons,
    // manifest) and every app path through the not-found handler below. Brotli (or gzip) copies
    // made at build time (web/build/precompress.ts) go to browsers that accept them.
    await app.register(fastifyStatic, { root: WEB_DIST, serve: false, preCompressed: true });
    // file names carry a hash of the content: cached for a year and never revalidated
    // (and without the page-only security headers, ~0.7 KiB each on a 2G link: CSP and framing rules
    // apply to documents, not to scripts and styles; no validators, an immutable file is never revalidated)
    app.get('/assets/*', { helmet: false }, (request, reply) =>
      reply.header('x-content-type-options', 'nosniff').sendFile((request.params as { '*': string })['*'], path.join(WEB_DIST, 'assets'), {
        maxAge: '365d',
        immutable: true,
        etag: false,
        lastModified: false,
      }),
    );
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0]!;
    if (hasWeb && request.method === 'GET' && !url.startsWith('/api/')) {
      const name = url.slice(1);
      if (TOP_LEVEL_FILE.test(name) && name !== 'index.html' && existsSync(path.join(WEB_DIST, name))) {
        return reply.sendFile(name, WEB_DIST, { maxAge: '1h' });
      }
      // the single-page app owns every other path (a missing hashed asset is a 404, not the page)
      // the page of the language the device chose (its strings are preloaded with the app's code, decision 0041)
      if (!url.startsWith('/assets/')) {
        const page = pageFor(request.cookies[LANGUAGE_COOKIE]);
        return reply
          .header('cache-control', 'no-cache')
          .header('vary', 'cookie')
          .sendFile(existsSync(path.join(WEB_DIST, page)) ? page : 'index.html', WEB_DIST, { cacheControl: false });
      }
    }
    return reply.code(404).send(errorBody('request.not_found', `No route ${request.method} ${url}`));
  });
  return app;
}

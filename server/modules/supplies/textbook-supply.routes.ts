import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { pipeline } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import * as c from '../../../contracts/textbook-supply.js';
import { requireActor } from '../identity/identity.http.js';
import { clockFromEnv } from '../../platform/clock.js';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, writeCsv, writeXlsx, type Column } from '../../platform/export/index.js';
import { createFileStore, formatBytes, loadFilesConfig } from '../files/files.usecases.js';
import * as uc from './textbook-supply.usecases.js';
import * as errors from './textbook-supply.errors.js';
import { parseRange, sliceBytes } from './textbook-supply.range.js';

const errs = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 413: errorBody, 415: errorBody, 422: errorBody };
const tags = ['supplies'];

const env = z.object({
  /** Largest e-textbook (PDF or EPUB) accepted, bytes; default 60 MiB. */
  SUPPLIES_EBOOK_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(2 * 1024 ** 3)
    .default(60 * 1024 * 1024),
});

const exportColumns = (lang: 'kk' | 'ru' | 'en'): Column<c.ProgressRow>[] => {
  const h = {
    kk: ['Аумақ', 'Сатып алынды', 'Жоспарланды', 'Жөнелтілді', 'Жеткізілді', 'Оқушыларға берілді', 'Жеткізілді, %', 'Мерзімі', 'Күйі', 'Кешіккен мектептер'],
    ru: ['Территория', 'Закуплено', 'Запланировано', 'Отгружено', 'Доставлено', 'Выдано учащимся', 'Доставлено, %', 'Срок', 'Статус', 'Опаздывающие школы'],
    en: ['Area', 'Ordered', 'Planned', 'Dispatched', 'Delivered', 'Issued to pupils', 'Delivered, %', 'Deadline', 'Status', 'Late schools'],
  }[lang];
  return [
    { header: h[0]!, value: (r) => r.name[lang], width: 36 },
    { header: h[1]!, value: (r) => r.ordered },
    { header: h[2]!, value: (r) => r.planned },
    { header: h[3]!, value: (r) => r.dispatched },
    { header: h[4]!, value: (r) => r.delivered },
    { header: h[5]!, value: (r) => r.issued },
    { header: h[6]!, value: (r) => r.deliveredPct },
    { header: h[7]!, value: (r) => r.deadline, text: true },
    { header: h[8]!, value: (r) => r.status },
    { header: h[9]!, value: (r) => r.lateSchools },
  ];
};

/** Textbook supply: orders, the dispatch plan, deliveries, progress (and its export), e-version files. */
export async function textbookSupplyRoutes(app: FastifyInstance, { db }: AppDeps): Promise<void> {
  const clock = clockFromEnv();
  const store = createFileStore(loadFilesConfig());
  const maxBytes = env.parse(process.env).SUPPLIES_EBOOK_MAX_BYTES;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/supplies/textbook-titles',
    {
      schema: { tags, summary: 'Textbook titles to order or receive (admins and officers)', response: { 200: c.titleList, ...errs } },
    },
    async (request) => uc.titles(db, requireActor(request)),
  );

  r.post(
    '/api/supplies/textbook-orders',
    {
      schema: {
        tags,
        summary: "A region's purchase order: titles, copies, unit price, publisher, deadline (region officers, ministry)",
        body: c.orderBody,
        response: { 201: c.orderDetail, ...errs },
      },
    },
    async (request, reply) => reply.code(201).send(await uc.createOrder(db, requireActor(request), request.body, clock())),
  );

  r.get(
    '/api/supplies/textbook-orders',
    {
      schema: {
        tags,
        summary: "Purchase orders of the officer's regions (or one region)",
        querystring: c.orderListQuery,
        response: { 200: c.orderList, ...errs },
      },
    },
    async (request) => uc.listOrders(db, requireActor(request), request.query.regionId),
  );

  r.get(
    '/api/supplies/textbook-orders/:id',
    { schema: { tags, summary: 'One order with its lines and dispatch schedule', params: idParam, response: { 200: c.orderDetail, ...errs } } },
    async (request) => uc.getOrder(db, requireActor(request), request.params.id),
  );

  r.post(
    '/api/supplies/textbook-orders/:id/dispatches',
    {
      schema: {
        tags,
        summary: 'Plan dispatches of ordered titles to schools of the region (planned dates, copies); never more than ordered; all or nothing',
        params: idParam,
        body: c.dispatchBody,
        response: { 201: c.orderDetail, ...errs },
      },
    },
    async (request, reply) => reply.code(201).send(await uc.planDispatches(db, requireActor(request), request.params.id, request.body, clock())),
  );

  r.patch(
    '/api/supplies/textbook-orders/:id',
    {
      schema: {
        tags,
        summary:
          "Change an order's publisher, reference, deadline, or its lines' copies and unit price (region officers, ministry); never below the copies planned for dispatch (409); kept in the trail",
        params: idParam,
        body: c.orderEditBody,
        response: { 200: c.orderDetail, ...errs },
      },
    },
    async (request) => uc.editOrder(db, requireActor(request), request.params.id, request.body, clock()),
  );

  r.post(
    '/api/supplies/textbook-orders/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel an order and the dispatches planned from it; refused (409) once any copies were delivered; kept in the trail',
        params: idParam,
        body: c.cancelBody,
        response: { 200: c.orderDetail, ...errs },
      },
    },
    async (request) => uc.cancelOrder(db, requireActor(request), request.params.id, request.body ?? {}, clock()),
  );

  r.patch(
    '/api/supplies/textbook-dispatches/:id',
    {
      schema: {
        tags,
        summary:
          "Change a dispatch's copies or planned date (region officers, ministry); never below what the school received, never more planned than ordered (409); kept in the trail",
        params: idParam,
        body: c.dispatchEditBody,
        response: { 200: c.dispatchView, ...errs },
      },
    },
    async (request) => uc.editDispatch(db, requireActor(request), request.params.id, request.body, clock()),
  );

  r.post(
    '/api/supplies/textbook-dispatches/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a planned dispatch; refused (409) once the school received copies of it; kept in the trail',
        params: idParam,
        body: c.cancelBody,
        response: { 200: c.dispatchCancelled, ...errs },
      },
    },
    async (request) => uc.cancelDispatch(db, requireActor(request), request.params.id, request.body ?? {}, clock()),
  );

  r.post(
    '/api/supplies/textbook-dispatches/:id/sent',
    { schema: { tags, summary: 'Mark a dispatch as sent (officers of the school’s area)', params: idParam, response: { 200: c.dispatchView, ...errs } } },
    async (request) => uc.markSent(db, requireActor(request), request.params.id, clock()),
  );

  r.get(
    '/api/supplies/organisations/:id/textbook-dispatches',
    {
      schema: {
        tags,
        summary: 'Textbooks dispatched to a school with what has arrived (its admin, officers of the area)',
        params: idParam,
        response: { 200: c.dispatchList, ...errs },
      },
    },
    async (request) => uc.schoolDispatches(db, requireActor(request), request.params.id),
  );

  r.post(
    '/api/supplies/organisations/:id/textbook-deliveries',
    {
      schema: {
        tags,
        summary: 'The school admin records copies received (partial allowed); they join the school’s textbook stock. Over-delivery → 409',
        params: idParam,
        body: c.deliveryBody,
        response: { 201: c.deliveryResult, ...errs },
      },
    },
    async (request, reply) => reply.code(201).send(await uc.recordDelivery(db, requireActor(request), request.params.id, request.body, clock())),
  );

  r.get(
    '/api/supplies/textbook-supply/progress',
    {
      schema: {
        tags,
        summary: 'Ordered / planned / dispatched / delivered / issued by region → district → school against the deadline, with the late list',
        querystring: c.progressQuery,
        response: { 200: c.progressResponse, ...errs },
      },
    },
    async (request) => uc.progress(db.read, requireActor(request), request.query, clock()),
  );

  r.get(
    '/api/supplies/textbook-supply/progress/export',
    {
      schema: {
        tags,
        summary: 'The progress table as CSV or XLSX (the shared formula-safe writer)',
        querystring: c.progressExportQuery.extend({ lang: z.enum(['kk', 'ru', 'en']).default('ru') }),
        produces: [CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE],
        response: { 200: z.any(), ...errs },
      },
    },
    async (request, reply) => {
      const { format, lang, ...q } = request.query;
      const p = await uc.progress(db.read, requireActor(request), q, clock());
      const cols = exportColumns(lang);
      const name = `textbook-supply-${p.today}.${format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (format === 'xlsx') return reply.type(XLSX_CONTENT_TYPE).send(await writeXlsx(cols, p.rows, { sheetName: p.today }));
      return reply.type(CSV_CONTENT_TYPE).send(writeCsv(cols, p.rows));
    },
  );

  r.get(
    '/textbooks/:id/e-book',
    {
      schema: {
        tags,
        summary:
          "The title's e-version (PDF or EPUB) from the file store, public (no sign-in), cached a day and revalidated by ETag; one byte range (206) for viewers on slow links",
        params: idParam,
        produces: ['application/pdf', 'application/epub+zip'],
      },
    },
    async (request, reply) => {
      const f = await uc.openEVersion(db, store, request.params.id);
      const etag = `"${f.sha256}"`;
      reply.header('cache-control', 'public, max-age=86400').header('etag', etag).header('accept-ranges', 'bytes');
      if (request.headers['if-none-match'] === etag) {
        f.stream.destroy();
        return reply.code(304).send();
      }
      const ext = f.type === 'pdf' ? 'pdf' : 'epub';
      reply
        .type(f.type === 'pdf' ? 'application/pdf' : 'application/epub+zip')
        .header('content-disposition', `inline; filename="${f.isbn.replace(/[^0-9A-Za-z-]/g, '')}.${ext}"`)
        .header('x-content-type-options', 'nosniff');
      const size = f.bytes ?? 0;
      // a range only for the file the client already holds part of (If-Range names its ETag)
      const ifRange = request.headers['if-range'];
      const range = ifRange === undefined || ifRange === etag ? parseRange(request.headers.range, size) : null;
      if (range === 'unsatisfiable') {
        f.stream.destroy();
        return reply.code(416).header('content-range', `bytes */${size}`).send();
      }
      if (range) {
        return reply
          .code(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
          .header('content-length', String(range.end - range.start + 1))
          .send(pipeline(f.stream, sliceBytes(range.start, range.end), () => {}));
      }
      return reply.header('content-length', String(size)).send(f.stream);
    },
  );

  // multipart only for the e-version upload (its own size limit)
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 1 } });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/supplies/textbooks/:id/e-version',
      {
        schema: {
          tags,
          summary: `Upload the title's e-version (PDF or EPUB, judged by its bytes; at most ${formatBytes(maxBytes)}); public at /textbooks/:id/e-book`,
          consumes: ['multipart/form-data'],
          params: idParam,
          response: { 201: c.eVersionResult, ...errs },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const tooLarge = () => errors.eBookTooLarge(`The e-version is larger than the limit of ${formatBytes(maxBytes)}`, { limitBytes: maxBytes });
        if (Number(request.headers['content-length'] ?? 0) > maxBytes + 64 * 1024) throw tooLarge();
        if (!request.isMultipart()) throw errors.eBookNoFile();
        const dir = path.join(os.tmpdir(), 'sabaq-ebooks');
        await mkdir(dir, { recursive: true });
        const spool = path.join(dir, randomUUID());
        try {
          let got = false;
          let truncated = false;
          try {
            for await (const part of request.parts()) {
              if (part.type !== 'file' || part.fieldname !== 'file' || got) {
                if (part.type === 'file') part.file.resume();
                throw errors.eBookNoFile();
              }
              got = true;
              await pipelineAsync(part.file, createWriteStream(spool, { mode: 0o600 }));
              truncated = part.file.truncated;
            }
          } catch (e) {
            const code = (e as { code?: string }).code ?? '';
            if (code.startsWith('supplies.')) throw e;
            if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
            throw errors.eBookNoFile(`The upload cannot be read: ${(e as Error).message}`);
          }
          if (!got) throw errors.eBookNoFile();
          if (truncated) throw tooLarge();
          return reply.code(201).send(await uc.uploadEVersion({ db, store, actor, titleId: request.params.id, spoolPath: spool, now: clock() }));
        } finally {
          await rm(spool, { force: true });
        }
      },
    );
  });
}

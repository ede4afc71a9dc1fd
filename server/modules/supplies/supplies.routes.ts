import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import * as c from '../../../contracts/supplies.js';
import { requireActor } from '../identity/identity.http.js';
import { clockFromEnv } from '../../platform/clock.js';
import * as uc from './supplies.usecases.js';
import { importCensus, importStock, readUpload, SUPPLIES_IMPORT_LIMITS } from './supplies.import.js';
import { qrSheetPdf } from './supplies.pdf.js';
import { fileTooLarge, noFile, rowsInvalid } from './supplies.errors.js';
import { textbookPage } from './supplies.page.js';
import { textbookSupplyRoutes } from './textbook-supply.routes.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const tags = ['supplies'];
const importRejected = c.importReport.extend({ error: z.object({ code: z.string(), message: z.string() }) });

async function uploadedFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw noFile();
  try {
    const part = await request.file();
    if (!part) throw noFile();
    return await part.toBuffer();
  } catch (e) {
    const err = e as { statusCode?: number; code?: string; message?: string };
    if (err.code?.startsWith('supplies.')) throw e;
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge();
    // a body that does not follow multipart (wrong boundary, cut short) is bad input
    throw noFile(`The upload cannot be read: ${err.message ?? 'malformed multipart body'}`);
  }
}

/** Supplies: census, stock, allocation runs, appeals, loans, textbooks, officers' figures, e-textbooks by QR. */
export async function suppliesRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // multipart parsing only inside this scope (the imports)
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: SUPPLIES_IMPORT_LIMITS.maxFileBytes, files: 1, fields: 5, fieldSize: 1000, parts: 6 } });
    routes(scope, deps);
  });
  await textbookSupplyRoutes(app, deps);
}

function routes(app: FastifyInstance, { db }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const clock = clockFromEnv();

  // ── census ─────────────────────────────────────────────────────────────────────────────────
  r.get(
    '/api/supplies/my-households',
    {
      schema: {
        tags,
        summary: "Parent: each child's needs, the household's allocation with its reason, loans (agreement, return date) and appeals",
        response: { 200: c.myHouseholds, ...errors },
      },
    },
    async (request) => uc.myHouseholds(db, requireActor(request), clock()),
  );

  r.put(
    '/api/supplies/census/:personId',
    {
      schema: {
        tags,
        summary:
          "Declare a pupil's or teacher's devices and internet at home (a parent for their child, an admin for the organisation's people); every answer is kept",
        params: c.personParam,
        body: c.censusBody,
        response: { 200: c.censusAnswer, ...errors },
      },
    },
    async (request) => uc.declareNeeds(db, requireActor(request), request.params.personId, request.body, clock()),
  );

  r.get(
    '/api/supplies/organisations/:id/needs',
    {
      schema: {
        tags,
        summary: 'Census summary and households (with gaps, who learns in person, allocations); officers of the area get the summary only',
        params: idParam,
        response: { 200: c.needsResponse, ...errors },
      },
    },
    async (request) => uc.needsOf(db.read, requireActor(request), request.params.id, clock()),
  ); // heavy: a replica when there is one

  r.post(
    '/api/supplies/organisations/:id/census-imports',
    {
      schema: {
        tags,
        summary: 'Check (dryRun=true) or import a CSV/XLSX of census answers (iin, devices, internet, connectable, categories)',
        consumes: ['multipart/form-data'],
        params: idParam,
        querystring: c.importQuery,
        response: { 200: c.importReport, 422: importRejected, 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const sheet = await readUpload(await uploadedFile(request));
      const report = await importCensus(db, actor, request.params.id, sheet, request.query.dryRun, clock());
      if (!report.dryRun && !report.ok) {
        const e = rowsInvalid(`${report.errors.length} errors in the file; nothing was imported`);
        return reply.code(422).send({ ...report, error: { code: e.code, message: e.message } });
      }
      return report;
    },
  );

  // ── stock ──────────────────────────────────────────────────────────────────────────────────
  r.get(
    '/api/supplies/organisations/:id/stock',
    {
      schema: {
        tags,
        summary: "The organisation's devices, kits and textbook copies with counts",
        params: idParam,
        response: { 200: c.stockResponse, ...errors },
      },
    },
    async (request) => uc.stockOf(db, requireActor(request), request.params.id),
  );

  r.post(
    '/api/supplies/organisations/:id/items',
    {
      schema: { tags, summary: 'Add one device or kit to the stock', params: idParam, body: c.itemBody, response: { 201: c.itemView, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await uc.addItem(db, requireActor(request), request.params.id, request.body)),
  );

  r.post(
    '/api/supplies/organisations/:id/stock-imports',
    {
      schema: {
        tags,
        summary: 'Check (dryRun=true) or import devices and kits (kind=items) or textbook copies (kind=textbooks) from CSV/XLSX',
        consumes: ['multipart/form-data'],
        params: idParam,
        querystring: c.importQuery.extend({ kind: z.enum(['items', 'textbooks']).default('items') }),
        response: { 200: c.importReport, 422: importRejected, 400: errorBody, 401: errorBody, 404: errorBody, 409: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const sheet = await readUpload(await uploadedFile(request));
      const report = await importStock(db, actor, request.params.id, request.query.kind, sheet, request.query.dryRun);
      if (!report.dryRun && !report.ok) {
        const e = rowsInvalid(`${report.errors.length} errors in the file; nothing was imported`);
        return reply.code(422).send({ ...report, error: { code: e.code, message: e.message } });
      }
      return report;
    },
  );

  r.get(
    '/api/supplies/items/:id',
    {
      schema: { tags, summary: 'One item with its trail (transfers, loans)', params: idParam, response: { 200: c.itemDetail, ...errors } },
    },
    async (request) => uc.itemDetail(db, requireActor(request), request.params.id),
  );

  r.post(
    '/api/supplies/items/:id/transfer',
    {
      schema: {
        tags,
        summary: 'Move an item to another organisation of the area (officers); kept in the trail',
        params: idParam,
        body: c.transferBody,
        response: { 200: c.itemDetail, ...errors },
      },
    },
    async (request) => uc.transferItem(db, requireActor(request), request.params.id, request.body, clock()),
  );

  // ── rules and runs ─────────────────────────────────────────────────────────────────────────
  r.get(
    '/api/supplies/rule-sets/current',
    {
      schema: {
        tags,
        summary: "The allocation rules in force (a region's own, else the country's)",
        querystring: c.ruleSetQuery,
        response: { 200: c.ruleSet, ...errors },
      },
    },
    async (request) => uc.readRules(db, requireActor(request), request.query.regionId),
  );

  r.post(
    '/api/supplies/rule-sets',
    {
      schema: {
        tags,
        summary: 'Publish a new version of the rules (ministry: the country; region officers: their region)',
        body: c.ruleSetPublish,
        response: { 201: c.ruleSet, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await uc.publishRules(db, requireActor(request), { ...request.body, regionId: request.body.regionId }, clock())),
  );

  r.post(
    '/api/supplies/allocation-runs/preview',
    {
      schema: {
        tags,
        summary: 'Preview a run for an organisation, district or region: who gets what and why, who is not served, shortfall (nothing written)',
        body: c.runBody,
        response: { 200: c.runResult, ...errors },
      },
    },
    async (request) => uc.previewRun(db, requireActor(request), request.body, clock()),
  );

  r.post(
    '/api/supplies/allocation-runs',
    {
      schema: {
        tags,
        summary: "Confirm a run (with the preview's fingerprint: 409 when the outcome changed meanwhile)",
        body: c.runBody,
        response: { 201: c.runResult, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await uc.confirmRun(db, requireActor(request), request.body, clock())),
  );

  r.get(
    '/api/supplies/allocation-runs',
    {
      schema: {
        tags,
        summary: 'Confirmed runs of a scope',
        querystring: c.runListQuery,
        response: { 200: z.object({ items: z.array(c.runSummary) }), ...errors },
      },
    },
    async (request) => uc.listRuns(db, requireActor(request), request.query),
  );

  r.get(
    '/api/supplies/allocation-runs/:id',
    {
      schema: {
        tags,
        summary: 'A confirmed run with the allocations it wrote',
        params: idParam,
        response: {
          200: c.runSummary.extend({
            allocations: z.array(c.allocationView.extend({ organisationId: z.number(), householdKey: z.string(), recipientId: z.number() })),
          }),
          ...errors,
        },
      },
    },
    async (request) => uc.getRun(db, requireActor(request), request.params.id),
  );

  // ── appeals ────────────────────────────────────────────────────────────────────────────────
  r.post(
    '/api/supplies/appeals',
    {
      schema: { tags, summary: "Parent: appeal the household's allocation", body: c.appealBody, response: { 201: c.appealView, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await uc.appeal(db, requireActor(request), request.body, clock())),
  );

  r.get(
    '/api/supplies/organisations/:id/appeals',
    {
      schema: { tags, summary: "The organisation's appeals", params: idParam, response: { 200: z.object({ items: z.array(c.appealView) }), ...errors } },
    },
    async (request) => uc.listAppeals(db, requireActor(request), request.params.id),
  );

  r.post(
    '/api/supplies/appeals/:id/decision',
    {
      schema: {
        tags,
        summary: 'Decide an appeal (kept, the family is notified)',
        params: idParam,
        body: c.appealDecision,
        response: { 200: c.appealView, ...errors },
      },
    },
    async (request) => uc.decideAppeal(db, requireActor(request), request.params.id, request.body, clock()),
  );

  // ── loans ──────────────────────────────────────────────────────────────────────────────────
  r.post(
    '/api/supplies/loans',
    {
      schema: {
        tags,
        summary: 'Issue a device or kit (by inventory number) to a household by its allocation, or to a person',
        body: c.loanBody,
        response: { 201: c.loanView, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await uc.issueLoan(db, requireActor(request), request.body, clock())),
  );

  r.get(
    '/api/supplies/loans',
    {
      schema: {
        tags,
        summary: "Loans: an organisation's (status open, overdue, returned, all), else the actor's own",
        querystring: c.loanListQuery,
        response: { 200: c.loanList, ...errors },
      },
    },
    async (request) => uc.listLoans(db, requireActor(request), request.query, clock()),
  );

  r.get(
    '/api/supplies/loans/:id/agreement.pdf',
    {
      schema: {
        tags,
        summary: 'The loan agreement as a PDF in Kazakh or Russian',
        params: idParam,
        querystring: c.agreementQuery,
        produces: ['application/pdf'],
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const { id, pdf } = await uc.agreement(db, requireActor(request), request.params.id, request.query.lang);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="agreement-${id}.pdf"`).send(pdf);
    },
  );

  r.post(
    '/api/supplies/returns',
    {
      schema: {
        tags,
        summary: 'Take an item back by inventory number with its condition (ok, damaged, lost)',
        body: z
          .object({
            organisationId: z
              .number()
              .int()
              .positive()
              .max(2 ** 31 - 1),
            inventoryNumber: z.string().trim().min(1).max(60),
            condition: c.itemCondition,
          })
          .strict(),
        response: { 200: c.loanView, ...errors },
      },
    },
    async (request) => uc.returnItem(db, requireActor(request), request.body, clock()),
  );

  r.post(
    '/api/supplies/organisations/:id/recalls',
    {
      schema: {
        tags,
        summary: 'Recall overdue loans and loans of pupils back in person; the family and the school are notified',
        params: idParam,
        response: { 200: c.recallResult, ...errors },
      },
    },
    async (request) => uc.recall(db, requireActor(request), request.params.id, clock()),
  );

  // ── textbooks ──────────────────────────────────────────────────────────────────────────────
  r.post(
    '/api/supplies/classes/:id/textbook-issues',
    {
      schema: {
        tags,
        summary: 'Issue a title to every pupil of the class in one go (all or nothing)',
        params: idParam,
        body: c.classTextbookBody,
        response: { 200: c.classTextbookResult, ...errors },
      },
    },
    async (request) => uc.issueTextbooksToClass(db, requireActor(request), request.params.id, request.body.titleId, clock()),
  );

  r.post(
    '/api/supplies/classes/:id/textbook-returns',
    {
      schema: {
        tags,
        summary: "Take the class's copies of a title back (end of year)",
        params: idParam,
        body: c.classTextbookBody,
        response: { 200: c.classTextbookResult, ...errors },
      },
    },
    async (request) => uc.returnTextbooksOfClass(db, requireActor(request), request.params.id, request.body.titleId, request.body.condition ?? 'ok', clock()),
  );

  r.get(
    '/api/supplies/textbooks/:id',
    {
      schema: {
        tags,
        summary: 'A textbook title and its public e-version (no sign-in)',
        params: idParam,
        response: { 200: c.publicTextbook, 400: errorBody, 404: errorBody },
      },
    },
    async (request) => uc.publicTextbook(db, request.params.id),
  );

  r.get(
    '/api/supplies/textbooks/:id/qr-sheet.pdf',
    {
      schema: {
        tags,
        summary: "An A4 sheet of 24 QR stickers pointing at the title's public page (no sign-in)",
        params: idParam,
        produces: ['application/pdf'],
        response: { 200: z.any(), 400: errorBody, 404: errorBody },
      },
    },
    async (request, reply) => {
      const t = await uc.publicTextbook(db, request.params.id);
      const url = `${request.protocol}://${request.host}/textbooks/${t.id}`;
      const pdf = await qrSheetPdf(Array.from({ length: 24 }, () => ({ url, caption: `${t.title}\n${t.grade} · ${t.publisher} ${t.year}\nISBN ${t.isbn}` })));
      return reply.type('application/pdf').header('content-disposition', `inline; filename="qr-${t.id}.pdf"`).send(pdf);
    },
  );

  r.get(
    '/textbooks/:id',
    {
      schema: { tags, summary: 'The public page of an e-textbook (plain HTML, a few KB, no script: opens on a slow link)', params: idParam },
    },
    async (request, reply) => {
      const t = await uc.publicTextbook(db, request.params.id);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(textbookPage(t, request.headers['accept-language'] ?? ''));
    },
  );

  // ── officers ───────────────────────────────────────────────────────────────────────────────
  r.get(
    '/api/supplies/areas',
    {
      schema: {
        tags,
        summary: 'Needs vs provided by area with drill-down (regions → districts → organisations), shortfall',
        querystring: c.areasQuery,
        response: { 200: c.areasResponse, ...errors },
      },
    },
    async (request) => uc.areas(db.read, requireActor(request), request.query),
  ); // heavy: a replica when there is one
}

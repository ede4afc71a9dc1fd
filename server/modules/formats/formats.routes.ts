import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import {
  areaList,
  classFormat,
  currentRuleSetQuery,
  dateQuery,
  decisionPage,
  decisionQuery,
  formatsSettings,
  formatsSettingsBody,
  impactSchema,
  organisationDecisions,
  overrideBody,
  overrideSchema,
  revokeBody,
  ruleSetDetail,
  ruleSetList,
  ruleSetListQuery,
  ruleSetPreview,
  ruleSetPublished,
  ruleSetPublishBody,
  ruleSetSource,
  situationBody,
  situationHistory,
  situationHistoryQuery,
  situationRecorded,
  areaQuery,
} from '../../../contracts/formats.js';
import { requireActor } from '../identity/identity.http.js';
// the school calendar's "today" is the e-journal's (LEARNING_TODAY pins it for the 2020-21 demo)
import { clockFromEnv } from '../../platform/clock.js';
import * as uc from './formats.usecases.js';
import { ruleSetNotFound } from './formats.errors.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

/** Learning formats: situations, rule sets (preview and publish), decisions, overrides. */
export async function formatsRoutes(app: FastifyInstance, { db }: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['formats'];
  const clock = clockFromEnv();

  r.get(
    '/api/formats/settings',
    {
      schema: { tags, summary: 'The situation scale and whether regions may publish their own rules', response: { 200: formatsSettings, ...errors } },
    },
    async (request) => uc.readSettings(db, requireActor(request)),
  );

  r.put(
    '/api/formats/settings',
    {
      schema: { tags, summary: 'Change the formats settings (ministry)', body: formatsSettingsBody, response: { 200: formatsSettings, ...errors } },
    },
    async (request) => uc.changeSettings(db, requireActor(request), request.body),
  );

  // ── situations ─────────────────────────────────────────────────────────────
  r.get(
    '/api/formats/areas',
    {
      schema: {
        tags,
        summary: "Areas of the officer's scope with their own and effective situation (top level, a region's districts or a district's settlements)",
        querystring: areaQuery,
        response: { 200: areaList, ...errors },
      },
    },
    async (request) => uc.listAreas(db, requireActor(request), request.query, clock()),
  );

  r.get(
    '/api/formats/situations',
    {
      schema: {
        tags,
        summary: "An area's recorded situations, newest first (history)",
        querystring: situationHistoryQuery,
        response: { 200: situationHistory, ...errors },
      },
    },
    async (request) => uc.situationHistory(db, requireActor(request), request.query),
  );

  r.post(
    '/api/formats/situations/preview',
    {
      schema: {
        tags,
        summary: 'What recording this situation would change, by district (nothing is written)',
        body: situationBody,
        response: { 200: impactSchema, ...errors },
      },
    },
    async (request) => uc.previewSituation(db, requireActor(request), request.body, clock()),
  );

  r.post(
    '/api/formats/situations',
    {
      schema: {
        tags,
        summary: "Record an area's situation; recomputes the decisions below it and notifies those whose format changes, in one transaction",
        body: situationBody,
        response: { 201: situationRecorded, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await uc.recordSituation(db, requireActor(request), request.body, clock())),
  );

  // ── rule sets ──────────────────────────────────────────────────────────────
  r.get(
    '/api/formats/rule-sets',
    {
      schema: {
        tags,
        summary: "Published rule sets the officer may read (the country's and their region's)",
        querystring: ruleSetListQuery,
        response: { 200: ruleSetList, ...errors },
      },
    },
    async (request) => uc.listRuleSets(db, requireActor(request), request.query.regionId),
  );

  r.get(
    '/api/formats/rule-sets/current',
    {
      schema: {
        tags,
        summary: 'The latest rule set of the country (or of a region), to start editing from',
        querystring: currentRuleSetQuery,
        response: { 200: ruleSetDetail, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const list = await uc.listRuleSets(db, actor, request.query.regionId);
      const latest = list.items.find((s) => (s.region?.id ?? null) === (request.query.regionId ?? null));
      if (!latest) throw ruleSetNotFound('No rule set is published for this scope yet');
      return uc.getRuleSet(db, actor, latest.id);
    },
  );

  r.get(
    '/api/formats/rule-sets/:id',
    {
      schema: { tags, summary: 'One rule set with its JSON', params: idParam, response: { 200: ruleSetDetail, ...errors } },
    },
    async (request) => uc.getRuleSet(db, requireActor(request), request.params.id),
  );

  r.post(
    '/api/formats/rule-sets/preview',
    {
      schema: {
        tags,
        summary: 'Validate a rule set and show what publishing it would change; 422 names the organisations it leaves without a format',
        body: ruleSetSource,
        response: { 200: ruleSetPreview, ...errors },
      },
    },
    async (request) => uc.previewRuleSet(db, requireActor(request), request.body, clock()),
  );

  r.post(
    '/api/formats/rule-sets',
    {
      schema: {
        tags,
        summary: 'Publish a new version; recomputes every decision it governs and notifies, in one transaction',
        body: ruleSetPublishBody,
        response: { 201: ruleSetPublished, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await uc.publishRuleSet(db, requireActor(request), request.body, clock())),
  );

  // ── decisions and overrides ────────────────────────────────────────────────
  r.get(
    '/api/formats/decisions',
    {
      schema: {
        tags,
        summary: "Organisations of the officer's scope with their format, reason and classes by format",
        querystring: decisionQuery,
        response: { 200: decisionPage, ...errors },
      },
    },
    async (request) => uc.listDecisions(db, requireActor(request), request.query, clock()),
  );

  r.get(
    '/api/formats/organisations/:id',
    {
      schema: {
        tags,
        summary: "An organisation's format and its classes' formats with reasons, situation and overrides",
        params: idParam,
        querystring: dateQuery,
        response: { 200: organisationDecisions, ...errors },
      },
    },
    async (request) => uc.organisationFormats(db, requireActor(request), request.params.id, request.query.date, clock()),
  );

  r.get(
    '/api/formats/classes/:id',
    {
      schema: {
        tags,
        summary: "A class's format on a date (default today)",
        params: idParam,
        querystring: dateQuery,
        response: { 200: classFormat, ...errors },
      },
    },
    async (request) => uc.classFormat(db, requireActor(request), request.params.id, request.query.date, clock()),
  );

  r.post(
    '/api/formats/overrides',
    {
      schema: {
        tags,
        summary: "Override an organisation's or a class's format over a period, with a reason (officers of its area)",
        body: overrideBody,
        response: { 201: overrideSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await uc.createOverride(db, requireActor(request), request.body, clock())),
  );

  r.post(
    '/api/formats/overrides/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke an override (it stays in the history)',
        params: idParam,
        body: revokeBody,
        response: { 200: overrideSchema, ...errors },
      },
    },
    async (request) => uc.revokeOverride(db, requireActor(request), request.params.id, request.body.reason, clock()),
  );
}

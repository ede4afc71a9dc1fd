import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import * as c from '../../../contracts/access.js';
import { requireActor } from '../identity/identity.http.js';
import { createFileStore, loadFilesConfig } from '../files/files.usecases.js';
import * as uc from './access.usecases.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

/** Campus access: the person's status and pass, health officers' records, guards' scans, admins' buildings. */
export async function accessRoutes(app: FastifyInstance, { db }: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['access'];
  const ip = (request: { ip?: string }) => request.ip ?? null;
  const store = createFileStore(loadFilesConfig());
  const sendPhoto = (reply: import('fastify').FastifyReply, p: Awaited<ReturnType<typeof uc.photoBytes>>) =>
    reply
      .headers({
        'content-type': p.file.contentType,
        'content-length': String(p.file.sizeBytes),
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
        etag: `"${p.file.sha256}"`,
      })
      .send(p.stream);

  // ── public: what verifiers sync ──
  r.get(
    '/api/access/trust-list',
    {
      schema: { tags, summary: 'Public keys of the pass issuers (JWK Set; kid = base64url of the COSE kid)', response: { 200: c.trustList } },
    },
    async (_request, reply) => {
      const body = await uc.trustList(db, new Date());
      // integrity of its own: a digest verifiers may compare (and the HTTPS channel)
      reply.header('content-digest', `sha-256=:${createHash('sha256').update(JSON.stringify(body)).digest('base64')}:`);
      return body;
    },
  );
  r.get(
    '/api/access/revocations',
    {
      schema: { tags, summary: 'Revoked keys (kid) and revoked holders (pseudonyms)', response: { 200: c.revocationList } },
    },
    async () => uc.revocations(db, new Date()),
  );

  // ── the person ──
  r.get(
    '/api/access/me',
    {
      schema: { tags, summary: 'My campus organisations, consent and status', response: { 200: c.meAccess, ...errors } },
    },
    async (request) => uc.myAccess(db, requireActor(request), new Date()),
  );
  r.post(
    '/api/access/me/consent',
    {
      schema: { tags, summary: 'Consent to the use of my health status for campus access', response: { 200: c.meAccess, ...errors } },
    },
    async (request) => uc.giveMyConsent(db, requireActor(request), new Date()),
  );
  r.get(
    '/api/access/me/pass',
    {
      schema: { tags, summary: 'My signed pass (SBQ1:…), short-lived', querystring: c.passQuery, response: { 200: c.passResponse, ...errors } },
    },
    async (request) => uc.myPass(db, requireActor(request), request.query.organisationId, new Date()),
  );
  r.get(
    '/api/access/me/records',
    {
      schema: { tags, summary: 'My health records', response: { 200: c.recordList, ...errors } },
    },
    async (request) => uc.myRecords(db, requireActor(request)),
  );
  r.post(
    '/api/access/me/reports',
    {
      schema: { tags, summary: 'Report a missing record with a document', body: c.reportBody, response: { 201: c.healthRecord, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await uc.reportMissing(db, requireActor(request), request.body, new Date())),
  );
  r.get(
    '/api/access/records/:id/document',
    {
      schema: { tags, summary: "A reported record's document (the person, their health officer)", params: idParam },
    },
    async (request, reply) => {
      const doc = await uc.reportDocument(db, requireActor(request), request.params.id);
      return reply.type(doc.type).header('content-disposition', `attachment; filename="document"`).send(doc.bytes);
    },
  );

  r.get(
    '/api/access/me/photo',
    {
      schema: { tags, summary: 'Whether I have a gate photo (and the hash my pass carries)', response: { 200: c.photoState, ...errors } },
    },
    async (request) => uc.myPhoto(db, requireActor(request)),
  );
  r.put(
    '/api/access/me/photo',
    {
      schema: {
        tags,
        summary: 'Set my gate photo: a JPEG/PNG/WebP up to 128 KB I uploaded through /api/files',
        body: c.photoBody,
        response: { 200: c.photoState, ...errors },
      },
    },
    async (request) => uc.setMyPhoto(db, requireActor(request), request.body.fileId, new Date()),
  );
  r.delete(
    '/api/access/me/photo',
    {
      schema: { tags, summary: 'Remove my gate photo (the next pass carries none)', response: { 200: c.photoState, ...errors } },
    },
    async (request) => uc.deleteMyPhoto(db, requireActor(request)),
  );
  r.get(
    '/api/access/me/photo/image',
    {
      schema: { tags, summary: 'My gate photo' },
    },
    async (request, reply) => sendPhoto(reply, await uc.photoBytes(db, store, requireActor(request), 'me')),
  );

  // ── the health officer ──
  r.post(
    '/api/access/organisations/:id/imports',
    {
      schema: {
        tags,
        summary: 'Import a batch from the health system (CSV or FHIR bundle); all or nothing',
        params: idParam,
        body: c.importBody,
        response: { 201: c.importResult, ...errors },
      },
      bodyLimit: 6 * 1024 * 1024,
    },
    async (request, reply) => reply.code(201).send(await uc.importBatch(db, requireActor(request), request.params.id, request.body, new Date(), ip(request))),
  );
  r.get(
    '/api/access/organisations/:id/imports',
    {
      schema: { tags, summary: 'Imported batches', params: idParam, response: { 200: c.batchList, ...errors } },
    },
    async (request) => uc.batches(db, requireActor(request), request.params.id),
  );
  r.post(
    '/api/access/organisations/:id/records',
    {
      schema: {
        tags,
        summary: "Enter a record by hand for one of the organisation's people (confirmed)",
        params: idParam,
        body: c.officerRecordBody,
        response: { 201: c.healthRecord, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await uc.enterRecord(db, requireActor(request), request.params.id, request.body, new Date(), ip(request))),
  );
  r.get(
    '/api/access/organisations/:id/records',
    {
      schema: {
        tags,
        summary: "One person's records (the health officer)",
        params: idParam,
        querystring: c.personRecordsQuery,
        response: { 200: c.recordList, ...errors },
      },
    },
    async (request) => uc.personRecords(db, requireActor(request), request.params.id, request.query.personId),
  );
  r.get(
    '/api/access/organisations/:id/reports',
    {
      schema: { tags, summary: 'Records reported by people', params: idParam, querystring: c.reportsQuery, response: { 200: c.recordList, ...errors } },
    },
    async (request) => uc.reports(db, requireActor(request), request.params.id, request.query.state),
  );
  r.post(
    '/api/access/reports/:id/decision',
    {
      schema: { tags, summary: 'Confirm or reject a reported record', params: idParam, body: c.decisionBody, response: { 200: c.healthRecord, ...errors } },
    },
    async (request) => uc.decideReport(db, requireActor(request), request.params.id, request.body, new Date()),
  );
  r.get(
    '/api/access/organisations/:id/exemptions',
    {
      schema: { tags, summary: 'Medical exemptions', params: idParam, response: { 200: c.exemptionList, ...errors } },
    },
    async (request) => uc.exemptions(db, requireActor(request), request.params.id),
  );
  r.post(
    '/api/access/organisations/:id/exemptions',
    {
      schema: { tags, summary: 'Approve a medical exemption', params: idParam, body: c.exemptionBody, response: { 201: c.exemption, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await uc.addExemption(db, requireActor(request), request.params.id, request.body, new Date())),
  );
  r.post(
    '/api/access/exemptions/:id/revoke',
    {
      schema: { tags, summary: 'End an exemption', params: idParam, response: { 200: c.exemption, ...errors } },
    },
    async (request) => uc.revokeExemption(db, requireActor(request), request.params.id, new Date()),
  );
  r.get(
    '/api/access/organisations/:id/overview',
    {
      schema: { tags, summary: 'People by status (no record details)', params: idParam, response: { 200: c.overview, ...errors } },
    },
    async (request) => uc.overview(db, requireActor(request), request.params.id, new Date()),
  );

  r.get(
    '/api/access/organisations/:id/fevers',
    {
      schema: { tags, summary: 'Fever refusals at the gates (the health officer)', params: idParam, response: { 200: c.feverList, ...errors } },
    },
    async (request) => uc.fevers(db, requireActor(request), request.params.id),
  );

  // ── rules ──
  r.get(
    '/api/access/rules',
    {
      schema: { tags, summary: "The rules in force (a region's own, else the country's)", querystring: c.rulesQuery, response: { 200: c.ruleSet, ...errors } },
    },
    async (request) => uc.readRules(db, requireActor(request), request.query.regionId ?? null),
  );
  r.post(
    '/api/access/rules/preview',
    {
      schema: { tags, summary: 'How many people change status under a draft', body: c.rulesBody, response: { 200: c.rulesPreview, ...errors } },
    },
    async (request) => uc.previewRules(db, requireActor(request), request.body, new Date()),
  );
  r.post(
    '/api/access/rules',
    {
      schema: { tags, summary: 'Publish a new version of the rules', body: c.rulesBody, response: { 201: c.ruleSet, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await uc.publishRules(db, requireActor(request), request.body, new Date())),
  );

  // ── the gate ──
  r.get(
    '/api/access/guard',
    {
      schema: { tags, summary: "The guard's gates", response: { 200: c.guardSetup, ...errors } },
    },
    async (request) => uc.guardSetup(db, requireActor(request)),
  );
  r.get(
    '/api/access/guard/photos',
    {
      schema: {
        tags,
        summary: "Holders of the guard's organisations with a gate photo, and the photo hash (for the phone's cache)",
        response: { 200: c.guardPhotoList, ...errors },
      },
    },
    async (request) => uc.guardPhotos(db, requireActor(request), new Date()),
  );
  r.get(
    '/api/access/guard/photos/:holder',
    {
      schema: { tags, summary: "A holder's gate photo (a guard of the holder's organisation)", params: c.holderParam },
    },
    async (request, reply) => sendPhoto(reply, await uc.photoBytes(db, store, requireActor(request), { holder: request.params.holder })),
  );
  r.post(
    '/api/access/verify',
    {
      schema: {
        tags,
        summary: 'Verify a pass online: admit or the reason, and the holder name',
        body: c.verifyBody,
        response: { 200: c.verifyResult, ...errors },
      },
    },
    async (request) => uc.verifyOnline(db, requireActor(request), request.body, new Date()),
  );
  r.post(
    '/api/access/scans',
    {
      schema: { tags, summary: "Upload the scanner's log (idempotent by client id)", body: c.scansBody, response: { 200: c.scansResult, ...errors } },
    },
    async (request) => uc.uploadScans(db, requireActor(request), request.body.scans, new Date()),
  );

  // ── the admin ──
  r.get(
    '/api/access/organisations/:id/buildings',
    {
      schema: { tags, summary: 'Buildings with gates, rooms, residents and who is inside', params: idParam, response: { 200: c.buildingList, ...errors } },
    },
    async (request) => uc.buildings(db, requireActor(request), request.params.id, new Date()),
  );
  r.post(
    '/api/access/organisations/:id/buildings',
    {
      schema: { tags, summary: 'Add a building', params: idParam, body: c.buildingBody, response: { 201: c.building, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await uc.addBuilding(db, requireActor(request), request.params.id, request.body, new Date())),
  );
  r.post(
    '/api/access/buildings/:id/gates',
    {
      schema: { tags, summary: 'Add a gate to a building', params: idParam, body: c.gateBody, response: { 201: c.building, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await uc.addGate(db, requireActor(request), request.params.id, request.body.name, new Date())),
  );
  r.get(
    '/api/access/buildings/:id/rooms',
    {
      schema: { tags, summary: "A dormitory's rooms and residents", params: idParam, response: { 200: c.roomList, ...errors } },
    },
    async (request) => uc.rooms(db, requireActor(request), request.params.id),
  );
  r.post(
    '/api/access/buildings/:id/rooms',
    {
      schema: { tags, summary: 'Add a dormitory room', params: idParam, body: c.roomBody, response: { 201: c.roomList, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await uc.addRoom(db, requireActor(request), request.params.id, request.body)),
  );
  r.post(
    '/api/access/rooms/:id/residents',
    {
      schema: {
        tags,
        summary: 'Move a student into a room (a free bed and an admitted status)',
        params: idParam,
        body: c.residentBody,
        response: { 201: c.roomList, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await uc.addResident(db, requireActor(request), request.params.id, request.body, new Date())),
  );
  r.get(
    '/api/access/organisations/:id/entrances',
    {
      schema: {
        tags,
        summary: 'The entrance log (admin, health officer)',
        params: idParam,
        querystring: c.entranceQuery,
        response: { 200: c.entranceLog, ...errors },
      },
    },
    async (request) => uc.entrances(db, requireActor(request), request.params.id, request.query),
  );
  r.get(
    '/api/access/organisations/:id/occupancy',
    {
      schema: { tags, summary: 'Who is inside each building now, from the scans', params: idParam, response: { 200: c.occupancy, ...errors } },
    },
    async (request) => uc.occupancy(db, requireActor(request), request.params.id, new Date()),
  );
  r.get(
    '/api/access/organisations/:id/people',
    {
      schema: {
        tags,
        summary: "The organisation's people by name (the admin; no health data)",
        params: idParam,
        querystring: c.peopleQuery,
        response: { 200: c.peopleList, ...errors },
      },
    },
    async (request) => uc.people(db, requireActor(request), request.params.id, request.query.q),
  );
  r.put(
    '/api/access/organisations/:id/photos',
    {
      schema: {
        tags,
        summary: "Set a person's gate photo (the admin, with a file the admin uploaded)",
        params: idParam,
        body: c.adminPhotoBody,
        response: { 200: c.photoState, ...errors },
      },
    },
    async (request) => uc.setPersonPhoto(db, requireActor(request), request.params.id, request.body, new Date(), ip(request)),
  );
  r.get(
    '/api/access/organisations/:id/keys',
    {
      schema: { tags, summary: 'Signing keys', params: idParam, response: { 200: c.keyList, ...errors } },
    },
    async (request) => uc.keys(db, requireActor(request), request.params.id),
  );
  r.post(
    '/api/access/organisations/:id/keys/rotate',
    {
      schema: { tags, summary: 'Rotate the signing key', params: idParam, response: { 200: c.keyList, ...errors } },
    },
    async (request) => uc.rotateKey(db, requireActor(request), request.params.id, new Date(), ip(request)),
  );
  r.post(
    '/api/access/keys/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a signing key (its passes are refused)',
        params: idParam,
        body: c.revokeBody,
        response: { 200: c.signingKey, ...errors },
      },
    },
    async (request) => uc.revokeKey(db, requireActor(request), request.params.id, request.body.reason, new Date(), ip(request)),
  );
  r.post(
    '/api/access/organisations/:id/revoked-holders',
    {
      schema: { tags, summary: "Revoke a person's passes", params: idParam, body: c.revokeHolderBody, response: { 201: c.okResponse, ...errors } },
    },
    async (request, reply) => reply.code(201).send(await uc.revokeHolder(db, requireActor(request), request.params.id, request.body, new Date(), ip(request))),
  );
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../platform/config.js';
import { errorBody } from '../../../contracts/common.js';
import {
  changePasswordBody,
  changePasswordResponse,
  childrenResponse,
  loginBody,
  loginResponse,
  meResponse,
  updateMeBody,
  type Me,
} from '../../../contracts/identity.js';
import * as usecases from './identity.usecases.js';
import * as repo from './identity.repository.js';
import { clearSessionCookie, deviceToken, requireActor, setDeviceCookie, setSessionCookie } from './identity.http.js';
import { hasRole } from './identity.actor.js';
import { notFound } from '../../platform/errors.js';

const SCOPE_KIND = {
  pupil: 'self',
  parent: 'children',
  teacher: 'classes',
  homeroom: 'class',
  org_admin: 'organisation',
  gate_guard: 'organisation',
  health_officer: 'organisation',
  district_officer: 'district',
  region_officer: 'region',
  ministry_officer: 'country',
} as const;

async function describeMe(db: Db, accountId: number): Promise<Me> {
  const me = await repo.findMe(db, accountId);
  if (!me) throw notFound('Account');
  const grants = await repo.findGrantNames(db, me.person_id);
  const roles: Me['roles'] = grants.map((g) => ({
    role: g.role as Me['roles'][number]['role'],
    scope: {
      kind: SCOPE_KIND[g.role as keyof typeof SCOPE_KIND],
      organisationId: g.organisation_id,
      districtId: g.district_id,
      regionId: g.region_id,
      name: g.organisation_name ?? g.district_name ?? g.region_name,
    },
  }));
  return {
    person: {
      id: me.person_id,
      iin: me.iin,
      lastName: me.last_name,
      firstName: me.first_name,
      middleName: me.middle_name,
      birthDate: me.birth_date,
      phone: me.phone,
      email: me.email,
    },
    roles,
    language: me.language,
  };
}

export async function identityRoutes(app: FastifyInstance, deps: { db: Db; config: Config }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = deps;

  r.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['identity'],
        summary: 'Sign in with IIN, phone, email or login name and a password',
        body: loginBody,
        response: { 200: loginResponse, 401: errorBody, 429: errorBody },
      },
    },
    async (request, reply) => {
      const {
        token,
        accountId,
        deviceToken: device,
      } = await usecases.login({
        db,
        config,
        login: request.body.login,
        password: request.body.password,
        ip: request.ip ?? null,
        userAgent: request.headers['user-agent'] ?? null,
        deviceToken: deviceToken(request),
      });
      // a sign-in replaces any session this browser had
      if (request.actor) await repo.revokeSession(db, request.actor.sessionId);
      setSessionCookie(request, reply, token, config.SESSION_ABSOLUTE_HOURS * 3600);
      setDeviceCookie(request, reply, device);
      return { user: await describeMe(db, accountId) };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      schema: { tags: ['identity'], summary: 'Sign out: the session is revoked server-side', response: { 204: z.null(), 401: errorBody } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await usecases.logout({ db, sessionId: actor.sessionId, accountId: actor.accountId, ip: request.ip ?? null });
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/auth/logout-everywhere',
    {
      schema: {
        tags: ['identity'],
        summary: 'Sign out everywhere: every session of this account ends (this one too) and its own devices are forgotten',
        response: { 204: z.null(), 401: errorBody },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await usecases.logoutEverywhere({ db, accountId: actor.accountId, ip: request.ip ?? null });
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/me/password',
    {
      schema: {
        tags: ['identity'],
        summary: 'Change my password (the current one is required); every other session ends',
        body: changePasswordBody,
        response: { 200: changePasswordResponse, 400: errorBody, 401: errorBody, 429: errorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return usecases.changePassword({
        db,
        config,
        accountId: actor.accountId,
        sessionId: actor.sessionId,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        ip: request.ip ?? null,
      });
    },
  );

  r.get(
    '/api/me',
    {
      schema: { tags: ['identity'], summary: 'The signed-in person, their roles with scopes, and language', response: { 200: meResponse, 401: errorBody } },
    },
    async (request) => describeMe(db, requireActor(request).accountId),
  );

  r.patch(
    '/api/me',
    {
      schema: { tags: ['identity'], summary: 'Change the interface language', body: updateMeBody, response: { 200: meResponse, 401: errorBody } },
    },
    async (request) => {
      const actor = requireActor(request);
      await usecases.changeLanguage({ db, accountId: actor.accountId, language: request.body.language });
      return describeMe(db, actor.accountId);
    },
  );

  r.get(
    '/api/me/children',
    {
      schema: { tags: ['identity'], summary: "A parent's children with their classes", response: { 200: childrenResponse, 401: errorBody } },
    },
    async (request) => {
      const actor = requireActor(request);
      if (!hasRole(actor, 'parent')) return { children: [] };
      const rows = await repo.findChildren(db, actor.personId);
      return {
        children: rows.map((c) => ({
          id: c.id,
          lastName: c.last_name,
          firstName: c.first_name,
          middleName: c.middle_name,
          birthDate: c.birth_date,
          classes: c.classes,
        })),
      };
    },
  );
}

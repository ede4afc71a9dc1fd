import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db.js';
import type { Config } from '../../platform/config.js';
import { unauthenticated } from '../../platform/errors.js';
import { loadActorBySessionHash, type Actor } from './identity.actor.js';
import { hashToken } from './identity.usecases.js';
import { touchSession } from './identity.repository.js';
import { csrfRejected } from './identity.errors.js';
import type { ChangeFeed } from '../../platform/listener.js';
import { createSessionCache } from './session-cache.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export const SECURE_COOKIE = '__Host-sabaq_session';
export const PLAIN_COOKIE = 'sabaq_session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in actor, or a 401 when the request carries no live session. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number): void {
  const secure = request.protocol === 'https';
  reply.setCookie(secure ? SECURE_COOKIE : PLAIN_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure,
    sameSite: 'lax',
    maxAge: maxAgeSeconds,
  });
}

export const SECURE_DEVICE_COOKIE = '__Host-sabaq_device';
export const PLAIN_DEVICE_COOKIE = 'sabaq_device';
const DEVICE_DAYS = 180;

/** The browser's "own device" token (set at a successful sign-in; see the identity README). */
export function deviceToken(request: FastifyRequest): string | null {
  const v = request.cookies[SECURE_DEVICE_COOKIE] ?? request.cookies[PLAIN_DEVICE_COOKIE];
  return v && v.length <= 200 ? v : null;
}

export function setDeviceCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  const secure = request.protocol === 'https';
  reply.setCookie(secure ? SECURE_DEVICE_COOKIE : PLAIN_DEVICE_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure,
    sameSite: 'lax',
    maxAge: DEVICE_DAYS * 86_400,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  const secure = request.protocol === 'https';
  reply.clearCookie(secure ? SECURE_COOKIE : PLAIN_COOKIE, { path: '/', httpOnly: true, secure, sameSite: 'lax' });
}

/**
 * CSRF defence by origin check: a state-changing request that a browser sends from another site
 * carries that site's Origin (or Sec-Fetch-Site: cross-site) and is refused. Clients that are not
 * browsers send neither and hold no ambient cookie to abuse. The session cookie is also SameSite=Lax.
 */
function checkOrigin(request: FastifyRequest, allowed: Set<string>): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (allowed.has(origin)) return;
    let same = false;
    try {
      const from = new URL(origin);
      // compare as URLs so that default ports (:80, :443) match however the Host header spells them
      same = from.host === new URL(`${from.protocol}//${request.host}`).host;
    } catch {
      same = false;
    }
    if (!same) throw csrfRejected();
    return;
  }
  if (request.headers['sec-fetch-site'] === 'cross-site') throw csrfRejected();
}

/** Resolves the session cookie of every API request into `request.actor`, and checks origins. */
export function registerSessionAuth(app: FastifyInstance, deps: { db: Db; config: Config; changes?: ChangeFeed }): void {
  const allowed = new Set(
    deps.config.ALLOWED_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  // the lookup kept a few seconds per process, dropped everywhere by NOTIFY (decision 0026)
  const cache = deps.changes ? createSessionCache(deps.changes, deps.config.SESSION_CACHE_MS) : null;
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    checkOrigin(request, allowed);
    const token = request.cookies[SECURE_COOKIE] ?? request.cookies[PLAIN_COOKIE];
    if (!token || token.length > 200) return;
    const hash = hashToken(token);
    const key = hash.toString('base64');
    let actor = cache?.get(key) ?? null;
    if (!actor) {
      const epoch = cache?.epoch() ?? 0;
      actor = await loadActorBySessionHash(deps.db, hash, deps.config.SESSION_IDLE_MINUTES);
      if (!actor) return;
      cache?.set(key, actor, epoch, deps.config.SESSION_IDLE_MINUTES);
    }
    if (Date.now() - actor.lastSeenAt.getTime() > 60_000) {
      // idle timeout bookkeeping, at most once a minute per session
      await touchSession(deps.db, actor.sessionId);
      actor.lastSeenAt = new Date();
    }
    request.actor = actor;
  });
  if (cache) {
    // a write by the signed-in person (sign-out, sign-out everywhere, a new password or language…) is
    // seen by their next request here at once; the other processes learn it from the NOTIFY
    app.addHook('onSend', async (request, _reply, payload) => {
      if (request.actor && !SAFE_METHODS.has(request.method)) cache.forgetAccount(request.actor.accountId);
      return payload;
    });
  }
}

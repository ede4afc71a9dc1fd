import { AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorBody } from './errors.js';

/**
 * Admission control (docs/decisions/0009-admission-control.md): at most `maxConcurrent` API requests
 * run at once in this process; up to `maxQueue` more wait, each for at most `queueTimeoutMs`;
 * everything beyond is answered at once with 503, `Retry-After` and `server.busy`. A request that
 * was refused never ran, so any client may send it again, whatever its method.
 *
 * Only `/api/` routes are counted; a route opts out with `config: { admission: false }` (liveness
 * and readiness, which must answer while the queue is full).
 */
export interface AdmissionOptions {
  maxConcurrent: number;
  maxQueue: number;
  queueTimeoutMs: number;
  retryAfterSeconds: number;
}

export interface AdmissionStats {
  inFlight: number;
  queued: number;
  admitted: number;
  /** refused at once because the queue was full */
  refusedQueueFull: number;
  /** waited queueTimeoutMs without getting a slot */
  refusedQueueTimeout: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: this route is answered even when the process is at capacity (health probes) */
    admission?: boolean;
  }
  interface FastifyInstance {
    admission: AdmissionStats;
  }
}

interface Waiter {
  grant(): void;
}

export class AdmissionGate {
  readonly stats: AdmissionStats = { inFlight: 0, queued: 0, admitted: 0, refusedQueueFull: 0, refusedQueueTimeout: 0 };
  private readonly queue: Waiter[] = [];

  constructor(readonly options: AdmissionOptions) {}

  /**
   * Asks for a slot. `onGrant` runs (possibly later, then in the caller's async context) when the
   * request may run; `onRefuse` runs when it may not. Returns a cancel function for a waiter whose client left.
   */
  acquire(onGrant: () => void, onRefuse: (why: 'full' | 'timeout') => void): () => void {
    const s = this.stats;
    if (s.inFlight < this.options.maxConcurrent) {
      s.inFlight++;
      s.admitted++;
      onGrant();
      return () => {};
    }
    if (this.queue.length >= this.options.maxQueue) {
      s.refusedQueueFull++;
      onRefuse('full');
      return () => {};
    }
    let done = false;
    // a queued grant runs from another request's release: bound to the caller's async context (the
    // request's own), so hooks after it run as part of that request. Only here: a slot free at once
    // is granted synchronously, already in that context (binding costs a resource and a deprecation
    // wrapper per call, ~1 % of a light request's CPU at the morning peak).
    const grant = AsyncResource.bind(onGrant);
    const waiter: Waiter = {
      grant: () => {
        done = true;
        clearTimeout(timer);
        s.admitted++;
        grant();
      },
    };
    const remove = () => {
      const i = this.queue.indexOf(waiter);
      if (i >= 0) this.queue.splice(i, 1);
      s.queued = this.queue.length;
    };
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      remove();
      s.refusedQueueTimeout++;
      onRefuse('timeout');
    }, this.options.queueTimeoutMs);
    this.queue.push(waiter);
    s.queued = this.queue.length;
    return () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      remove();
    };
  }

  release(): void {
    const s = this.stats;
    s.inFlight--;
    while (s.inFlight < this.options.maxConcurrent && this.queue.length) {
      const next = this.queue.shift()!;
      s.queued = this.queue.length;
      s.inFlight++;
      next.grant();
    }
  }
}

export function busyReply(reply: FastifyReply, retryAfterSeconds: number): FastifyReply {
  return reply
    .code(503)
    .header('retry-after', String(retryAfterSeconds))
    .send(errorBody('server.busy', `The server is busy; try again in ${retryAfterSeconds} s`, { retryAfterSeconds }));
}

/** Registers the gate as the very first onRequest hook (so nothing runs for a refused request). */
export function registerAdmission(app: FastifyInstance, options: AdmissionOptions): AdmissionGate {
  const gate = new AdmissionGate(options);
  app.decorate('admission', gate.stats);
  const releases = new WeakMap<object, () => void>();
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config?.admission === false) return done();
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      gate.release();
    };
    let admitted = false;
    // runs in the request's own async context even when the slot is granted from another request's
    // release (acquire binds a queued grant)
    const grant = () => {
      admitted = true;
      releases.set(request, release);
      reply.raw.once('close', release);
      done();
    };
    const cancel = gate.acquire(grant, () => void busyReply(reply, options.retryAfterSeconds));
    // a client that gives up while waiting leaves the queue
    if (!admitted) reply.raw.once('close', cancel);
  });
  app.addHook('onResponse', async (request) => {
    // light-my-request (tests) may not emit 'close': onResponse releases too; release() runs once
    releases.get(request)?.();
  });
  return gate;
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db.js';
import { audit } from '../identity/identity.usecases.js';
import { isDailyWork, mayActFor } from './privacy.policy.js';
import { classesOfPupil } from './privacy.repository.js';

type Subject = { kind: 'pupil' | 'class' | 'organisation'; id: number };

/**
 * Reads of pupils' personal data, by route pattern: how to find whose data the answer holds. A module
 * adding such a read adds its row here; every successful read outside the reader's daily work (see
 * `isDailyWork`) lands in the audit log as `privacy.sensitive_read` with who, which route and whose data.
 */
export const SENSITIVE_READS: Record<string, (request: FastifyRequest) => Subject | null> = {
  'GET /api/learning/pupils/:id/diary': (r) => ({ kind: 'pupil', id: Number((r.params as { id: string }).id) }),
  'GET /api/learning/pupils/:id/summary': (r) => ({ kind: 'pupil', id: Number((r.params as { id: string }).id) }),
  'GET /api/classes/:id': (r) => ({ kind: 'class', id: Number((r.params as { id: string }).id) }),
  'GET /api/learning/classes/:id/summary': (r) => ({ kind: 'class', id: Number((r.params as { id: string }).id) }),
  'GET /api/learning/journal': (r) => ({ kind: 'class', id: Number((r.query as { classId: string }).classId) }),
  // organisation-wide lists of children: always outside anyone's class
  'GET /api/duty/windows/:id/applications': (r) => ({ kind: 'organisation', id: Number((r.params as { id: string }).id) }),
  'GET /api/duty/windows/:id/groups': (r) => ({ kind: 'organisation', id: Number((r.params as { id: string }).id) }),
};

/** One hook for every route: logs the sensitive reads above that are outside the reader's daily work. */
export function registerSensitiveReadAudit(app: FastifyInstance, db: Db): void {
  // onSend: the entry is written before the data leaves (an audit that fails is logged, the answer still goes)
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 200 || !request.actor) return payload;
    const subjectOf = SENSITIVE_READS[`${request.method} ${request.routeOptions.url}`];
    const subject = subjectOf?.(request);
    if (!subject || !Number.isSafeInteger(subject.id)) return payload;
    const actor = request.actor;
    try {
      const daily =
        subject.kind === 'pupil'
          ? mayActFor(actor, subject.id) || isDailyWork(actor, { pupilId: subject.id, classIds: await classesOfPupil(db, subject.id) })
          : subject.kind === 'class'
            ? isDailyWork(actor, { classIds: [subject.id] })
            : false;
      if (daily) return payload;
      await audit(db, {
        accountId: actor.accountId,
        action: 'privacy.sensitive_read',
        ip: request.ip ?? null,
        details: { route: `${request.method} ${request.routeOptions.url}`, subject: subject.kind, subjectId: subject.id },
      });
    } catch (err) {
      request.log.error({ err }, 'sensitive-read audit failed');
    }
    return payload;
  });
}

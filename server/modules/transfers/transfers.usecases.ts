import type { Db } from '../../platform/db.js';
import type { Config } from '../../platform/config.js';
import type { Actor } from '../identity/identity.actor.js';
import type { TransferView } from '../../../contracts/transfers.js';
import { audit } from '../identity/identity.usecases.js';
import { notify } from '../notifications/notifications.usecases.js';
import * as repo from './transfers.repository.js';
import { addSchoolDays } from './transfers.rules.js';
import { canSee, decider, isAdminOf, seesPupil } from './transfers.policy.js';
import {
  alreadyDecided,
  alreadyHere,
  alreadyRequested,
  classNotFound,
  notAllowed,
  notOverdue,
  pupilMoved,
  pupilNotFound,
  transferNotFound,
} from './transfers.errors.js';

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505';

const scopeOf = (r: repo.TransferRow) => ({
  fromOrganisationId: r.from_organisation_id,
  fromDistrictId: r.from_district_id,
  toOrganisationId: r.to_organisation_id,
  overdue: r.overdue,
  status: r.status,
});

/** A transfer as this actor may see it: the receiving school learns the pupil's name and school only on approval. */
export function view(actor: Actor, r: repo.TransferRow): TransferView {
  const s = scopeOf(r);
  const full = seesPupil(actor, s);
  return {
    id: r.id,
    status: r.status,
    iin: r.iin,
    pupil: full ? { id: r.pupil_id, lastName: r.last_name, firstName: r.first_name, middleName: r.middle_name } : null,
    from: full ? { organisationId: r.from_organisation_id, name: r.from_name, className: r.from_class_name } : null,
    to: { organisationId: r.to_organisation_id, name: r.to_name, classId: r.to_class_id, className: r.to_class_name },
    requestedAt: r.requested_at.toISOString(),
    answerDueAt: r.answer_due_at.toISOString(),
    overdue: r.overdue,
    decidedAt: r.decided_at?.toISOString() ?? null,
    decidedAs: r.decided_as,
    reason: r.reason,
    canDecide: r.status === 'pending' && decider(actor, s) !== null,
  };
}

/**
 * The receiving school asks for a pupil of another organisation (by IIN) into one of its classes this
 * year. The current school's admins are notified; the answer is due in TRANSFER_ANSWER_SCHOOL_DAYS.
 */
export async function requestTransfer(args: {
  db: Db;
  config: Pick<Config, 'TRANSFER_ANSWER_SCHOOL_DAYS'>;
  actor: Actor;
  organisationId: number;
  iin: string;
  classId: number;
  ip: string | null;
  now: Date;
}): Promise<TransferView> {
  const { db, actor, organisationId, now } = args;
  const target = await repo.findCurrentClass(db, organisationId, args.classId);
  if (!target) throw classNotFound();
  const pupil = await repo.findPupilByIin(db, args.iin, organisationId);
  if (pupil?.here) throw alreadyHere();
  if (!pupil?.elsewhere) throw pupilNotFound();
  const from = pupil.elsewhere;
  try {
    const id = await db.transaction(async (tx) => {
      const id = await repo.insertTransfer(tx, {
        pupilId: pupil.pupilId,
        fromOrganisationId: from.organisationId,
        fromClassId: from.classId,
        toOrganisationId: organisationId,
        toClassId: target.id,
        requestedBy: actor.accountId,
        requestedAt: now,
        answerDueAt: addSchoolDays(now, args.config.TRANSFER_ANSWER_SCHOOL_DAYS),
      });
      const admins = await repo.adminsOf(tx, from.organisationId);
      await notify(
        tx,
        admins.map((personId) => ({ personId, kind: 'transfers.requested', params: { transferId: id, organisationId: from.organisationId } })),
        now,
      );
      await audit(tx, {
        accountId: actor.accountId,
        action: 'transfers.requested',
        ip: args.ip,
        details: { transferId: id, personId: pupil.pupilId, fromOrganisationId: from.organisationId, toOrganisationId: organisationId },
      });
      return id;
    });
    return view(actor, (await repo.findTransfer(db, id, now))!);
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyRequested();
    throw err;
  }
}

/**
 * The current school (any time) or its district officer (once overdue) approves or rejects. On
 * approval the pupil moves in the same transaction, and the family and the receiving school are told.
 */
export async function decideTransfer(args: {
  db: Db;
  actor: Actor;
  id: number;
  approve: boolean;
  reason: string | null;
  ip: string | null;
  now: Date;
}): Promise<TransferView> {
  const { db, actor, now } = args;
  await db.transaction(async (tx) => {
    const t = await repo.findTransfer(tx, args.id, now, true);
    if (!t || !canSee(actor, scopeOf(t))) throw transferNotFound();
    if (t.status !== 'pending') throw alreadyDecided();
    const as = decider(actor, scopeOf(t));
    if (as === null) {
      if (!isAdminOf(actor, t.to_organisation_id) && !t.overdue) throw notOverdue();
      throw notAllowed();
    }
    const status = args.approve ? 'approved' : 'rejected';
    if (args.approve) {
      if (!(await repo.isInClass(tx, t.pupil_id, t.from_class_id))) throw pupilMoved();
      await repo.movePupil(tx, {
        pupilId: t.pupil_id,
        fromOrganisationId: t.from_organisation_id,
        toOrganisationId: t.to_organisation_id,
        toClassId: t.to_class_id,
      });
    }
    await repo.setDecision(tx, { id: t.id, status, decidedBy: actor.accountId, decidedAs: as, at: now, reason: args.reason });
    const requester = await repo.personOfAccount(tx, t.requested_by);
    const family = args.approve ? [t.pupil_id, ...(await repo.parentsOf(tx, t.pupil_id))] : [];
    const childName = `${t.first_name} ${t.last_name}`;
    await notify(
      tx,
      [
        ...family.map((personId) => ({
          personId,
          kind: 'transfers.moved',
          params: {
            transferId: t.id,
            childName,
            organisationId: t.to_organisation_id,
            organisationName: t.to_name,
            className: t.to_class_name,
            classId: t.to_class_id,
          },
        })),
        ...(requester !== null
          ? [{ personId: requester, kind: `transfers.${status}`, params: { transferId: t.id, organisationId: t.to_organisation_id } }]
          : []),
      ],
      now,
    );
    await audit(tx, {
      accountId: actor.accountId,
      action: `transfers.${status}`,
      ip: args.ip,
      details: { transferId: t.id, personId: t.pupil_id, fromOrganisationId: t.from_organisation_id, toOrganisationId: t.to_organisation_id, decidedAs: as },
    });
  });
  return view(actor, (await repo.findTransfer(db, args.id, now))!);
}

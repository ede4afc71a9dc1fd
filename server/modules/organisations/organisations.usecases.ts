/**
 * What the organisation's admin changes in classes and groups: create and edit them (a name unique
 * in the academic year), the homeroom teacher, the members, and moving a pupil between classes.
 * Each write is one transaction and is audited (ids only, never names).
 */
import type { Db, Queryable } from '../../platform/db.js';
import { audit } from '../identity/identity.usecases.js';
import * as repo from './organisations.repository.js';
import { alreadyMember, classNameTaken, inOtherClass, moveTargetInvalid, notAPupil, notATeacher, notMember, yearNotFound } from './organisations.errors.js';

interface Who {
  accountId: number;
  ip: string | null;
}

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

async function checkHomeroom(db: Queryable, organisationId: number, teacherId: number | null | undefined) {
  if (teacherId && !(await repo.holdsRole(db, organisationId, teacherId, ['teacher']))) throw notATeacher();
}

export async function createClass(
  args: Who & {
    db: Db;
    organisationId: number;
    input: repo.ClassWrite & { academicYearId?: number | undefined };
  },
): Promise<number> {
  const { db, organisationId, input } = args;
  return db.transaction(async (tx) => {
    const yearId = input.academicYearId ?? (await repo.currentAcademicYearId(tx));
    if (!yearId || !(await repo.academicYearExists(tx, yearId))) throw yearNotFound();
    if (await repo.findClassByName(tx, organisationId, yearId, input.name)) throw classNameTaken(undefined, { name: input.name });
    await checkHomeroom(tx, organisationId, input.homeroomTeacherId);
    let id: number;
    try {
      id = await repo.insertClass(tx, organisationId, yearId, input);
    } catch (e) {
      if (isUniqueViolation(e)) throw classNameTaken(undefined, { name: input.name });
      throw e;
    }
    await audit(tx, { accountId: args.accountId, action: 'organisations.class_created', ip: args.ip, details: { organisationId, classId: id } });
    return id;
  });
}

export async function updateClass(
  args: Who & {
    db: Db;
    organisationId: number;
    classId: number;
    academicYearId: number;
    patch: Partial<repo.ClassWrite>;
  },
): Promise<void> {
  const { db, organisationId, classId, patch } = args;
  await db.transaction(async (tx) => {
    if (patch.name !== undefined && (await repo.findClassByName(tx, organisationId, args.academicYearId, patch.name, classId))) {
      throw classNameTaken(undefined, { name: patch.name });
    }
    await checkHomeroom(tx, organisationId, patch.homeroomTeacherId);
    try {
      await repo.updateClass(tx, classId, patch);
    } catch (e) {
      if (isUniqueViolation(e)) throw classNameTaken(undefined, { name: patch.name });
      throw e;
    }
    await audit(tx, {
      accountId: args.accountId,
      action: 'organisations.class_updated',
      ip: args.ip,
      details: { organisationId, classId, fields: Object.keys(patch).filter((k) => patch[k as keyof repo.ClassWrite] !== undefined) },
    });
  });
}

export async function addPupil(args: Who & { db: Db; organisationId: number; classId: number; academicYearId: number; pupilId: number }): Promise<void> {
  const { db, organisationId, classId, pupilId } = args;
  await db.transaction(async (tx) => {
    if (!(await repo.holdsRole(tx, organisationId, pupilId, ['pupil']))) throw notAPupil();
    const current = await repo.pupilClassesInYear(tx, organisationId, args.academicYearId, pupilId);
    if (current.some((c) => c.id === classId)) throw alreadyMember();
    if (current.length > 0) throw inOtherClass(undefined, { classId: current[0]!.id, className: current[0]!.name });
    await repo.addMember(tx, classId, pupilId);
    await audit(tx, { accountId: args.accountId, action: 'organisations.member_added', ip: args.ip, details: { organisationId, classId, personId: pupilId } });
  });
}

export async function removePupil(args: Who & { db: Db; organisationId: number; classId: number; pupilId: number }): Promise<void> {
  const { db, organisationId, classId, pupilId } = args;
  await db.transaction(async (tx) => {
    if (!(await repo.removeMember(tx, classId, pupilId))) throw notMember();
    await audit(tx, {
      accountId: args.accountId,
      action: 'organisations.member_removed',
      ip: args.ip,
      details: { organisationId, classId, personId: pupilId },
    });
  });
}

/** Out of one class into another of the same organisation and year, in one transaction. */
export async function movePupil(
  args: Who & {
    db: Db;
    organisationId: number;
    fromClassId: number;
    academicYearId: number;
    toClassId: number;
    pupilId: number;
  },
): Promise<void> {
  const { db, organisationId, fromClassId, toClassId, pupilId } = args;
  await db.transaction(async (tx) => {
    const target = await repo.findClass(tx, toClassId);
    if (!target || target.organisation_id !== organisationId || target.academic_year.id !== args.academicYearId || toClassId === fromClassId) {
      throw moveTargetInvalid();
    }
    if (!(await repo.removeMember(tx, fromClassId, pupilId))) throw notMember();
    await repo.addMember(tx, toClassId, pupilId);
    await audit(tx, {
      accountId: args.accountId,
      action: 'organisations.member_moved',
      ip: args.ip,
      details: { organisationId, fromClassId, toClassId, personId: pupilId },
    });
  });
}

// What other modules use of organisations (docs/ARCHITECTURE.md, module boundaries): an
// organisation's place in the hierarchy, its not-found answer and the scope checks built on it.
export { findOrganisationNode } from './organisations.repository.js';
export { organisationNotFound } from './organisations.errors.js';
export { canManageOrganisation, classAccess, type OrgNode } from './organisations.policy.js';

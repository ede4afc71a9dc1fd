import type { Db, Queryable } from '../../platform/db.js';
import type { Config } from '../../platform/config.js';
import type { ActivationCode, ImportCounts, ImportKind, ImportReport } from '../../../contracts/onboarding.js';
import {
  audit,
  auditMany,
  clearFailures,
  forgetDevices,
  revokeSessionsOf,
  findAccountByLogin,
  lockedForSeconds,
  recordFailure,
} from '../identity/identity.usecases.js';
import { hashPassword } from '../identity/identity.usecases.js';
import * as repo from './onboarding.repository.js';
import { readSheet, type Sheet } from './onboarding.read.js';
import {
  checkClasses,
  checkParentLinks,
  checkPeople,
  classKey,
  classesSheetIins,
  linksSheetIins,
  mapHeader,
  peopleSheetKeys,
  type Checked,
} from './onboarding.rules.js';
import { ACTIVATION_DAYS, activationHash, activationMatches, isPendingActivation, newActivationCode } from './onboarding.activation.js';
import { activationFailed, activationThrottled, concurrentChange, noCurrentYear, personNotFound } from './onboarding.errors.js';

/** Upload limits; the route turns a breach into 413 with the limit in the message. */
export const IMPORT_LIMITS = {
  maxFileBytes: 5 * 1024 * 1024,
  maxRows: 20_000,
  maxUnzippedBytes: 100 * 1024 * 1024,
  /** a report lists at most this many errors (and counts them all) */
  maxListedErrors: 1_000,
};

/** One audit event per person an import created, linked or gave a role, place or parent link: ids only. */
type PersonEvent = { action: string; details: Record<string, unknown> };

/** What applying a checked sheet writes; returns the activation codes of new accounts and the per-person audit. */
type Writer = (tx: Queryable) => Promise<{ counts: ImportCounts; codes: ActivationCode[]; expiresAt: Date | null; events: PersonEvent[] }>;

interface Prepared {
  checked: Checked<unknown>;
  write: Writer;
}

interface Scope {
  organisationId: number;
  now: Date;
}

async function currentYear(q: Queryable): Promise<number> {
  const id = await repo.findCurrentYearId(q);
  if (id === null) throw noCurrentYear();
  return id;
}

async function prepareClasses(q: Queryable, sheet: Sheet, { organisationId }: Scope): Promise<Prepared> {
  const cols = mapHeader('classes', sheet.header);
  const yearId = await currentYear(q);
  // one after another: inside the apply transaction `q` is a single connection
  const existing = await repo.findClassNames(q, organisationId, yearId);
  const teachers = await repo.findTeachersByIin(q, organisationId, classesSheetIins(sheet, cols));
  const checked = checkClasses(sheet, cols, { existingClassKeys: new Set(existing.map((c) => classKey(c.name))), teachers });
  return {
    checked,
    write: async (tx) => {
      await repo.insertClasses(tx, organisationId, yearId, checked.plan);
      return { counts: checked.counts, codes: [], expiresAt: null, events: [] };
    },
  };
}

async function preparePeople(q: Queryable, sheet: Sheet, { organisationId, now }: Scope): Promise<Prepared> {
  const cols = mapHeader('people', sheet.header);
  const yearId = await currentYear(q);
  const keys = peopleSheetKeys(sheet, cols);
  const persons = await repo.findKnownPersons(q, organisationId, yearId, keys.iins);
  const owners = await repo.findContactOwners(q, keys.phones, keys.emails);
  const classes = await repo.findClassNames(q, organisationId, yearId);
  const checked = checkPeople(sheet, cols, {
    persons,
    phoneOwners: owners.phones,
    emailOwners: owners.emails,
    classes: new Map(classes.map((c) => [classKey(c.name), c])),
  });
  return {
    checked,
    write: async (tx) => {
      const { plan } = checked;
      const created = await repo.insertPersons(tx, plan.newPersons);
      const idOf = (iin: string) => created.get(iin) ?? persons.get(iin)!.id;
      const language = accountLanguage(await repo.findInstructionLanguage(tx, organisationId));
      const expiresAt = new Date(now.getTime() + ACTIVATION_DAYS * 86_400_000);
      const codes: ActivationCode[] = [];
      const accounts = plan.accounts.map((a) => {
        const code = newActivationCode();
        codes.push({ line: a.line, iin: a.iin, lastName: a.lastName, firstName: a.firstName, code });
        return { personId: idOf(a.iin), passwordHash: activationHash(a.iin, code, expiresAt) };
      });
      await repo.insertAccounts(tx, accounts, language);
      await repo.insertRoles(
        tx,
        organisationId,
        plan.roles.map((r) => ({ personId: idOf(r.iin), role: r.role })),
      );
      await repo.insertClassMembers(
        tx,
        plan.classMembers.map((m) => ({ classId: m.classId, pupilId: idOf(m.iin) })),
      );
      const events: PersonEvent[] = [
        ...[...created.values()].map((personId) => ({ action: 'onboarding.person_created', details: { organisationId, personId } })),
        ...plan.roles.map((r) => ({ action: 'onboarding.role_granted', details: { organisationId, personId: idOf(r.iin), role: r.role } })),
        ...plan.classMembers.map((m) => ({ action: 'onboarding.class_joined', details: { organisationId, personId: idOf(m.iin), classId: m.classId } })),
        ...accounts.map((a) => ({ action: 'onboarding.activation_issued', details: { organisationId, personId: a.personId } })),
      ];
      return { counts: checked.counts, codes, expiresAt: codes.length > 0 ? expiresAt : null, events };
    },
  };
}

async function prepareLinks(q: Queryable, sheet: Sheet, { organisationId }: Scope): Promise<Prepared> {
  const cols = mapHeader('parent_links', sheet.header);
  const persons = await repo.findLinkPersons(q, organisationId, linksSheetIins(sheet, cols));
  const existingLinks = await repo.findExistingLinks(
    q,
    [...persons.values()].map((p) => p.id),
  );
  const checked = checkParentLinks(sheet, cols, { persons, existingLinks });
  return {
    checked,
    write: async (tx) => {
      await repo.insertRoles(
        tx,
        organisationId,
        checked.plan.parentRoles.map((personId) => ({ personId, role: 'parent' as const })),
      );
      await repo.insertParentLinks(tx, checked.plan.links);
      const events: PersonEvent[] = [
        ...checked.plan.parentRoles.map((personId) => ({ action: 'onboarding.role_granted', details: { organisationId, personId, role: 'parent' } })),
        ...checked.plan.links.map((l) => ({
          action: 'onboarding.parent_linked',
          details: { organisationId, personId: l.parentId, childId: l.childId, relation: l.relation },
        })),
      ];
      return { counts: checked.counts, codes: [], expiresAt: null, events };
    },
  };
}

const PREPARE: Record<ImportKind, (q: Queryable, sheet: Sheet, scope: Scope) => Promise<Prepared>> = {
  classes: prepareClasses,
  people: preparePeople,
  parent_links: prepareLinks,
};

function accountLanguage(instruction: string): 'kk' | 'ru' | 'en' {
  return instruction === 'ru' || instruction === 'en' ? instruction : 'kk';
}

function report(kind: ImportKind, dryRun: boolean, sheet: Sheet, checked: Checked<unknown>): ImportReport {
  return {
    ok: checked.errors.length === 0,
    kind,
    dryRun,
    rows: sheet.rows.length,
    errors: checked.errors.slice(0, IMPORT_LIMITS.maxListedErrors),
    errorCount: checked.errors.length,
    ignoredColumns: checked.ignoredColumns,
    created: checked.counts,
    activationCodes: [],
    activationExpiresAt: null,
  };
}

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505';

/**
 * Checks every row of an uploaded sheet against the rules and the database; with `dryRun: false`
 * and not a single bad row, writes everything in one transaction and audits the counts.
 */
export async function importSheet(args: {
  db: Db;
  organisationId: number;
  kind: ImportKind;
  file: Buffer;
  dryRun: boolean;
  accountId: number;
  ip: string | null;
  now: Date;
}): Promise<ImportReport> {
  const { db, kind, dryRun } = args;
  const sheet = await readSheet(args.file, IMPORT_LIMITS);
  const scope = { organisationId: args.organisationId, now: args.now };
  if (dryRun) {
    const { checked } = await PREPARE[kind](db, sheet, scope);
    return report(kind, true, sheet, checked);
  }
  try {
    return await db.transaction(async (tx) => {
      // checked again under the lock, so what is written is exactly what was checked
      await repo.lockOrganisationImports(tx, args.organisationId);
      const { checked, write } = await PREPARE[kind](tx, sheet, scope);
      const result = report(kind, false, sheet, checked);
      if (!result.ok) return result; // nothing written; the route answers 422
      const { counts, codes, expiresAt, events } = await write(tx);
      await auditMany(tx, { accountId: args.accountId, ip: args.ip, events });
      await audit(tx, {
        accountId: args.accountId,
        action: 'onboarding.import',
        ip: args.ip,
        // counts only: never names or IINs
        details: { organisationId: args.organisationId, kind, format: sheet.format, rows: sheet.rows.length, ...counts },
      });
      return { ...result, activationCodes: codes, activationExpiresAt: expiresAt?.toISOString() ?? null };
    });
  } catch (err) {
    // another organisation's import registered the same IIN, phone or email a moment ago
    if (isUniqueViolation(err)) throw concurrentChange();
    throw err;
  }
}

type ThrottleConfig = Pick<Config, 'LOGIN_MAX_FAILURES_PER_ACCOUNT' | 'LOGIN_MAX_FAILURES_PER_ADDRESS' | 'LOGIN_LOCK_MINUTES'>;

/**
 * An imported person sets their own password with their IIN and the activation code the admin
 * handed them; the code then stops working. Failures are throttled like sign-ins.
 */
export async function activateAccount(args: {
  db: Db;
  config: ThrottleConfig;
  iin: string;
  code: string;
  password: string;
  ip: string | null;
  now: Date;
}): Promise<void> {
  const { db, config } = args;
  const accountKey = `activation:${args.iin}`;
  const addressKey = `activation-address:${args.ip ?? 'unknown'}`;
  const wait = await lockedForSeconds(db, [accountKey, addressKey]);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    throw activationThrottled(
      `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      { retryAfterSeconds: wait },
      { 'retry-after': String(wait) },
    );
  }
  const account = await findAccountByLogin(db, 'iin', args.iin);
  const ok = account !== null && !account.disabled_at && activationMatches(account.password_hash, args.iin, args.code, args.now);
  if (!ok || !account) {
    await db.transaction(async (tx) => {
      await recordFailure(
        tx,
        [
          { key: accountKey, max: config.LOGIN_MAX_FAILURES_PER_ACCOUNT },
          { key: addressKey, max: config.LOGIN_MAX_FAILURES_PER_ADDRESS },
        ],
        config.LOGIN_LOCK_MINUTES,
      );
      await audit(tx, { accountId: account?.account_id ?? null, action: 'onboarding.activation_failed', ip: args.ip });
    });
    throw activationFailed();
  }
  const passwordHash = await hashPassword(args.password);
  await db.transaction(async (tx) => {
    if (!isPendingActivation(account.password_hash) || !(await repo.replacePendingHash(tx, account.account_id, account.password_hash, passwordHash))) {
      throw activationFailed(); // used a moment ago by a parallel request
    }
    await clearFailures(tx, accountKey);
    await audit(tx, { accountId: account.account_id, action: 'onboarding.activated', ip: args.ip });
  });
}

/**
 * An organisation's admin issues a new activation code for a person of their organisation who lost
 * theirs (or their password): the old code and password stop working and every session ends. A person
 * outside the organisation's scope is answered 404, exactly like a missing one.
 */
export async function reissueActivationCode(args: {
  db: Db;
  organisationId: number;
  personId: number;
  accountId: number;
  ip: string | null;
  now: Date;
}): Promise<{ personId: number; code: string; expiresAt: string }> {
  const { db, organisationId, now } = args;
  return db.transaction(async (tx) => {
    const person = await repo.findPersonForCodes(tx, organisationId, args.personId);
    if (!person) throw personNotFound();
    const code = newActivationCode();
    const expiresAt = new Date(now.getTime() + ACTIVATION_DAYS * 86_400_000);
    const hash = activationHash(person.iin, code, expiresAt);
    if (person.accountId !== null) {
      await repo.setActivationHash(tx, person.accountId, hash);
      await revokeSessionsOf(tx, person.accountId, null);
      await forgetDevices(tx, person.accountId);
    } else {
      await repo.insertAccounts(tx, [{ personId: person.id, passwordHash: hash }], accountLanguage(await repo.findInstructionLanguage(tx, organisationId)));
    }
    await audit(tx, { accountId: args.accountId, action: 'onboarding.activation_reissued', ip: args.ip, details: { organisationId, personId: person.id } });
    return { personId: person.id, code, expiresAt: expiresAt.toISOString() };
  });
}

// Used by supplies' imports (docs/ARCHITECTURE.md, module boundaries): the same CSV/XLSX reader.
export { readSheet, type Sheet } from './onboarding.read.js';

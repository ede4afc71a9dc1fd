import { plainExport, rowsOf, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

const tables = [
  { table: 'persons', personColumns: ['id'] },
  { table: 'accounts', personColumns: ['person_id'] },
  { table: 'role_assignments', personColumns: ['person_id'] },
  { table: 'parent_links', personColumns: ['parent_id', 'child_id'] },
];

/** The person, their account (never the password hash), roles, family links, sessions and sign-in history. */
export const personalData: PersonalDataContributor = {
  module: 'identity',
  tables: [
    ...tables,
    { table: 'sessions', personColumns: ['account_id'] },
    { table: 'login_devices', personColumns: ['account_id'] },
    { table: 'audit_events', personColumns: ['account_id'] },
  ],
  async export(db, personId) {
    const out = await plainExport(tables, ['password_hash'])(db, personId);
    const account = (out.accounts as { id: number }[])[0];
    out.sessions = account ? await rowsOf(db, 'sessions', ['account_id'], account.id, ['token_hash']) : [];
    out.login_devices = account ? await rowsOf(db, 'login_devices', ['account_id'], account.id, ['token_hash']) : [];
    out.audit_events = account ? await rowsOf(db, 'audit_events', ['account_id'], account.id) : [];
    return out;
  },
  async erase(db, personId, ctx) {
    // signed out everywhere and left without roles: the account can still sign in, but only to read
    // the outcome of the request and export what is kept
    const sessions = await db.query('delete from sessions where account_id in (select id from accounts where person_id = $1)', [personId]);
    const devices = await db.query('delete from login_devices where account_id in (select id from accounts where person_id = $1)', [personId]);
    const roles = await db.query('delete from role_assignments where person_id = $1', [personId]);
    const links = await db.query('delete from parent_links where parent_id = $1', [personId]);
    const contacts = await db.query('update persons set phone = null, email = null where id = $1 and (phone is not null or email is not null)', [personId]);
    return [
      { module: 'identity', action: 'deleted', what: 'sessions', count: sessions.rowCount ?? 0, keptUntil: null },
      { module: 'identity', action: 'deleted', what: 'devices remembered for sign-in', count: devices.rowCount ?? 0, keptUntil: null },
      { module: 'identity', action: 'deleted', what: 'role grants', count: roles.rowCount ?? 0, keptUntil: null },
      { module: 'identity', action: 'deleted', what: 'links to children as their parent', count: links.rowCount ?? 0, keptUntil: null },
      { module: 'identity', action: 'anonymised', what: 'phone and e-mail', count: contacts.rowCount ?? 0, keptUntil: null },
      {
        module: 'identity',
        action: 'kept',
        what: 'name, IIN and birth date (the school records name the person)',
        count: 1,
        keptUntil: ctx.schoolRecordsUntil,
      },
    ];
  },
};

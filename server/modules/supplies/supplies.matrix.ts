/**
 * The supplies module's authorisation matrix as data (run by supplies.matrix.test.ts). Inside: the
 * demo city school (demo.admin's), demo.parent's daughter, items, a loan to demo.parent's household,
 * a run and an appeal there; outside: the same kinds of objects at a school of another region.
 */
import { all, only, type Matrix, type MatrixEndpoint } from '../../../test/authz-matrix.js';
import { DEFAULT_RULES } from './supplies.defaults.js';

interface Objects {
  org: number;
  child: number;
  item: number;
  loan: number;
  run: number;
  appeal: number;
  cls: number;
  title: number;
  region: number;
  freeInventory: number | string;
  lentInventory: string;
  recipient: number;
}
const N = 404;
const MISSING = 99_999_999;
const officers = { district: 200, region: 200, ministry: 200 };

function csv(content: string) {
  const boundary = '----sabaqmatrix';
  return {
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const endpoints: MatrixEndpoint<Objects>[] = [
  { route: 'GET /api/supplies/my-households', request: () => '/api/supplies/my-households', inside: all(200), outside: false, missing: false },
  {
    route: 'PUT /api/supplies/census/:personId',
    request: (o) => ({ url: `/api/supplies/census/${o.child}`, payload: { devices: 'none', internet: 'fixed', connectable: true } }),
    inside: only({ parent: 200, admin: 200 }),
  },
  {
    route: 'GET /api/supplies/organisations/:id/needs',
    request: (o) => `/api/supplies/organisations/${o.org}/needs`,
    inside: only({ admin: 200, ...officers }),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'POST /api/supplies/organisations/:id/census-imports',
    request: (o) => ({ url: `/api/supplies/organisations/${o.org}/census-imports?dryRun=true`, ...csv('iin;devices;internet;connectable\n') }),
    inside: only({ admin: 200 }),
  },
  {
    route: 'GET /api/supplies/organisations/:id/stock',
    request: (o) => `/api/supplies/organisations/${o.org}/stock`,
    inside: only({ admin: 200, ...officers }),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'POST /api/supplies/organisations/:id/stock-imports',
    request: (o) => ({ url: `/api/supplies/organisations/${o.org}/stock-imports?dryRun=true`, ...csv('kind;inventory_number\nlaptop;MATRIX-DRY\n') }),
    inside: only({ admin: 200 }),
  },
  {
    route: 'GET /api/supplies/items/:id',
    request: (o) => `/api/supplies/items/${o.item}`,
    inside: only({ admin: 200, ...officers }),
    outside: only({ ministry: 200 }),
  },
  // to its own organisation: officers of the area pass the checks and meet 422 (nothing moves)
  {
    route: 'POST /api/supplies/items/:id/transfer',
    request: (o) => ({ url: `/api/supplies/items/${o.item}/transfer`, payload: { toOrganisationId: o.org } }),
    inside: only({ district: 422, region: 422, ministry: 422 }),
    outside: only({ ministry: 422 }),
  },
  {
    route: 'GET /api/supplies/rule-sets/current',
    request: (o) => `/api/supplies/rule-sets/current?regionId=${o.region}`,
    inside: only({ admin: 200, ...officers }),
    outside: only({ admin: 200, ...officers }),
  },
  {
    route: 'POST /api/supplies/rule-sets',
    name: "the region's own",
    request: (o) => ({ url: '/api/supplies/rule-sets', payload: { regionId: o.region, body: DEFAULT_RULES } }),
    inside: only({ district: 403, region: 201, ministry: 201 }),
    outside: only({ district: 403, region: 403, ministry: 201 }),
  },
  {
    route: 'POST /api/supplies/allocation-runs/preview',
    request: (o) => ({ url: '/api/supplies/allocation-runs/preview', payload: { scope: { organisationId: o.org } } }),
    inside: only({ admin: 200, ...officers }),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/supplies/allocation-runs',
    request: (o) => `/api/supplies/allocation-runs?organisationId=${o.org}`,
    inside: only({ admin: 200, ...officers }),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/supplies/allocation-runs/:id',
    request: (o) => `/api/supplies/allocation-runs/${o.run}`,
    inside: only({ admin: 200, ...officers }),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'POST /api/supplies/appeals',
    request: (o) => ({ url: '/api/supplies/appeals', payload: { childId: o.child, text: 'Please reconsider' } }),
    inside: only({ parent: 201 }),
  },
  { route: 'GET /api/supplies/organisations/:id/appeals', request: (o) => `/api/supplies/organisations/${o.org}/appeals`, inside: only({ admin: 200 }) },
  {
    route: 'GET /api/supplies/loans',
    name: 'of an organisation',
    request: (o) => `/api/supplies/loans?organisationId=${o.org}&status=all`,
    inside: only({ admin: 200, ...officers }),
    outside: only({ ministry: 200 }),
  },
  { route: 'GET /api/supplies/loans', name: 'my own', request: () => '/api/supplies/loans', inside: all(200), outside: false, missing: false },
  {
    route: 'GET /api/supplies/loans/:id/agreement.pdf',
    request: (o) => `/api/supplies/loans/${o.loan}/agreement.pdf`,
    inside: only({ parent: 200, admin: 200 }),
  },
  { route: 'POST /api/supplies/organisations/:id/recalls', request: (o) => `/api/supplies/organisations/${o.org}/recalls`, inside: only({ admin: 200 }) },
  {
    route: 'POST /api/supplies/classes/:id/textbook-issues',
    request: (o) => ({ url: `/api/supplies/classes/${o.cls}/textbook-issues`, payload: { titleId: o.title } }),
    inside: only({ admin: 200 }),
  },
  {
    route: 'POST /api/supplies/classes/:id/textbook-returns',
    request: (o) => ({ url: `/api/supplies/classes/${o.cls}/textbook-returns`, payload: { titleId: o.title } }),
    inside: only({ admin: 200 }),
  },
  {
    route: 'GET /api/supplies/areas',
    name: 'a region',
    request: (o) => `/api/supplies/areas?regionId=${o.region}`,
    inside: only({ region: 200, ministry: 200 }),
    outside: only({ ministry: 200 }),
  },
  { route: 'GET /api/supplies/areas', name: 'my area', request: () => '/api/supplies/areas', inside: only(officers), outside: false, missing: false },
  // state changes last
  {
    route: 'POST /api/supplies/organisations/:id/items',
    request: (o) => ({ url: `/api/supplies/organisations/${o.org}/items`, payload: { kind: 'tablet', inventoryNumber: `MATRIX-NEW-${o.org}` } }),
    inside: only({ admin: 201 }),
  },
  {
    route: 'POST /api/supplies/loans',
    request: (o) => ({ url: '/api/supplies/loans', payload: { organisationId: o.org, inventoryNumber: String(o.freeInventory), recipientId: o.recipient } }),
    inside: only({ admin: 201 }),
  },
  {
    route: 'POST /api/supplies/returns',
    request: (o) => ({ url: '/api/supplies/returns', payload: { organisationId: o.org, inventoryNumber: o.lentInventory, condition: 'ok' } }),
    inside: only({ admin: 200 }),
  },
  {
    route: 'POST /api/supplies/appeals/:id/decision',
    request: (o) => ({ url: `/api/supplies/appeals/${o.appeal}/decision`, payload: { decision: 'rejected', note: 'Under the rules' } }),
    inside: only({ admin: 200 }),
  },
  {
    route: 'POST /api/supplies/allocation-runs',
    request: (o) => ({ url: '/api/supplies/allocation-runs', payload: { scope: { organisationId: o.org } } }),
    inside: only({ admin: 201, district: 201, region: 201, ministry: 201 }),
    outside: only({ ministry: 201 }),
  },
];

export const matrix: Matrix<Objects> = {
  module: 'supplies',
  env: { LEARNING_TODAY: '2020-12-09T09:00:00+06:00' },
  endpoints,
  async objects(t) {
    const one = <T>(sql: string, params: unknown[] = []) => t.one<T>(sql, params);
    const city = await one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
    const outsideOrg = await one<number>("select id from organisations where name_en = 'Botakara Secondary School'");
    const region = await one<number>('select region_id from organisations where id = $1', [city]);
    const otherRegion = await one<number>('select region_id from organisations where id = $1', [outsideOrg]);
    const parentId = await one<number>("select person_id from accounts where login = 'demo.parent'");
    const daughter = await one<number>(
      `select m.pupil_id from class_members m join classes c on c.id = m.class_id join parent_links l on l.child_id = m.pupil_id
      where l.parent_id = $1 and c.name = '2 Ә'`,
      [parentId],
    );
    const fam = (
      await t.db.query<{ child_id: number; parent_id: number }>(
        `select l.child_id, l.parent_id from parent_links l join class_members m on m.pupil_id = l.child_id
      join classes c on c.id = m.class_id where c.organisation_id = $1 order by l.child_id limit 1`,
        [outsideOrg],
      )
    ).rows[0]!;
    const outsideChild = Number(fam.child_id),
      outsideParent = Number(fam.parent_id);
    const cls = await one<number>("select id from classes where organisation_id = $1 and name = '5 А'", [city]);
    const outsideCls = await one<number>('select id from classes where organisation_id = $1 order by id limit 1', [outsideOrg]);
    const items: Record<string, number> = {};
    for (const [org, inv] of [
      [city, 'MX-FREE'],
      [city, 'MX-LENT'],
      [city, 'MX-AGR'],
      [outsideOrg, 'MX-OUT-FREE'],
      [outsideOrg, 'MX-OUT-LENT'],
    ] as const) {
      items[inv] = await one<number>(
        `insert into supplies_items (organisation_id, category, kind, inventory_number) values ($1, 'device', 'laptop', $2) returning id`,
        [org, inv],
      );
    }
    const loan = async (org: number, inv: string, recipient: number, pupils: number[], key: string) => {
      await t.db.query(`update supplies_items set status = 'on_loan' where id = $1`, [items[inv]]);
      return one<number>(
        `insert into supplies_loans (item_id, organisation_id, household_key, recipient_id, pupil_ids, issued_at, due_on, language)
        values ($1, $2, $3, $4, $5::bigint[], now(), '2021-05-25', 'kk') returning id`,
        [items[inv], org, key, recipient, pupils],
      );
    };
    const insideLoan = await loan(city, 'MX-AGR', parentId, [daughter], `h:${parentId}`);
    await loan(city, 'MX-LENT', parentId, [daughter], `h:${parentId}`);
    const outsideLoan = await loan(outsideOrg, 'MX-OUT-LENT', outsideParent, [outsideChild], `h:${outsideParent}`);
    const title = await one<number>(
      `insert into supplies_textbook_titles (title, grade, subject, language, publisher, year, isbn) values ('Matrix 5', 5, 'math', 'kk', 'Atamura', 2020, '978-0-00-000000-1') returning id`,
    );
    for (const org of [city, outsideOrg])
      await t.db.query('insert into supplies_textbook_stock (organisation_id, title_id, copies) values ($1, $2, 100)', [org, title]);
    const run = async (org: number) =>
      one<number>(
        `insert into supplies_allocation_runs (scope_level, scope_id, rules_version, fingerprint, totals, confirmed_at)
      values ('organisation', $1, 1, 'f', '{}', now()) returning id`,
        [org],
      );
    const appeal = async (org: number, person: number) =>
      one<number>(
        `insert into supplies_appeals (organisation_id, household_key, appellant_id, text, submitted_at)
      values ($1, $2, $3, 'Please', now()) returning id`,
        [org, `h:${person}`, person],
      );
    const base = { title, freeInventory: 'MX-FREE', lentInventory: 'MX-LENT' };
    return {
      inside: {
        ...base,
        org: city,
        child: daughter,
        item: items['MX-FREE']!,
        loan: insideLoan,
        run: await run(city),
        appeal: await appeal(city, parentId),
        cls,
        region,
        recipient: parentId,
      },
      outside: {
        ...base,
        org: outsideOrg,
        child: outsideChild,
        item: items['MX-OUT-FREE']!,
        loan: outsideLoan,
        run: await run(outsideOrg),
        appeal: await appeal(outsideOrg, outsideParent),
        cls: outsideCls,
        region: otherRegion,
        freeInventory: 'MX-OUT-FREE',
        lentInventory: 'MX-OUT-LENT',
        recipient: outsideParent,
      },
      missing: {
        ...base,
        org: MISSING,
        child: MISSING,
        item: MISSING,
        loan: MISSING,
        run: MISSING,
        appeal: MISSING,
        cls: MISSING,
        region: MISSING,
        title: MISSING,
        recipient: MISSING,
      },
    };
  },
};

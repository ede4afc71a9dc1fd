/**
 * The textbook supply's authorisation matrix (run by textbook-supply.matrix.test.ts). Inside: the
 * demo city school (demo.admin's) in demo.region's region and demo.district's district, an order of
 * that region and a dispatch to the school; outside: the same at a school of another region.
 */
import os from 'node:os';
import path from 'node:path';
import { all, only, type Matrix, type MatrixEndpoint } from '../../../test/authz-matrix.js';

interface Objects {
  org: number;
  region: number;
  order: number;
  dispatch: number;
  title: number;
}
const MISSING = 99_999_999;
const officers = { district: 200, region: 200, ministry: 200 };

function pdf() {
  const boundary = '----sabaqebook';
  return {
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="book.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      Buffer.from('%PDF-1.4\n% matrix\n%%EOF\n'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const endpoints: MatrixEndpoint<Objects>[] = [
  {
    route: 'GET /api/supplies/textbook-titles',
    request: () => '/api/supplies/textbook-titles',
    inside: only({ admin: 200, ...officers }),
    outside: false,
    missing: false,
  },
  {
    route: 'GET /api/supplies/textbook-orders',
    name: 'of a region',
    request: (o) => `/api/supplies/textbook-orders?regionId=${o.region}`,
    inside: only({ region: 200, ministry: 200 }),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/supplies/textbook-orders',
    name: 'my regions',
    request: () => '/api/supplies/textbook-orders',
    inside: only({ region: 200, ministry: 200 }),
    outside: false,
    missing: false,
  },
  {
    route: 'GET /api/supplies/textbook-orders/:id',
    request: (o) => `/api/supplies/textbook-orders/${o.order}`,
    inside: only({ region: 200, ministry: 200 }),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/supplies/organisations/:id/textbook-dispatches',
    request: (o) => `/api/supplies/organisations/${o.org}/textbook-dispatches`,
    inside: only({ admin: 200, ...officers }),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/supplies/textbook-supply/progress',
    name: 'a region',
    request: (o) => `/api/supplies/textbook-supply/progress?regionId=${o.region}`,
    inside: only({ region: 200, ministry: 200 }),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/supplies/textbook-supply/progress',
    name: 'my area',
    request: () => '/api/supplies/textbook-supply/progress',
    inside: only(officers),
    outside: false,
    missing: false,
  },
  {
    route: 'GET /api/supplies/textbook-supply/progress/export',
    request: (o) => `/api/supplies/textbook-supply/progress/export?regionId=${o.region}&format=csv`,
    inside: only({ region: 200, ministry: 200 }),
    outside: only({ ministry: 200 }),
  },
  // state changes last
  {
    route: 'POST /api/supplies/textbook-orders',
    request: (o) => ({
      url: '/api/supplies/textbook-orders',
      payload: { regionId: o.region, publisher: 'Atamura', lines: [{ titleId: o.title, copies: 10, unitPrice: 1500 }] },
    }),
    inside: only({ region: 201, ministry: 201 }),
    outside: only({ ministry: 201 }),
  },
  {
    route: 'POST /api/supplies/textbook-orders/:id/dispatches',
    request: (o) => ({
      url: `/api/supplies/textbook-orders/${o.order}/dispatches`,
      payload: { lines: [{ titleId: o.title, organisationId: o.org, copies: 1, plannedOn: '2020-08-01' }] },
    }),
    inside: only({ region: 201, ministry: 201 }),
    outside: only({ ministry: 201 }),
  },
  {
    route: 'PATCH /api/supplies/textbook-orders/:id',
    request: (o) => ({ url: `/api/supplies/textbook-orders/${o.order}`, payload: { reference: 'M-1', lines: [{ titleId: o.title, unitPrice: 1600 }] } }),
    inside: only({ region: 200, ministry: 200 }),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'PATCH /api/supplies/textbook-dispatches/:id',
    request: (o) => ({ url: `/api/supplies/textbook-dispatches/${o.dispatch}`, payload: { plannedOn: '2020-07-30' } }),
    inside: only({ region: 200, ministry: 200 }),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'POST /api/supplies/textbook-dispatches/:id/sent',
    request: (o) => `/api/supplies/textbook-dispatches/${o.dispatch}/sent`,
    inside: only(officers),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'POST /api/supplies/organisations/:id/textbook-deliveries',
    request: (o) => ({ url: `/api/supplies/organisations/${o.org}/textbook-deliveries`, payload: { lines: [{ titleId: o.title, copies: 1 }] } }),
    inside: only({ admin: 201 }),
  },
  // titles are national: the same title inside and outside; only ministry and region officers upload
  {
    route: 'POST /api/supplies/textbooks/:id/e-version',
    request: (o) => ({ url: `/api/supplies/textbooks/${o.title}/e-version`, ...pdf() }),
    inside: only({ region: 201, ministry: 201 }, 403),
    outside: only({ region: 201, ministry: 201 }, 403),
    missing: all(404),
  },
  // cancellations last: inside, the school has received a copy (the delivery above, spread to the earliest
  // planned dispatch: this one, moved to 30 July by the PATCH above), so the allowed
  // roles are refused (409) and the objects stay; outside, the ministry cancels the dispatch, then the order
  {
    route: 'POST /api/supplies/textbook-dispatches/:id/cancel',
    request: (o) => ({ url: `/api/supplies/textbook-dispatches/${o.dispatch}/cancel`, payload: { reason: 'matrix' } }),
    inside: only({ region: 409, ministry: 409 }),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'POST /api/supplies/textbook-orders/:id/cancel',
    request: (o) => ({ url: `/api/supplies/textbook-orders/${o.order}/cancel`, payload: {} }),
    inside: only({ region: 409, ministry: 409 }),
    outside: only({ ministry: 200 }),
  },
];

export const matrix: Matrix<Objects> = {
  module: 'supplies (textbook supply)',
  // uploads land in a scratch store, never in the worktree's ./data
  env: { LEARNING_TODAY: '2020-12-09T09:00:00+06:00', FILES_DIR: path.join(os.tmpdir(), 'sabaq-textbook-supply-matrix') },
  endpoints,
  async objects(t) {
    const one = <T>(sql: string, params: unknown[] = []) => t.one<T>(sql, params);
    const city = await one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
    const outsideOrg = await one<number>("select id from organisations where name_en = 'Botakara Secondary School'");
    const title = await one<number>(
      `insert into supplies_textbook_titles (title, grade, subject, language, publisher, year, isbn) values ('Matrix supply 5', 5, 'math', 'kk', 'Atamura', 2020, '978-0-00-000099-1') returning id`,
    );
    const build = async (org: number) => {
      const region = await one<number>('select region_id from organisations where id = $1', [org]);
      const order = await one<number>(
        `insert into supplies_textbook_orders (region_id, publisher, deadline, created_at) values ($1, 'Atamura', '2020-08-25', now()) returning id`,
        [region],
      );
      const line = await one<number>(
        `insert into supplies_textbook_order_lines (order_id, title_id, copies, unit_price) values ($1, $2, 10000, 1500) returning id`,
        [order, title],
      );
      const dispatch = await one<number>(
        `insert into supplies_textbook_dispatches (order_line_id, organisation_id, copies, planned_on, created_at) values ($1, $2, 100, '2020-08-01', now()) returning id`,
        [line, org],
      );
      return { org, region, order, dispatch, title };
    };
    return {
      inside: await build(city),
      outside: await build(outsideOrg),
      missing: { org: MISSING, region: MISSING, order: MISSING, dispatch: MISSING, title: MISSING },
    };
  },
};

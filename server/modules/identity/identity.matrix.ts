/**
 * The signed-in person's own endpoints as matrix data (run by identity.matrix.test.ts). They take no
 * object: each answers about the actor alone. Sign-in is public (test/public-routes.ts); signing out
 * comes last because it ends the sessions the other rows use (signing out everywhere has its own matrix,
 * sessions.matrix.ts, with fresh sessions).
 */
import { all, type Matrix, type MatrixEndpoint } from '../../../test/authz-matrix.js';

type Objects = Record<string, never>;
const own = { outside: false, missing: false } as const;

const endpoints: MatrixEndpoint<Objects>[] = [
  { route: 'GET /api/me', request: () => '/api/me', inside: all(200), ...own },
  { route: 'PATCH /api/me', request: () => ({ url: '/api/me', payload: { language: 'kk' } }), inside: all(200), ...own },
  { route: 'GET /api/me/children', request: () => '/api/me/children', inside: all(200), ...own },
  // every other session of the account ends; this one stays (so the rows after it still run)
  {
    route: 'POST /api/me/password',
    request: () => ({ url: '/api/me/password', payload: { currentPassword: 'sabaq-demo', newPassword: 'sabaq-demo-changed' } }),
    inside: all(200),
    ...own,
  },
  { route: 'POST /api/auth/logout', request: () => '/api/auth/logout', inside: all(204), ...own },
];

export const matrix: Matrix<Objects> = {
  module: 'identity',
  endpoints,
  objects: async () => ({ inside: {}, outside: {}, missing: {} }),
};

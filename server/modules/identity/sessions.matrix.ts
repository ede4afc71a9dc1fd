/**
 * "Sign out everywhere" as matrix data (run by sessions.matrix.test.ts): it ends every session of the
 * account, so it gets fresh sessions of its own instead of ending those identity.matrix.ts uses.
 */
import { all, type Matrix } from '../../../test/authz-matrix.js';

export const matrix: Matrix<Record<string, never>> = {
  module: 'identity (sessions)',
  endpoints: [{ route: 'POST /api/auth/logout-everywhere', request: () => '/api/auth/logout-everywhere', inside: all(204), outside: false, missing: false }],
  objects: async () => ({ inside: {}, outside: {}, missing: {} }),
};

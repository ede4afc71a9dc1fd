import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as c from '../../../../contracts/access.js';
import { api } from '../../api/client.js';

/**
 * What the home page asks of the access module, apart from api.ts: the home page is in the file every
 * page needs, and this keeps the rest of the module's calls (gate, records, rules) out of it.
 */
export type MeAccess = z.infer<typeof c.meAccess>;
export const meAccessQuery = queryOptions({
  queryKey: ['access', 'me'],
  queryFn: ({ signal }) => api.get<MeAccess>('/api/access/me', { signal }),
});

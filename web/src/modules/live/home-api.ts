import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { meetingList } from '../../../../contracts/live.js';
import { api } from '../../api/client.js';

/**
 * What the home page asks of the live module, apart from api.ts: the home page is in the file every
 * page needs, and this keeps the rest of the module's calls (rooms, broadcasts, questions) out of it.
 */
export const meetingsQuery = queryOptions({
  queryKey: ['live', 'meetings'],
  queryFn: ({ signal }) => api.get<z.infer<typeof meetingList>>('/api/live/meetings', { signal }),
});

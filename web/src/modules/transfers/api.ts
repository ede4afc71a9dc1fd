import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { transferList, transferView } from '../../../../contracts/transfers.js';
import { api } from '../../api/client.js';

export type Transfer = z.infer<typeof transferView>;
export const TRANSFERS_KEY = ['transfers'] as const;

export const organisationTransfersQuery = (organisationId: number, direction: 'in' | 'out') =>
  queryOptions({
    queryKey: [...TRANSFERS_KEY, organisationId, direction],
    queryFn: ({ signal }) => api.get<z.infer<typeof transferList>>(`/api/organisations/${organisationId}/transfers`, { query: { direction }, signal }),
  });
export const overdueQuery = queryOptions({
  queryKey: [...TRANSFERS_KEY, 'overdue'],
  queryFn: ({ signal }) => api.get<z.infer<typeof transferList>>('/api/transfers/overdue', { signal }),
});

export const requestTransfer = (organisationId: number, iin: string, classId: number) =>
  api.post<Transfer>(`/api/organisations/${organisationId}/transfers`, { iin, classId });
export const approveTransfer = (id: number) => api.post<Transfer>(`/api/transfers/${id}/approve`);
export const rejectTransfer = (id: number, reason: string) => api.post<Transfer>(`/api/transfers/${id}/reject`, reason.trim() ? { reason: reason.trim() } : {});

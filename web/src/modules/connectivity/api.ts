import type { Areas, DistrictIsolated, Isolated, Register, SettlementDetail, SettlementEdit, WithoutReception } from '../../../../contracts/connectivity.js';
import { api } from '../../api/client.js';

export type { Areas, DistrictIsolated, Isolated, Register, SettlementDetail, SettlementEdit, WithoutReception };
export type RegisterFilter = 'all' | 'no_internet' | 'no_tv' | 'with_pupils';

export const connectivityApi = {
  areas: (signal?: AbortSignal) => api.get<Areas>('/api/connectivity/areas', { signal }),
  register: (districtId: number, filter: RegisterFilter, signal?: AbortSignal) =>
    api.get<Register>(`/api/connectivity/settlements?districtId=${districtId}&filter=${filter}`, { signal }),
  settlement: (id: number, signal?: AbortSignal) => api.get<SettlementDetail>(`/api/connectivity/settlements/${id}`, { signal }),
  edit: (id: number, body: SettlementEdit) => api.put<SettlementDetail>(`/api/connectivity/settlements/${id}`, body),
  isolated: (organisationId: number, signal?: AbortSignal) =>
    api.get<Isolated>(`/api/connectivity/organisations/${organisationId}/isolated-pupils`, { signal }),
  districtIsolated: (districtId: number, signal?: AbortSignal) =>
    api.get<DistrictIsolated>(`/api/connectivity/districts/${districtId}/isolated-pupils`, { signal }),
  withoutReception: (area: string, channel: string, signal?: AbortSignal) =>
    api.get<WithoutReception>(`/api/connectivity/without-reception?${area}${channel ? `&channel=${channel}` : ''}`, { signal }),
};

/** A file of the same list (CSV or XLSX, through the server's formula-safe writer), in the reader's language. */
export const fileUrl = (path: string, format: 'csv' | 'xlsx', lang: string) => `${path}${path.includes('?') ? '&' : '?'}format=${format}&lang=${lang}`;

import type { z } from 'zod';
import type {
  deliveryBody,
  dispatchBody,
  dispatchEditBody,
  dispatchList,
  dispatchView,
  orderBody,
  orderDetail,
  orderEditBody,
  orderList,
  progressResponse,
} from '../../../../contracts/textbook-supply.js';
import { api, buildUrl } from '../../api/client.js';

export type Progress = z.infer<typeof progressResponse>;
export type DispatchList = z.infer<typeof dispatchList>;
export type OrderDetail = z.infer<typeof orderDetail>;
export type OrderList = z.infer<typeof orderList>;
export interface TitleOption {
  id: number;
  title: string;
  grade: number;
  language: string;
  isbn: string;
}
export interface SchoolOption {
  id: number;
  name: { kk: string; ru: string; en: string };
}

/** Textbook supply: what a school awaits and receives, officers' progress, orders and the dispatch plan. */
export const textbookApi = {
  dispatches: (org: number, signal?: AbortSignal) => api.get<DispatchList>(`/api/supplies/organisations/${org}/textbook-dispatches`, { signal }),
  deliver: (org: number, body: z.input<typeof deliveryBody>) => api.post(`/api/supplies/organisations/${org}/textbook-deliveries`, body),
  progress: (q: { regionId?: number; districtId?: number }, signal?: AbortSignal) =>
    api.get<Progress>('/api/supplies/textbook-supply/progress', { query: q, signal }),
  exportUrl: (q: { regionId?: number; districtId?: number }, format: 'csv' | 'xlsx', lang: string) =>
    buildUrl('', '/api/supplies/textbook-supply/progress/export', { ...q, format, lang }),
  titles: (signal?: AbortSignal) => api.get<{ items: TitleOption[] }>('/api/supplies/textbook-titles', { signal }),
  orders: (signal?: AbortSignal) => api.get<OrderList>('/api/supplies/textbook-orders', { signal }),
  order: (id: number, signal?: AbortSignal) => api.get<OrderDetail>(`/api/supplies/textbook-orders/${id}`, { signal }),
  createOrder: (body: z.input<typeof orderBody>) => api.post<OrderDetail>('/api/supplies/textbook-orders', body),
  plan: (orderId: number, body: z.input<typeof dispatchBody>) => api.post<OrderDetail>(`/api/supplies/textbook-orders/${orderId}/dispatches`, body),
  editOrder: (id: number, body: z.input<typeof orderEditBody>) => api.patch<OrderDetail>(`/api/supplies/textbook-orders/${id}`, body),
  cancelOrder: (id: number, reason: string) => api.post<OrderDetail>(`/api/supplies/textbook-orders/${id}/cancel`, { reason: reason || undefined }),
  editDispatch: (id: number, body: z.input<typeof dispatchEditBody>) =>
    api.patch<z.infer<typeof dispatchView>>(`/api/supplies/textbook-dispatches/${id}`, body),
  cancelDispatch: (id: number, reason: string) => api.post(`/api/supplies/textbook-dispatches/${id}/cancel`, { reason: reason || undefined }),
  markSent: (dispatchId: number) => api.post(`/api/supplies/textbook-dispatches/${dispatchId}/sent`),
  schools: (regionId: number, q: string, signal?: AbortSignal) =>
    api.get<{ items: SchoolOption[] }>('/api/organisations', { query: { regionId, kind: 'school', pageSize: 30, ...(q ? { q } : {}) }, signal }),
  uploadEVersion: (titleId: number, file: File) => api.upload<{ url: string }>(`/api/supplies/textbooks/${titleId}/e-version`, file),
};

import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  adminApplication,
  applicationBody,
  dutySettings,
  groupingResult,
  groupsResponse,
  myChildren,
  parentApplication,
  totalsResponse,
  windowBody,
  windowList,
  windowSchema,
} from '../../../../contracts/duty.js';
import { api } from '../../api/client.js';

export type MyChildren = z.infer<typeof myChildren>;
export type ChildDuty = MyChildren['children'][number];
export type ParentApplication = z.infer<typeof parentApplication>;
export type ApplicationBody = z.input<typeof applicationBody>;
export type DutyWindow = z.infer<typeof windowSchema>;
export type WindowList = z.infer<typeof windowList>;
export type WindowBody = z.input<typeof windowBody>;
export type GroupsResponse = z.infer<typeof groupsResponse>;
export type DutyGroup = GroupsResponse['groups'][number];
export type AdminApplication = z.infer<typeof adminApplication>;
export type GroupingResult = z.infer<typeof groupingResult>;
export type Totals = z.infer<typeof totalsResponse>;
export type DutySettings = z.infer<typeof dutySettings>;

// ── parents ──
export const myChildrenDutyQuery = queryOptions({
  queryKey: ['duty', 'my-children'],
  queryFn: ({ signal }) => api.get<MyChildren>('/api/duty/my-children', { signal }),
});
export const applyForDuty = (body: ApplicationBody) => api.post<ParentApplication>('/api/duty/applications', body);
export const withdrawApplication = (id: number) => api.post<ParentApplication>(`/api/duty/applications/${id}/withdraw`);

// ── school admins ──
export const windowsQuery = (organisationId: number) =>
  queryOptions({
    queryKey: ['duty', 'organisations', organisationId, 'windows'],
    queryFn: ({ signal }) => api.get<WindowList>(`/api/duty/organisations/${organisationId}/windows`, { signal }),
  });
export const openWindow = (organisationId: number, body: WindowBody) => api.post<DutyWindow>(`/api/duty/organisations/${organisationId}/windows`, body);
export const closeWindow = (windowId: number) => api.post<DutyWindow>(`/api/duty/windows/${windowId}/close`);

export const groupsQuery = (windowId: number) =>
  queryOptions({
    queryKey: ['duty', 'windows', windowId, 'groups'],
    queryFn: ({ signal }) => api.get<GroupsResponse>(`/api/duty/windows/${windowId}/groups`, { signal }),
  });
export const runGrouping = (windowId: number, reshuffle: boolean) => api.post<GroupingResult>(`/api/duty/windows/${windowId}/grouping`, { reshuffle });
export const moveChild = (applicationId: number, groupId: number | null) =>
  api.post<AdminApplication>(`/api/duty/applications/${applicationId}/move`, { groupId });

export const dutySettingsQuery = (kind: 'school' | 'kindergarten' | 'additional') =>
  queryOptions({
    queryKey: ['duty', 'settings', kind],
    queryFn: ({ signal }) => api.get<DutySettings>('/api/duty/settings', { query: { kind }, signal }),
    staleTime: 10 * 60_000,
  });

// ── officers ──
export const totalsQuery = (f: { regionId?: number; districtId?: number }) =>
  queryOptions({
    queryKey: ['duty', 'totals', f],
    queryFn: ({ signal }) => api.get<Totals>('/api/duty/totals', { query: { ...f }, signal }),
  });

import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as c from '../../../../contracts/access.js';
import type { RevocationList, TrustList } from '../../../../contracts/access-pass.js';
import { api } from '../../api/client.js';

import type { MeAccess } from './home-api.js';
export type { MeAccess };
export type PassResponse = z.infer<typeof c.passResponse>;
export type HealthRecord = z.infer<typeof c.healthRecord>;
export type RecordList = z.infer<typeof c.recordList>;
export type Overview = z.infer<typeof c.overview>;
export type OfficerRecordBody = z.input<typeof c.officerRecordBody>;
export type Gate = z.infer<typeof c.gate>;
export type GuardSetup = z.infer<typeof c.guardSetup>;
export type ScanItem = z.infer<typeof c.scanItem>;
export type ScansResult = z.infer<typeof c.scansResult>;
export type VerifyResult = z.infer<typeof c.verifyResult>;
export type Building = z.infer<typeof c.building>;
export type BuildingList = z.infer<typeof c.buildingList>;
export type BuildingBody = z.input<typeof c.buildingBody>;
export type RoomList = z.infer<typeof c.roomList>;
export type EntranceLog = z.infer<typeof c.entranceLog>;
export type KeyList = z.infer<typeof c.keyList>;
export type RuleSet = z.infer<typeof c.ruleSet>;
export type RuleParams = z.infer<typeof c.ruleParams>;
export type RulesPreview = z.infer<typeof c.rulesPreview>;
export type ExemptionList = z.infer<typeof c.exemptionList>;
export type ImportResult = z.infer<typeof c.importResult>;
export type BatchList = z.infer<typeof c.batchList>;

// ── the person ──
export { meAccessQuery } from './home-api.js';
export const giveConsent = () => api.post<MeAccess>('/api/access/me/consent');
export const fetchMyPass = (signal?: AbortSignal) => api.get<PassResponse>('/api/access/me/pass', { signal });
export type ReportBody = z.input<typeof c.reportBody>;
export const reportMissing = (body: ReportBody) => api.post<HealthRecord>('/api/access/me/reports', body);
export const myRecordsQuery = queryOptions({
  queryKey: ['access', 'me', 'records'],
  queryFn: ({ signal }) => api.get<RecordList>('/api/access/me/records', { signal }),
});

// ── the gate ──
export const fetchGuardSetup = (signal?: AbortSignal) => api.get<GuardSetup>('/api/access/guard', { signal });
export const fetchTrustList = (signal?: AbortSignal) => api.get<TrustList>('/api/access/trust-list', { signal });
export const fetchRevocations = (signal?: AbortSignal) => api.get<RevocationList>('/api/access/revocations', { signal });
export const uploadScans = (scans: ScanItem[]) => api.post<ScansResult>('/api/access/scans', { scans });

// ── the health officer ──
export const overviewQuery = (organisationId: number) =>
  queryOptions({
    queryKey: ['access', 'org', organisationId, 'overview'],
    queryFn: ({ signal }) => api.get<Overview>(`/api/access/organisations/${organisationId}/overview`, { signal }),
  });
export const personRecordsQuery = (organisationId: number, personId: number) =>
  queryOptions({
    queryKey: ['access', 'org', organisationId, 'records', personId],
    queryFn: ({ signal }) => api.get<RecordList>(`/api/access/organisations/${organisationId}/records`, { query: { personId }, signal }),
  });
export const enterRecord = (organisationId: number, body: OfficerRecordBody) =>
  api.post<HealthRecord>(`/api/access/organisations/${organisationId}/records`, body);
export const reportsQuery = (organisationId: number) =>
  queryOptions({
    queryKey: ['access', 'org', organisationId, 'reports'],
    queryFn: ({ signal }) => api.get<RecordList>(`/api/access/organisations/${organisationId}/reports`, { query: { state: 'reported' }, signal }),
  });
export const decideReport = (id: number, decision: 'confirm' | 'reject', note?: string) =>
  api.post<HealthRecord>(`/api/access/reports/${id}/decision`, { decision, ...(note ? { note } : {}) });
export const importBatch = (organisationId: number, body: { format: 'csv' | 'fhir'; source: string; content: string }) =>
  api.post<ImportResult>(`/api/access/organisations/${organisationId}/imports`, body);
export const batchesQuery = (organisationId: number) =>
  queryOptions({
    queryKey: ['access', 'org', organisationId, 'imports'],
    queryFn: ({ signal }) => api.get<BatchList>(`/api/access/organisations/${organisationId}/imports`, { signal }),
  });
export const exemptionsQuery = (organisationId: number) =>
  queryOptions({
    queryKey: ['access', 'org', organisationId, 'exemptions'],
    queryFn: ({ signal }) => api.get<ExemptionList>(`/api/access/organisations/${organisationId}/exemptions`, { signal }),
  });
export const revokeHolder = (organisationId: number, personId: number, reason: string) =>
  api.post<{ ok: true }>(`/api/access/organisations/${organisationId}/revoked-holders`, { personId, reason });

// ── the admin ──
export const buildingsQuery = (organisationId: number) =>
  queryOptions({
    queryKey: ['access', 'org', organisationId, 'buildings'],
    queryFn: ({ signal }) => api.get<BuildingList>(`/api/access/organisations/${organisationId}/buildings`, { signal }),
  });
export const addBuilding = (organisationId: number, body: BuildingBody) => api.post<Building>(`/api/access/organisations/${organisationId}/buildings`, body);
export const addGate = (buildingId: number, name: string) => api.post<Building>(`/api/access/buildings/${buildingId}/gates`, { name });
export const roomsQuery = (buildingId: number) =>
  queryOptions({
    queryKey: ['access', 'building', buildingId, 'rooms'],
    queryFn: ({ signal }) => api.get<RoomList>(`/api/access/buildings/${buildingId}/rooms`, { signal }),
  });
export const addRoom = (buildingId: number, body: { number: string; beds: number }) => api.post<RoomList>(`/api/access/buildings/${buildingId}/rooms`, body);
export const entrancesQuery = (organisationId: number) =>
  queryOptions({
    queryKey: ['access', 'org', organisationId, 'entrances'],
    queryFn: ({ signal }) => api.get<EntranceLog>(`/api/access/organisations/${organisationId}/entrances`, { query: { limit: 50 }, signal }),
  });
export const keysQuery = (organisationId: number) =>
  queryOptions({
    queryKey: ['access', 'org', organisationId, 'keys'],
    queryFn: ({ signal }) => api.get<KeyList>(`/api/access/organisations/${organisationId}/keys`, { signal }),
  });
export const rotateKey = (organisationId: number) => api.post<KeyList>(`/api/access/organisations/${organisationId}/keys/rotate`);
export const revokeKey = (keyId: number, reason: string) => api.post(`/api/access/keys/${keyId}/revoke`, { reason });

// ── rules (ministry, region) ──
export const rulesQuery = (regionId: number | null) =>
  queryOptions({
    queryKey: ['access', 'rules', regionId],
    queryFn: ({ signal }) => api.get<RuleSet>('/api/access/rules', { query: regionId ? { regionId } : {}, signal }),
  });
export const previewRules = (regionId: number | null, params: RuleParams) => api.post<RulesPreview>('/api/access/rules/preview', { regionId, params });
export const publishRules = (regionId: number | null, params: RuleParams) => api.post<RuleSet>('/api/access/rules', { regionId, params });

// ── gate photos, fevers, exemptions and residents from the web (decision 0030) ──
export type PhotoState = z.infer<typeof c.photoState>;
export type PeopleList = z.infer<typeof c.peopleList>;
export type FeverList = z.infer<typeof c.feverList>;
export const myPhotoQuery = queryOptions({
  queryKey: ['access', 'me', 'photo'],
  queryFn: ({ signal }) => api.get<PhotoState>('/api/access/me/photo', { signal }),
});
export const setMyPhoto = (fileId: string) => api.put<PhotoState>('/api/access/me/photo', { fileId });
export const deleteMyPhoto = () => api.request<PhotoState>('DELETE', '/api/access/me/photo');
export const peopleQuery = (organisationId: number, q: string) =>
  queryOptions({
    queryKey: ['access', 'org', organisationId, 'people', q],
    queryFn: ({ signal }) => api.get<PeopleList>(`/api/access/organisations/${organisationId}/people`, { query: q ? { q } : {}, signal }),
  });
export const setPersonPhoto = (organisationId: number, personId: number, fileId: string) =>
  api.put<PhotoState>(`/api/access/organisations/${organisationId}/photos`, { personId, fileId });
export const feversQuery = (organisationId: number) =>
  queryOptions({
    queryKey: ['access', 'org', organisationId, 'fevers'],
    queryFn: ({ signal }) => api.get<FeverList>(`/api/access/organisations/${organisationId}/fevers`, { signal }),
  });
export const addExemption = (organisationId: number, body: { personId: number; reason: string; validFrom: string; validUntil: string }) =>
  api.post(`/api/access/organisations/${organisationId}/exemptions`, body);
export const revokeExemption = (id: number) => api.post(`/api/access/exemptions/${id}/revoke`);
export const addResident = (roomId: number, body: { personId: number; fromDate: string }) => api.post<RoomList>(`/api/access/rooms/${roomId}/residents`, body);

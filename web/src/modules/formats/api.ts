import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  areaList,
  classFormat,
  decisionPage,
  formatsSettings,
  impactSchema,
  organisationDecisions,
  overrideBody,
  overrideSchema,
  ruleSetDetail,
  ruleSetList,
  ruleSetPreview,
  ruleSetPublished,
  situationBody,
  situationHistory,
  situationRecorded,
} from '../../../../contracts/formats.js';
import { api } from '../../api/client.js';
import type { FormatCode } from './reason.js';

export type AreaList = z.infer<typeof areaList>;
export type AreaSituation = AreaList['items'][number];
export type SituationBody = z.input<typeof situationBody>;
export type SituationHistory = z.infer<typeof situationHistory>;
export type Impact = z.infer<typeof impactSchema>;
export type DecisionPage = z.infer<typeof decisionPage>;
export type DecisionRow = DecisionPage['items'][number];
export type OrganisationFormats = z.infer<typeof organisationDecisions>;
export type Decision = NonNullable<OrganisationFormats['decision']>;
export type Override = z.infer<typeof overrideSchema>;
export type OverrideBody = z.input<typeof overrideBody>;
export type RuleSetList = z.infer<typeof ruleSetList>;
export type RuleSetDetail = z.infer<typeof ruleSetDetail>;
export type RuleSetPreview = z.infer<typeof ruleSetPreview>;
export type RuleSetPublished = z.infer<typeof ruleSetPublished>;
export type FormatsSettings = z.infer<typeof formatsSettings>;
export type ClassFormat = z.infer<typeof classFormat>;

/** Which areas to list: the top of the officer's scope, a region's districts or a district's settlements. */
export interface AreaFilter {
  regionId?: number;
  districtId?: number;
}

export const formatsSettingsQuery = queryOptions({
  queryKey: ['formats', 'settings'],
  queryFn: ({ signal }) => api.get<FormatsSettings>('/api/formats/settings', { signal }),
  staleTime: 10 * 60_000,
});

export const areasQuery = (f: AreaFilter) =>
  queryOptions({
    queryKey: ['formats', 'areas', f],
    queryFn: ({ signal }) => api.get<AreaList>('/api/formats/areas', { query: { ...f }, signal }),
  });

export const situationHistoryQuery = (level: string, id: number | null, page: number) =>
  queryOptions({
    queryKey: ['formats', 'situations', level, id, page],
    queryFn: ({ signal }) =>
      api.get<SituationHistory>('/api/formats/situations', {
        query: { level, id: id ?? undefined, page, pageSize: 10 },
        signal,
      }),
    placeholderData: (previous) => previous,
  });

export const previewSituation = (body: SituationBody) => api.post<Impact>('/api/formats/situations/preview', body);
export const recordSituation = (body: SituationBody) => api.post<z.infer<typeof situationRecorded>>('/api/formats/situations', body);

export interface DecisionFilter extends AreaFilter {
  format?: FormatCode;
  kind?: string;
  page: number;
}
export const DECISIONS_PAGE_SIZE = 20;

export const decisionsQuery = (f: DecisionFilter) =>
  queryOptions({
    queryKey: ['formats', 'decisions', f],
    queryFn: ({ signal }) => api.get<DecisionPage>('/api/formats/decisions', { query: { ...f, pageSize: DECISIONS_PAGE_SIZE }, signal }),
    placeholderData: (previous) => previous,
  });

export const organisationFormatsQuery = (id: number) =>
  queryOptions({
    queryKey: ['formats', 'organisations', id],
    queryFn: ({ signal }) => api.get<OrganisationFormats>(`/api/formats/organisations/${id}`, { signal }),
  });

export const classFormatQuery = (id: number) =>
  queryOptions({
    queryKey: ['formats', 'classes', id],
    queryFn: ({ signal }) => api.get<ClassFormat>(`/api/formats/classes/${id}`, { signal }),
    staleTime: 10 * 60_000,
  });

export const createOverride = (body: OverrideBody) => api.post<Override>('/api/formats/overrides', body);
export const revokeOverride = (id: number, reason: string) => api.post<Override>(`/api/formats/overrides/${id}/revoke`, { reason });

export const ruleSetsQuery = (regionId?: number) =>
  queryOptions({
    queryKey: ['formats', 'rule-sets', regionId ?? null],
    queryFn: ({ signal }) => api.get<RuleSetList>('/api/formats/rule-sets', { query: { regionId }, signal }),
  });

export const currentRuleSetQuery = (regionId?: number) =>
  queryOptions({
    queryKey: ['formats', 'rule-sets', 'current', regionId ?? null],
    queryFn: ({ signal }) => api.get<RuleSetDetail>('/api/formats/rule-sets/current', { query: { regionId }, signal }),
    staleTime: Infinity, // the editor's starting point must not change under the person's hands
  });

export interface RuleSetCandidate {
  regionId: number | null;
  source: string;
  effectiveFrom?: string;
}
export const previewRuleSet = (c: RuleSetCandidate) => api.post<RuleSetPreview>('/api/formats/rule-sets/preview', c);
export const publishRuleSet = (c: RuleSetCandidate & { notes: string; basedOnVersion: number | null }) =>
  api.post<RuleSetPublished>('/api/formats/rule-sets', c);

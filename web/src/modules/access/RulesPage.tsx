import { useEffect, useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../identity/api.js';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { Section } from '../../ui/Section.js';
import { localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { previewRules, publishRules, rulesQuery, type RuleParams, type RuleSet } from './api.js';
import { formatDateTime } from './format.js';
import './access.css';

const FIELDS = [
  'fullVaccinationAfterDays',
  'vaccinationValidDays',
  'pcrValidHours',
  'antigenValidHours',
  'recoveryValidDays',
  'isolationDays',
  'passValidHours',
  'feverThresholdC',
] as const;

/** The versioned rules: the ministry (the country or any region) and a region's officer (their region); preview, then publish. */
export function RulesPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation('access');
  useTitle(t('rules.title'));
  const id = useId();
  const ministry = me.roles.some((g) => g.role === 'ministry_officer');
  const regions = me.roles.filter((g) => g.role === 'region_officer' && g.scope.regionId);
  const scopes: { regionId: number | null; name: string }[] = [
    ...(ministry ? [{ regionId: null, name: t('rules.country') }] : []),
    ...regions.map((g) => ({ regionId: g.scope.regionId!, name: localised(g.scope.name, i18n.language) })),
  ];
  const [scope, setScope] = useState<number | null>(scopes[0]?.regionId ?? null);
  const rules = useQuery(rulesQuery(scope));
  return (
    <div className="access-rules">
      <h1>{t('rules.title')}</h1>
      {scopes.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-s`}>{t('rules.scope')}</label>
          <select id={`${id}-s`} value={scope ?? ''} onChange={(e) => setScope(e.target.value ? Number(e.target.value) : null)}>
            {scopes.map((s) => (
              <option key={s.regionId ?? 'country'} value={s.regionId ?? ''}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <QueryView query={rules}>{(r) => <RulesForm key={`${scope}-${r.version}`} rules={r} regionId={scope} />}</QueryView>
    </div>
  );
}

function RulesForm({ rules, regionId }: { rules: RuleSet; regionId: number | null }) {
  const { t, i18n } = useTranslation('access');
  const id = useId();
  const qc = useQueryClient();
  const [values, setValues] = useState<Record<(typeof FIELDS)[number], string>>(
    () => Object.fromEntries(FIELDS.map((f) => [f, rules.params[f] === null || rules.params[f] === undefined ? '' : String(rules.params[f])])) as never,
  );
  const params = (): RuleParams => ({
    ...(Object.fromEntries(FIELDS.map((f) => [f, Number(values[f])])) as RuleParams),
    vaccinationValidDays: values.vaccinationValidDays.trim() === '' ? null : Number(values.vaccinationValidDays),
  });
  const preview = useMutation({ mutationFn: () => previewRules(regionId, params()) });
  const publish = useMutation({ mutationFn: () => publishRules(regionId, params()), onSuccess: () => qc.invalidateQueries({ queryKey: ['access', 'rules'] }) });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a preview belongs to the values it was made for; it goes when they change
  useEffect(() => {
    preview.reset();
  }, [values]);
  return (
    <Section
      title={t('rules.version', { version: rules.version })}
      subtitle={rules.inherited ? t('rules.inherited') : rules.publishedAt ? formatDateTime(rules.publishedAt, i18n.language) : undefined}
    >
      <form
        className="access-form"
        onSubmit={(e) => {
          e.preventDefault();
          preview.mutate();
        }}
      >
        {FIELDS.map((f) => (
          <div className="field" key={f}>
            <label htmlFor={`${id}-${f}`}>{t(`rules.params.${f}`)}</label>
            <input
              id={`${id}-${f}`}
              type="number"
              min={0}
              step={f === 'feverThresholdC' ? 0.1 : 1}
              value={values[f]}
              required={f !== 'vaccinationValidDays'}
              onChange={(e) => setValues({ ...values, [f]: e.target.value })}
            />
          </div>
        ))}
        <button type="submit" className="button button--secondary" disabled={preview.isPending}>
          {t('rules.preview')}
        </button>
        {preview.data && <p role="status">{t('rules.previewResult', { ...preview.data })}</p>}
        {preview.data && (
          <button type="button" className="button" disabled={publish.isPending} onClick={() => publish.mutate()}>
            {t('rules.publish')}
          </button>
        )}
        {publish.isSuccess && <p role="status">{t('rules.published')}</p>}
        {(preview.isError || publish.isError) && <ErrorNotice error={preview.error ?? publish.error} />}
      </form>
    </Section>
  );
}

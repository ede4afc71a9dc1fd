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
type Field = (typeof FIELDS)[number];

/** What the server takes (contracts/access.ts ruleParams; not imported: it would bring zod to the page). */
const RANGES: Record<Field, { min: number; max: number; whole: boolean }> = {
  fullVaccinationAfterDays: { min: 0, max: 365, whole: true },
  vaccinationValidDays: { min: 1, max: 3650, whole: true },
  pcrValidHours: { min: 0, max: 720, whole: true },
  antigenValidHours: { min: 0, max: 720, whole: true },
  recoveryValidDays: { min: 0, max: 3650, whole: true },
  isolationDays: { min: 0, max: 60, whole: true },
  passValidHours: { min: 1, max: 168, whole: true },
  feverThresholdC: { min: 35, max: 42, whole: false },
};

/** A typed value the server would refuse (empty is allowed only where it means «no limit»). */
function wrongValue(f: Field, text: string): boolean {
  const v = text.trim();
  if (v === '') return f !== 'vaccinationValidDays';
  const n = Number(v.replace(',', '.'));
  const r = RANGES[f];
  return !Number.isFinite(n) || n < r.min || n > r.max || (r.whole && !Number.isInteger(n));
}

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
  const [wrong, setWrong] = useState<Field[]>([]);
  const params = (): RuleParams => ({
    ...(Object.fromEntries(FIELDS.map((f) => [f, Number(values[f].trim().replace(',', '.'))])) as RuleParams),
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
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          // each field's range said beside it, in the page's language, before anything is sent (the server's answer names no field)
          const bad = FIELDS.filter((f) => wrongValue(f, values[f]));
          setWrong(bad);
          if (bad.length === 0) preview.mutate();
        }}
      >
        {FIELDS.map((f) => (
          <div className="field" key={f}>
            <label htmlFor={`${id}-${f}`}>{t(`rules.params.${f}`)}</label>
            <input
              id={`${id}-${f}`}
              type="text"
              inputMode={RANGES[f].whole ? 'numeric' : 'decimal'}
              value={values[f]}
              aria-invalid={wrong.includes(f) || undefined}
              aria-describedby={wrong.includes(f) ? `${id}-${f}-error` : undefined}
              onChange={(e) => setValues({ ...values, [f]: e.target.value })}
            />
            {wrong.includes(f) && (
              <span id={`${id}-${f}-error`} className="field__error">
                {t(RANGES[f].whole ? 'rules.range' : 'rules.rangeDecimal', { min: RANGES[f].min, max: RANGES[f].max })}
              </span>
            )}
          </div>
        ))}
        {wrong.length > 0 && (
          <p className="notice notice--error" role="alert">
            {t('rules.fix', { count: wrong.length })}
          </p>
        )}
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

import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/feedback.js';
import { createOverride, type OrganisationFormats } from './api.js';
import { langOf } from './FormatBadge.js';
import { ACTIVITIES, FORMAT_LABELS, FORMATS, type ActivityKind, type FormatCode } from './reason.js';
import { DateInput } from '../../ui/controls.js';

/** An officer sets an organisation's or one class's format over a period, with a reason that is kept and shown. */
export function OverrideForm({ data }: { data: OrganisationFormats }) {
  const { t, i18n } = useTranslation('formats');
  const lang = langOf(i18n.language);
  const queryClient = useQueryClient();
  const id = useId();
  const [target, setTarget] = useState('');
  const [format, setFormat] = useState<FormatCode>('distance');
  const [onSite, setOnSite] = useState<ActivityKind[]>(['lab', 'practice']);
  const [subgroupMax, setSubgroupMax] = useState('');
  const [reason, setReason] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const save = useMutation({
    mutationFn: createOverride,
    onSuccess: async () => {
      setDone(true);
      setReason('');
      await queryClient.invalidateQueries({ queryKey: ['formats'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (!from || reason.trim().length < 3) return setProblem(t('override.required'));
    if (format === 'combined' && onSite.length === 0) return setProblem(t('override.onSiteRequired'));
    setProblem(null);
    save.mutate({
      organisationId: data.organisation.id,
      classId: target ? Number(target) : null,
      format,
      onSite: format === 'combined' ? onSite : null,
      subgroupMax: subgroupMax ? Number(subgroupMax) : null,
      reason: reason.trim(),
      effectiveFrom: from,
      effectiveTo: to || null,
    });
  };
  return (
    <form className="form fd-form fd-override" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('override.title')}</h3>
      <div className="fd-row">
        <div className="field">
          <label htmlFor={`${id}-target`}>{t('override.target')}</label>
          <select id={`${id}-target`} value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">{t('organisation.whole')}</option>
            {data.classes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-format`}>{t('override.format')}</label>
          <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as FormatCode)}>
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_LABELS[f][lang]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {format === 'combined' && (
        <fieldset className="fd-choices fd-choices--row">
          <legend>{t('override.onSite')}</legend>
          {ACTIVITIES.map((a) => (
            <label key={a} className="fd-choice">
              <input
                type="checkbox"
                checked={onSite.includes(a)}
                onChange={(e) => setOnSite(e.target.checked ? [...onSite, a] : onSite.filter((x) => x !== a))}
              />
              <span>{t(`activities.${a}`)}</span>
            </label>
          ))}
        </fieldset>
      )}
      {(format === 'combined' || format === 'duty') && (
        <div className="field fd-narrow">
          <label htmlFor={`${id}-sub`}>{t('override.subgroupMax')}</label>
          <input id={`${id}-sub`} type="number" inputMode="numeric" min={1} max={60} value={subgroupMax} onChange={(e) => setSubgroupMax(e.target.value)} />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('override.reason')}</label>
        <textarea
          id={`${id}-reason`}
          rows={2}
          required
          minLength={3}
          maxLength={500}
          value={reason}
          aria-describedby={`${id}-reason-hint`}
          onChange={(e) => setReason(e.target.value)}
        />
        <p id={`${id}-reason-hint`} className="field__hint">
          {t('override.reasonHint')}
        </p>
      </div>
      <div className="fd-row">
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('override.effectiveFrom')}</label>
          <DateInput id={`${id}-from`} required value={from} onChange={setFrom} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('override.effectiveTo')}</label>
          <DateInput id={`${id}-to`} value={to} min={from || undefined} onChange={setTo} />
        </div>
      </div>
      {problem && (
        <p className="form__error" role="alert">
          {problem}
        </p>
      )}
      {save.isError && <ErrorNotice error={save.error} />}
      {done && (
        <p className="notice" role="status">
          {t('override.saved')}
        </p>
      )}
      <div className="fd-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? t('override.saving') : t('override.submit')}
        </button>
      </div>
    </form>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/feedback.js';
import { localised } from '../../ui/format.js';
import { previewSituation, recordSituation, type AreaSituation, type Impact, type SituationBody } from './api.js';
import { langOf } from './FormatBadge.js';
import { ImpactView } from './ImpactView.js';
import { LEVEL_LABELS, type SituationLevel, type SituationScale } from './reason.js';
import { DateInput } from '../../ui/controls.js';

const LEVELS: Record<SituationScale, SituationLevel[]> = { binary: ['green', 'red'], zones: ['green', 'yellow', 'red'] };

/**
 * Records an area's situation: level on the scale in use (or "inherit again"), the date it takes
 * effect and the decree. "Preview" shows the impact without writing; "Save" records and recomputes.
 */
export function SituationForm({
  area,
  scale,
  onClose,
  onSaved,
}: {
  area: AreaSituation;
  scale: SituationScale;
  onClose: () => void;
  onSaved: (impact: Impact) => void;
}) {
  const { t, i18n } = useTranslation('formats');
  const lang = langOf(i18n.language);
  const queryClient = useQueryClient();
  const id = useId();
  const [level, setLevel] = useState<SituationLevel | 'inherit' | ''>('');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [source, setSource] = useState('');
  const [problem, setProblem] = useState(false);
  const body = (): SituationBody | null => {
    if (!level || !effectiveFrom || source.trim().length < 3) return null;
    return { area: { level: area.area.level, id: area.area.id }, level: level === 'inherit' ? null : level, effectiveFrom, source: source.trim() };
  };
  const preview = useMutation({ mutationFn: previewSituation });
  const save = useMutation({
    mutationFn: recordSituation,
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: ['formats'] });
      onSaved(result.impact);
    },
  });
  const act = (which: 'preview' | 'save') => (e?: FormEvent) => {
    e?.preventDefault();
    const b = body();
    setProblem(b === null);
    if (!b) return;
    preview.reset();
    save.reset();
    if (which === 'preview') preview.mutate(b);
    else save.mutate(b);
  };
  const edited = () => {
    preview.reset();
    save.reset();
  };
  const name = localised(area.area.name, i18n.language);
  return (
    <form className="form fd-form situation-form" onSubmit={act('save')} noValidate aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('situationForm.title', { area: name })}</h4>
      <fieldset className="fd-choices">
        <legend>{t('situationForm.level')}</legend>
        {LEVELS[scale].map((l) => (
          <label key={l} className="fd-choice">
            <input
              type="radio"
              name={`${id}-level`}
              value={l}
              checked={level === l}
              onChange={() => {
                setLevel(l);
                edited();
              }}
            />
            <span className={`fd-tag fd-tag--level-${l}`}>{LEVEL_LABELS[scale][l][lang]}</span>
          </label>
        ))}
        {area.own && area.own.level !== null && area.area.level !== 'country' && (
          <label className="fd-choice">
            <input
              type="radio"
              name={`${id}-level`}
              value="inherit"
              checked={level === 'inherit'}
              onChange={() => {
                setLevel('inherit');
                edited();
              }}
            />
            <span>{t('situationForm.inherit')}</span>
          </label>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t('situationForm.effectiveFrom')}</label>
        <DateInput
          id={`${id}-date`}
          required
          value={effectiveFrom}
          onChange={(v) => {
            setEffectiveFrom(v);
            edited();
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-source`}>{t('situationForm.source')}</label>
        <textarea
          id={`${id}-source`}
          rows={2}
          required
          minLength={3}
          maxLength={500}
          value={source}
          aria-describedby={`${id}-source-hint`}
          onChange={(e) => {
            setSource(e.target.value);
            edited();
          }}
        />
        <p id={`${id}-source-hint`} className="field__hint">
          {t('situationForm.sourceHint')}
        </p>
      </div>
      {problem && (
        <p className="form__error" role="alert">
          {t('situationForm.required')}
        </p>
      )}
      {(preview.isError || save.isError) && <ErrorNotice error={preview.error ?? save.error} />}
      <div className="fd-actions">
        <button type="button" className="button button--secondary" disabled={preview.isPending || save.isPending} onClick={() => act('preview')()}>
          {preview.isPending ? t('situationForm.previewing') : t('situationForm.preview')}
        </button>
        <button type="submit" className="button" disabled={preview.isPending || save.isPending}>
          {save.isPending ? t('situationForm.saving') : t('situationForm.save')}
        </button>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('cancel')}
        </button>
      </div>
      <div aria-live="polite">{preview.data && <ImpactView impact={preview.data} />}</div>
    </form>
  );
}

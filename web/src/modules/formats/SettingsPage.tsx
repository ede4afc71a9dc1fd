import { useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { useTitle } from '../../ui/useTitle.js';
import { api } from '../../api/client.js';
import { meQuery } from '../identity/api.js';
import { formatsSettingsQuery, type FormatsSettings } from './api.js';
import './fd.css';

function Form({ settings, editable }: { settings: FormatsSettings; editable: boolean }) {
  const { t } = useTranslation('formats');
  const queryClient = useQueryClient();
  const [scale, setScale] = useState(settings.situationScale);
  const [regions, setRegions] = useState(settings.regionsMayEditRules);
  const save = useMutation({
    mutationFn: () => api.put<FormatsSettings>('/api/formats/settings', { situationScale: scale, regionsMayEditRules: regions }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(formatsSettingsQuery.queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: ['formats', 'areas'] });
    },
  });
  return (
    <form
      className="form fd-form"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <fieldset className="fd-choices" disabled={!editable}>
        <legend>{t('settings.scale')}</legend>
        {(['binary', 'zones'] as const).map((s) => (
          <label key={s} className="fd-choice">
            <input
              type="radio"
              name="fmt-scale"
              value={s}
              checked={scale === s}
              onChange={() => {
                setScale(s);
                save.reset();
              }}
            />
            <span>{t(`settings.${s}`)}</span>
          </label>
        ))}
        <p className="field__hint">{t('settings.scaleHint')}</p>
      </fieldset>
      <label className="fd-choice">
        <input
          type="checkbox"
          checked={regions}
          disabled={!editable}
          onChange={(e) => {
            setRegions(e.target.checked);
            save.reset();
          }}
        />
        <span>{t('settings.regions')}</span>
      </label>
      {save.isError && <ErrorNotice error={save.error} />}
      {save.isSuccess && (
        <p className="notice" role="status">
          {t('settings.saved')}
        </p>
      )}
      {editable && (
        <div className="fd-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {t('settings.save')}
          </button>
        </div>
      )}
    </form>
  );
}

/** The country's format settings (situation scale, regional rules allowed): the ministry changes them, other officers read them. */
export function FormatsSettingsPage() {
  const { t } = useTranslation(['formats', 'common']);
  useTitle(t('settings.title'));
  const me = useQuery(meQuery).data;
  const editable = me?.roles.some((g) => g.role === 'ministry_officer') ?? false;
  const settings = useQuery(formatsSettingsQuery);
  return (
    <>
      <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('common:app.home')}</Link>
          </li>
          <li>
            <Link to="/formats">{t('title')}</Link>
          </li>
        </ol>
      </nav>
      <h1>{t('settings.title')}</h1>
      <p className="lead">{t('settings.intro')}</p>
      {!editable && <p className="notice">{t('settings.readOnly')}</p>}
      <section className="card">
        <QueryView query={settings}>{(data) => <Form settings={data} editable={editable} />}</QueryView>
      </section>
      <p>
        <Link to="/duty/settings">{t('settings.dutyLink')}</Link>
      </p>
    </>
  );
}

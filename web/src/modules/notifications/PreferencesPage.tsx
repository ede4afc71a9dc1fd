import { useEffect, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { useTitle } from '../../ui/useTitle.js';
import { preferencesQuery, savePreferences, type PreferenceItem, type Preferences } from './api.js';
import './notifications.css';

const keyOf = (i: Pick<PreferenceItem, 'kind' | 'channel'>) => `${i.kind}/${i.channel}`;

function Form({ data }: { data: Preferences }) {
  const { t } = useTranslation('notifications');
  const queryClient = useQueryClient();
  const [choices, setChoices] = useState(() => new Map(data.items.map((i) => [keyOf(i), i.enabled])));
  const [phone, setPhone] = useState(data.smsPhone ?? '');
  useEffect(() => {
    setChoices(new Map(data.items.map((i) => [keyOf(i), i.enabled])));
  }, [data]);
  const save = useMutation({
    mutationFn: () =>
      savePreferences({
        items: data.items.map((i) => ({ ...i, enabled: choices.get(keyOf(i)) ?? i.enabled })),
        smsPhone: phone.trim() === '' ? (data.smsPhone === null ? undefined : null) : phone,
      }),
    onSuccess: (saved) => queryClient.setQueryData(preferencesQuery.queryKey, saved),
  });
  const kinds = [...new Set(data.items.map((i) => i.kind))];
  const toggle = (kind: string, channel: 'in_app' | 'sms') => (e: React.ChangeEvent<HTMLInputElement>) => {
    const next = new Map(choices);
    next.set(`${kind}/${channel}`, e.target.checked);
    setChoices(next);
  };
  return (
    <form
      className="prefs"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <p>{t('settings.intro')}</p>
      <label className="prefs__phone">
        <span>{t('settings.phone')}</span>
        <input type="tel" inputMode="tel" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} aria-describedby="prefs-phone-hint" />
        <small id="prefs-phone-hint" className="muted">
          {t('settings.phoneHint')}
        </small>
      </label>
      {!data.smsGateway && <p className="muted">{t('settings.noGateway')}</p>}
      <table className="prefs__table">
        <thead>
          <tr>
            <th scope="col">{t('settings.kind')}</th>
            <th scope="col">{t('settings.inApp')}</th>
            <th scope="col">{t('settings.sms')}</th>
          </tr>
        </thead>
        <tbody>
          {kinds.map((kind) => {
            const label = t(`kindNames.${kind.replace('.', '_')}` as 'kindNames.message');
            return (
              <tr key={kind}>
                <th scope="row">{label}</th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${label}: ${t('settings.inApp')}`}
                    checked={choices.get(`${kind}/in_app`) ?? true}
                    onChange={toggle(kind, 'in_app')}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${label}: ${t('settings.sms')}`}
                    checked={choices.get(`${kind}/sms`) ?? false}
                    onChange={toggle(kind, 'sms')}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>
        <button type="submit" className="button" disabled={save.isPending}>
          {t('settings.save')}
        </button>
        {save.isSuccess && <span role="status"> {t('settings.saved')}</span>}
      </p>
      {save.isError && <ErrorNotice error={save.error} />}
    </form>
  );
}

/** Each person's choice of channel (in-app, SMS) per kind of notification, and the number SMS go to. */
export function PreferencesPage() {
  const { t } = useTranslation(['notifications', 'common']);
  useTitle(t('settings.title'));
  const prefs = useQuery(preferencesQuery);
  return (
    <>
      <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('common:app.home')}</Link>
          </li>
          <li>
            <Link to="/notifications">{t('title')}</Link>
          </li>
        </ol>
      </nav>
      <h1>{t('settings.title')}</h1>
      <QueryView query={prefs}>{(data) => <Form data={data} />}</QueryView>
    </>
  );
}

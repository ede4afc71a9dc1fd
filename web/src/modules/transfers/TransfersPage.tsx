import { useId, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { Section } from '../../ui/Section.js';
import { useTitle } from '../../ui/useTitle.js';
import { organisationClassesQuery } from '../organisations/api.js';
import { organisationTransfersQuery, overdueQuery, requestTransfer, TRANSFERS_KEY } from './api.js';
import { TransferItem } from './TransferItem.js';
import '../formats/fd.css';
import './transfers.css';

function RequestForm({ organisationId }: { organisationId: number }) {
  const { t } = useTranslation('transfers');
  const id = useId();
  const queryClient = useQueryClient();
  const classes = useQuery(organisationClassesQuery(organisationId));
  const [iin, setIin] = useState('');
  const [classId, setClassId] = useState(0);
  const ask = useMutation({
    mutationFn: () => requestTransfer(organisationId, iin.trim(), classId || classes.data!.items[0]!.id),
    onSuccess: () => {
      setIin('');
      void queryClient.invalidateQueries({ queryKey: TRANSFERS_KEY });
    },
  });
  return (
    <Section title={t('title')}>
      <p>{t('intro')}</p>
      <QueryView query={classes}>
        {(data) => (
          <form
            className="form"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              ask.mutate();
            }}
          >
            <div className="field">
              <label htmlFor={`${id}-iin`}>{t('iin')}</label>
              <input
                id={`${id}-iin`}
                inputMode="numeric"
                pattern="\d{12}"
                maxLength={12}
                required
                autoComplete="off"
                value={iin}
                onChange={(e) => setIin(e.target.value.replace(/\D/g, ''))}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-c`}>{t('class')}</label>
              <select id={`${id}-c`} value={classId || data.items[0]?.id || 0} onChange={(e) => setClassId(Number(e.target.value))}>
                {data.items.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            {ask.isError && <ErrorNotice error={ask.error} />}
            {ask.isSuccess && (
              <p className="notice" role="status">
                {t('sent')}
              </p>
            )}
            <div>
              <button type="submit" className="button" disabled={ask.isPending || data.items.length === 0}>
                {t('submit')}
              </button>
            </div>
          </form>
        )}
      </QueryView>
    </Section>
  );
}

function List({ organisationId, direction }: { organisationId: number; direction: 'in' | 'out' }) {
  const { t } = useTranslation('transfers');
  const list = useQuery(organisationTransfersQuery(organisationId, direction));
  return (
    <Section title={t(direction === 'in' ? 'incoming' : 'outgoing')}>
      <QueryView query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <ul className="plain-list transfers">
              {data.items.map((tr) => (
                <TransferItem key={tr.id} tr={tr} />
              ))}
            </ul>
          )
        }
      </QueryView>
    </Section>
  );
}

/** The organisation admin's transfers: ask for a pupil by IIN; answer for its own pupils; follow both. */
export function TransfersPage({ organisationId }: { organisationId: number }) {
  const { t } = useTranslation(['transfers', 'common']);
  useTitle(t('title'));
  return (
    <>
      <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('common:app.home')}</Link>
          </li>
        </ol>
      </nav>
      <h1>{t('title')}</h1>
      <div className="sections">
        <List organisationId={organisationId} direction="out" />
        <RequestForm organisationId={organisationId} />
        <List organisationId={organisationId} direction="in" />
      </div>
    </>
  );
}

/** The district officer's overdue requests, decided here. */
export function OverduePage() {
  const { t } = useTranslation(['transfers', 'common']);
  useTitle(t('overdueTitle'));
  const list = useQuery(overdueQuery);
  return (
    <>
      <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('common:app.home')}</Link>
          </li>
        </ol>
      </nav>
      <h1>{t('overdueTitle')}</h1>
      <QueryView query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <ul className="plain-list transfers">
              {data.items.map((tr) => (
                <TransferItem key={tr.id} tr={tr} />
              ))}
            </ul>
          )
        }
      </QueryView>
    </>
  );
}

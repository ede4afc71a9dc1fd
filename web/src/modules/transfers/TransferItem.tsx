import { useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/feedback.js';
import { fullName, localised } from '../../ui/format.js';
import { dateTimeText } from '../duty/days.js';
import { approveTransfer, rejectTransfer, TRANSFERS_KEY, type Transfer } from './api.js';

/** One transfer request as the reader may see it, with approve/refuse when they may answer. */
export function TransferItem({ tr }: { tr: Transfer }) {
  const { t, i18n } = useTranslation('transfers');
  const id = useId();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: TRANSFERS_KEY });
  const approve = useMutation({ mutationFn: () => approveTransfer(tr.id), onSuccess: refresh });
  const reject = useMutation({ mutationFn: () => rejectTransfer(tr.id, reason), onSuccess: refresh });
  const lang = i18n.language;
  return (
    <li className="card transfer">
      <p>
        <strong>{tr.pupil ? fullName(tr.pupil) : <span className="muted">{t('hidden')}</span>}</strong>{' '}
        <span className={`fd-tag${tr.status === 'pending' ? ' fd-tag--new' : ''}`}>{t(`status.${tr.status}`)}</span>
        {tr.overdue && tr.status === 'pending' && (
          <>
            {' '}
            <span className="fd-tag">{t('overdue')}</span>
          </>
        )}
      </p>
      <dl className="facts">
        <dt>{t('from')}</dt>
        <dd>{tr.from ? `${localised(tr.from.name, lang)}, ${tr.from.className}` : t('hidden')}</dd>
        <dt>{t('to')}</dt>
        <dd>
          {localised(tr.to.name, lang)}, {tr.to.className}
        </dd>
        <dt>{t('requestedAt')}</dt>
        <dd>{dateTimeText(tr.requestedAt, lang)}</dd>
        {tr.status === 'pending' && (
          <>
            <dt>{t('dueAt')}</dt>
            <dd>{dateTimeText(tr.answerDueAt, lang)}</dd>
          </>
        )}
        {tr.decidedAt && (
          <>
            <dt>{t(`status.${tr.status}`)}</dt>
            <dd>
              {dateTimeText(tr.decidedAt, lang)}
              {tr.decidedAs && ` (${t(`decidedBy.${tr.decidedAs}`)})`}
            </dd>
          </>
        )}
        {tr.reason && (
          <>
            <dt>{t('reason')}</dt>
            <dd>{tr.reason}</dd>
          </>
        )}
      </dl>
      {tr.canDecide && (
        <div className="form">
          <div className="field">
            <label htmlFor={`${id}-r`}>{t('rejectReason')}</label>
            <input id={`${id}-r`} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <p className="fd-actions">
            <button type="button" className="button" disabled={approve.isPending || reject.isPending} onClick={() => approve.mutate()}>
              {t('approve')}
            </button>{' '}
            <button type="button" className="button button--secondary" disabled={approve.isPending || reject.isPending} onClick={() => reject.mutate()}>
              {t('reject')}
            </button>
          </p>
        </div>
      )}
      {approve.isError && <ErrorNotice error={approve.error} />}
      {reject.isError && <ErrorNotice error={reject.error} />}
    </li>
  );
}

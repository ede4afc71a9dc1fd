import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../ui/feedback.js';
import { formatDate, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { certificateCheckQuery } from './api.js';
import './training.css';

/** A form to type a certificate code; sends the reader to its check page. */
function CodeForm({ initial, onCheck }: { initial?: string; onCheck: (code: string) => void }) {
  const { t } = useTranslation('training');
  const [code, setCode] = useState(initial ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = code.trim();
    if (c) onCheck(c);
  };
  return (
    <form className="training-check-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="certificate-code">{t('check.label')}</label>
        <input
          id="certificate-code"
          value={code}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="ABCD-EFGH-JKLM"
          maxLength={40}
          onChange={(e) => setCode(e.target.value)}
        />
      </div>
      <button type="submit" className="button">
        {t('check.submit')}
      </button>
    </form>
  );
}

function Result({ code }: { code: string }) {
  const { t, i18n } = useTranslation('training');
  const lang = i18n.language;
  const q = useQuery(certificateCheckQuery(code));
  return (
    <QueryView query={q}>
      {(c) => (
        <section className={`card training-check ${c.valid ? 'training-check--valid' : 'training-check--invalid'}`} aria-live="polite">
          <h2>{c.valid ? t('check.valid') : t('check.invalid')}</h2>
          <dl>
            <dt>{t('check.code')}</dt>
            <dd>
              <code>{c.code}</code>
            </dd>
            <dt>{t('check.holder')}</dt>
            <dd>{c.holder}</dd>
            <dt>{t('course')}</dt>
            <dd>{localised(c.course, lang)}</dd>
            <dt>{t('check.provider')}</dt>
            <dd>
              {c.provider} · {t('hours', { count: c.hours })}
            </dd>
            <dt>{t('check.completedOn')}</dt>
            <dd>{formatDate(c.completedOn, lang)}</dd>
          </dl>
          {c.withdrawnOn && (
            <p>
              <strong>{t('withdrawnOn', { date: formatDate(c.withdrawnOn, lang) })}</strong>
            </p>
          )}
        </section>
      )}
    </QueryView>
  );
}

/** The public check of a training certificate (no sign-in): `/certificates` (a form) and `/certificates/<code>`. */
export function CertificateCheckPage({ code, onCheck }: { code?: string; onCheck: (code: string) => void }) {
  const { t } = useTranslation('training');
  useTitle(t('check.title'));
  return (
    <div className="training-public">
      <h1>{t('check.title')}</h1>
      <p>{t('check.intro')}</p>
      <CodeForm key={code ?? ''} initial={code} onCheck={onCheck} />
      {code && <Result code={code} />}
    </div>
  );
}

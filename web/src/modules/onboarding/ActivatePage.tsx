import { useId, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/error-message.js';
import { activate } from './api.js';
import './onboarding.css';

type Problem = 'iin' | 'code' | 'password' | 'confirm' | null;

/**
 * First sign-in of an imported person: their IIN, the activation code the admin handed them, and
 * a password they choose. No session is needed; afterwards they sign in as usual.
 */
export default function ActivatePage() {
  const { t, i18n } = useTranslation('onboarding');
  const [iin, setIin] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<Problem>(null);
  const ids = { iin: useId(), iinHint: useId(), code: useId(), codeHint: useId(), password: useId(), passwordHint: useId(), confirm: useId(), error: useId() };
  const mutation = useMutation({ mutationFn: activate });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // our own checks, in the page's language, focusing the first field to fix
    const cleanIin = iin.replace(/\s/g, '');
    const first: Problem = !/^\d{12}$/.test(cleanIin)
      ? 'iin'
      : !code.trim()
        ? 'code'
        : password.length < 8
          ? 'password'
          : password !== confirm
            ? 'confirm'
            : null;
    setProblem(first);
    if (first) {
      document.getElementById(ids[first])?.focus();
      return;
    }
    mutation.mutate({ iin: cleanIin, code: code.trim(), password });
  };

  if (mutation.isSuccess) {
    return (
      <div className="sign-in">
        <h1>{t('activate.title')}</h1>
        <p className="notice" role="status">
          {t('activate.done')}
        </p>
        <p>
          <Link to="/sign-in" className="button">
            {t('activate.toSignIn')}
          </Link>
        </p>
      </div>
    );
  }

  const fieldError =
    problem === 'iin'
      ? t('activate.iinInvalid')
      : problem === 'code'
        ? t('activate.codeRequired')
        : problem === 'password'
          ? t('activate.tooShort')
          : problem === 'confirm'
            ? t('activate.mismatch')
            : null;
  const message = fieldError ?? (mutation.isError ? errorMessage(i18n, mutation.error) : null);
  const describe = (field: Problem, hint?: string) => [hint, problem === field ? ids.error : ''].filter(Boolean).join(' ') || undefined;

  return (
    <div className="sign-in">
      <h1>{t('activate.title')}</h1>
      <p>{t('activate.intro')}</p>
      <form className="form card" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.iin}>{t('activate.iin')}</label>
          <input
            id={ids.iin}
            name="username"
            inputMode="numeric"
            autoComplete="username"
            maxLength={14}
            value={iin}
            onChange={(e) => setIin(e.target.value)}
            aria-describedby={describe('iin', ids.iinHint)}
            aria-invalid={problem === 'iin' || undefined}
          />
          <p className="field__hint" id={ids.iinHint}>
            {t('activate.iinHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.code}>{t('activate.code')}</label>
          <input
            id={ids.code}
            name="one-time-code"
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-describedby={describe('code', ids.codeHint)}
            aria-invalid={problem === 'code' || undefined}
          />
          <p className="field__hint" id={ids.codeHint}>
            {t('activate.codeHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.password}>{t('activate.password')}</label>
          <input
            id={ids.password}
            name="new-password"
            type="password"
            autoComplete="new-password"
            maxLength={200}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby={describe('password', ids.passwordHint)}
            aria-invalid={problem === 'password' || undefined}
          />
          <p className="field__hint" id={ids.passwordHint}>
            {t('activate.passwordHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.confirm}>{t('activate.confirm')}</label>
          <input
            id={ids.confirm}
            name="confirm-password"
            type="password"
            autoComplete="new-password"
            maxLength={200}
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            aria-describedby={describe('confirm')}
            aria-invalid={problem === 'confirm' || undefined}
          />
        </div>
        {message && (
          <p className="form__error" id={ids.error} role="alert">
            {message}
          </p>
        )}
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? t('activate.submitting') : t('activate.submit')}
        </button>
      </form>
    </div>
  );
}

import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/error-message.js';
import { useTitle } from '../../ui/useTitle.js';
import { ME_KEY, signIn, type LoginBody, type Role } from './api.js';

/** The demo dataset's accounts, offered on the sign-in page of a demo installation. */
export const DEMO_ACCOUNTS: readonly { login: string; role: Role }[] = [
  { login: 'demo.pupil', role: 'pupil' },
  { login: 'demo.parent', role: 'parent' },
  { login: 'demo.teacher', role: 'teacher' },
  { login: 'demo.homeroom', role: 'homeroom' },
  { login: 'demo.admin', role: 'org_admin' },
  { login: 'demo.district', role: 'district_officer' },
  { login: 'demo.region', role: 'region_officer' },
  { login: 'demo.ministry', role: 'ministry_officer' },
  { login: 'demo.guard', role: 'gate_guard' },
];
export const DEMO_PASSWORD = 'sabaq-demo';
const SHOW_DEMO = import.meta.env.VITE_HIDE_DEMO_ACCOUNTS !== 'true';

type Problem = 'login' | 'password' | null;

export function SignInPage({ redirectTo, sessionEnded }: { redirectTo?: string; sessionEnded: boolean }) {
  const { t, i18n } = useTranslation('identity');
  const router = useRouter();
  const queryClient = useQueryClient();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<Problem>(null);
  const loginRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const ids = { login: useId(), loginHint: useId(), password: useId(), error: useId() };
  useTitle(t('signIn.title'));

  const mutation = useMutation({
    mutationFn: (body: LoginBody) => signIn(body),
    onSuccess: async ({ user }) => {
      // nothing cached for a previous person may show to this one
      queryClient.removeQueries();
      queryClient.setQueryData(ME_KEY, user);
      await i18n.changeLanguage(user.language);
      await router.navigate({ href: redirectTo ?? '/' });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // our own check instead of the browser's bubbles, which speak the browser's language, not the page's
    if (!login.trim()) {
      setMissing('login');
      loginRef.current?.focus();
      return;
    }
    if (!password) {
      setMissing('password');
      passwordRef.current?.focus();
      return;
    }
    setMissing(null);
    mutation.mutate({ login: login.trim(), password });
  };

  const fill = (demoLogin: string) => {
    setLogin(demoLogin);
    setPassword(DEMO_PASSWORD);
    setMissing(null);
    mutation.reset();
  };

  const serverError = mutation.isError ? errorMessage(i18n, mutation.error) : null;
  const fieldError = missing === 'login' ? t('signIn.loginRequired') : missing === 'password' ? t('signIn.passwordRequired') : null;
  const problem = fieldError ?? serverError;

  return (
    <div className="sign-in">
      <h1>{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      {sessionEnded && !problem && (
        <p className="notice" role="status">
          {t('signIn.sessionEnded')}
        </p>
      )}
      <form className="form card" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.login}>{t('signIn.login')}</label>
          <input
            ref={loginRef}
            id={ids.login}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            maxLength={120}
            required
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            aria-describedby={[ids.loginHint, missing === 'login' ? ids.error : ''].filter(Boolean).join(' ')}
            aria-invalid={missing === 'login' || undefined}
          />
          <p className="field__hint" id={ids.loginHint}>
            {t('signIn.loginHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={ids.password}>{t('signIn.password')}</label>
          <input
            ref={passwordRef}
            id={ids.password}
            name="password"
            type="password"
            autoComplete="current-password"
            maxLength={200}
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-describedby={missing === 'password' ? ids.error : undefined}
            aria-invalid={missing === 'password' || undefined}
          />
        </div>
        {problem && (
          <p className="form__error" id={ids.error} role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="button" disabled={mutation.isPending}>
          {mutation.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      <section className="sign-in__help" aria-labelledby={`${ids.password}-help`}>
        <h2 id={`${ids.password}-help`}>{t('signIn.helpTitle')}</h2>
        <p>
          {t('signIn.firstTime')} <Link to="/activate">{t('signIn.activate')}</Link>
        </p>
        <p>{t('signIn.lost')}</p>
      </section>
      {SHOW_DEMO && (
        <details className="demo">
          <summary>{t('signIn.demoTitle')}</summary>
          <p>{t('signIn.demoText', { password: DEMO_PASSWORD })}</p>
          <ul className="demo__list">
            {DEMO_ACCOUNTS.map((a) => (
              <li key={a.login}>
                <button type="button" className="button button--secondary" onClick={() => fill(a.login)} aria-label={t('signIn.demoFill', { login: a.login })}>
                  <code>{a.login}</code>
                </button>
                <span>{t(`roles.${a.role}`)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

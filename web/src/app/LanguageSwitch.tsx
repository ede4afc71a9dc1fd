import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_NAMES, isLanguage, type Language } from '../i18n.js';
import { ME_KEY, meQuery, updateMe } from '../modules/identity/api.js';
import { errorMessage } from '../api/error-message.js';
import { isSessionEnded } from './query-client.js';

/**
 * Kazakh / Russian / English, always on screen. Before sign-in the choice is remembered on this
 * device; once signed in it is saved for the person (PATCH /api/me) so it follows them to any device.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useQuery(meQuery);
  const save = useMutation({
    mutationFn: (language: Language) => updateMe({ language }),
    onSuccess: (fresh) => queryClient.setQueryData(ME_KEY, fresh),
  });

  const choose = (language: Language) => {
    const previous = i18n.language;
    if (language === previous) return;
    // switch at once (slow links), and go back if the server did not keep the choice
    void i18n.changeLanguage(language);
    if (me) {
      save.mutate(language, {
        onError: (err) => {
          if (!isSessionEnded(err) && isLanguage(previous)) void i18n.changeLanguage(previous);
        },
      });
    }
  };

  return (
    <div className="lang-switch">
      <div role="group" aria-label={t('app.language')} className="lang-switch__buttons">
        {LANGUAGES.map((language) => (
          <button
            key={language}
            type="button"
            lang={language}
            aria-pressed={i18n.language === language}
            title={LANGUAGE_NAMES[language].full}
            onClick={() => choose(language)}
          >
            {/* the name starts with what is seen ("Рус"), then says it in full for screen readers */}
            {LANGUAGE_NAMES[language].short}
            <span className="visually-hidden"> ({LANGUAGE_NAMES[language].full})</span>
          </button>
        ))}
      </div>
      {save.isError && !isSessionEnded(save.error) && (
        <p className="topbar__error" role="alert">
          {t('app.languageSaveFailed')} {errorMessage(i18n, save.error)}
        </p>
      )}
    </div>
  );
}

/** Applies the signed-in person's stored language whenever we learn it (sign-in, reload, another tab's change). */
export function LanguageSync() {
  const { i18n } = useTranslation();
  const { data: me } = useQuery(meQuery);
  const language = me?.language;
  useEffect(() => {
    if (language && language !== i18n.language) void i18n.changeLanguage(language);
  }, [language, i18n]);
  return null;
}

import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/error-message.js';

/** What the last action did: a sentence in the app's language, or the error the server gave, translated. */
export function Outcome({ ok, error }: { ok?: string | null; error?: unknown }) {
  const { i18n } = useTranslation();
  if (error)
    return (
      <p className="form__error" role="alert">
        {errorMessage(i18n, error)}
      </p>
    );
  if (ok) return <p role="status">{ok}</p>;
  return null;
}

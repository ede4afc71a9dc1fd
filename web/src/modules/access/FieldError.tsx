import { useTranslation } from 'react-i18next';
import { DOSE_MAX, DOSE_MIN, type RecordField } from './record-check.js';

/** What is wrong with one field of a health record form, in the page's language, beside the field. */
export function FieldError({ id, field }: { id: string; field: RecordField }) {
  const { t } = useTranslation('access');
  return (
    <span id={id} className="field__error">
      {field === 'dose' || field === 'series' ? t('check.whole', { min: DOSE_MIN, max: DOSE_MAX }) : t(`check.${field}`)}
    </span>
  );
}

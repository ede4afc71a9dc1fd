import { useTranslation } from 'react-i18next';
import { DAY_CODES, type DayCode } from './days.js';

/** The day names of the interface language, for `dayPatternText`. */
export function useDayNames(): Record<DayCode, string> {
  const { t } = useTranslation('duty');
  return Object.fromEntries(DAY_CODES.map((d) => [d, t(`days.${d}`)])) as Record<DayCode, string>;
}

import { useTranslation } from 'react-i18next';

/** "Quarter 3 · 2021-01-11 – 2021-03-19" in the page's language. */
export function useTermLabel() {
  const { t } = useTranslation('planning');
  return (term: { kind: 'quarter' | 'semester'; number: number; startsOn: string; endsOn: string }) =>
    `${t(`termLabel.${term.kind}`, { n: term.number })} · ${term.startsOn} – ${term.endsOn}`;
}

/** The translation key of an ISO weekday (1 = Monday). */
export const dayKey = (weekday: number) => `weekdays.d${Math.min(7, Math.max(1, Math.trunc(weekday)))}` as 'weekdays.d1';

import { useTranslation } from 'react-i18next';
import { FORMAT_LABELS, LEVEL_LABELS, type FormatCode, type Lang, type SituationLevel, type SituationScale } from './reason.js';

export const langOf = (language: string): Lang => (language === 'ru' || language === 'en' ? language : 'kk');

/** A format's name as a coloured tag (colour is never the only cue: the name is always written). */
export function FormatBadge({ format }: { format: FormatCode }) {
  const { i18n } = useTranslation();
  return <span className={`fd-tag fd-tag--${format}`}>{FORMAT_LABELS[format][langOf(i18n.language)]}</span>;
}

/** A situation level on the scale in use ("favourable" or "green zone"), as a coloured tag. */
export function LevelBadge({ level, scale }: { level: SituationLevel; scale: SituationScale }) {
  const { i18n } = useTranslation();
  return <span className={`fd-tag fd-tag--level-${level}`}>{LEVEL_LABELS[scale][level][langOf(i18n.language)]}</span>;
}

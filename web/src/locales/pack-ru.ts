/**
 * Every string of the interface in one language, fetched on its own (`loadLanguage` in ../i18n.ts):
 * a phone downloads only the language it shows. Each module's `i18n.ts` is picked up by the glob;
 * only its `ru` export comes into this file (the others are left out of the chunk).
 */
import { ru as shell } from './ru.js';

export { shell };
export const domains = import.meta.glob<Record<string, unknown>>('../modules/*/i18n.ts', { import: 'ru', query: '?lang=ru', eager: true });

/**
 * The interface's strings in one language, fetched on their own (`loadLanguage` in ../i18n.ts): a
 * phone downloads only the language it shows. `domains` are the namespaces the first pages of most
 * people need (sign-in, home, Today), in this file; every other module's strings are their own small
 * file (`lazyDomains`), fetched when a page first uses them. Only each module's `ru` export comes in.
 * Keep the list in step with CORE_NAMESPACES in ../i18n.ts (i18n-packs.test.ts checks it).
 */
import { ru as shell } from './ru.js';

export { shell };
export const domains = import.meta.glob<Record<string, unknown>>(
  '../modules/{identity,learning,notifications,organisations,messages,access,privacy,video}/i18n.ts',
  {
    import: 'ru',
    query: '?lang=ru',
    eager: true,
  },
);
export const lazyDomains = import.meta.glob<Record<string, unknown>>(
  ['../modules/*/i18n.ts', '!../modules/{identity,learning,notifications,organisations,messages,access,privacy,video}/i18n.ts'],
  { import: 'ru', query: '?lang=ru' },
);

import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { z } from 'zod';
import type { languageSchema } from '../../contracts/common.js';
import { kk as shellKk, type ShellStrings } from './locales/kk.js';
import { ru as shellRu } from './locales/ru.js';
import { en as shellEn } from './locales/en.js';
import * as identity from './modules/identity/i18n.js';
import * as organisations from './modules/organisations/i18n.js';
import * as onboarding from './modules/onboarding/i18n.js';
import * as formats from './modules/formats/i18n.js';
import * as duty from './modules/duty/i18n.js';
import * as analytics from './modules/analytics/i18n.js';
import * as notifications from './modules/notifications/i18n.js';
import * as learning from './modules/learning/i18n.js';
import * as planning from './modules/planning/i18n.js';
import * as privacy from './modules/privacy/i18n.js';
import * as transfers from './modules/transfers/i18n.js';
import * as school from './modules/school/i18n.js';
import * as supplies from './modules/supplies/i18n.js';
import * as connectivity from './modules/connectivity/i18n.js';
import * as messages from './modules/messages/i18n.js';
import * as access from './modules/access/i18n.js';
import * as video from './modules/video/i18n.js';
import * as training from './modules/training/i18n.js';
import * as live from './modules/live/i18n.js';
import * as quality from './modules/quality/i18n.js';

export type Language = z.infer<typeof languageSchema>;
export const LANGUAGES: readonly Language[] = ['kk', 'ru', 'en'];
export const DEFAULT_LANGUAGE: Language = 'kk';
/** Each language is offered in its own name, whatever the current interface language is. */
export const LANGUAGE_NAMES: Record<Language, { full: string; short: string }> = {
  kk: { full: 'Қазақша', short: 'Қаз' },
  ru: { full: 'Русский', short: 'Рус' },
  en: { full: 'English', short: 'Eng' },
};

type Bundle = { [key: string]: string | Bundle };
interface DomainBundle {
  kk: Bundle & { errors?: Record<string, Record<string, string>> };
  ru: Bundle;
  en: Bundle;
}

/**
 * Every domain's strings, one i18next namespace each. A new module adds one line here. A bundle's
 * `errors` (sentences for its API codes, `{ <prefix>: { <reason>: sentence } }`) is merged into the
 * shell's `errors`, so any code is translated as `errors.<code>`.
 */
export const DOMAIN_BUNDLES = {
  identity,
  organisations,
  onboarding,
  formats,
  duty,
  notifications,
  learning,
  planning,
  privacy,
  transfers,
  school,
  supplies,
  connectivity,
  analytics,
  messages,
  access,
  video,
  training,
  live,
  quality,
} satisfies Record<string, DomainBundle>;

export const SHELL: Record<Language, ShellStrings> = { kk: shellKk, ru: shellRu, en: shellEn };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: ShellStrings;
      identity: typeof identity.kk;
      organisations: typeof organisations.kk;
      onboarding: typeof onboarding.kk;
      formats: typeof formats.kk;
      duty: typeof duty.kk;
      notifications: typeof notifications.kk;
      learning: typeof learning.kk;
      planning: typeof planning.kk;
      privacy: typeof privacy.kk;
      transfers: typeof transfers.kk;
      school: typeof school.kk;
      supplies: typeof supplies.kk;
      connectivity: typeof connectivity.kk;
      analytics: typeof analytics.kk;
      messages: typeof messages.kk;
      access: typeof access.kk;
      video: typeof video.kk;
      training: typeof training.kk;
      live: typeof live.kk;
      quality: typeof quality.kk;
    };
  }
}

/** The i18next resources of one language: the shell (with every domain's errors merged in) and each domain. */
export function resourcesFor(language: Language): Record<string, Bundle> {
  const domains = Object.fromEntries(Object.entries(DOMAIN_BUNDLES).map(([ns, b]) => [ns, (b as DomainBundle)[language] as Bundle]));
  return mergeResources(SHELL[language] as unknown as Bundle, domains);
}

/** One language's resources from its shell strings and its domains' strings (namespace -> strings). */
export function mergeResources(shell: Bundle, domains: Record<string, Bundle>): Record<string, Bundle> {
  const errors: Record<string, Bundle | string> = { ...(shell.errors as Bundle) };
  const out: Record<string, Bundle> = {};
  for (const [ns, strings] of Object.entries(domains)) {
    out[ns] = strings;
    const own = strings.errors;
    if (own && typeof own === 'object') {
      for (const [prefix, reasons] of Object.entries(own)) {
        const existing = errors[prefix];
        errors[prefix] = { ...(typeof existing === 'object' ? existing : {}), ...(reasons as Bundle) };
      }
    }
  }
  out.common = { ...shell, errors: errors as Bundle };
  return out;
}

/** `../modules/learning/i18n.ts` -> `learning` */
export const namespaceOf = (path: string) => /\/modules\/([^/]+)\/i18n\.ts(\?.*)?$/.exec(path)?.[1] ?? path;

/** The namespaces in each language's main file (locales/pack-*.ts); every other one is fetched when first used. */
export const CORE_NAMESPACES = ['identity', 'learning', 'organisations', 'messages', 'privacy', 'video'] as const;

interface Pack {
  shell: unknown;
  domains: Record<string, unknown>;
  lazyDomains: Record<string, () => Promise<unknown>>;
}
/** Each language's strings are their own download (see locales/pack-*.ts); only the one shown is fetched. */
const PACKS: Record<Language, () => Promise<Pack>> = {
  kk: () => import('./locales/pack-kk.js'),
  ru: () => import('./locales/pack-ru.js'),
  en: () => import('./locales/pack-en.js'),
};
const loadedPacks = new Map<Language, Promise<Pack>>();
const loaded = new Map<Language, Promise<Record<string, Bundle>>>();
const loadedNamespaces = new Map<string, Promise<Bundle>>();

/** Loaded once per key; a failed fetch (e.g. offline) is tried again next time. */
function once<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  let p = cache.get(key);
  if (!p) {
    p = load();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

const pack = (language: Language) => once(loadedPacks, language, PACKS[language]);

/** The main resources of one language: `common` (the shell, with the core namespaces' errors merged in) and the core namespaces. */
export function loadLanguage(language: Language): Promise<Record<string, Bundle>> {
  return once(loaded, language, () =>
    pack(language).then((m) =>
      mergeResources(m.shell as Bundle, Object.fromEntries(Object.entries(m.domains).map(([path, b]) => [namespaceOf(path), b as Bundle]))),
    ),
  );
}

/** One namespace of one language: from the main file, or its own file fetched once (`{}` for an unknown name). */
export function loadNamespace(language: Language, ns: string): Promise<Bundle> {
  return loadLanguage(language).then((main) => {
    if (main[ns]) return main[ns];
    return once(loadedNamespaces, `${language}/${ns}`, () =>
      pack(language).then((m) => {
        const path = Object.keys(m.lazyDomains).find((p) => namespaceOf(p) === ns);
        return path ? (m.lazyDomains[path]!() as Promise<Bundle>) : {};
      }),
    );
  });
}

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

const STORAGE_KEY = 'sabaq.language';

/** The language chosen on this device before sign-in (storage can be off in private windows). */
export function storedLanguage(): Language | null {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

/**
 * The cookie that tells the server which language's page to send, so its strings are fetched with the
 * app's code rather than after it (the pages index.<lang>.html, web/build/critical-path.ts).
 */
export const LANGUAGE_COOKIE = 'sabaq_lang';

function rememberLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered: the next visit starts in the default language, nothing worse
  }
  // biome-ignore lint/suspicious/noDocumentCookie: one fixed name=value; the Cookie Store API is missing on the old phones this is for
  if (typeof document !== 'undefined') document.cookie = `${LANGUAGE_COOKIE}=${language}; path=/; max-age=31536000; samesite=lax`;
}

/** A ready i18next instance with every bundle loaded (all three languages are small and bundled). */
export function createI18n(language: Language = DEFAULT_LANGUAGE, opts: { react?: boolean } = {}): I18n {
  const instance = i18next.createInstance();
  if (opts.react) instance.use(initReactI18next);
  void instance.init({
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, resourcesFor(l)])),
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: ['common', ...Object.keys(DOMAIN_BUNDLES)],
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

/**
 * The app's instance: only the language shown is loaded (another is fetched when chosen, before the
 * switch); keeps `<html lang>` and the device's remembered choice in step with the language.
 */
export async function createAppI18n(): Promise<I18n> {
  const language = storedLanguage() ?? DEFAULT_LANGUAGE;
  const first = await loadLanguage(language);
  const instance = i18next.createInstance();
  /**
   * A namespace fetched after the start brings its error sentences into `common` (errors.<code>),
   * now if that language's `common` is here, and when it comes (another language chosen later).
   */
  const extraErrors = new Map<string, Record<string, Bundle>>();
  const addErrors = (lng: string, bundle: Bundle) => {
    const own = bundle.errors;
    if (!own || typeof own !== 'object') return;
    const extra = extraErrors.get(lng) ?? {};
    for (const [prefix, reasons] of Object.entries(own)) extra[prefix] = { ...extra[prefix], ...(reasons as Bundle) };
    extraErrors.set(lng, extra);
    if (instance.hasResourceBundle(lng, 'common')) instance.addResourceBundle(lng, 'common', { errors: own }, true, true);
  };
  const withExtraErrors = (lng: string, common: Bundle): Bundle => {
    const errors: Record<string, Bundle | string> = { ...(common.errors as Bundle) };
    for (const [prefix, reasons] of Object.entries(extraErrors.get(lng) ?? {})) {
      const existing = errors[prefix];
      errors[prefix] = { ...(typeof existing === 'object' ? existing : {}), ...reasons };
    }
    return { ...common, errors: errors as Bundle };
  };
  instance.use({
    type: 'backend',
    init() {},
    read(lng: string, ns: string, callback: (err: unknown, data: Bundle | null) => void) {
      if (!isLanguage(lng)) return callback(null, {});
      if (ns === 'common') {
        // a language's shell, with the error sentences of the namespaces already fetched in it
        return loadLanguage(lng).then(
          (res) => callback(null, withExtraErrors(lng, res.common ?? {})),
          (err: unknown) => callback(err, null),
        );
      }
      loadNamespace(lng, ns).then(
        (bundle) => {
          callback(null, bundle);
          addErrors(lng, bundle);
        },
        (err: unknown) => callback(err, null),
      );
    },
  } as never);
  instance.use(initReactI18next);
  await instance.init({
    resources: { [language]: first },
    partialBundledLanguages: true,
    lng: language,
    fallbackLng: false, // every key exists in every language (i18n.test.ts): never fetch a second one
    supportedLngs: [...LANGUAGES],
    ns: Object.keys(first),
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    // a page whose module's strings are not here yet waits for them (its Suspense shows "loading")
    // rather than showing keys
    react: { useSuspense: true },
  });
  const apply = (lng: string) => {
    if (!isLanguage(lng)) return;
    document.documentElement.lang = lng;
    rememberLanguage(lng);
  };
  apply(instance.language);
  instance.on('languageChanged', apply);
  return instance;
}

/**
 * The part of i18next this app uses, in ~2 KiB instead of ~14 KiB (brotli) on a 2G link (issue 8,
 * decision 0037). The build aliases `i18next` to this file (vite.config.ts); tests, typechecking and
 * `npx vite` use the real i18next, and `i18next.test.ts` checks that both give the same sentence for
 * every key of every language, count and value.
 *
 * Kept: namespaces (`ns` option, `ns:key`, a list tried in order), nested keys, `{{value}}` (and
 * `{{- value}}`) interpolation with the same rules for missing values, plurals by `count` with
 * `Intl.PluralRules` (`_zero` for 0 when present), `context`, `defaultValue`, a backend `read`,
 * `partialBundledLanguages`, `loadNamespaces`, `changeLanguage`, `exists`, `getFixedT`,
 * `addResourceBundle`, events. Left out (unused here): formatting (`{{x, number}}`), nesting (`$t()`),
 * `returnObjects`, fallback languages other than one code, language detection, post-processors.
 */

export type Bundle = { [key: string]: string | Bundle };
type Resources = Record<string, Record<string, Bundle>>;
type Listener = (...args: unknown[]) => void;
type Callback = (err: unknown, data: Bundle | null) => void;
export interface BackendModule {
  type: 'backend';
  init?: (...args: unknown[]) => void;
  read(lng: string, ns: string, callback: Callback): void;
}
export interface ThirdPartyModule {
  type: '3rdParty';
  init(instance: I18nLite): void;
}
export interface InitOptions {
  resources?: Resources;
  lng?: string;
  fallbackLng?: string | false;
  ns?: string | string[];
  defaultNS?: string;
  react?: { useSuspense?: boolean };
  [option: string]: unknown;
}
export type TOptions = Record<string, unknown> & { ns?: string | readonly string[]; lng?: string; count?: unknown; context?: unknown; defaultValue?: unknown };
export type TFunction = (key: string | readonly string[], options?: TOptions) => string;

const NS_SEPARATOR = ':';
const KEY_SEPARATOR = '.';
const VARIABLE = /\{\{(.+?)\}\}/g;

const toList = (v: string | readonly string[] | undefined): string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : [...v]);
const isBundle = (v: unknown): v is Bundle => typeof v === 'object' && v !== null && !Array.isArray(v);

function lookup(bundle: Bundle | undefined, key: string): unknown {
  if (!bundle) return undefined;
  if (key in bundle) return bundle[key];
  let at: unknown = bundle;
  for (const part of key.split(KEY_SEPARATOR)) {
    if (!isBundle(at)) return undefined;
    at = at[part];
  }
  return at;
}

function deepMerge(target: Bundle, source: Bundle): Bundle {
  const out: Bundle = { ...target };
  for (const [k, v] of Object.entries(source)) {
    const existing = out[k];
    out[k] = isBundle(v) && isBundle(existing) ? deepMerge(existing, v) : v;
  }
  return out;
}

const pluralRules = new Map<string, Intl.PluralRules | null>();
/** The plural category of `count` in `lng`, as i18next's PluralResolver asks `Intl` for it. */
function pluralCategory(lng: string, count: number): string {
  if (!pluralRules.has(lng)) {
    let rules: Intl.PluralRules | null = null;
    try {
      rules = new Intl.PluralRules(lng);
    } catch {
      rules = null;
    }
    pluralRules.set(lng, rules);
  }
  const rules = pluralRules.get(lng);
  return rules ? rules.select(count) : count === 1 ? 'one' : 'other';
}

function interpolate(sentence: string, data: Record<string, unknown>): string {
  return sentence.replace(VARIABLE, (match, inner: string) => {
    const name = inner.trim().replace(/^-\s*/, '');
    const value = name in data ? data[name] : lookup(data as Bundle, name);
    if (value === undefined) return Object.hasOwn(data, name) ? '' : match;
    return value === null ? '' : String(value);
  });
}

export class I18nLite {
  language = '';
  languages: string[] = [];
  isInitialized = false;
  options: InitOptions = {};
  private store: Resources = {};
  private backend: BackendModule | null = null;
  private plugins: ThirdPartyModule[] = [];
  private listeners = new Map<string, Set<Listener>>();
  private loading = new Map<string, Promise<void>>();
  /** Every namespace asked for so far: a change of language fetches them all in the new one. */
  private namespaces = new Set<string>();
  private changingTo: string | null = null;
  /** `lng|ns` whose fetch failed: counted as loaded (a page shows rather than waits for ever), fetched again when asked. */
  private failed = new Set<string>();

  constructor() {
    // as i18next: its functions work when taken off the instance (`const t = i18n.t`)
    for (const name of ['t', 'exists', 'getFixedT', 'changeLanguage', 'loadNamespaces', 'init', 'use', 'on', 'off', 'emit'] as const) {
      (this as unknown as Record<string, unknown>)[name] = (this[name] as (...args: unknown[]) => unknown).bind(this);
    }
  }

  createInstance(options?: InitOptions): I18nLite {
    const instance = new I18nLite();
    if (options) void instance.init(options);
    return instance;
  }

  use(module: BackendModule | ThirdPartyModule): this {
    if (module.type === 'backend') this.backend = module;
    else if (module.type === '3rdParty') this.plugins.push(module);
    return this;
  }

  init(options: InitOptions, callback?: (err: unknown, t: TFunction) => void): Promise<TFunction> {
    this.options = { defaultNS: 'translation', ...options };
    for (const [lng, bundles] of Object.entries(options.resources ?? {})) {
      for (const [ns, bundle] of Object.entries(bundles)) this.addResourceBundle(lng, ns, bundle);
    }
    for (const ns of toList(options.ns)) this.namespaces.add(ns);
    this.namespaces.add(this.defaultNS);
    this.language = options.lng ?? '';
    this.languages = this.language ? [this.language] : [];
    this.isInitialized = true;
    for (const p of this.plugins) p.init(this);
    const t = this.t.bind(this) as TFunction;
    const done = this.load(this.language, [...this.namespaces]).then(() => {
      this.emit('initialized', this.options);
      callback?.(null, t);
      return t;
    });
    return done;
  }

  private get defaultNS(): string {
    return this.options.defaultNS ?? 'translation';
  }

  on(event: string, listener: Listener): this {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(event, set);
    return this;
  }

  off(event: string, listener?: Listener): this {
    if (listener) this.listeners.get(event)?.delete(listener);
    else this.listeners.delete(event);
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) l(...args);
  }

  hasResourceBundle(lng: string, ns: string): boolean {
    return this.store[lng]?.[ns] !== undefined;
  }

  getResourceBundle(lng: string, ns: string): Bundle | undefined {
    return this.store[lng]?.[ns];
  }

  addResourceBundle(lng: string, ns: string, resources: Bundle, deep = false, overwrite = false): this {
    const existing = this.store[lng]?.[ns] ?? {};
    const merged = deep ? (overwrite ? deepMerge(existing, resources) : deepMerge(resources, existing)) : { ...existing, ...resources };
    this.store[lng] = { ...this.store[lng], [ns]: merged };
    this.emit('added', lng, ns);
    return this;
  }

  hasLoadedNamespace(ns: string, options: { lng?: string } = {}): boolean {
    const lng = options.lng ?? this.language;
    return !lng || this.hasResourceBundle(lng, ns) || this.failed.has(`${lng}|${ns}`);
  }

  /** Fetches, through the backend, the namespaces of `lng` not here yet (each once; a failure is tried again next time). */
  private load(lng: string, namespaces: string[]): Promise<void> {
    const backend = this.backend;
    if (!lng || !backend) return Promise.resolve();
    return Promise.all(
      namespaces
        .filter((ns) => !this.hasResourceBundle(lng, ns))
        .map((ns) => {
          const id = `${lng}|${ns}`;
          let p = this.loading.get(id);
          if (!p) {
            p = new Promise<void>((resolve) => {
              backend.read(lng, ns, (err, data) => {
                this.loading.delete(id);
                if (!err && data) {
                  this.failed.delete(id);
                  this.addResourceBundle(lng, ns, data);
                  this.emit('loaded', { [lng]: { [ns]: true } });
                } else {
                  this.failed.add(id);
                  this.emit('failedLoading', lng, ns, err);
                }
                resolve();
              });
            });
            this.loading.set(id, p);
          }
          return p;
        }),
    ).then(() => undefined);
  }

  loadNamespaces(ns: string | readonly string[], callback?: (err: unknown) => void): Promise<void> {
    const list = toList(ns);
    for (const n of list) this.namespaces.add(n);
    return this.load(this.language, list).then(() => callback?.(null));
  }

  changeLanguage(lng?: string, callback?: (err: unknown, t: TFunction) => void): Promise<TFunction> {
    const to = lng ?? this.language;
    this.changingTo = to;
    const t = this.getFixedT(null);
    return this.load(to, [...this.namespaces]).then(() => {
      // a later choice made while this one was loading wins
      if (this.changingTo === to) {
        this.changingTo = null;
        this.language = to;
        this.languages = [to];
        this.emit('languageChanged', to);
      }
      callback?.(null, t);
      return t;
    });
  }

  /** The sentence of `key`, or undefined when no namespace and language holds it. */
  private resolve(keyIn: string, options: TOptions): string | undefined | { object: true } {
    let key = keyIn;
    let namespaces = toList(options.ns);
    const sep = key.indexOf(NS_SEPARATOR);
    if (sep > 0) {
      namespaces = [key.slice(0, sep)];
      key = key.slice(sep + 1);
    }
    if (namespaces.length === 0) namespaces = [this.defaultNS];
    const lng = options.lng ?? this.language;
    const codes = [lng];
    const fallback = this.options.fallbackLng;
    if (typeof fallback === 'string' && fallback !== lng) codes.push(fallback);
    const count = options.count;
    const plural = count !== undefined && typeof count !== 'string';
    const context = options.context;
    const hasContext = context !== undefined && context !== '' && (typeof context === 'string' || typeof context === 'number');
    for (const ns of namespaces) {
      for (const code of codes) {
        const keys = [key];
        const suffix = plural ? `_${pluralCategory(code, Number(count))}` : '';
        if (plural) {
          keys.push(key + suffix);
          if (count === 0) keys.push(`${key}_zero`);
        }
        if (hasContext) {
          const contextKey = `${key}_${context}`;
          keys.push(contextKey);
          if (plural) {
            keys.push(contextKey + suffix);
            if (count === 0) keys.push(`${contextKey}_zero`);
          }
        }
        // the most specific first, as i18next
        for (let i = keys.length - 1; i >= 0; i--) {
          const found = lookup(this.store[code]?.[ns], keys[i]!);
          if (typeof found === 'string') return found;
          if (isBundle(found)) return { object: true };
        }
      }
    }
    return undefined;
  }

  private translate(keys: string | readonly string[], options: TOptions = {}): string {
    const list = toList(keys);
    let found: ReturnType<I18nLite['resolve']>;
    for (const k of list) {
      found = this.resolve(k, options);
      if (found !== undefined) break;
    }
    const last = list[list.length - 1] ?? '';
    const bare = last.indexOf(NS_SEPARATOR) > 0 ? last.slice(last.indexOf(NS_SEPARATOR) + 1) : last;
    if (typeof found === 'object') return `key '${bare} (${this.language})' returned an object instead of string.`;
    let sentence = found;
    if (sentence === undefined) {
      const zero = options.count === 0 ? options.defaultValue_zero : undefined;
      const byCategory =
        options.count !== undefined && typeof options.count !== 'string'
          ? options[`defaultValue_${pluralCategory(options.lng ?? this.language, Number(options.count))}`]
          : undefined;
      const fallback = zero ?? byCategory ?? options.defaultValue;
      sentence = typeof fallback === 'string' ? fallback : bare;
    }
    return interpolate(sentence, options);
  }

  t(keys: string | readonly string[], options?: TOptions | string): string {
    const opts: TOptions = typeof options === 'string' ? { defaultValue: options } : (options ?? {});
    return this.translate(keys, opts);
  }

  exists(key: string, options: TOptions = {}): boolean {
    const found = this.resolve(key, options);
    return found !== undefined;
  }

  /** A `t` bound to a language (null: the current one, whenever it is called) and namespace(s). */
  getFixedT(lng: string | null, ns?: string | readonly string[] | null, keyPrefix?: string): TFunction {
    return (key, options) => {
      const opts: TOptions = typeof options === 'string' ? { defaultValue: options } : { ...options };
      if (lng && opts.lng === undefined) opts.lng = lng;
      if (ns && opts.ns === undefined) opts.ns = ns;
      const k = keyPrefix ? toList(key).map((x) => `${keyPrefix}${KEY_SEPARATOR}${x}`) : key;
      return this.translate(k, opts);
    };
  }
}

const i18next = new I18nLite();
export const createInstance = i18next.createInstance.bind(i18next);
export default i18next;

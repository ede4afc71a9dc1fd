import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_LANGUAGE, DOMAIN_BUNDLES, LANGUAGES, createI18n, resourcesFor, type Language } from '../i18n.js';
import { I18nLite, type Bundle } from './i18next.js';

/**
 * The built app uses ./i18next.ts instead of i18next (decision 0037): for every sentence of every
 * language, with any count and with or without its values, it must say exactly what i18next says.
 */
const NAMESPACES = ['common', ...Object.keys(DOMAIN_BUNDLES)];

function lite(language: Language): I18nLite {
  const i18n = new I18nLite();
  void i18n.init({
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, resourcesFor(l)])),
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    ns: NAMESPACES,
    defaultNS: 'common',
  });
  return i18n;
}

/** Every key once, plural and context suffixes taken off (`items_one` -> `items`), with the values its sentences name. */
function keysOf(bundle: Bundle, prefix = ''): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [k, v] of Object.entries(bundle)) {
    if (typeof v === 'string') {
      const key = `${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`;
      const vars = out.get(key) ?? new Set<string>();
      for (const m of v.matchAll(/\{\{-?\s*([^},]+?)\s*\}\}/g)) vars.add(m[1]!);
      out.set(key, vars);
    } else {
      for (const [kk, vars] of keysOf(v, `${prefix}${k}.`)) out.set(kk, new Set([...(out.get(kk) ?? []), ...vars]));
    }
  }
  return out;
}

const COUNTS = [0, 1, 2, 3, 4, 5, 11, 12, 21, 22, 25, 101, 111, 1.5];

describe.each(LANGUAGES)('in %s', (language) => {
  const real = createI18n(language);
  const mine = lite(language);
  const all = Object.entries(resourcesFor(language)).flatMap(([ns, bundle]) => [...keysOf(bundle)].map(([key, vars]) => ({ ns, key, vars: [...vars] })));

  test('every key, with its values and every kind of count, reads the same as with i18next', () => {
    expect(all.length).toBeGreaterThan(500);
    for (const { ns, key, vars } of all) {
      const values = Object.fromEntries(vars.map((v) => [v, `«${v}»`]));
      expect(mine.t(key, { ns, ...values }), `${ns}:${key}`).toBe(real.t(key as never, { ns, ...values } as never));
      expect(mine.t(`${ns}:${key}`), `${ns}:${key} without values`).toBe(real.t(`${ns}:${key}` as never));
      for (const count of COUNTS) {
        expect(mine.t(key, { ns, ...values, count }), `${ns}:${key} count ${count}`).toBe(real.t(key as never, { ns, ...values, count } as never));
      }
    }
  });

  test('any count, any key: the same plural form as i18next (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: all.length - 1 }), fc.oneof(fc.nat(100_000), fc.double({ min: 0, max: 1000, noNaN: true })), (i, count) => {
        const { ns, key } = all[i]!;
        expect(mine.t(key, { ns, count })).toBe(real.t(key as never, { ns, count } as never));
      }),
      { numRuns: 500 },
    );
  });

  test('lists of namespaces, missing keys, default values, exists and a fixed t behave as in i18next', () => {
    const cases: [string, Record<string, unknown>][] = [
      ['app.home', { ns: ['learning', 'common'] }],
      ['no.such.key', {}],
      ['no.such.key', { defaultValue: 'fallback {{x}}', x: 1 }],
      ['errors.generic', { ns: 'common' }],
      ['common:errors', {}],
      ['learning:no_such', { defaultValue: 'd' }],
      ['organisations:kinds.school', { defaultValue: 'school' }],
      ['organisations:kinds.nope', { defaultValue: 'nope' }],
    ];
    for (const [key, options] of cases) expect(mine.t(key, options), key).toBe(real.t(key as never, options as never));
    for (const key of ['errors.generic', 'errors.nope.nope', 'app.home', 'nope']) {
      expect(mine.exists(key, { ns: 'common' }), key).toBe(real.exists(key, { ns: 'common' }));
    }
    const fixedMine = mine.getFixedT(null, 'learning');
    const fixedReal = real.getFixedT(null, 'learning');
    const [ns, key] = ['learning', all.find((k) => k.ns === 'learning')!.key];
    expect(fixedMine(key)).toBe(fixedReal(key as never));
    expect(fixedMine('common:app.home')).toBe(fixedReal('common:app.home' as never));
    expect(ns).toBe('learning');
    // taken off the instance, as api/error-message.ts does
    const { t, exists } = mine;
    const realT = real.t;
    expect(t('app.home')).toBe(realT('app.home'));
    expect(exists('app.home')).toBe(true);
  });
});

describe('loading through a backend', () => {
  function withBackend(fail = new Set<string>()) {
    const reads: string[] = [];
    const i18n = new I18nLite();
    i18n.use({
      type: 'backend',
      read(lng, ns, callback) {
        reads.push(`${lng}/${ns}`);
        queueMicrotask(() => (fail.has(`${lng}/${ns}`) ? callback(new Error('offline'), null) : callback(null, { hello: `${ns} in ${lng}` })));
      },
    });
    return { i18n, reads };
  }

  test('only the namespaces not given are fetched; a change of language fetches every one used, then says so', async () => {
    const { i18n, reads } = withBackend();
    const changes: unknown[] = [];
    i18n.on('languageChanged', (l) => changes.push(l));
    await i18n.init({ resources: { kk: { common: { hello: 'сәлем' } } }, lng: 'kk', ns: ['common'], defaultNS: 'common', partialBundledLanguages: true });
    expect(reads).toEqual([]);
    expect(i18n.hasLoadedNamespace('video')).toBe(false);
    await i18n.loadNamespaces(['video']);
    expect(i18n.t('video:hello')).toBe('video in kk');
    expect(reads).toEqual(['kk/video']);
    const pending = i18n.changeLanguage('ru');
    expect(i18n.language).toBe('kk'); // switched once the strings are here
    await pending;
    expect(i18n.language).toBe('ru');
    expect(changes).toEqual(['ru']);
    expect(reads.sort()).toEqual(['kk/video', 'ru/common', 'ru/video']);
    expect(i18n.t('hello')).toBe('common in ru');
  });

  test('a failed fetch does not hold a page back for ever, and is tried again when asked', async () => {
    const fail = new Set(['kk/video']);
    const { i18n, reads } = withBackend(fail);
    await i18n.init({ resources: { kk: { common: {} } }, lng: 'kk', ns: ['common'], defaultNS: 'common' });
    await i18n.loadNamespaces('video');
    expect(i18n.hasLoadedNamespace('video')).toBe(true);
    expect(i18n.t('video:hello')).toBe('hello');
    fail.clear();
    await i18n.loadNamespaces('video');
    expect(i18n.t('video:hello')).toBe('video in kk');
    expect(reads).toEqual(['kk/video', 'kk/video']);
  });

  test('a deep bundle added later joins the one there (errors of a module fetched later)', async () => {
    const i18n = new I18nLite();
    await i18n.init({ resources: { kk: { common: { errors: { generic: 'g', auth: { a: '1' } } } } }, lng: 'kk', defaultNS: 'common' });
    i18n.addResourceBundle('kk', 'common', { errors: { auth: { b: '2' }, video: { c: '3' } } }, true, true);
    expect([i18n.t('errors.generic'), i18n.t('errors.auth.a'), i18n.t('errors.auth.b'), i18n.t('errors.video.c')]).toEqual(['g', '1', '2', '3']);
  });
});

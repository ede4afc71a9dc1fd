import { describe, expect, test } from 'vitest';
import { CORE_NAMESPACES, DOMAIN_BUNDLES, LANGUAGES, SHELL, loadLanguage, loadNamespace, mergeResources, resourcesFor } from './i18n.js';

/**
 * The app loads one language pack (locales/pack-*.ts): its main file holds the shell and the core
 * namespaces, every other namespace is its own file. Together they must hold exactly what the registry has.
 */
describe.each(LANGUAGES)('the %s language pack', (language) => {
  test('the main file holds the shell and exactly the core namespaces', async () => {
    const main = await loadLanguage(language);
    expect(Object.keys(main).sort()).toEqual(['common', ...CORE_NAMESPACES].sort());
    const core = Object.fromEntries(CORE_NAMESPACES.map((ns) => [ns, resourcesFor(language)[ns]!]));
    expect(main).toEqual(mergeResources(SHELL[language] as never, core));
  });

  test('every namespace, in the main file or its own, has the same strings as the registry', async () => {
    const all = resourcesFor(language);
    for (const ns of Object.keys(DOMAIN_BUNDLES)) expect(await loadNamespace(language, ns)).toEqual(all[ns]);
    expect(await loadNamespace(language, 'no-such-module')).toEqual({});
  });
});

import { describe, expect, test } from 'vitest';
import { DOMAIN_BUNDLES, LANGUAGES, loadLanguage, resourcesFor } from './i18n.js';

/** The app loads one language pack (locales/pack-*.ts); it must hold exactly what the registry has. */
describe.each(LANGUAGES)('the %s language pack', (language) => {
  test('has every namespace of DOMAIN_BUNDLES and the same strings', async () => {
    const pack = await loadLanguage(language);
    expect(Object.keys(pack).sort()).toEqual(['common', ...Object.keys(DOMAIN_BUNDLES)].sort());
    expect(pack).toEqual(resourcesFor(language));
  });
});

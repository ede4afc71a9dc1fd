import type { OutputAsset, OutputChunk } from 'rolldown';
import type { Plugin } from 'vite';

const LANGUAGES = ['kk', 'ru', 'en'] as const;
const DEFAULT_LANGUAGE = 'kk';

/**
 * Vite plugin (build only): a first visit on a 2G link (300 ms a round trip) should not wait for one
 * file to learn the next (decision 0041). To the built `index.html` it adds
 * - `src/boot.ts` (its own entry in vite.config.ts), the first script, which starts Today's API
 *   requests while the app's code is still on its way;
 * - `<link rel="modulepreload">` for the language's strings (`locales/pack-<lang>.ts`, otherwise
 *   fetched only once the app's code has run), so they come together with the app's code;
 * - `<meta name="sabaq-sign-in">`, the sign-in page's file, which `src/boot.ts` fetches at once when
 *   there is no session.
 * and writes one page per language, `index.html` (Kazakh, the default) and `index.<lang>.html`,
 * which the server picks by the `sabaq_lang` cookie (server/app.ts; `src/i18n.ts` sets it).
 */
export function criticalPath(): Plugin {
  return {
    name: 'sabaq-critical-path',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = bundle['index.html'] as OutputAsset | undefined;
      if (page?.type !== 'asset') throw new Error('critical-path: no index.html in the bundle');
      const chunks = Object.values(bundle).filter((f): f is OutputChunk => f.type === 'chunk');
      const pack = (lang: string) => chunks.find((c) => c.facadeModuleId?.replace(/\\/g, '/').endsWith(`/locales/pack-${lang}.ts`));
      const signIn = chunks.find((c) => c.facadeModuleId?.replace(/\\/g, '/').endsWith('/modules/identity/SignInPage.tsx'));
      if (!signIn) throw new Error('critical-path: no chunk for the sign-in page');
      const boot = chunks.find((c) => c.isEntry && c.name === 'boot');
      if (!boot || boot.imports.length > 0 || boot.dynamicImports.length > 0) throw new Error('critical-path: src/boot.ts must be one file that imports nothing');
      const html = String(page.source);
      if (!html.includes(`<html lang="${DEFAULT_LANGUAGE}">`) || !html.includes('</title>')) throw new Error('critical-path: unexpected index.html');
      for (const lang of LANGUAGES) {
        const strings = pack(lang);
        if (!strings) throw new Error(`critical-path: no chunk for locales/pack-${lang}.ts`);
        const hints = [
          `<script type="module" async crossorigin src="/${boot.fileName}"></script>`,
          `<link rel="modulepreload" crossorigin href="/${strings.fileName}">`,
          `<meta name="sabaq-sign-in" content="/${signIn.fileName}">`,
        ].join('\n    ');
        const source = html.replace(`<html lang="${DEFAULT_LANGUAGE}">`, `<html lang="${lang}">`).replace('</title>', `</title>\n    ${hints}`);
        if (lang === DEFAULT_LANGUAGE) page.source = source;
        else this.emitFile({ type: 'asset', fileName: `index.${lang}.html`, source });
      }
    },
  };
}

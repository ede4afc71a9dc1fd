/**
 * The part of react-i18next this app uses (`useTranslation`, `I18nextProvider`, `initReactI18next`),
 * over ./i18next.ts; the build aliases `react-i18next` to this file (vite.config.ts, decision 0037).
 * As react-i18next: a component re-renders when the language changes, and with `react.useSuspense`
 * (the app's setting) one whose namespaces are not here yet suspends until they are fetched.
 */
import { createContext, createElement, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { I18nLite, TFunction, ThirdPartyModule } from './i18next.js';

let global: I18nLite | null = null;
const I18nContext = createContext<{ i18n: I18nLite } | null>(null);

export const initReactI18next: ThirdPartyModule = {
  type: '3rdParty',
  init(instance) {
    global = instance;
  },
};

export function I18nextProvider({ i18n, children }: { i18n: I18nLite; children?: ReactNode }) {
  const value = useMemo(() => ({ i18n }), [i18n]);
  return createElement(I18nContext.Provider, { value }, children);
}

type UseTranslation = [TFunction, I18nLite, boolean] & { t: TFunction; i18n: I18nLite; ready: boolean };

export function useTranslation(ns?: string | readonly string[], options: { useSuspense?: boolean } = {}): UseTranslation {
  const i18n = useContext(I18nContext)?.i18n ?? global;
  if (!i18n) throw new Error('useTranslation: no i18n instance (I18nextProvider or initReactI18next)');
  const key = ns === undefined ? (i18n.options.defaultNS ?? 'translation') : typeof ns === 'string' ? ns : ns.join('|');
  const namespaces = useMemo(() => key.split('|'), [key]);
  const [, setTick] = useState(0);
  const language = i18n.language;
  useEffect(() => {
    const rerender = () => setTick((n) => n + 1);
    i18n.on('languageChanged', rerender);
    // changed between this render and now
    if (i18n.language !== language) rerender();
    return () => {
      i18n.off('languageChanged', rerender);
    };
  }, [i18n, language]);
  const ready = namespaces.every((n) => i18n.hasLoadedNamespace(n));
  const suspense = options.useSuspense ?? i18n.options.react?.useSuspense ?? true;
  useEffect(() => {
    if (!ready && !suspense) void i18n.loadNamespaces(namespaces).then(() => setTick((n) => n + 1));
  }, [ready, suspense, i18n, namespaces]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `t` for another language, as react-i18next gives
  const t = useMemo(() => i18n.getFixedT(null, namespaces), [i18n, language, namespaces]);
  if (!ready && suspense) throw i18n.loadNamespaces(namespaces);
  const result = [t, i18n, ready] as UseTranslation;
  result.t = t;
  result.i18n = i18n;
  result.ready = ready;
  return result;
}

import { useEffect } from 'react';

/** The browser tab's title names the page ("5 А — Sabaq"): the first thing a screen reader says after navigation. */
export function useTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} — Sabaq` : 'Sabaq';
  }, [title]);
}

import type { ReactNode } from 'react';

/**
 * The box a wide table scrolls in sideways on a 360 px phone. It takes the keyboard focus and is a
 * named region, so someone without a pointer can reach it and scroll it with the arrow keys (WCAG
 * 2.1.1; axe's scrollable-region-focusable). `label` is what a screen reader announces: the table's caption.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable to be scrolled from the keyboard
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}

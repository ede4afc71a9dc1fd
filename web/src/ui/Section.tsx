import { useId, type ReactNode, type Ref } from 'react';

/** A titled block of a page (one per role on the home page), labelled by its heading. */
export function Section({
  title,
  subtitle,
  children,
  headingRef,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
  /** lets a section move focus to its start (after turning a page of a list) */
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} ref={headingRef} tabIndex={headingRef ? -1 : undefined}>
        {title}
      </h2>
      {subtitle && <p className="card__subtitle">{subtitle}</p>}
      {children}
    </section>
  );
}

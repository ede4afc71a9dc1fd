import type { Decision, OrganisationFormats } from './api.js';
import { renderReasonParts, type Lang } from './reason.js';

type ClassRow = OrganisationFormats['classes'][number];

/** Classes whose decision reads the same (grades 5 to 11 all "distance, default rule") are listed together. */
export function classGroups(classes: ClassRow[], lang: Lang): { decision: Decision | null; classes: ClassRow[] }[] {
  const groups = new Map<string, { decision: Decision | null; classes: ClassRow[] }>();
  for (const c of classes) {
    const d = c.decision;
    const key = d ? [d.format, d.source, d.effectiveFrom, renderReasonParts(d.reason, lang)].join('|') : '';
    const g = groups.get(key);
    if (g) g.classes.push(c);
    else groups.set(key, { decision: d, classes: [c] });
  }
  return [...groups.values()];
}

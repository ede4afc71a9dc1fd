import { lazy, Suspense, type ComponentType } from 'react';
import type { Me, RoleGrant } from '../identity/api.js';
import { Loading } from '../../ui/feedback.js';

/**
 * The e-journal's blocks on the home page, per role. Their code (and stylesheet) is fetched only
 * when a person with that role opens the home page, so the first download stays small.
 */
type Props = { grant: RoleGrant; me: Me };

const sections = () => import('./sections/HomeSections.js');

function lazySection(pick: (m: Awaited<ReturnType<typeof sections>>) => ComponentType<Props>): ComponentType<Props> {
  const Lazy = lazy(() => sections().then((m) => ({ default: pick(m) })));
  // biome-ignore lint/correctness/noComponentHookFactories: called once per section at module level, so each component is stable
  return function LearningSection(props: Props) {
    return (
      <Suspense fallback={<Loading />}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

export const LEARNING_SECTIONS = {
  pupil: lazySection((m) => m.PupilTodaySection),
  parent: lazySection((m) => m.ParentLearningSection),
  teacher: lazySection((m) => m.TeacherLearningSection),
  homeroom: lazySection((m) => m.HomeroomLearningSection),
} as const;

/** One e-journal block per role the person holds (a teacher at two schools still gets one), in the home page's order. */
export function LearningSections({ grants, me }: { grants: RoleGrant[]; me: Me }) {
  const seen = new Set<string>();
  return (
    <>
      {grants.map((grant) => {
        const Section = LEARNING_SECTIONS[grant.role as keyof typeof LEARNING_SECTIONS];
        if (!Section || seen.has(grant.role)) return null;
        seen.add(grant.role);
        return <Section key={`learning-${grant.role}`} grant={grant} me={me} />;
      })}
    </>
  );
}

import { Suspense, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../ui/useTitle.js';
import { isOfficer, sectionGrants } from './home-layout.js';
import type { Me, Role, RoleGrant } from '../modules/identity/api.js';
import { ChildrenSection } from '../modules/identity/ChildrenSection.js';
import { GuardSection, HomeroomSection, OfficerSection, OrgAdminSection, PupilSection, TeacherSection } from '../modules/organisations/home-sections.js';
import { LearningSections } from '../modules/learning/home.js';
import { FormatsHomeSections } from '../modules/formats/home-sections.js';
import { DutyHomeSections } from '../modules/duty/home-sections.js';
import { SuppliesHomeSections } from '../modules/supplies/home-sections.js';
import { ConnectivityHomeSections } from '../modules/connectivity/home-sections.js';
import { AnalyticsHomeSections } from '../modules/analytics/home-sections.js';
import { VideoHomeSections } from '../modules/video/home-sections.js';
import { TrainingHomeSections } from '../modules/training/home-sections.js';
import { QualityHomeSections } from '../modules/quality/home-sections.js';
import { PlanningHomeSections } from '../modules/planning/home-sections.js';
import { PrivacyHomeSections } from '../modules/privacy/home-sections.js';
import { TransfersHomeSections } from '../modules/transfers/home-sections.js';
import { SchoolHomeSections } from '../modules/school/home-sections.js';
import { MessagesHomeSections } from '../modules/messages/home-sections.js';
import { LiveHomeSections } from '../modules/live/home-sections.js';
import { AccessHomeSections } from '../modules/access/home-sections.js';

export interface RoleSectionProps {
  grant: RoleGrant;
  me: Me;
}

/**
 * What each role sees first. One person may hold several roles (a teacher who is also a parent):
 * they get one section per role grant. A module adds its own block for a role here.
 */
const SECTIONS: Partial<Record<Role, ComponentType<RoleSectionProps>>> = {
  pupil: PupilSection,
  parent: ChildrenSection,
  teacher: TeacherSection,
  homeroom: HomeroomSection,
  org_admin: OrgAdminSection,
  gate_guard: GuardSection,
};

export function HomePage({ me, page, onPage }: { me: Me; page: number; onPage: (page: number) => void }) {
  const { t } = useTranslation(['identity', 'common']);
  useTitle(t('common:app.home'));
  const sorted = sectionGrants(me.roles);
  const officerGrants = me.roles.filter((g) => isOfficer(g.role));
  return (
    <>
      <h1>{t('home.greeting', { name: me.person.firstName })}</h1>
      {me.roles.length === 0 && <p>{t('home.noRoles')}</p>}
      <div className="sections">
        <Lazy>
          <LearningSections grants={sorted} me={me} />
        </Lazy>
        {sorted.map((grant, i) => {
          const Component = SECTIONS[grant.role];
          return Component ? (
            <Lazy key={`${grant.role}-${grant.scope.organisationId}-${i}`}>
              <Component grant={grant} me={me} />
            </Lazy>
          ) : null;
        })}
        <Lazy>
          <FormatsHomeSections me={me} />
        </Lazy>
        <Lazy>
          <DutyHomeSections me={me} />
        </Lazy>
        <Lazy>
          <PlanningHomeSections me={me} />
        </Lazy>
        <Lazy>
          <TransfersHomeSections me={me} />
        </Lazy>
        <Lazy>
          <PrivacyHomeSections me={me} />
        </Lazy>
        <Lazy>
          <SchoolHomeSections me={me} />
        </Lazy>
        <Lazy>
          <SuppliesHomeSections me={me} />
        </Lazy>
        <Lazy>
          <ConnectivityHomeSections me={me} />
        </Lazy>
        <Lazy>
          <AnalyticsHomeSections me={me} />
        </Lazy>
        <Lazy>
          <MessagesHomeSections me={me} />
        </Lazy>
        <Lazy>
          <AccessHomeSections me={me} />
        </Lazy>
        <Lazy>
          <VideoHomeSections me={me} />
        </Lazy>
        <Lazy>
          <TrainingHomeSections me={me} />
        </Lazy>
        <Lazy>
          <QualityHomeSections me={me} />
        </Lazy>
        <Lazy>
          <LiveHomeSections me={me} />
        </Lazy>
        {officerGrants.length > 0 && (
          <Lazy>
            <OfficerSection grants={officerGrants} page={page} onPage={onPage} />
          </Lazy>
        )}
      </div>
    </>
  );
}

/**
 * A section whose module's strings are fetched when first needed (i18n.ts, CORE_NAMESPACES) appears
 * when they arrive, without holding back the rest of the page.
 */
function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={null}>{children}</Suspense>;
}

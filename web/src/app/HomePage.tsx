import type { ComponentType } from 'react';
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
        <LearningSections grants={sorted} me={me} />
        {sorted.map((grant, i) => {
          const Component = SECTIONS[grant.role];
          return Component ? <Component key={`${grant.role}-${grant.scope.organisationId}-${i}`} grant={grant} me={me} /> : null;
        })}
        <FormatsHomeSections me={me} />
        <DutyHomeSections me={me} />
        <PlanningHomeSections me={me} />
        <TransfersHomeSections me={me} />
        <PrivacyHomeSections me={me} />
        <SchoolHomeSections me={me} />
        <SuppliesHomeSections me={me} />
        <AnalyticsHomeSections me={me} />
        <MessagesHomeSections me={me} />
        <AccessHomeSections me={me} />
        <VideoHomeSections me={me} />
        <TrainingHomeSections me={me} />
        <QualityHomeSections me={me} />
        <LiveHomeSections me={me} />
        {officerGrants.length > 0 && <OfficerSection grants={officerGrants} page={page} onPage={onPage} />}
      </div>
    </>
  );
}

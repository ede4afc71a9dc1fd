import { lazy } from 'react';
import type { Me } from '../identity/api.js';
// the classes of these links are used by other modules' home sections too (messages): loaded with the home page
import './fd.css';

const OFFICERS = ['district_officer', 'region_officer', 'ministry_officer'];

// the sections, their badges and the reasons' texts are fetched only by the people who see them
// (a pupil's first visit on a 2G link stays without them; issue 8)
const OfficerFormatsSection = lazy(() => import('./FormatsHome.js').then((m) => ({ default: m.OfficerFormatsSection })));
const AdminFormatSection = lazy(() => import('./FormatsHome.js').then((m) => ({ default: m.AdminFormatSection })));

export function FormatsHomeSections({ me }: { me: Me }) {
  const officer = me.roles.some((g) => OFFICERS.includes(g.role));
  const admin = me.roles.filter((g) => g.role === 'org_admin' && g.scope.organisationId !== null);
  return (
    <>
      {officer && <OfficerFormatsSection />}
      {admin.map((g) => (
        <AdminFormatSection key={g.scope.organisationId} grant={g} />
      ))}
    </>
  );
}

import { expect, test } from 'vitest';
import type { RoleGrant } from '../modules/identity/api.js';
import { sectionGrants } from './home-layout.js';

const grant = (role: RoleGrant['role'], organisationId: number | null = 1): RoleGrant => ({
  role,
  scope: { kind: 'organisation', organisationId, districtId: null, regionId: null, name: null },
});

test('one section per role grant, in a fixed order; officers are left to their shared list', () => {
  const roles = [grant('homeroom'), grant('district_officer', null), grant('teacher', 2), grant('teacher', 1), grant('pupil')];
  expect(sectionGrants(roles).map((g) => `${g.role}@${g.scope.organisationId}`)).toEqual(['pupil@1', 'teacher@2', 'teacher@1', 'homeroom@1']);
});

test('a parent with children at two schools gets one children section, not two', () => {
  expect(sectionGrants([grant('parent', 1), grant('teacher', 1), grant('parent', 2)]).map((g) => g.role)).toEqual(['parent', 'teacher']);
});

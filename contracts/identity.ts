import { z } from 'zod';
import { languageSchema, localisedName } from './common.js';

export const roleSchema = z.enum([
  'pupil',
  'parent',
  'teacher',
  'homeroom',
  'org_admin',
  'district_officer',
  'region_officer',
  'ministry_officer',
  'gate_guard',
  'health_officer',
]);

export const loginBody = z
  .object({
    login: z.string().trim().min(1).max(120),
    password: z.string().min(1).max(200),
  })
  .strict();

export const personName = z.object({
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string().nullable(),
});

export const scopeSchema = z.object({
  kind: z.enum(['self', 'children', 'classes', 'class', 'organisation', 'district', 'region', 'country']),
  organisationId: z.number().nullable(),
  districtId: z.number().nullable(),
  regionId: z.number().nullable(),
  name: localisedName.nullable(),
});

export const meResponse = z.object({
  person: personName.extend({
    id: z.number(),
    iin: z.string(),
    birthDate: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  roles: z.array(z.object({ role: roleSchema, scope: scopeSchema })),
  language: languageSchema,
});
export type Me = z.infer<typeof meResponse>;

export const loginResponse = z.object({ user: meResponse });

export const updateMeBody = z.object({ language: languageSchema }).strict();

export const changePasswordBody = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(8).max(200),
  })
  .strict();
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;
export const changePasswordResponse = z.object({ revokedSessions: z.number() });

export const childrenResponse = z.object({
  children: z.array(
    personName.extend({
      id: z.number(),
      birthDate: z.string(),
      classes: z.array(z.object({ id: z.number(), name: z.string(), organisationId: z.number(), organisationName: localisedName })),
    }),
  ),
});
export type Child = z.infer<typeof childrenResponse>['children'][number];

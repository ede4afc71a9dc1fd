import { z } from 'zod';
import { bodyId, localisedName, page, idSchema } from './common.js';
import { personName } from './identity.js';

export const organisationKind = z.enum(['school', 'college', 'university', 'kindergarten', 'additional']);

export const organisationSchema = z.object({
  id: z.number(),
  kind: organisationKind,
  name: localisedName,
  bin: z.string().nullable(),
  instructionLanguage: z.enum(['kk', 'ru', 'kk_ru', 'en', 'other']),
  pupilCount: z.number(),
  timeZone: z.string(),
  region: z.object({ id: z.number(), name: localisedName }),
  district: z.object({ id: z.number(), name: localisedName }),
  settlement: z.object({
    id: z.number(),
    name: localisedName,
    kind: z.enum(['urban', 'rural']),
    internet: z.enum(['none', 'slow', 'broadband']),
    internetMbps: z.number().nullable(),
    tvReception: z.boolean(),
  }),
});
export type Organisation = z.infer<typeof organisationSchema>;
export const organisationPage = page(organisationSchema);

export const classSchema = z.object({
  id: z.number(),
  organisationId: z.number(),
  academicYear: z.object({ id: z.number(), name: z.string() }),
  kind: z.enum(['class', 'group']),
  grade: z.number().nullable(),
  letter: z.string().nullable(),
  name: z.string(),
  studyYear: z.number().nullable(),
  specialty: z.string().nullable(),
  shift: z.number(),
  homeroomTeacher: personName.extend({ id: z.number() }).nullable(),
  pupilCount: z.number(),
});
export type SchoolClass = z.infer<typeof classSchema>;
export const classList = z.object({ items: z.array(classSchema) });

export const classDetail = classSchema.extend({
  /** null when the actor may see the class's size but not its pupils' names (officers) */
  pupils: z.array(personName.extend({ id: z.number() })).nullable(),
});
export type ClassDetail = z.infer<typeof classDetail>;

export const classRelation = z.enum(['pupil', 'child', 'teacher', 'homeroom']);
/** The classes a person is tied to, and how: as a pupil, a parent of a pupil, a teacher (with subjects) or homeroom teacher. */
export const myClasses = z.object({
  items: z.array(
    classSchema.extend({
      relations: z.array(classRelation),
      subjects: z.array(z.object({ id: z.number(), name: localisedName })),
    }),
  ),
});
export type MyClass = z.infer<typeof myClasses>['items'][number];

export const organisationListQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    /** part of the name, in any of the three languages */
    q: z.string().trim().min(1).max(100).optional(),
    kind: organisationKind.optional(),
    regionId: idSchema.optional(),
    districtId: idSchema.optional(),
  })
  .strict();

// ── classes and people, managed by the organisation's admin ────────────────
/** A class or group name as typed: spaces collapsed, 1-40 characters ('5 Ә', 'ИС-21-1'). */
const className = z
  .string()
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1).max(40));
const optionalText = z
  .string()
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(z.string().max(120))
  .nullable()
  .optional()
  .transform((s) => (s === '' ? null : s));

export const classCreate = z
  .object({
    kind: z.enum(['class', 'group']).default('class'),
    name: className,
    grade: z.number().int().min(0).max(12).nullable().optional(),
    letter: z
      .string()
      .trim()
      .max(4)
      .nullable()
      .optional()
      .transform((s) => (s ? s : null)),
    studyYear: z.number().int().min(1).max(7).nullable().optional(),
    specialty: optionalText,
    shift: z.number().int().min(1).max(3).default(1),
    homeroomTeacherId: bodyId.nullable().optional(),
    /** default: the current academic year */
    academicYearId: bodyId.optional(),
  })
  .strict();

export const classUpdate = z
  .object({
    name: className.optional(),
    grade: z.number().int().min(0).max(12).nullable().optional(),
    letter: z
      .string()
      .trim()
      .max(4)
      .nullable()
      .optional()
      .transform((s) => (s === undefined ? undefined : s ? s : null)),
    studyYear: z.number().int().min(1).max(7).nullable().optional(),
    specialty: optionalText,
    shift: z.number().int().min(1).max(3).optional(),
    /** null: no homeroom teacher */
    homeroomTeacherId: bodyId.nullable().optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Nothing to change' });

export const memberAdd = z.object({ pupilId: bodyId }).strict();
export const memberMove = z.object({ toClassId: bodyId }).strict();
export const memberParams = z.object({ id: idSchema, pupilId: idSchema }).strict();
export const memberMoved = z.object({ pupilId: z.number(), fromClassId: z.number(), toClassId: z.number() });

export const personRole = z.enum(['pupil', 'parent', 'teacher', 'org_admin', 'gate_guard']);
export const peopleQuery = z
  .object({
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    role: personRole.optional(),
    /** part of a name or the start of an IIN */
    q: z.string().trim().min(1).max(100).optional(),
    /** only pupils in no class of the current academic year */
    classless: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    classId: idSchema.optional(),
  })
  .strict();

export const organisationPerson = personName.extend({
  id: z.number(),
  roles: z.array(personRole),
  /** the classes of the current academic year the person studies in */
  classes: z.array(z.object({ id: z.number(), name: z.string() })),
  /** 'active': has a password; 'pending': an activation code was issued and not used; 'none': no account */
  account: z.enum(['active', 'pending', 'none']),
});
export type OrganisationPerson = z.infer<typeof organisationPerson>;
export const peoplePage = page(organisationPerson);

export const academicYears = z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), isCurrent: z.boolean() })) });

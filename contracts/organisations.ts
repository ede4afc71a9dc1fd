import { z } from 'zod';
import { localisedName, page, idSchema } from './common.js';
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
    id: z.number(), name: localisedName, kind: z.enum(['urban', 'rural']),
    internet: z.enum(['none', 'slow', 'broadband']), internetMbps: z.number().nullable(), tvReception: z.boolean(),
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
  items: z.array(classSchema.extend({
    relations: z.array(classRelation),
    subjects: z.array(z.object({ id: z.number(), name: localisedName })),
  })),
});
export type MyClass = z.infer<typeof myClasses>['items'][number];

export const organisationListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  /** part of the name, in any of the three languages */
  q: z.string().trim().min(1).max(100).optional(),
  kind: organisationKind.optional(),
  regionId: idSchema.optional(),
  districtId: idSchema.optional(),
}).strict();

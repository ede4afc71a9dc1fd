import { plainExport, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

const tables = [
  { table: 'class_members', personColumns: ['pupil_id'] },
  { table: 'classes', personColumns: ['homeroom_teacher_id'] },
  { table: 'teaching_assignments', personColumns: ['teacher_id'] },
];

/** Class membership and teaching: school records, kept for the retention period. */
export const personalData: PersonalDataContributor = {
  module: 'organisations',
  tables,
  export: plainExport(tables),
  keptBecause: 'class membership and teaching are school records',
};

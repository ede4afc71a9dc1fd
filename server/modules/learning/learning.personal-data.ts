import { plainExport, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

const tables = [
  { table: 'marks', personColumns: ['pupil_id', 'teacher_id'] },
  { table: 'mark_history', personColumns: ['pupil_id', 'changed_by'] },
  { table: 'attendance', personColumns: ['pupil_id', 'marked_by'] },
  { table: 'attendance_history', personColumns: ['pupil_id', 'changed_by'] },
  { table: 'submissions', personColumns: ['pupil_id'] },
  { table: 'submission_attempts', personColumns: ['pupil_id'] },
  { table: 'homework', personColumns: ['teacher_id'] },
  { table: 'lessons', personColumns: ['teacher_id'] },
  { table: 'timetable_slots', personColumns: ['teacher_id'] },
  { table: 'announcements', personColumns: ['author_id'] },
];

/** The e-journal: marks, attendance, submitted work (a pupil's) and what a teacher wrote. */
export const personalData: PersonalDataContributor = {
  module: 'learning',
  tables,
  export: plainExport(tables),
  keptBecause: 'marks, attendance and submitted work are school records',
};

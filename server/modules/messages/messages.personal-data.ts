import { plainExport, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

const tables = [
  { table: 'message_threads', personColumns: ['pupil_id', 'created_by'] },
  { table: 'message_participants', personColumns: ['person_id'] },
  { table: 'messages', personColumns: ['author_id'] },
  { table: 'school_announcements', personColumns: ['author_id'] },
];

/** Conversations with a school and its announcements: the other side holds them too, so they are kept as the school's correspondence. */
export const personalData: PersonalDataContributor = {
  module: 'messages',
  tables,
  export: plainExport(tables),
  keptBecause: "a conversation is the school's correspondence with a family, held by both sides",
};

import { plainExport, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

const tables = [
  { table: 'video_videos', personColumns: ['owner_id'] },
  { table: 'video_links', personColumns: ['attached_by'] },
];

/** Videos a person uploaded (teaching material of their school or the ministry), and the lessons they attached videos to. */
export const personalData: PersonalDataContributor = {
  module: 'video',
  tables,
  export: plainExport(tables, ['source_key']),
  keptBecause: "lesson videos and their attachments to lessons are the school's teaching material; they name their uploader (and who attached them) only",
};

import { plainExport, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

const tables = [{ table: 'video_videos', personColumns: ['owner_id'] }];

/** Videos a person uploaded (teaching material of their school or the ministry). */
export const personalData: PersonalDataContributor = {
  module: 'video',
  tables,
  export: plainExport(tables, ['source_key']),
  keptBecause: "lesson videos are the school's teaching material; they name their uploader only",
};

import { plainExport, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

const tables = [{ table: 'files', personColumns: ['owner_id'] }];

/** What the person uploaded (names, types, sizes; the bytes are downloaded through /api/files/:id). */
export const personalData: PersonalDataContributor = {
  module: 'files',
  tables,
  export: plainExport(tables, ['sha256', 'storage_key']),
  keptBecause: 'uploaded files are materials of lessons or submitted work (school records)',
};

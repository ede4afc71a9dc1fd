import { plainExport, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

const tables = [{ table: 'connectivity_changes', personColumns: ['changed_by'] }];

/** The register's history names the officer who made each edit (their work record: kept, like other audit trails). */
export const personalData: PersonalDataContributor = {
  module: 'connectivity',
  tables,
  export: plainExport(tables),
  keptBecause: "the register's history records which officer changed a settlement's connectivity and why (an official record of the area)",
};

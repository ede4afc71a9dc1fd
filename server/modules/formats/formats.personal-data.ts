import { plainExport, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

const tables = [
  { table: 'formats_settings', personColumns: ['updated_by'] },
  { table: 'epidemic_situations', personColumns: ['recorded_by'] },
  { table: 'format_rule_sets', personColumns: ['published_by'] },
  { table: 'format_overrides', personColumns: ['created_by', 'revoked_by'] },
];

/** An officer's decisions (situations recorded, rules published, overrides): administrative acts, kept. */
export const personalData: PersonalDataContributor = {
  module: 'formats',
  tables,
  export: plainExport(tables),
  keptBecause: "an officer's decisions are administrative records",
};

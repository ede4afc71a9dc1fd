import type { RuleSetBody } from '../../../contracts/supplies.js';

/**
 * Allocation rules v1 from the seeds (SEED-FACTS "Devices and internet for those in need"): children of
 * socially vulnerable families first (low-income, large family, orphan, special educational needs),
 * then teachers without a computer; 1-3 pupils learning at a distance → 1 computer, 4-6 → 2, 7-8 → 3
 * (Mangystau); pupils learning in person need none; internet kits only where the household can connect.
 * Every number is a setting: the ministry publishes a new version, a region its own.
 */
export const DEFAULT_RULES: RuleSetBody = {
  priorities: ['low_income', 'large_family', 'orphan', 'special_needs', 'teacher'],
  serveWithoutCategory: true,
  bands: [
    { min: 1, max: 3, devices: 1 },
    { min: 4, max: 6, devices: 2 },
    { min: 7, max: 8, devices: 3 },
  ],
  countAsWithout: ['none'],
  teacherDevices: 1,
  kits: { withoutInternet: ['none'], onlyConnectable: true, perHousehold: 1 },
};

/** A loan runs to the end of the school year unless the issuer sets another date. */
export const LOAN_DEFAULT_END = 'year_end';

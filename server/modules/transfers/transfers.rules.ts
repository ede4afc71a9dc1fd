/**
 * Pure rules of transfers: when the current school's answer is due (counted in school days,
 * Monday to Friday), and who may answer.
 */

/** `days` school days (Mon-Fri) after `from`, at the same time of day; weekends do not count. */
export function addSchoolDays(from: Date, days: number): Date {
  const d = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d;
}

export type Decider = 'school' | 'district' | null;

/**
 * Who answers a pending transfer: the current school any time; its district once the answer is overdue.
 * A school admin who is also a district officer answers as the school.
 */
export function deciderFor(a: { isFromAdmin: boolean; isFromDistrictOfficer: boolean; overdue: boolean }): Decider {
  if (a.isFromAdmin) return 'school';
  if (a.isFromDistrictOfficer && a.overdue) return 'district';
  return null;
}

/** The date school records are kept until: the end of the last school year holding them, plus the retention years. */
export function schoolRecordsUntil(lastYearEndsOn: string | null, today: string, years: number): string {
  const base = lastYearEndsOn && lastYearEndsOn > today ? lastYearEndsOn : (lastYearEndsOn ?? today);
  const [y, m, d] = base.split('-').map(Number) as [number, number, number];
  // 29 February plus whole years lands on 28 February when the target year has none
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

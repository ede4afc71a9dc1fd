/**
 * Kazakhstan's individual identification number (ЖСН / ИИН): 12 digits.
 *   1-6  birth date YYMMDD
 *   7    century and sex: 1/2 = 1800s male/female, 3/4 = 1900s, 5/6 = 2000s
 *   8-11 serial number
 *   12   check digit: sum(d_i * w_i) mod 11 with weights 1..11; when that gives 10, a second
 *        pass with weights 3,4,5,6,7,8,9,10,11,1,2; when that gives 10 too, the number is never issued.
 */
const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

export type IinProblem = 'format' | 'birth_date' | 'century' | 'check_digit';
export type IinResult = { valid: true; birthDate: string; sex: 'm' | 'f' } | { valid: false; problem: IinProblem; message: string };

/** The check digit for the first 11 digits, or null when no valid check digit exists. */
export function iinCheckDigit(first11: string): number | null {
  const d = [...first11].map(Number);
  const weighted = (w: number[]) => d.reduce((sum, digit, i) => sum + digit * w[i]!, 0) % 11;
  const first = weighted(FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weighted(SECOND_WEIGHTS);
  return second === 10 ? null : second;
}

export function parseIin(input: string): IinResult {
  if (!/^\d{12}$/.test(input)) {
    return { valid: false, problem: 'format', message: 'An IIN is exactly 12 digits' };
  }
  const centuryDigit = Number(input[6]);
  if (centuryDigit < 1 || centuryDigit > 6) {
    return { valid: false, problem: 'century', message: 'The 7th digit of an IIN (century and sex) must be 1 to 6' };
  }
  const century = 1800 + Math.floor((centuryDigit - 1) / 2) * 100;
  const year = century + Number(input.slice(0, 2));
  const month = Number(input.slice(2, 4));
  const day = Number(input.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { valid: false, problem: 'birth_date', message: 'The first 6 digits of an IIN must be a real birth date (YYMMDD)' };
  }
  const check = iinCheckDigit(input.slice(0, 11));
  if (check === null || check !== Number(input[11])) {
    return { valid: false, problem: 'check_digit', message: 'The IIN check digit is wrong: the number is mistyped' };
  }
  const iso = `${String(year).padStart(4, '0')}-${input.slice(2, 4)}-${input.slice(4, 6)}`;
  return { valid: true, birthDate: iso, sex: centuryDigit % 2 === 1 ? 'm' : 'f' };
}

export function isValidIin(input: string): boolean {
  return parseIin(input).valid;
}

/**
 * Builds a valid IIN from a birth date, sex and serial (0-9999), or null when that serial has no
 * valid check digit (then try the next serial). Used by the demo-data generator and tests.
 */
export function makeIin(birthDate: string, sex: 'm' | 'f', serial: number): string | null {
  const [y, m, d] = birthDate.split('-');
  const year = Number(y);
  const centuryIndex = Math.floor((year - 1800) / 100); // 0: 1800s, 1: 1900s, 2: 2000s
  const centuryDigit = centuryIndex * 2 + (sex === 'm' ? 1 : 2);
  const first11 = `${y!.slice(2)}${m}${d}${centuryDigit}${String(serial).padStart(4, '0')}`;
  const check = iinCheckDigit(first11);
  return check === null ? null : first11 + check;
}

import { iinCheckDigit } from '../modules/identity/iin.js';
import { latin, type Sex } from './names.js';
import type { Rng } from './random.js';
import type { RowWriter } from './writer.js';

export type Language = 'kk' | 'ru' | 'en';
export type Role = 'pupil' | 'parent' | 'teacher' | 'org_admin' | 'district_officer' | 'region_officer' | 'ministry_officer' | 'gate_guard';

export interface NewPerson {
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string; // YYYY-MM-DD
  sex: Sex;
  phone?: boolean;
  email?: boolean;
}

const DAY_MS = 86_400_000;
const MEMO_FROM = -25_567; // 1900-01-01
const isoMemo: string[] = [];
/** Days since 1970-01-01 → 'YYYY-MM-DD' (pure arithmetic on a fixed calendar, not the clock); memoised, it runs per person. */
export function isoDate(days: number): string {
  const i = days - MEMO_FROM;
  const known = isoMemo[i];
  if (known !== undefined) return known;
  const iso = new Date(days * DAY_MS).toISOString().slice(0, 10);
  isoMemo[i] = iso;
  return iso;
}
export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

// Kazakhstan's mobile prefixes (+7 7XX): the phone counter is spread over them.
const MOBILE_PREFIXES = ['701', '702', '705', '707', '708', '747', '771', '775', '776', '777', '778', '700'];
const EMAIL_DOMAINS = ['mail.kz', 'gmail.com', 'mail.ru', 'inbox.kz', 'yandex.kz'];

/**
 * Everything that must be unique across the whole dataset (IIN serials, phone numbers, BINs)
 * and the one shared password hash. One context per seed run; ids come from the writer.
 */
export class SeedContext {
  private iins = new IinAllocator();
  private phones = 0;
  private binSerial = 0;
  readonly subjectIds = new Map<string, number>();
  currentYearId = 0;

  constructor(
    readonly w: RowWriter,
    /** One argon2id hash of 'sabaq-demo' for every account (see seed.ts). */
    readonly passwordHash: string,
  ) {}

  /** Writes a person with a fresh valid IIN (serials counted per birth date and sex) and returns the id. */
  person(p: NewPerson): number {
    const id = this.w.id('persons');
    const iin = this.iins.next(p.birthDate, p.sex);
    let phone: string | null = null;
    let email: string | null = null;
    if (p.phone) {
      const k = this.phones++;
      // an affine map with a multiplier coprime to 10 is a bijection on 0..9,999,999: unique, scattered numbers
      const n = (Math.floor(k / MOBILE_PREFIXES.length) * 7919 + 4_730_561) % 10_000_000;
      phone = `+7${MOBILE_PREFIXES[k % MOBILE_PREFIXES.length]}${String(n).padStart(7, '0')}`;
      // the phone counter makes the address unique
      if (p.email) email = `${latinMemo(p.firstName)}.${latinMemo(p.lastName)}.${k + 1}@${EMAIL_DOMAINS[k % EMAIL_DOMAINS.length]}`;
    }
    this.w.add('persons', [id, iin, p.lastName, p.firstName, p.middleName, p.birthDate, p.sex, phone, email]);
    return id;
  }

  account(personId: number, language: Language, login: string | null = null): number {
    const id = this.w.id('accounts');
    this.w.add('accounts', [id, personId, login, this.passwordHash, language]);
    return id;
  }

  grant(personId: number, role: Role, scope: { organisationId?: number; districtId?: number; regionId?: number } = {}): void {
    this.w.add('role_assignments', [
      this.w.id('role_assignments'),
      personId,
      role,
      scope.organisationId ?? null,
      scope.districtId ?? null,
      scope.regionId ?? null,
    ]);
  }

  /** A 12-digit business identification number: YYMM of registration, 4 (legal entity), 0 (head office), serial, check digit. */
  bin(rng: Rng): string {
    const yymm = `${String(rng.int(95, 115) % 100).padStart(2, '0')}${String(rng.int(1, 12)).padStart(2, '0')}`;
    for (;;) {
      const first11 = `${yymm}40${String(++this.binSerial).padStart(5, '0')}`;
      const check = iinCheckDigit(first11);
      if (check !== null) return first11 + check;
    }
  }

  subjectId(code: string): number {
    const id = this.subjectIds.get(code);
    if (id === undefined) throw new Error(`Unknown subject ${code}`);
    return id;
  }
}

/** A random birth date between two dates (days), for someone of the given sex. */
export function birthBetween(rng: Rng, fromDays: number, toDays: number): string {
  return isoDate(rng.int(fromDays, toDays));
}

const latinCache = new Map<string, string>();
function latinMemo(name: string): string {
  let l = latinCache.get(name);
  if (l === undefined) {
    l = latin(name);
    latinCache.set(name, l);
  }
  return l;
}

const W1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/**
 * Hands out IINs per birth date and sex with serials counted up from 1, skipping serials that have
 * no valid check digit. It is `makeIin` (identity/iin.ts) with the date's part of the weighted
 * sums computed once per date instead of per person — millions of people in the country size;
 * seed.test.ts checks both give the same numbers.
 */
export class IinAllocator {
  private byKey = new Map<string, { prefix: string; a1: number; a2: number; serial: number }>();

  next(birthDate: string, sex: 'm' | 'f'): string {
    const key = birthDate + sex;
    let k = this.byKey.get(key);
    if (!k) {
      const year = Number(birthDate.slice(0, 4));
      const centuryDigit = Math.floor((year - 1800) / 100) * 2 + (sex === 'm' ? 1 : 2);
      const prefix = `${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}${centuryDigit}`;
      let a1 = 0;
      let a2 = 0;
      for (let i = 0; i < 7; i++) {
        a1 += Number(prefix[i]) * W1[i]!;
        a2 += Number(prefix[i]) * W2[i]!;
      }
      k = { prefix, a1, a2, serial: 1 };
      this.byKey.set(key, k);
    }
    for (;;) {
      const serial = k.serial++;
      if (serial > 9999) throw new Error(`IIN serials exhausted for ${key}`);
      const s0 = Math.floor(serial / 1000);
      const s1 = Math.floor(serial / 100) % 10;
      const s2 = Math.floor(serial / 10) % 10;
      const s3 = serial % 10;
      let check = (k.a1 + s0 * 8 + s1 * 9 + s2 * 10 + s3 * 11) % 11;
      if (check === 10) check = (k.a2 + s0 * 10 + s1 * 11 + s2 * 1 + s3 * 2) % 11;
      if (check !== 10) return `${k.prefix}${String(serial).padStart(4, '0')}${check}`;
    }
  }
}

import type { Db, Queryable } from '../../platform/db.js';
import type { Actor } from '../identity/identity.actor.js';
// the sheet reader of the onboarding import (CSV in UTF-8 or Windows-1251, XLSX with the zip-bomb guard): one reader for every import
import { readSheet, type Sheet } from '../onboarding/onboarding.usecases.js';
import { deviceAtHome, familyCategory, internetAtHome, itemCondition, itemKind, itemSource } from '../../../contracts/supplies.js';
import { canManage } from './supplies.policy.js';
import * as repo from './supplies.repository.js';
import * as errors from './supplies.errors.js';

/**
 * Census and stock imports with the onboarding's dry run: every bad row is reported with its line and
 * a code; nothing is written unless every row is good (and never on a dry run).
 */

export const SUPPLIES_IMPORT_LIMITS = { maxFileBytes: 5 * 1024 * 1024, maxRows: 20_000, maxUnzippedBytes: 100 * 1024 * 1024, maxListedErrors: 1_000 };

export interface RowError {
  line: number;
  code: string;
  message: string;
}
export interface ImportReport {
  dryRun: boolean;
  ok: boolean;
  rows: number;
  written: number;
  errors: RowError[];
}

/** Header aliases (en / ru / kk) → field. */
const ALIASES: Record<string, string> = {
  iin: 'iin',
  иин: 'iin',
  жсн: 'iin',
  devices: 'devices',
  device: 'devices',
  компьютер: 'devices',
  устройство: 'devices',
  құрылғы: 'devices',
  internet: 'internet',
  интернет: 'internet',
  connectable: 'connectable',
  подключаемо: 'connectable',
  'можно подключить': 'connectable',
  'қосуға болады': 'connectable',
  categories: 'categories',
  категории: 'categories',
  санаттар: 'categories',
  kind: 'kind',
  type: 'kind',
  вид: 'kind',
  түрі: 'kind',
  inventory_number: 'inventory_number',
  'inventory number': 'inventory_number',
  'инвентарный номер': 'inventory_number',
  'түгендеу нөмірі': 'inventory_number',
  serial: 'serial',
  'серийный номер': 'serial',
  source: 'source',
  источник: 'source',
  condition: 'condition',
  состояние: 'condition',
  operator: 'operator',
  оператор: 'operator',
  tariff: 'tariff',
  тариф: 'tariff',
  monthly_cost: 'monthly_cost',
  activated_on: 'activated_on',
  ends_on: 'ends_on',
  isbn: 'isbn',
  title: 'title',
  название: 'title',
  grade: 'grade',
  класс: 'grade',
  subject: 'subject',
  предмет: 'subject',
  language: 'language',
  язык: 'language',
  publisher: 'publisher',
  издательство: 'publisher',
  year: 'year',
  год: 'year',
  copies: 'copies',
  экземпляры: 'copies',
  количество: 'copies',
  e_version_url: 'e_version_url',
};

function columns(sheet: Sheet): Map<string, number> {
  const m = new Map<string, number>();
  sheet.header.cells.forEach((h, i) => {
    const f = ALIASES[h.trim().toLowerCase()];
    if (f && !m.has(f)) m.set(f, i);
  });
  return m;
}

const YES = new Set(['yes', 'true', '1', 'да', 'иә', 'y']);
const NO = new Set(['no', 'false', '0', 'нет', 'жоқ', 'n', '']);

export async function readUpload(buf: Buffer): Promise<Sheet> {
  try {
    return await readSheet(buf, SUPPLIES_IMPORT_LIMITS);
  } catch (e) {
    const err = e as { code?: string; message?: string; statusCode?: number };
    if (err.statusCode && err.statusCode < 500) throw errors.unreadableFile(err.message);
    throw e;
  }
}

function report(dryRun: boolean, rows: number, written: number, errs: RowError[]): ImportReport {
  return { dryRun, ok: errs.length === 0, rows, written, errors: errs.slice(0, SUPPLIES_IMPORT_LIMITS.maxListedErrors) };
}

function need(cols: Map<string, number>, fields: string[]): RowError[] {
  return fields.filter((f) => !cols.has(f)).map((f) => ({ line: 1, code: 'supplies.missing_column', message: `The header has no column "${f}"` }));
}

/** Census answers of an organisation's pupils and teachers, by IIN. */
export async function importCensus(db: Db, actor: Actor, organisationId: number, sheet: Sheet, dryRun: boolean, now: Date): Promise<ImportReport> {
  const org = await repo.findOrganisation(db, organisationId);
  if (!org || !canManage(actor, org)) throw errors.organisationNotFound();
  const cols = columns(sheet);
  const missing = need(cols, ['iin', 'devices', 'internet', 'connectable']);
  if (missing.length) return report(dryRun, sheet.rows.length, 0, missing);
  const people = new Map((await repo.peopleOf(db, [org.id])).map((p) => [p.personId, p]));
  const iins = await repo.personsByIin(
    db,
    sheet.rows.map((r) => r.cells[cols.get('iin')!] ?? ''),
  );
  const errs: RowError[] = [];
  const rows: repo.NewAnswer[] = [];
  const seen = new Set<number>();
  for (const r of sheet.rows) {
    const cell = (f: string) => (cols.has(f) ? (r.cells[cols.get(f)!] ?? '').trim() : '');
    const personId = iins.get(cell('iin'));
    const person = personId !== undefined ? people.get(personId) : undefined;
    // someone of another organisation reads exactly like an unknown IIN
    if (!person) {
      errs.push({ line: r.line, code: 'supplies.unknown_person', message: `IIN ${cell('iin')} is not a pupil or teacher of this organisation` });
      continue;
    }
    if (seen.has(person.personId)) {
      errs.push({ line: r.line, code: 'supplies.duplicate_person', message: `IIN ${cell('iin')} appears twice in the file` });
      continue;
    }
    seen.add(person.personId);
    const devices = deviceAtHome.safeParse(cell('devices').toLowerCase());
    const internet = internetAtHome.safeParse(cell('internet').toLowerCase());
    const conn = cell('connectable').toLowerCase();
    const cats = cell('categories')
      .split(/[,;\s]+/)
      .filter(Boolean)
      .map((c) => c.toLowerCase());
    const badCat = cats.find((c) => !familyCategory.safeParse(c).success);
    if (!devices.success) errs.push({ line: r.line, code: 'supplies.bad_devices', message: `devices must be none, shared or own (got "${cell('devices')}")` });
    else if (!internet.success)
      errs.push({ line: r.line, code: 'supplies.bad_internet', message: `internet must be none, mobile or fixed (got "${cell('internet')}")` });
    else if (!YES.has(conn) && !NO.has(conn))
      errs.push({ line: r.line, code: 'supplies.bad_connectable', message: `connectable must be yes or no (got "${cell('connectable')}")` });
    else if (badCat) errs.push({ line: r.line, code: 'supplies.bad_category', message: `Unknown category "${badCat}"` });
    else
      rows.push({
        personId: person.personId,
        organisationId: org.id,
        role: person.role,
        devices: devices.data,
        internet: internet.data,
        connectable: YES.has(conn),
        categories: [...new Set(cats)].sort(),
        source: 'import',
        answeredBy: actor.personId,
        answeredAt: now,
      });
  }
  if (dryRun || errs.length) return report(dryRun, sheet.rows.length, 0, errs);
  const written = await db.transaction((tx) => repo.insertAnswers(tx, rows));
  return report(false, sheet.rows.length, written, []);
}

/** Devices and kits (kind, inventory_number, …) or textbooks (isbn, title, …, copies) into an organisation's stock. */
export async function importStock(
  db: Db,
  actor: Actor,
  organisationId: number,
  kind: 'items' | 'textbooks',
  sheet: Sheet,
  dryRun: boolean,
): Promise<ImportReport> {
  const org = await repo.findOrganisation(db, organisationId);
  if (!org || !canManage(actor, org)) throw errors.organisationNotFound();
  const cols = columns(sheet);
  const cellOf = (r: { cells: string[] }) => (f: string) => (cols.has(f) ? (r.cells[cols.get(f)!] ?? '').trim() : '');
  const errs: RowError[] = [];
  if (kind === 'items') {
    const missing = need(cols, ['kind', 'inventory_number']);
    if (missing.length) return report(dryRun, sheet.rows.length, 0, missing);
    const existing = await repo.existingInventoryNumbers(
      db,
      sheet.rows.map((r) => cellOf(r)('inventory_number')),
    );
    const seen = new Map<string, number>();
    const items: repo.NewItem[] = [];
    for (const r of sheet.rows) {
      const cell = cellOf(r);
      const inv = cell('inventory_number');
      const k = itemKind.safeParse(cell('kind').toLowerCase());
      const source = itemSource.safeParse(cell('source').toLowerCase() || 'school_stock');
      const condition = itemCondition.safeParse(cell('condition').toLowerCase() || 'ok');
      const cost = cell('monthly_cost') === '' ? null : Number(cell('monthly_cost').replace(',', '.'));
      const date = (f: string) => (cell(f) === '' ? null : /^\d{4}-\d{2}-\d{2}$/.test(cell(f)) ? cell(f) : undefined);
      if (inv === '') errs.push({ line: r.line, code: 'supplies.missing_inventory_number', message: 'The inventory number is empty' });
      else if (seen.has(inv))
        errs.push({
          line: r.line,
          code: 'supplies.duplicate_inventory_number',
          message: `Inventory number ${inv} appears twice in the file (also line ${seen.get(inv)})`,
        });
      else if (existing.has(inv))
        errs.push({ line: r.line, code: 'supplies.duplicate_inventory_number', message: `Inventory number ${inv} is already in stock` });
      else if (!k.success)
        errs.push({ line: r.line, code: 'supplies.bad_kind', message: `kind must be one of ${itemKind.options.join(', ')} (got "${cell('kind')}")` });
      else if (!source.success) errs.push({ line: r.line, code: 'supplies.bad_source', message: `source must be one of ${itemSource.options.join(', ')}` });
      else if (!condition.success) errs.push({ line: r.line, code: 'supplies.bad_condition', message: 'condition must be ok, damaged or lost' });
      else if (cost !== null && (!Number.isFinite(cost) || cost < 0))
        errs.push({ line: r.line, code: 'supplies.negative_count', message: `monthly_cost must be a number of at least 0 (got "${cell('monthly_cost')}")` });
      else if (date('activated_on') === undefined || date('ends_on') === undefined)
        errs.push({ line: r.line, code: 'supplies.bad_date', message: 'Dates are written 2020-09-01' });
      else
        items.push({
          organisationId: org.id,
          category: ['laptop', 'desktop', 'tablet'].includes(k.data) ? 'device' : 'kit',
          kind: k.data,
          inventoryNumber: inv,
          serial: cell('serial') || null,
          source: source.data,
          condition: condition.data,
          operator: cell('operator') || null,
          tariff: cell('tariff') || null,
          monthlyCost: cost,
          activatedOn: date('activated_on')!,
          endsOn: date('ends_on')!,
        });
      if (inv !== '' && !seen.has(inv)) seen.set(inv, r.line);
    }
    if (dryRun || errs.length) return report(dryRun, sheet.rows.length, 0, errs);
    const written = await db
      .transaction(async (tx) => (await repo.insertItems(tx, items)).length)
      .catch((e: { code?: string }) => {
        if (e.code === '23505') throw errors.duplicateInventory('An inventory number was added meanwhile; check the file again');
        throw e;
      });
    return report(false, sheet.rows.length, written, []);
  }
  const missing = need(cols, ['isbn', 'title', 'grade', 'subject', 'language', 'publisher', 'year', 'copies']);
  if (missing.length) return report(dryRun, sheet.rows.length, 0, missing);
  const titles: (repo.NewTitle & { copies: number })[] = [];
  for (const r of sheet.rows) {
    const cell = cellOf(r);
    const copies = Number(cell('copies'));
    const grade = Number(cell('grade'));
    const year = Number(cell('year'));
    const language = ['kk', 'ru', 'en'].includes(cell('language').toLowerCase()) ? cell('language').toLowerCase() : 'other';
    if (!/^[0-9Xx-]{10,17}$/.test(cell('isbn'))) errs.push({ line: r.line, code: 'supplies.bad_isbn', message: `"${cell('isbn')}" is not an ISBN` });
    else if (!Number.isInteger(copies) || copies < 0)
      errs.push({ line: r.line, code: 'supplies.negative_count', message: `copies must be a whole number of at least 0 (got "${cell('copies')}")` });
    else if (!Number.isInteger(grade) || grade < 0 || grade > 12) errs.push({ line: r.line, code: 'supplies.bad_grade', message: 'grade must be 0-12' });
    else if (!Number.isInteger(year) || year < 1990 || year > 2100) errs.push({ line: r.line, code: 'supplies.bad_year', message: 'year must be like 2020' });
    else if (cell('title') === '' || cell('subject') === '' || cell('publisher') === '')
      errs.push({ line: r.line, code: 'supplies.missing_value', message: 'title, subject and publisher are required' });
    else
      titles.push({
        isbn: cell('isbn'),
        title: cell('title'),
        grade,
        subject: cell('subject'),
        language,
        publisher: cell('publisher'),
        year,
        copies,
        eVersionUrl: cell('e_version_url') || null,
      });
  }
  if (dryRun || errs.length) return report(dryRun, sheet.rows.length, 0, errs);
  const written = await db.transaction(async (tx: Queryable) => {
    for (const t of titles) await repo.addCopies(tx, org.id, await repo.upsertTitle(tx, t), t.copies);
    return titles.length;
  });
  return report(false, sheet.rows.length, written, []);
}

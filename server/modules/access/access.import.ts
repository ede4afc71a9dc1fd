/**
 * Parsing batches from the health system (pure): CSV rows and FHIR R4 bundles of `Immunization` and
 * `Observation` resources. People are named by IIN (the health system's key); the use case maps IINs
 * to the organisation's people and refuses the whole batch when any record is wrong.
 */
import { parse } from 'csv-parse/sync';

export interface ParsedRecord {
  iin: string;
  kind: 'vaccination' | 'test' | 'recovery';
  at: Date;
  product: string | null;
  doseNumber: number | null;
  seriesDoses: number | null;
  testKind: 'pcr' | 'antigen' | null;
  result: 'negative' | 'positive' | null;
}
export interface RowProblem {
  row: number;
  code: string;
}
export interface ParseResult {
  records: ParsedRecord[];
  problems: RowProblem[];
}

const IIN = /^\d{12}$/;

function when(value: unknown): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 2019 ? null : d;
}

function check(r: ParsedRecord, row: number, now: Date, problems: RowProblem[]): boolean {
  if (!IIN.test(r.iin)) {
    problems.push({ row, code: 'iin' });
    return false;
  }
  if (r.at.getTime() > now.getTime()) {
    problems.push({ row, code: 'future_date' });
    return false;
  }
  if (
    r.kind === 'vaccination' &&
    !(r.product && r.doseNumber && r.seriesDoses && r.doseNumber >= 1 && r.seriesDoses >= 1 && r.doseNumber <= 10 && r.seriesDoses <= 10)
  ) {
    problems.push({ row, code: 'vaccination_fields' });
    return false;
  }
  if (r.kind === 'test' && !(r.testKind && r.result)) {
    problems.push({ row, code: 'test_fields' });
    return false;
  }
  return true;
}

/**
 * CSV with a header: `iin,kind,date,product,dose,series_doses,test_kind,result` (`,` or `;`).
 * kind: vaccination | test | recovery; date: the dose, the sampling or the recovery (ISO).
 */
export function parseCsv(text: string, now: Date): ParseResult | null {
  let rows: Record<string, string>[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      delimiter: [',', ';'],
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
    });
  } catch {
    return null;
  }
  if (rows.length === 0 || !('iin' in rows[0]!) || !('kind' in rows[0]!) || !('date' in rows[0]!)) return null;
  const out: ParseResult = { records: [], problems: [] };
  rows.forEach((c, i) => {
    const row = i + 2;
    const at = when(c.date);
    const kind = c.kind as ParsedRecord['kind'];
    if (!['vaccination', 'test', 'recovery'].includes(kind)) {
      out.problems.push({ row, code: 'kind' });
      return;
    }
    if (!at) {
      out.problems.push({ row, code: 'date' });
      return;
    }
    const num = (v: string | undefined) => (v && /^\d{1,2}$/.test(v) ? Number(v) : null);
    const r: ParsedRecord = {
      iin: c.iin ?? '',
      kind,
      at,
      product: kind === 'vaccination' ? c.product || null : null,
      doseNumber: kind === 'vaccination' ? num(c.dose) : null,
      seriesDoses: kind === 'vaccination' ? num(c.series_doses) : null,
      testKind: kind === 'test' && (c.test_kind === 'pcr' || c.test_kind === 'antigen') ? c.test_kind : null,
      result: kind === 'test' && (c.result === 'negative' || c.result === 'positive') ? c.result : null,
    };
    if (check(r, row, now, out.problems)) out.records.push(r);
  });
  return out;
}

const LOINC_PCR = ['94500-6', '94309-2', '94533-7'];
const LOINC_ANTIGEN = ['94558-4', '97097-0'];
const SNOMED_NEGATIVE = '260385009';
const SNOMED_POSITIVE = '10828004';
const IIN_SYSTEMS = ['urn:oid:1.2.398.3.1.1', 'http://iin.kz', 'iin'];

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * A FHIR R4 `Bundle` (JSON): `Immunization` (vaccineCode, occurrenceDateTime, protocolApplied
 * doseNumberPositiveInt / seriesDosesPositiveInt) and `Observation` (LOINC SARS-CoV-2 PCR or antigen,
 * SNOMED negative/positive, effectiveDateTime; or code `recovery`). The person: `patient`/`subject`
 * with an IIN identifier, or a reference to a `Patient` entry of the bundle that has one.
 */
export function parseFhir(text: string, now: Date): ParseResult | null {
  let bundle: Json | null;
  try {
    bundle = obj(JSON.parse(text));
  } catch {
    return null;
  }
  if (!bundle || bundle.resourceType !== 'Bundle' || !Array.isArray(bundle.entry)) return null;
  const patients = new Map<string, string>();
  const iinOf = (ident: unknown): string | null => {
    for (const i of Array.isArray(ident) ? ident : [ident]) {
      const o = obj(i);
      if (o && typeof o.value === 'string' && (o.system === undefined || IIN_SYSTEMS.includes(String(o.system)))) return o.value;
    }
    return null;
  };
  for (const e of bundle.entry) {
    const res = obj(obj(e)?.resource);
    if (res?.resourceType === 'Patient') {
      const iin = iinOf(res.identifier);
      if (iin) {
        if (typeof res.id === 'string') patients.set(`Patient/${res.id}`, iin);
        const full = obj(e)?.fullUrl;
        if (typeof full === 'string') patients.set(full, iin);
      }
    }
  }
  const person = (ref: unknown): string => {
    const o = obj(ref);
    if (!o) return '';
    return iinOf(o.identifier) ?? (typeof o.reference === 'string' ? (patients.get(o.reference) ?? '') : '');
  };
  const codes = (cc: unknown): { system?: string; code?: string; display?: string }[] => arr(obj(cc)?.coding).map((c) => obj(c) ?? {}) as never;

  const out: ParseResult = { records: [], problems: [] };
  bundle.entry.forEach((e, i) => {
    const row = i + 1;
    const res = obj(obj(e)?.resource);
    if (!res) {
      out.problems.push({ row, code: 'entry' });
      return;
    }
    if (res.resourceType === 'Patient') return;
    if (res.resourceType === 'Immunization') {
      if (res.status !== undefined && res.status !== 'completed') return;
      const at = when(res.occurrenceDateTime);
      if (!at) {
        out.problems.push({ row, code: 'date' });
        return;
      }
      const vc = codes(res.vaccineCode)[0];
      const product = (vc?.display ?? vc?.code ?? (obj(res.vaccineCode)?.text as string | undefined) ?? '').trim() || null;
      const proto = obj(arr(res.protocolApplied)[0]);
      const r: ParsedRecord = {
        iin: person(res.patient),
        kind: 'vaccination',
        at,
        product,
        doseNumber: typeof proto?.doseNumberPositiveInt === 'number' ? proto.doseNumberPositiveInt : null,
        seriesDoses: typeof proto?.seriesDosesPositiveInt === 'number' ? proto.seriesDosesPositiveInt : null,
        testKind: null,
        result: null,
      };
      if (check(r, row, now, out.problems)) out.records.push(r);
      return;
    }
    if (res.resourceType === 'Observation') {
      if (res.status !== undefined && !['final', 'amended', 'corrected'].includes(String(res.status))) return;
      const at = when(res.effectiveDateTime);
      if (!at) {
        out.problems.push({ row, code: 'date' });
        return;
      }
      const code = codes(res.code).map((c) => c.code ?? '');
      if (code.includes('recovery')) {
        const r: ParsedRecord = {
          iin: person(res.subject),
          kind: 'recovery',
          at,
          product: null,
          doseNumber: null,
          seriesDoses: null,
          testKind: null,
          result: null,
        };
        if (check(r, row, now, out.problems)) out.records.push(r);
        return;
      }
      const testKind = code.some((c) => LOINC_PCR.includes(c)) ? 'pcr' : code.some((c) => LOINC_ANTIGEN.includes(c)) ? 'antigen' : null;
      const value = codes(res.valueCodeableConcept).map((c) => c.code ?? '');
      const result = value.includes(SNOMED_NEGATIVE) ? 'negative' : value.includes(SNOMED_POSITIVE) ? 'positive' : null;
      const r: ParsedRecord = { iin: person(res.subject), kind: 'test', at, product: null, doseNumber: null, seriesDoses: null, testKind, result };
      if (check(r, row, now, out.problems)) out.records.push(r);
      return;
    }
    out.problems.push({ row, code: 'resource_type' });
  });
  return out;
}

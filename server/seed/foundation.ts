import { SUBJECTS } from './curriculum.js';
import type { SeedContext } from './context.js';
import { REGIONS, regionByCode, type RegionDef } from './geography.js';
import type { Names } from './organisation.js';

export const ACADEMIC_YEARS = [
  { name: '2019-2020', startsOn: '2019-09-02', endsOn: '2020-05-25', isCurrent: false },
  { name: '2020-2021', startsOn: '2020-09-01', endsOn: '2021-05-25', isCurrent: true },
] as const;

export interface SettlementDef {
  names: Names;
  kind: 'urban' | 'rural';
  internet: 'none' | 'slow' | 'broadband';
  internetMbps: number | null;
  tvReception: boolean;
}

/** Writes the rows every size shares: the 17 regions, academic years, subjects. */
export function writeFixedRows(ctx: SeedContext): void {
  const w = ctx.w;
  for (const y of ACADEMIC_YEARS) {
    const id = w.id('academic_years');
    w.add('academic_years', [id, y.name, y.startsOn, y.endsOn, y.isCurrent]);
    if (y.isCurrent) ctx.currentYearId = id;
  }
  for (const s of SUBJECTS) {
    const id = w.id('subjects');
    ctx.subjectIds.set(s.code, id);
    w.add('subjects', [id, s.code, s.kk, s.ru, s.en]);
  }
}

/** Regions and districts by name, created once and in a fixed order (the demo's districts first). */
export class Geography {
  private regionIds = new Map<string, number>();
  private districtIds = new Map<string, number>();

  constructor(private readonly ctx: SeedContext) {}

  writeRegions(): void {
    for (const r of REGIONS) {
      const id = this.ctx.w.id('regions');
      this.regionIds.set(r.code, id);
      this.ctx.w.add('regions', [id, r.code, r.kind, r.names.kk, r.names.ru, r.names.en, r.timeZone]);
    }
  }

  region(code: string): { id: number; def: RegionDef } {
    const id = this.regionIds.get(code);
    if (id === undefined) throw new Error(`Region ${code} not written yet`);
    return { id, def: regionByCode(code) };
  }

  /** The district's id, writing it on first use. */
  district(regionCode: string, names: Names): number {
    const key = `${regionCode}/${names.en}`;
    let id = this.districtIds.get(key);
    if (id === undefined) {
      id = this.ctx.w.id('districts');
      this.districtIds.set(key, id);
      this.ctx.w.add('districts', [id, this.region(regionCode).id, names.kk, names.ru, names.en]);
    }
    return id;
  }

  settlement(districtId: number, s: SettlementDef): number {
    const id = this.ctx.w.id('settlements');
    this.ctx.w.add('settlements', [id, districtId, s.names.kk, s.names.ru, s.names.en, s.kind, s.internet, s.internetMbps, s.tvReception]);
    return id;
  }
}

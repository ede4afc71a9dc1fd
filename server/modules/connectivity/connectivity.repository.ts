import type { Queryable } from '../../platform/db.js';
import type { InternetLevel } from '../../../contracts/connectivity.js';

/**
 * SQL of the connectivity register. Its own tables are connectivity_*; it also writes the three
 * connectivity columns of `settlements` (internet, internet_mbps, tv_reception) in the same
 * transaction as its history (decision 0033), and reads districts, regions and schools.
 */

type Name = { kk: string; ru: string; en: string };
const NAME = (t: string) => `json_build_object('kk', ${t}.name_kk, 'ru', ${t}.name_ru, 'en', ${t}.name_en)`;

export type ChannelRow = {
  id: number;
  code: string;
  name: string;
};

export async function channels(db: Queryable): Promise<ChannelRow[]> {
  const { rows } = await db.query<ChannelRow>('select id, code, name from connectivity_channels order by position, id');
  return rows;
}

export type SettlementRow = {
  id: number;
  districtId: number;
  regionId: number;
  name: Name;
  district: Name;
  kind: 'urban' | 'rural';
  internet: InternetLevel;
  internetMbps: number | null;
  tvReception: boolean;
  measuredOn: string | null;
  reception: { code: string; name: string; received: boolean }[];
  schools: number;
};

const SETTLEMENT = `select s.id, s.district_id as "districtId", d.region_id as "regionId", ${NAME('s')} as name, ${NAME('d')} as district,
    s.kind, s.internet, s.internet_mbps::float8 as "internetMbps", s.tv_reception as "tvReception",
    to_char(m.measured_on, 'YYYY-MM-DD') as "measuredOn",
    (select coalesce(json_agg(json_build_object('code', c.code, 'name', c.name, 'received', coalesce(r.received, s.tv_reception)) order by c.position, c.id), '[]')
       from connectivity_channels c left join connectivity_reception r on r.channel_id = c.id and r.settlement_id = s.id) as reception,
    (select count(*)::int from organisations o where o.settlement_id = s.id and o.kind = 'school') as schools
  from settlements s join districts d on d.id = s.district_id left join connectivity_measurements m on m.settlement_id = s.id`;

export async function findSettlement(db: Queryable, id: number, forUpdate = false): Promise<SettlementRow | null> {
  if (forUpdate) await db.query('select 1 from settlements where id = $1 for update', [id]);
  const { rows } = await db.query<SettlementRow>(`${SETTLEMENT} where s.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function settlementsOf(db: Queryable, districtId: number): Promise<SettlementRow[]> {
  const { rows } = await db.query<SettlementRow>(`${SETTLEMENT} where s.district_id = $1 order by s.name_en, s.id limit 5000`, [districtId]);
  return rows;
}

export type DistrictRow = {
  id: number;
  regionId: number;
  name: Name;
  region: Name;
};

export async function findDistrict(db: Queryable, id: number): Promise<DistrictRow | null> {
  const { rows } = await db.query<DistrictRow>(
    `select d.id, d.region_id as "regionId", ${NAME('d')} as name, ${NAME('r')} as region from districts d join regions r on r.id = d.region_id where d.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function regionExists(db: Queryable, id: number): Promise<boolean> {
  const { rows } = await db.query('select 1 from regions where id = $1', [id]);
  return rows.length > 0;
}

/** Districts an officer covers: all (ministry), a region's, or their own. */
export async function districtsWhere(db: Queryable, all: boolean, regionIds: number[], districtIds: number[]): Promise<DistrictRow[]> {
  const { rows } = await db.query<DistrictRow>(
    `select d.id, d.region_id as "regionId", ${NAME('d')} as name, ${NAME('r')} as region from districts d join regions r on r.id = d.region_id
      where $1 or d.region_id = any($2::int[]) or d.id = any($3::int[]) order by r.name_en, d.name_en limit 1000`,
    [all, regionIds, districtIds],
  );
  return rows;
}

export type SchoolRow = {
  id: number;
  settlementId: number;
  districtId: number;
  regionId: number;
  name: Name;
  settlement: Name;
  tvReception: boolean;
  internet: InternetLevel;
};

const SCHOOL = `select o.id, o.settlement_id as "settlementId", o.district_id as "districtId", o.region_id as "regionId", ${NAME('o')} as name,
    ${NAME('s')} as settlement, s.tv_reception as "tvReception", s.internet
  from organisations o join settlements s on s.id = o.settlement_id`;

export async function findOrganisation(db: Queryable, id: number): Promise<SchoolRow | null> {
  const { rows } = await db.query<SchoolRow>(`${SCHOOL} where o.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function schoolsOfDistrict(db: Queryable, districtId: number): Promise<SchoolRow[]> {
  const { rows } = await db.query<SchoolRow>(`${SCHOOL} where o.district_id = $1 and o.kind = 'school' order by s.name_en, o.name_en, o.id`, [districtId]);
  return rows;
}

export async function setSettlement(db: Queryable, id: number, internet: InternetLevel, mbps: number | null, tvReception: boolean): Promise<void> {
  await db.query('update settlements set internet = $2, internet_mbps = $3, tv_reception = $4 where id = $1', [id, internet, mbps, tvReception]);
}

export async function setReception(db: Queryable, settlementId: number, reception: { channelId: number; received: boolean }[]): Promise<void> {
  if (reception.length === 0) return;
  await db.query(
    `insert into connectivity_reception (settlement_id, channel_id, received)
     select $1, x.channel_id, x.received from unnest($2::int[], $3::bool[]) as x(channel_id, received)
     on conflict (settlement_id, channel_id) do update set received = excluded.received`,
    [settlementId, reception.map((r) => r.channelId), reception.map((r) => r.received)],
  );
}

export async function setMeasuredOn(db: Queryable, settlementId: number, measuredOn: string | null): Promise<void> {
  if (measuredOn === null) await db.query('delete from connectivity_measurements where settlement_id = $1', [settlementId]);
  else
    await db.query(
      `insert into connectivity_measurements (settlement_id, measured_on) values ($1, $2)
       on conflict (settlement_id) do update set measured_on = excluded.measured_on`,
      [settlementId, measuredOn],
    );
}

export async function insertChange(db: Queryable, settlementId: number, changes: unknown[], reason: string, by: number | null, at: Date): Promise<void> {
  await db.query('insert into connectivity_changes (settlement_id, changes, reason, changed_by, changed_at) values ($1, $2, $3, $4, $5)', [
    settlementId,
    JSON.stringify(changes),
    reason,
    by,
    at,
  ]);
}

export type ChangeRow = {
  id: number;
  at: Date;
  by: { lastName: string; firstName: string; middleName: string | null } | null;
  reason: string;
  changes: { field: string; old: string | number | boolean | null; new: string | number | boolean | null }[];
};

export async function historyOf(db: Queryable, settlementId: number): Promise<ChangeRow[]> {
  const { rows } = await db.query<ChangeRow>(
    `select h.id::int as id, h.changed_at as at, h.reason, h.changes,
       (select json_build_object('lastName', p.last_name, 'firstName', p.first_name, 'middleName', p.middle_name) from persons p where p.id = h.changed_by) as by
       from connectivity_changes h where h.settlement_id = $1 order by h.id desc limit 200`,
    [settlementId],
  );
  return rows;
}

export type NoReceptionRow = {
  id: number;
  districtId: number;
  name: Name;
  district: Name;
  missing: string[];
  pupils: number;
  schools: number;
};

/**
 * Settlements of the districts (or a region's) that miss a national channel (`channel`, or any),
 * with the schools there and their pupils (enrolment, `organisations.pupil_count`).
 */
export async function withoutReception(db: Queryable, q: { districtId?: number; regionId?: number; channel?: string }): Promise<NoReceptionRow[]> {
  const { rows } = await db.query<NoReceptionRow>(
    `with rec as (
       select s.id, c.code, coalesce(r.received, s.tv_reception) as received
         from settlements s join districts d on d.id = s.district_id
         cross join connectivity_channels c
         left join connectivity_reception r on r.settlement_id = s.id and r.channel_id = c.id
        where ($1::int is null or s.district_id = $1) and ($2::int is null or d.region_id = $2)
     ), missing as (
       select id, array_agg(code order by code) as missing from rec where not received and ($3::text is null or code = $3) group by id
     )
     select s.id, s.district_id as "districtId", ${NAME('s')} as name, ${NAME('d')} as district, m.missing,
            coalesce(sum(o.pupil_count), 0)::int as pupils, count(o.id)::int as schools
       from missing m join settlements s on s.id = m.id join districts d on d.id = s.district_id
       left join organisations o on o.settlement_id = s.id and o.kind = 'school'
      group by s.id, d.id, m.missing
      order by d.name_en, d.id, pupils desc, s.name_en, s.id
      limit 20000`,
    [q.districtId ?? null, q.regionId ?? null, q.channel ?? null],
  );
  return rows;
}

import type { Db, Queryable } from '../../platform/db.js';
import type { Actor } from '../identity/identity.actor.js';
import type { Areas, DistrictIsolated, Isolated, Register, SettlementDetail, SettlementEdit, WithoutReception } from '../../../contracts/connectivity.js';
import { pupilsConnectivity } from '../supplies/supplies.usecases.js';
import { analyticsSettings } from '../analytics/analytics.usecases.js';
import * as repo from './connectivity.repository.js';
import * as errors from './connectivity.errors.js';
import { coversArea, coversRegion, namedAccess } from './connectivity.policy.js';
import {
  changesOf,
  emptyRollup,
  internetProblem,
  isIsolated,
  publishBySchool,
  publishRollups,
  rollUp,
  tvReceptionOf,
  type RawRollup,
} from './connectivity.rules.js';

/** The small-number threshold officers' counts are suppressed under (analytics' setting, decision 0018). */
export const threshold = () => analyticsSettings().ANALYTICS_SMALL_CELL;

function settlementView(s: repo.SettlementRow) {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    internet: s.internet,
    internetMbps: s.internetMbps,
    measuredOn: s.measuredOn,
    reception: s.reception,
    tvReception: s.tvReception,
    schools: s.schools,
  };
}

async function visibleDistrict(db: Queryable, actor: Actor, id: number): Promise<repo.DistrictRow> {
  const d = await repo.findDistrict(db, id);
  if (!d || !coversArea(actor, { districtId: d.id, regionId: d.regionId })) throw errors.districtNotFound();
  return d;
}

async function visibleSettlement(db: Queryable, actor: Actor, id: number, forUpdate = false): Promise<repo.SettlementRow> {
  const s = await repo.findSettlement(db, id, forUpdate);
  if (!s || !coversArea(actor, s)) throw errors.settlementNotFound();
  return s;
}

/** The districts and schools the actor may open here (officers: districts; admins and homeroom teachers: their schools). */
export async function areas(db: Queryable, actor: Actor): Promise<Areas> {
  const all = actor.grants.some((g) => g.role === 'ministry_officer');
  const regionIds = actor.grants.flatMap((g) => (g.role === 'region_officer' && g.regionId !== null ? [g.regionId] : []));
  const districtIds = actor.grants.flatMap((g) => (g.role === 'district_officer' && g.districtId !== null ? [g.districtId] : []));
  const districts = all || regionIds.length || districtIds.length ? await repo.districtsWhere(db, all, regionIds, districtIds) : [];
  const orgIds = [
    ...new Set(actor.grants.flatMap((g) => ((g.role === 'org_admin' || g.role === 'homeroom') && g.organisationId !== null ? [g.organisationId] : []))),
  ];
  const organisations = [];
  for (const id of orgIds) {
    const o = await repo.findOrganisation(db, id);
    if (o) organisations.push({ id: o.id, name: o.name });
  }
  const regions = [...new Set(districts.map((d) => d.regionId))].filter((id) => coversRegion(actor, id));
  return { districts: districts.map((d) => ({ id: d.id, name: d.name, regionId: d.regionId, region: d.region })), regionIds: regions, organisations };
}

/** Pupils of the district's schools with their census answers and their school's settlement. */
async function districtPupils(db: Queryable, schools: repo.SchoolRow[], now: Date) {
  const settlementOf = new Map(schools.map((s) => [s.id, s.settlementId]));
  const pupils = await pupilsConnectivity(
    db,
    schools.map((s) => s.id),
    now,
  );
  return pupils.map((p) => ({ ...p, settlementId: settlementOf.get(p.organisationId)! }));
}

/** A district's register: each settlement's internet and reception, and its pupils' connectivity (suppressed for officers). */
export async function register(
  db: Queryable,
  actor: Actor,
  q: { districtId: number; filter: 'all' | 'no_internet' | 'no_tv' | 'with_pupils' },
  now: Date,
): Promise<Register> {
  const district = await visibleDistrict(db, actor, q.districtId);
  const [settlements, schools, chans] = await Promise.all([repo.settlementsOf(db, district.id), repo.schoolsOfDistrict(db, district.id), repo.channels(db)]);
  const tv = new Map(settlements.map((s) => [s.id, s.tvReception]));
  const rolled = rollUp(await districtPupils(db, schools, now), (id) => tv.get(id) ?? true);
  const kept = settlements.filter((s) => {
    if (q.filter === 'no_internet') return s.internet === 'none';
    if (q.filter === 'no_tv') return !s.tvReception || s.reception.some((r) => !r.received);
    if (q.filter === 'with_pupils') return (rolled.get(s.id)?.pupils ?? 0) > 0;
    return true;
  });
  // suppression over the whole district (the total does not depend on the filter)
  const raw: RawRollup[] = settlements.map((s) => rolled.get(s.id) ?? emptyRollup());
  const published = publishRollups(raw, threshold(), true);
  const byId = new Map(settlements.map((s, i) => [s.id, published.rows[i]!]));
  return {
    district: { id: district.id, name: district.name },
    channels: chans.map((c) => ({ code: c.code, name: c.name })),
    settlements: kept.map((s) => ({ ...settlementView(s), census: byId.get(s.id)! })),
    total: published.total,
    threshold: threshold(),
  };
}

/** One settlement with its reception per channel and its history of edits. */
export async function settlementDetail(db: Queryable, actor: Actor, id: number): Promise<SettlementDetail> {
  const s = await visibleSettlement(db, actor, id);
  const history = await repo.historyOf(db, s.id);
  return {
    ...settlementView(s),
    district: { id: s.districtId, name: s.district },
    history: history.map((h) => ({ id: h.id, at: h.at.toISOString(), by: h.by, reason: h.reason, changes: h.changes })),
  };
}

const day = (now: Date) => now.toISOString().slice(0, 10);
const isRealDate = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
};

/**
 * An officer's edit: internet level, measured speed and date, reception per channel, with a reason.
 * Checked first (nothing written on a bad value); then in one transaction the settlement's columns
 * other modules read, the reception and measurement rows, and the history line.
 */
export async function editSettlement(db: Db, actor: Actor, id: number, body: SettlementEdit, now: Date): Promise<SettlementDetail> {
  // the column keeps two decimals: compare and record what is stored
  body = { ...body, internetMbps: body.internetMbps === null ? null : Math.round(body.internetMbps * 100) / 100 };
  const problem = internetProblem(body.internet, body.internetMbps);
  if (problem) throw errors.badSpeed(undefined, { reason: problem });
  if (body.measuredOn !== null && !isRealDate(body.measuredOn)) throw errors.badDate();
  if (body.measuredOn !== null && body.measuredOn > day(new Date(now.getTime() + 14 * 3600_000))) throw errors.measuredInFuture();
  if (body.internetMbps !== null && body.internetMbps > 0 && body.measuredOn === null) throw errors.speedWithoutDate();
  await db.transaction(async (tx) => {
    const s = await visibleSettlement(tx, actor, id, true);
    const chans = await repo.channels(tx);
    const byCode = new Map(chans.map((c) => [c.code, c]));
    for (const r of body.reception) if (!byCode.has(r.code)) throw errors.unknownChannel(`Unknown TV channel: ${r.code}`);
    const reception = s.reception.map((r) => ({ code: r.code, received: body.reception.find((x) => x.code === r.code)?.received ?? r.received }));
    const after = { internet: body.internet, internetMbps: body.internetMbps, measuredOn: body.measuredOn, reception };
    const changes = changesOf({ internet: s.internet, internetMbps: s.internetMbps, measuredOn: s.measuredOn, reception: s.reception }, after);
    if (changes.length === 0) return; // the same values again: nothing to record (a repeated PUT is harmless)
    const tv = tvReceptionOf(reception.map((r) => r.received));
    await repo.setSettlement(tx, s.id, body.internet, body.internetMbps, tv);
    await repo.setReception(
      tx,
      s.id,
      reception.map((r) => ({ channelId: byCode.get(r.code)!.id, received: r.received })),
    );
    await repo.setMeasuredOn(tx, s.id, body.measuredOn);
    await repo.insertChange(tx, s.id, changes, body.reason, actor.personId, now);
  });
  return settlementDetail(db, actor, id);
}

/**
 * A school's pupils cut off from distance learning (no device, no home internet, no TV reception in
 * the school's settlement): named for the school's admin (and a homeroom teacher, their classes);
 * counts only, suppressed, for officers of the area.
 */
export async function isolatedOf(db: Queryable, actor: Actor, organisationId: number, now: Date): Promise<Isolated> {
  const org = await repo.findOrganisation(db, organisationId);
  if (!org) throw errors.organisationNotFound();
  const access = namedAccess(actor, org);
  if (access.names === null && !access.counts) throw errors.organisationNotFound();
  let pupils = await pupilsConnectivity(db, [org.id], now);
  if (Array.isArray(access.names)) {
    const mine = new Set(access.names);
    pupils = pupils.filter((p) => p.classId !== null && mine.has(p.classId));
  }
  const cut = pupils.filter((p) => isIsolated(p.answer, org.tvReception));
  const named = access.names !== null;
  const limit = threshold();
  const small = (n: number) => (!named && n > 0 && n < limit ? null : n);
  const answered = pupils.filter((p) => p.answer !== null).length;
  const isolated = small(cut.length);
  return {
    organisation: { id: org.id, name: org.name },
    settlement: { id: org.settlementId, name: org.settlement, tvReception: org.tvReception, internet: org.internet },
    named,
    // officers: one row; a hidden count hides its complements (answered - isolated would give it away)
    summary: {
      pupils: pupils.length,
      answered: isolated === null ? null : small(answered),
      isolated,
      isolatedInPerson: isolated === null ? null : small(cut.filter((p) => p.inPerson).length),
    },
    pupils: named
      ? cut.map((p) => ({
          id: p.personId,
          lastName: p.name.lastName,
          firstName: p.name.firstName,
          middleName: p.name.middleName,
          className: p.className,
          inPerson: p.inPerson,
        }))
      : [],
    threshold: limit,
  };
}

/** A district's cut-off pupils counted per school and per settlement (suppressed), for its officers. */
export async function districtIsolated(db: Queryable, actor: Actor, districtId: number, now: Date): Promise<DistrictIsolated> {
  const district = await visibleDistrict(db, actor, districtId);
  const schools = await repo.schoolsOfDistrict(db, district.id);
  const pupils = await districtPupils(db, schools, now);
  const tv = new Map(schools.map((s) => [s.settlementId, s.tvReception]));
  const counts = new Map(schools.map((s) => [s.id, { pupils: 0, isolated: 0 }]));
  for (const p of pupils) {
    const c = counts.get(p.organisationId)!;
    c.pupils++;
    if (isIsolated(p.answer, tv.get(p.settlementId) ?? true)) c.isolated++;
  }
  const limit = threshold();
  const published = publishBySchool(
    schools.map((s) => ({ settlementId: s.settlementId, value: counts.get(s.id)!.isolated })),
    limit,
    true,
  );
  const settlementIds = [...new Set(schools.map((s) => s.settlementId))];
  return {
    district: { id: district.id, name: district.name },
    schools: schools.map((s, i) => ({
      organisation: { id: s.id, name: s.name },
      settlement: { id: s.settlementId, name: s.settlement },
      pupils: counts.get(s.id)!.pupils,
      isolated: published.schools[i]!,
    })),
    settlements: settlementIds.map((id) => {
      const first = schools.find((s) => s.settlementId === id)!;
      return {
        settlement: { id, name: first.settlement },
        pupils: schools.filter((s) => s.settlementId === id).reduce((n, s) => n + counts.get(s.id)!.pupils, 0),
        isolated: published.settlements.get(id) ?? null,
      };
    }),
    total: { pupils: pupils.length, isolated: published.total },
    threshold: limit,
  };
}

/** Settlements without reception of a national channel, with their schools' pupils, grouped by district (issue 10 item 3). */
export async function withoutReception(
  db: Queryable,
  actor: Actor,
  q: { districtId?: number; regionId?: number; channel?: string },
): Promise<WithoutReception> {
  if (q.districtId !== undefined) await visibleDistrict(db, actor, q.districtId);
  else if (q.regionId !== undefined) {
    if (!(await repo.regionExists(db, q.regionId)) || !coversRegion(actor, q.regionId)) throw errors.regionNotFound();
  } else throw errors.areaRequired();
  const chans = await repo.channels(db);
  if (q.channel !== undefined && !chans.some((c) => c.code === q.channel)) throw errors.unknownChannel();
  const rows = await repo.withoutReception(
    db,
    q.districtId !== undefined ? { districtId: q.districtId, channel: q.channel } : { regionId: q.regionId, channel: q.channel },
  );
  const districts = new Map<number, WithoutReception['districts'][number]>();
  for (const r of rows) {
    let d = districts.get(r.districtId);
    if (!d) {
      d = { district: { id: r.districtId, name: r.district }, settlements: [], totals: { settlements: 0, withPupils: 0, pupils: 0 } };
      districts.set(r.districtId, d);
    }
    d.settlements.push({ id: r.id, name: r.name, missing: r.missing, pupils: r.pupils, schools: r.schools });
    d.totals.settlements++;
    if (r.pupils > 0) d.totals.withPupils++;
    d.totals.pupils += r.pupils;
  }
  const list = [...districts.values()];
  return {
    channels: chans.map((c) => ({ code: c.code, name: c.name })),
    districts: list,
    totals: {
      settlements: list.reduce((n, d) => n + d.totals.settlements, 0),
      withPupils: list.reduce((n, d) => n + d.totals.withPupils, 0),
      pupils: list.reduce((n, d) => n + d.totals.pupils, 0),
    },
  };
}

import type { RegionDef } from './geography.js';

/**
 * How many colleges, universities, kindergartens (and mini-centres), clubs of additional education
 * and special schools each unit gets, and how many learners they hold. Figures the source documents
 * give (../shared/seeds, summarised in SEED-FACTS.md) are used as they stand; every other unit is
 * estimated from them: per school or per pupil in the units where the documents give both, or by
 * sharing out what remains of a national total. Pure functions: tests check the plan without
 * generating anything.
 */
export interface InstitutionCounts {
  colleges: number;
  collegeStudents: number;
  universities: number;
  universityStudents: number;
  /** kindergartens proper (state and private) */
  kindergartens: number;
  /** mini-centres: one or two pre-school groups, mostly in villages */
  miniCentres: number;
  /** children in kindergartens and mini-centres together */
  preschoolChildren: number;
  /** of which in mini-centres */
  miniCentreChildren: number;
  /** organisations of additional education (clubs, circles, sports and music schools) */
  clubs: number;
  /** places in their groups, taken by the unit's school pupils (at most one club each) */
  clubMembers: number;
  /** special (correctional) schools and boarding schools */
  specialSchools: number;
  specialPupils: number;
}

export interface InstitutionPlan extends InstitutionCounts {
  def: RegionDef;
}

/** National figures: SEED-FACTS (139 universities, > 0.5 million students; about 800 colleges). */
export const COUNTRY_INSTITUTIONS = {
  colleges: 800,
  /** not in the documents: the order of magnitude of 2020-21 (about 490 thousand in technical and vocational education) */
  collegeStudents: 490_000,
  universities: 139,
  universityStudents: 500_000,
} as const;

/** What the documents say per unit (2020-21). Missing fields are estimated. */
export const REGION_INSTITUTION_FACTS: Record<string, Partial<InstitutionCounts>> = {
  // 69 colleges with more than 32 thousand students; 345 kindergartens and 446 mini-centres, 56,993 children;
  // 12 special organisations with 1,633 children
  'east-kazakhstan': {
    colleges: 69,
    collegeStudents: 32_000,
    kindergartens: 345,
    miniCentres: 446,
    preschoolChildren: 56_993,
    specialSchools: 12,
    specialPupils: 1_633,
  },
  karaganda: { colleges: 69 },
  // 186 kindergartens (22.7 thousand children) and 399 mini-centres (9 thousand); 45 organisations of additional
  // education with about 39 thousand pupils; 2 boarding schools (506) and 4 special schools (259); 34 colleges, > 22 thousand
  kostanay: {
    colleges: 34,
    collegeStudents: 22_000,
    kindergartens: 186,
    miniCentres: 399,
    preschoolChildren: 31_700,
    miniCentreChildren: 9_000,
    clubs: 45,
    clubMembers: 39_000,
    specialSchools: 6,
    specialPupils: 765,
  },
  // 304 kindergartens with 36,315 children, 4 special organisations, 27 colleges with 19,422 students
  mangystau: { colleges: 27, collegeStudents: 19_422, kindergartens: 304, miniCentres: 0, preschoolChildren: 36_315, specialSchools: 4 },
  // 76 colleges, 28,758 students expected
  'almaty-region': { colleges: 76, collegeStudents: 28_758 },
  'north-kazakhstan': { colleges: 25 },
  // seven special boarding schools with 854 pupils, 40 organisations of additional education with 18,621
  'west-kazakhstan': { clubs: 40, clubMembers: 18_621, specialSchools: 7, specialPupils: 854 },
  // 13 rural colleges on a regular basis and 28 at a distance
  aktobe: { colleges: 41 },
  // 43 organisations of technical and vocational education
  pavlodar: { colleges: 43 },
};

/**
 * Universities per unit: an estimate (the documents give only the national 139). Most are in the
 * two big cities and the regional centres.
 */
export const UNIVERSITIES_BY_REGION: Record<string, number> = {
  'almaty-city': 40,
  'nur-sultan': 17,
  shymkent: 12,
  karaganda: 10,
  'east-kazakhstan': 8,
  turkistan: 7,
  aktobe: 5,
  kostanay: 5,
  pavlodar: 5,
  'west-kazakhstan': 5,
  zhambyl: 5,
  'almaty-region': 5,
  akmola: 4,
  kyzylorda: 3,
  atyrau: 3,
  mangystau: 3,
  'north-kazakhstan': 2,
};

/** Average children of a mini-centre (Kostanay: 9 thousand in 399). */
const MINI_CENTRE_CHILDREN = 9_000 / 399;

/** Shares `total` in proportion to `weights`, largest remainders first: the parts sum to `total` exactly. */
export function apportion(total: number, weights: number[]): number[] {
  const sw = weights.reduce((a, b) => a + b, 0);
  if (sw <= 0 || total <= 0) return weights.map(() => 0);
  const raw = weights.map((w) => (w * total) / sw);
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k]![1]]!++;
  return parts;
}

type SchoolTarget = { def: RegionDef; schools: number; pupils: number };

/**
 * The country's plan: every unit, SEED-FACTS figures where given, estimates elsewhere; the national
 * totals of colleges, universities and their students are exact.
 */
export function planCountryInstitutions(targets: SchoolTarget[]): InstitutionPlan[] {
  const fact = (t: SchoolTarget) => REGION_INSTITUTION_FACTS[t.def.code] ?? {};
  const known = <K extends keyof InstitutionCounts>(k: K) => targets.filter((t) => fact(t)[k] !== undefined);
  const sumOf = (ts: SchoolTarget[], f: (t: SchoolTarget) => number) => ts.reduce((s, t) => s + f(t), 0);
  /** per school / per pupil ratio of the units whose documents give `k` */
  const ratio = (k: keyof InstitutionCounts, per: 'schools' | 'pupils') => {
    const ts = known(k);
    return sumOf(ts, (t) => fact(t)[k]!) / sumOf(ts, (t) => t[per]);
  };

  // colleges: the units without a figure share what is left of ~800 by pupils; students likewise by colleges
  const colleges = fill(
    targets,
    (t) => fact(t).colleges,
    COUNTRY_INSTITUTIONS.colleges,
    (t) => t.pupils,
  );
  const collegeStudents = fill(
    targets,
    (t) => fact(t).collegeStudents,
    COUNTRY_INSTITUTIONS.collegeStudents,
    (_, i) => colleges[i]!,
  );
  const universities = targets.map((t) => UNIVERSITIES_BY_REGION[t.def.code] ?? 0);
  // the big cities' universities are larger than the regions'
  const universityStudents = apportion(
    COUNTRY_INSTITUTIONS.universityStudents,
    targets.map((t, i) => universities[i]! * (t.def.kind === 'city' ? 1.4 : 1)),
  );

  const kgPerSchool = ratio('kindergartens', 'schools');
  const miniPerSchool = ratio('miniCentres', 'schools');
  const childrenPerPupil = ratio('preschoolChildren', 'pupils');
  const clubsPerSchool = ratio('clubs', 'schools');
  const membersPerPupil = ratio('clubMembers', 'pupils');
  const specialPerSchool = ratio('specialSchools', 'schools');
  const specialPerPupil = ratio('specialPupils', 'pupils');

  return targets.map((t, i) => {
    const f = fact(t);
    const kindergartens = f.kindergartens ?? Math.round(kgPerSchool * t.schools);
    // mini-centres are a village form: the cities have few
    const miniCentres = f.miniCentres ?? Math.round(miniPerSchool * t.schools * (t.def.kind === 'city' ? 0.1 : 1));
    const preschoolChildren = f.preschoolChildren ?? Math.round(childrenPerPupil * t.pupils);
    return {
      def: t.def,
      colleges: colleges[i]!,
      collegeStudents: collegeStudents[i]!,
      universities: universities[i]!,
      universityStudents: universityStudents[i]!,
      kindergartens,
      miniCentres,
      preschoolChildren,
      miniCentreChildren: f.miniCentreChildren ?? Math.min(Math.round(miniCentres * MINI_CENTRE_CHILDREN), Math.round(preschoolChildren * 0.4)),
      clubs: f.clubs ?? Math.max(1, Math.round(clubsPerSchool * t.schools)),
      clubMembers: f.clubMembers ?? Math.round(membersPerPupil * t.pupils),
      specialSchools: f.specialSchools ?? Math.max(1, Math.round(specialPerSchool * t.schools)),
      specialPupils: f.specialPupils ?? Math.round(specialPerPupil * t.pupils),
    };
  });
}

/** Known values stay; the rest share `total - known` by `weight`. */
function fill(
  targets: SchoolTarget[],
  given: (t: SchoolTarget) => number | undefined,
  total: number,
  weight: (t: SchoolTarget, i: number) => number,
): number[] {
  const knownSum = targets.reduce((s, t) => s + (given(t) ?? 0), 0);
  const openIdx = targets.flatMap((t, i) => (given(t) === undefined ? [i] : []));
  const shares = apportion(
    Math.max(0, total - knownSum),
    openIdx.map((i) => weight(targets[i]!, i)),
  );
  const out = targets.map((t) => given(t) ?? 0);
  openIdx.forEach((i, k) => {
    out[i] = shares[k]!;
  });
  return out;
}

/**
 * Scales a plan down for tests and small runs: every kind a unit has keeps at least one
 * organisation, learners shrink with the factor (never below a few per organisation).
 */
export function scalePlan(p: InstitutionPlan, scale: number): InstitutionPlan {
  if (scale === 1) return p;
  const orgs = (n: number) => (n > 0 ? Math.max(1, Math.round(n * scale)) : 0);
  const people = (n: number, perOrg: number, min: number) => (perOrg > 0 ? Math.max(perOrg * min, Math.round(n * scale)) : 0);
  const colleges = orgs(p.colleges);
  const universities = orgs(p.universities);
  const kindergartens = orgs(p.kindergartens);
  const miniCentres = orgs(p.miniCentres);
  const clubs = orgs(p.clubs);
  const specialSchools = orgs(p.specialSchools);
  const miniCentreChildren = people(p.miniCentreChildren, miniCentres, 10);
  return {
    def: p.def,
    colleges,
    collegeStudents: people(p.collegeStudents, colleges, 60),
    universities,
    universityStudents: people(p.universityStudents, universities, 100),
    kindergartens,
    miniCentres,
    miniCentreChildren,
    preschoolChildren: miniCentreChildren + people(p.preschoolChildren - p.miniCentreChildren, kindergartens, 40),
    clubs,
    clubMembers: people(p.clubMembers, clubs, 15),
    specialSchools,
    specialPupils: people(p.specialPupils, specialSchools, 30),
  };
}

export function planFor(code: string, targets: SchoolTarget[]): InstitutionPlan {
  const p = planCountryInstitutions(targets).find((x) => x.def.code === code);
  if (!p) throw new Error(`No unit ${code}`);
  return p;
}

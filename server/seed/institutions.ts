import { STUDY_PROGRAMMES, SUBJECTS, type InstructionLanguage, type StudyProgramme } from './curriculum.js';
import type { SeedContext } from './context.js';
import type { InstitutionPlan } from './institutions-plan.js';
import { populateOrganisation, staff, type ClassSpec, type Family, type Names, type OrgKind, type OrgSpec } from './organisation.js';
import { kindergartenGroup, schoolClass, studentGroup } from './plans.js';
import { Rng } from './random.js';

/**
 * The organisations of a unit other than its day schools: colleges with specialty groups,
 * universities, kindergartens and mini-centres, clubs of additional education (groups of at most
 * five of the unit's own school pupils) and special schools. Written after the unit's schools, one
 * organisation at a time, into the same COPY stream (see bulk.ts).
 */

/** Where the unit's organisations can stand: its cities and the villages its schools created. */
export interface UnitPlaces {
  def: InstitutionPlan['def'];
  regionId: number;
  urban: { id: number; settlementId: number; city: Names }[];
  rural: { id: number; villages: { id: number; name: [string, string, string] }[] }[];
}

/** The unit's school pupils by district, for the clubs: parallel arrays (flat memory). */
export class PupilPool {
  private byDistrict = new Map<number, { ids: number[]; grades: number[]; mothers: number[]; fathers: number[] }>();
  /** families by settlement, for younger brothers and sisters in kindergartens */
  readonly families = new Map<number, Family[]>();

  add(districtId: number, personId: number, grade: number, family: Family | null): void {
    let d = this.byDistrict.get(districtId);
    if (!d) {
      d = { ids: [], grades: [], mothers: [], fathers: [] };
      this.byDistrict.set(districtId, d);
    }
    d.ids.push(personId);
    d.grades.push(grade);
    d.mothers.push(family?.motherId ?? 0);
    d.fathers.push(family?.fatherId ?? 0);
  }

  addFamilies(settlementId: number, families: Family[]): void {
    const list = this.families.get(settlementId);
    if (list) for (const f of families) list.push(f);
    else this.families.set(settlementId, [...families]);
  }

  /** Up to `n` pupils of the given districts not drawn before, in a deterministic shuffled order. */
  draw(rng: Rng, districtIds: number[], n: number): { id: number; grade: number; parents: number[] }[] {
    const out: { id: number; grade: number; parents: number[] }[] = [];
    for (const districtId of districtIds) {
      const d = this.byDistrict.get(districtId);
      if (!d) continue;
      while (out.length < n && d.ids.length) {
        // swap-remove a random pupil: each is drawn at most once (one club each)
        const i = rng.int(0, d.ids.length - 1);
        out.push({ id: d.ids[i]!, grade: d.grades[i]!, parents: [d.mothers[i]!, d.fathers[i]!].filter((x) => x > 0) });
        for (const a of [d.ids, d.grades, d.mothers, d.fathers]) {
          a[i] = a[a.length - 1]!;
          a.pop();
        }
      }
      if (out.length >= n) break;
    }
    return out;
  }
}

/** Sizes of `n` organisations summing exactly to `total`: log-normal around the mean, at least `min`. */
export function spreadSizes(rng: Rng, n: number, total: number, sigma: number, min: number): number[] {
  if (n === 0) return [];
  const w = Array.from({ length: n }, () => Math.exp(sigma * rng.normal()));
  const sw = w.reduce((a, b) => a + b, 0);
  const sizes = w.map((x) => Math.max(min, Math.round((x / sw) * total)));
  let diff = total - sizes.reduce((a, b) => a + b, 0);
  // take the difference from (or give it to) the largest ones first
  const order = sizes
    .map((s, i) => [s, i] as const)
    .sort((a, b) => b[0] - a[0])
    .map(([, i]) => i);
  for (let k = 0; diff !== 0 && k < order.length * 4; k++) {
    const i = order[k % order.length]!;
    const step = diff > 0 ? diff : Math.max(diff, min - sizes[i]!);
    sizes[i]! += step;
    diff -= step;
  }
  return sizes;
}

const strip = (n: Names) => ({ kk: n.kk.replace(/ қаласы$/, ''), ru: n.ru.replace(/^город /, ''), en: n.en.replace(/ City$/, '') });

export async function writeInstitutions(ctx: SeedContext, places: UnitPlaces, plan: InstitutionPlan, pool: PupilPool): Promise<void> {
  const { def } = places;
  const rng = Rng.from(`institutions:${def.code}`);
  const ruShare = Math.max(0, Math.min(1, (1 - def.kazakhShare) * 1.2));
  const villages = places.rural.flatMap((d) => d.villages.map((v) => ({ districtId: d.id, ...v })));
  const city = (k: number) => places.urban[k % places.urban.length]!;
  const base = (key: string, kind: OrgKind, at: { districtId: number; settlementId: number }, names: Names, language: OrgSpec['instructionLanguage']) => ({
    key,
    kind,
    names,
    settlementId: at.settlementId,
    districtId: at.districtId,
    regionId: places.regionId,
    timeZone: def.timeZone,
    kazakhShare: language === 'ru' ? Math.min(def.kazakhShare, 0.35) : def.kazakhShare,
    instructionLanguage: language,
  });
  const pickLanguage = (r: Rng): OrgSpec['instructionLanguage'] => (r.chance(ruShare * 0.6) ? 'kk_ru' : r.chance(ruShare * 0.5) ? 'ru' : 'kk');
  const groupLanguage = (r: Rng, l: OrgSpec['instructionLanguage']): InstructionLanguage =>
    l === 'kk_ru' ? (r.chance(ruShare) ? 'ru' : 'kk') : l === 'ru' ? 'ru' : 'kk';
  const numbered = new Map<string, number>();
  const nth = (key: string) => {
    const n = (numbered.get(key) ?? 0) + 1;
    numbered.set(key, n);
    return n;
  };

  // ── colleges: a quarter in villages (small, agricultural and technical), the rest in the cities ─────
  const ruralColleges = places.rural.length && villages.length ? Math.round(plan.colleges * 0.25) : 0;
  const ruralStudents = Math.min(Math.round(plan.collegeStudents * 0.1), ruralColleges * 250);
  const collegeSizes = [
    ...spreadSizes(rng, ruralColleges, ruralStudents, 0.4, 40),
    ...spreadSizes(rng, plan.colleges - ruralColleges, plan.collegeStudents - ruralStudents, 0.5, 60),
  ];
  for (const [i, students] of collegeSizes.entries()) {
    const r = Rng.from(`bulk:${def.code}:college:${i}`);
    const rural = i < ruralColleges;
    const type = rural ? COLLEGE_TYPES.agro : r.pick(URBAN_COLLEGE_TYPES);
    const language = pickLanguage(r);
    let at: { districtId: number; settlementId: number };
    let names: Names;
    if (rural) {
      const v = r.pick(villages);
      at = { districtId: v.districtId, settlementId: v.id };
      const n = nth(`college:${v.id}`);
      const no = n > 1 ? ` №${n}` : '';
      names = {
        kk: `${v.name[0]} ауылының${no} ${type.kk} колледжі`,
        ru: `${type.ru} колледж${no} села ${v.name[1]}`,
        en: `${v.name[2]} Village ${type.en} College${n > 1 ? ` No. ${n}` : ''}`,
      };
    } else {
      const c = city(i);
      at = { districtId: c.id, settlementId: c.settlementId };
      const n = nth(`college:${c.settlementId}:${type.en}`);
      const no = n > 1 ? ` №${n}` : '';
      const p = strip(c.city);
      names = {
        kk: `${p.kk}${no} ${type.kk} колледжі`,
        ru: `${type.ru} колледж${no} города ${p.ru}`,
        en: `${p.en} ${type.en} College${n > 1 ? ` No. ${n}` : ''}`,
      };
    }
    const groups = studentGroups(r, 'college', students, rural ? 20 : 25, type.programmes, () => groupLanguage(r, language), [0.3, 0.28, 0.24, 0.18]);
    populateOrganisation(ctx, r, { ...base(`bulk:${def.code}:college:${i}`, 'college', at, names, language), classes: groups });
    await ctx.w.checkpoint();
  }

  // ── universities: in the regional centre (or the city's districts) ────────────────────────────
  for (const [i, students] of spreadSizes(rng, plan.universities, plan.universityStudents, 0.6, 300).entries()) {
    const r = Rng.from(`bulk:${def.code}:university:${i}`);
    const type = i === 0 ? UNIVERSITY_TYPES[0]! : r.pick(UNIVERSITY_TYPES);
    const c = city(i);
    const p = strip(c.city);
    const n = nth(`university:${c.settlementId}:${type.en}`);
    const language = 'kk_ru'; // every university teaches in both languages
    const names: Names =
      n > 1
        ? { kk: `${p.kk} №${n} ${type.kk}`, ru: `${type.ru} №${n} (${p.ru})`, en: `${p.en} ${type.en} No. ${n}` }
        : { kk: `${p.kk} ${type.kk}`, ru: `${type.ru} (${p.ru})`, en: `${p.en} ${type.en}` };
    const groups = studentGroups(r, 'university', students, 25, type.programmes, () => groupLanguage(r, language), [0.29, 0.26, 0.24, 0.21]);
    populateOrganisation(ctx, r, {
      ...base(`bulk:${def.code}:university:${i}`, 'university', { districtId: c.id, settlementId: c.settlementId }, names, language),
      classes: groups,
    });
    await ctx.w.checkpoint();
  }

  // ── kindergartens (half in the cities) and mini-centres (villages) ────────────────────────────
  const kgChildren = plan.preschoolChildren - plan.miniCentreChildren;
  const kgSizes = spreadSizes(rng, plan.kindergartens, kgChildren, 0.45, 20);
  const miniSizes = spreadSizes(rng, plan.miniCentres, plan.miniCentreChildren, 0.3, 5);
  const preschool = (i: number, children: number, mini: boolean) => {
    const r = Rng.from(`bulk:${def.code}:${mini ? 'mini' : 'kindergarten'}:${i}`);
    const inVillage = villages.length > 0 && (mini || r.chance(0.5));
    const v = inVillage ? r.pick(villages) : null;
    const c = city(i);
    const at = v ? { districtId: v.districtId, settlementId: v.id } : { districtId: c.id, settlementId: c.settlementId };
    const name = KG_NAMES[r.int(0, KG_NAMES.length - 1)]!;
    const language: OrgSpec['instructionLanguage'] = r.chance(ruShare * 0.7) ? 'ru' : 'kk';
    const n = nth(`kg:${at.settlementId}:${name[2]}`);
    const no = n > 1 ? ` №${n}` : '';
    const place = v
      ? { kk: `${v.name[0]} ауылының`, ru: `села ${v.name[1]}`, en: `${v.name[2]} Village` }
      : { kk: `${strip(c.city).kk} қаласының`, ru: `города ${strip(c.city).ru}`, en: strip(c.city).en };
    const names: Names = mini
      ? {
          kk: `${place.kk}${no} «${name[0]}» шағын орталығы`,
          ru: `Мини-центр «${name[1]}»${no} ${place.ru}`,
          en: `${name[2]} Mini-Centre${n > 1 ? ` No. ${n}` : ''}, ${place.en}`,
        }
      : {
          kk: `${place.kk}${no} «${name[0]}» бөбекжай-бақшасы`,
          ru: `Ясли-сад «${name[1]}»${no} ${place.ru}`,
          en: `${name[2]} Kindergarten${n > 1 ? ` No. ${n}` : ''}, ${place.en}`,
        };
    const families = pool.families.get(at.settlementId);
    populateOrganisation(
      ctx,
      r,
      { ...base(`bulk:${def.code}:${mini ? 'mini' : 'kg'}:${i}`, 'kindergarten', at, names, language), classes: preschoolGroups(r, children, mini ? 20 : 25) },
      families?.length ? { siblingFamilies: { families, share: 0.3 } } : {},
    );
  };
  for (const [i, n] of kgSizes.entries()) {
    preschool(i, n, false);
    await ctx.w.checkpoint();
  }
  for (const [i, n] of miniSizes.entries()) {
    preschool(i, n, true);
    await ctx.w.checkpoint();
  }

  // ── special schools: mostly in the cities, some boarding schools in villages ───────────────────
  for (const [i, pupils] of spreadSizes(rng, plan.specialSchools, plan.specialPupils, 0.4, 20).entries()) {
    const r = Rng.from(`bulk:${def.code}:special:${i}`);
    const v = villages.length && r.chance(0.3) ? r.pick(villages) : null;
    const c = city(i);
    const at = v ? { districtId: v.districtId, settlementId: v.id } : { districtId: c.id, settlementId: c.settlementId };
    const boarding = r.chance(0.5);
    const n = nth(`special:${at.settlementId}`);
    const place = v
      ? { kk: `${v.name[0]} ауылының`, ru: `села ${v.name[1]}`, en: `${v.name[2]} Village` }
      : { kk: `${strip(c.city).kk} қаласының`, ru: `города ${strip(c.city).ru}`, en: strip(c.city).en };
    const type = boarding
      ? ['арнайы мектеп-интернаты', 'Специальная школа-интернат', 'Special Boarding School']
      : ['арнайы мектебі', 'Специальная (коррекционная) школа', 'Special (Correctional) School'];
    const names: Names = { kk: `${place.kk} №${n} ${type[0]}`, ru: `${type[1]} №${n} ${place.ru}`, en: `${place.en} ${type[2]} No. ${n}` };
    const language: OrgSpec['instructionLanguage'] = r.chance(ruShare) ? 'ru' : 'kk';
    populateOrganisation(ctx, r, {
      ...base(`bulk:${def.code}:special:${i}`, 'school', at, names, language),
      classes: specialClasses(pupils, language === 'ru' ? 'ru' : 'kk'),
    });
    await ctx.w.checkpoint();
  }

  // ── clubs of additional education: the unit's own pupils, groups of at most five ─────────────
  const memberSizes = spreadSizes(rng, plan.clubs, plan.clubMembers, 0.6, 5);
  for (const [i, members] of memberSizes.entries()) {
    const r = Rng.from(`bulk:${def.code}:club:${i}`);
    // most in the cities; the rest in a rural district's village, for that district's pupils
    const d = places.rural.length && villages.length && r.chance(0.35) ? r.pick(places.rural.filter((x) => x.villages.length)) : null;
    const c = city(i);
    const v = d ? d.villages[0]! : null;
    const at = v && d ? { districtId: d.id, settlementId: v.id } : { districtId: c.id, settlementId: c.settlementId };
    const type = CLUB_TYPES[i % CLUB_TYPES.length]!;
    const n = nth(`club:${at.settlementId}:${type.en}`);
    const place = v
      ? { kk: `${v.name[0]} ауылының`, ru: `села ${v.name[1]}`, en: `${v.name[2]} Village` }
      : { kk: `${strip(c.city).kk} қаласының`, ru: `города ${strip(c.city).ru}`, en: strip(c.city).en };
    const names: Names = { kk: `${place.kk} №${n} ${type.kk}`, ru: `${type.ru} №${n} ${place.ru}`, en: `${place.en} ${type.en} No. ${n}` };
    // its own district's pupils first, then (a large club, a small district) those of the others
    const all = [...places.urban.map((u) => u.id), ...places.rural.map((x) => x.id)];
    const own = d ? d.id : c.id;
    const districts = [own, ...all.filter((x) => x !== own)];
    const pupils = pool.draw(r, districts, members);
    writeClub(ctx, r, { ...base(`bulk:${def.code}:club:${i}`, 'additional', at, names, 'kk_ru'), classes: [] }, type.subjects, pupils);
    await ctx.w.checkpoint();
  }
}

/** Groups of one college or university: programmes share the students, study years by weight. */
function studentGroups(
  rng: Rng,
  level: 'college' | 'university',
  students: number,
  size: number,
  programmes: readonly StudyProgramme[],
  language: (p: StudyProgramme) => InstructionLanguage,
  yearWeights: number[],
): ClassSpec[] {
  const count = Math.max(1, Math.round(students / size));
  const groups: ClassSpec[] = [];
  const counters = new Map<string, number>();
  const perGroup = Array.from({ length: count }, (_, k) => Math.floor(students / count) + (k < students % count ? 1 : 0));
  perGroup.forEach((n, k) => {
    const specialty = programmes[k % programmes.length]!;
    const year = 1 + (yearWeights.length > 0 ? pickIndex(rng, yearWeights) : 0);
    const key = `${STUDY_PROGRAMMES[specialty].groupPrefix}-${21 - year}`;
    const no = (counters.get(key) ?? 0) + 1;
    counters.set(key, no);
    groups.push(studentGroup(level, { name: `${key}-${no}`, specialty, studyYear: year, language: language(specialty), size: n }));
  });
  return groups;
}

function pickIndex(rng: Rng, weights: number[]): number {
  return rng.weighted(weights.map((w, i) => [i, w] as const));
}

/** Age groups of a kindergarten, born 2015-2019 (the pre-school year is the oldest). */
const AGE_BANDS: [from: string, to: string, weight: number][] = [
  ['2018-09-02', '2019-09-01', 0.12],
  ['2017-09-02', '2018-09-01', 0.2],
  ['2016-09-02', '2017-09-01', 0.22],
  ['2015-09-02', '2016-09-01', 0.23],
  ['2014-09-02', '2015-09-01', 0.23],
];
const GROUP_NAMES = ['Балапан', 'Ботақан', 'Балдырған', 'Күншуақ', 'Айгөлек', 'Қарлығаш', 'Жұлдызай', 'Құлыншақ', 'Бөбек', 'Шұғыла', 'Еркетай', 'Гүлдер'];

function preschoolGroups(rng: Rng, children: number, max: number): ClassSpec[] {
  const groups: ClassSpec[] = [];
  const offset = rng.int(0, GROUP_NAMES.length - 1);
  const add = (bornFrom: string, bornTo: string, size: number) => {
    const i = groups.length;
    const base = GROUP_NAMES[(offset + i) % GROUP_NAMES.length]!;
    const name = i >= GROUP_NAMES.length ? `${base} ${Math.floor(i / GROUP_NAMES.length) + 1}` : base;
    groups.push(kindergartenGroup({ name, bornFrom, bornTo, size }));
  };
  const count = Math.max(1, Math.ceil(children / max));
  const sizes = (n: number, k: number) => Array.from({ length: k }, (_, j) => Math.floor(n / k) + (j < n % k ? 1 : 0));
  if (count < AGE_BANDS.length) {
    // a small kindergarten or a mini-centre: mixed-age groups, each a run of neighbouring age bands
    sizes(children, count).forEach((n, g) => {
      const first = Math.floor((g * AGE_BANDS.length) / count);
      const last = Math.floor(((g + 1) * AGE_BANDS.length) / count) - 1;
      add(AGE_BANDS[last]![0], AGE_BANDS[first]![1], n);
    });
    return groups;
  }
  const per = AGE_BANDS.map(([, , w]) => Math.floor(w * children));
  for (let left = children - per.reduce((a, b) => a + b, 0), k = AGE_BANDS.length - 1; left > 0; left--, k = (k + AGE_BANDS.length - 1) % AGE_BANDS.length)
    per[k]!++;
  per.forEach((n, b) => {
    if (n > 0) for (const m of sizes(n, Math.ceil(n / max))) add(AGE_BANDS[b]![0], AGE_BANDS[b]![1], m);
  });
  return groups;
}

/** Classes of a special school: grades 1-9 (and 10-11 when large), at most 12 pupils a class. */
function specialClasses(pupils: number, language: InstructionLanguage): ClassSpec[] {
  const top = pupils >= 100 ? 11 : 9;
  const per = Array.from({ length: top }, (_, g) => Math.floor(pupils / top) + (g < pupils % top ? 1 : 0));
  const classes: ClassSpec[] = [];
  per.forEach((n, g) => {
    const count = Math.ceil(n / 12);
    for (let k = 0; k < count; k++) {
      classes.push(schoolLikeClass(g + 1, LETTERS[k] ?? `${k + 1}`, language, Math.floor(n / count) + (k < n % count ? 1 : 0)));
    }
  });
  return classes;
}
const LETTERS = ['А', 'Ә', 'Б', 'В'];

function schoolLikeClass(grade: number, letter: string, language: InstructionLanguage, size: number): ClassSpec {
  return schoolClass({ grade, letter, language, shift: 1, size });
}

const SCHOOL_YEAR_START = '2020-09-01';
export const CLUB_GROUP_MAX = 5;

/**
 * A club of additional education: a director, teachers who each lead up to 16 groups of one
 * activity, groups of 2-5 school pupils of about the same age (SEED-FACTS: at most five), in the
 * afternoon shift. Members keep their school; they get the pupil role here and their parents the parent role.
 */
function writeClub(ctx: SeedContext, rng: Rng, org: OrgSpec, subjects: readonly string[], pupils: { id: number; grade: number; parents: number[] }[]): void {
  const w = ctx.w;
  const orgId = w.id('organisations');
  w.add('organisations', [
    orgId,
    org.settlementId,
    org.districtId,
    org.regionId,
    'additional',
    org.names.kk,
    org.names.ru,
    org.names.en,
    ctx.bin(rng),
    org.instructionLanguage,
    pupils.length,
    org.timeZone,
  ]);
  const scope = { organisationId: orgId };
  ctx.grant(staff(ctx, rng, org, rng.chance(0.6) ? 'f' : 'm', 1962, 1982), 'org_admin', scope);

  // by age, so a group's members are close in grade
  const sorted = [...pupils].sort((a, b) => a.grade - b.grade || a.id - b.id);
  const groups: (typeof pupils)[] = [];
  for (let k = 0; k < sorted.length; ) {
    const size = Math.min(sorted.length - k, rng.int(2, CLUB_GROUP_MAX));
    groups.push(sorted.slice(k, k + size));
    k += size;
  }
  const counters = new Map<string, number>();
  // each activity has its own teachers; a new one when the current one leads 16 groups
  const leading = new Map<string, { teacher: number; led: number }>();
  const parentsGranted = new Set<number>();
  groups.forEach((members, g) => {
    const subject = subjects[g % subjects.length]!;
    let lead = leading.get(subject);
    if (!lead || lead.led >= 16) {
      lead = { teacher: staff(ctx, rng, org, rng.chance(0.6) ? 'f' : 'm', 1960, 1998), led: 0 };
      ctx.grant(lead.teacher, 'teacher', scope);
      leading.set(subject, lead);
    }
    lead.led++;
    const teacher = lead.teacher;
    const no = (counters.get(subject) ?? 0) + 1;
    counters.set(subject, no);
    const def = SUBJECTS.find((s) => s.code === subject)!;
    const classId = w.id('classes');
    w.add('classes', [classId, orgId, ctx.currentYearId, 'group', null, null, `${def.kk} ${no}`, null, null, 2, teacher]);
    w.add('teaching_assignments', [w.id('teaching_assignments'), teacher, classId, ctx.subjectId(subject)]);
    for (const m of members) {
      w.add('class_members', [classId, m.id, SCHOOL_YEAR_START]);
      ctx.grant(m.id, 'pupil', scope);
      for (const p of m.parents) {
        if (parentsGranted.has(p)) continue;
        parentsGranted.add(p);
        ctx.grant(p, 'parent', scope);
      }
    }
  });
  // a hall and rooms for the groups of one afternoon
  const rooms = Math.max(1, Math.ceil(groups.length / 10));
  for (let i = 0; i < rooms; i++) w.add('rooms', [w.id('rooms'), orgId, `${Math.floor(i / 10) + 1}${String((i % 10) + 1).padStart(2, '0')}`, 12, 'classroom']);
  w.add('rooms', [w.id('rooms'), orgId, 'Зал', 60, 'hall']);
}

const COLLEGE_TYPES = {
  agro: { kk: 'агротехникалық', ru: 'Агротехнический', en: 'Agrotechnical', programmes: ['agricultural', 'technical', 'pedagogical'] },
  poly: { kk: 'политехникалық', ru: 'Политехнический', en: 'Polytechnic', programmes: ['technical', 'it'] },
  medical: { kk: 'жоғары медициналық', ru: 'Высший медицинский', en: 'Higher Medical', programmes: ['medical'] },
  pedagogical: { kk: 'педагогикалық', ru: 'Педагогический', en: 'Pedagogical', programmes: ['pedagogical', 'humanitarian'] },
  multi: { kk: 'көпсалалы', ru: 'Многопрофильный', en: 'Multidisciplinary', programmes: ['it', 'social', 'technical', 'pedagogical'] },
  economic: { kk: 'экономика және бизнес', ru: 'Экономики и бизнеса', en: 'Economics and Business', programmes: ['social', 'it'] },
  art: { kk: 'өнер', ru: 'Художественный', en: 'Arts', programmes: ['art'] },
} as const satisfies Record<string, { kk: string; ru: string; en: string; programmes: readonly StudyProgramme[] }>;
const URBAN_COLLEGE_TYPES = [
  COLLEGE_TYPES.poly,
  COLLEGE_TYPES.poly,
  COLLEGE_TYPES.medical,
  COLLEGE_TYPES.pedagogical,
  COLLEGE_TYPES.multi,
  COLLEGE_TYPES.multi,
  COLLEGE_TYPES.economic,
  COLLEGE_TYPES.art,
  COLLEGE_TYPES.agro,
];

const UNIVERSITY_TYPES: { kk: string; ru: string; en: string; programmes: readonly StudyProgramme[] }[] = [
  {
    kk: 'мемлекеттік университеті',
    ru: 'Государственный университет',
    en: 'State University',
    programmes: ['pedagogical', 'it', 'social', 'humanitarian', 'technical', 'agricultural'],
  },
  { kk: 'медицина университеті', ru: 'Медицинский университет', en: 'Medical University', programmes: ['medical'] },
  { kk: 'педагогикалық университеті', ru: 'Педагогический университет', en: 'Pedagogical University', programmes: ['pedagogical', 'humanitarian'] },
  {
    kk: 'инженерлік-техникалық университеті',
    ru: 'Инженерно-технический университет',
    en: 'University of Engineering and Technology',
    programmes: ['technical', 'it'],
  },
  { kk: 'экономика университеті', ru: 'Экономический университет', en: 'University of Economics', programmes: ['social', 'it', 'humanitarian'] },
  { kk: 'аграрлық университеті', ru: 'Аграрный университет', en: 'Agrarian University', programmes: ['agricultural', 'technical'] },
  { kk: 'өнер академиясы', ru: 'Академия искусств', en: 'Academy of Arts', programmes: ['art'] },
];

const KG_NAMES: [string, string, string][] = [
  ['Балапан', 'Балапан', 'Balapan'],
  ['Ақбота', 'Акбота', 'Akbota'],
  ['Айгөлек', 'Айголек', 'Aigolek'],
  ['Күншуақ', 'Куншуак', 'Kunshuak'],
  ['Еркетай', 'Еркетай', 'Erketai'],
  ['Балбөбек', 'Балбобек', 'Balbobek'],
  ['Қарлығаш', 'Карлыгаш', 'Karlygash'],
  ['Шұғыла', 'Шугыла', 'Shugyla'],
  ['Бөбек', 'Бобек', 'Bobek'],
  ['Жұлдыз', 'Жулдыз', 'Zhuldyz'],
  ['Солнышко', 'Солнышко', 'Solnyshko'],
  ['Ромашка', 'Ромашка', 'Romashka'],
];

const CLUB_TYPES = [
  {
    kk: 'балалар шығармашылығы үйі',
    ru: 'Дом детского творчества',
    en: "Children's Creativity House",
    subjects: ['fine-art', 'dance', 'robotics', 'chess', 'dombra', 'choir'],
  },
  {
    kk: 'балалар-жасөспірімдер спорт мектебі',
    ru: 'Детско-юношеская спортивная школа',
    en: 'Youth Sports School',
    subjects: ['football', 'wrestling', 'chess'],
  },
  { kk: 'балалар музыка мектебі', ru: 'Детская музыкальная школа', en: "Children's Music School", subjects: ['dombra', 'choir'] },
  { kk: 'жас техниктер станциясы', ru: 'Станция юных техников', en: "Young Technicians' Station", subjects: ['robotics', 'young-naturalists', 'chess'] },
] as const;

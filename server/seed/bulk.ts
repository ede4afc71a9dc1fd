import { dayNumber, isoDate, type SeedContext } from './context.js';
import type { Geography } from './foundation.js';
import { REGIONS, regionByCode, type RegionDef } from './geography.js';
import type { SeedSize } from './module-seeders.js';
import { pickPersonName } from './names.js';
import { populateOrganisation, type ClassSpec, type Names, type OrgSpec } from './organisation.js';
import { schoolClass } from './plans.js';
import { Rng } from './random.js';
import { planCountryInstitutions, scalePlan, type InstitutionPlan } from './institutions-plan.js';
import { PupilPool, writeInstitutions } from './institutions.js';

/**
 * The large sizes: `region` is Kostanay region as SEED-FACTS.md describes it (490 schools,
 * ~108,600 pupils); `country` is all 17 units, 7,391 schools and 3.3 million pupils. Schools are
 * generated one at a time and streamed out, so memory stays flat.
 */
export const COUNTRY_SCHOOLS = 7_391;
export const COUNTRY_PUPILS = 3_300_000;
export const REGION_SIZE_CODE = 'kostanay';

export interface RegionTarget {
  def: RegionDef;
  schools: number;
  pupils: number;
}

/**
 * Per-region targets: SEED-FACTS figures where given; the units it leaves open share what remains
 * of the national totals in proportion to their estimates.
 */
export function regionTargets(size: Exclude<SeedSize, 'demo'>): RegionTarget[] {
  if (size === 'region') {
    const def = regionByCode(REGION_SIZE_CODE);
    return [{ def, schools: def.schools, pupils: def.pupils }];
  }
  const known = REGIONS.filter((r) => !r.estimated);
  const open = REGIONS.filter((r) => r.estimated);
  const sum = (rs: RegionDef[], f: (r: RegionDef) => number) => rs.reduce((s, r) => s + f(r), 0);
  const schoolsLeft = COUNTRY_SCHOOLS - sum(known, (r) => r.schools);
  const pupilsLeft = COUNTRY_PUPILS - sum(known, (r) => r.pupils);
  const openSchools = sum(open, (r) => r.schools);
  const openPupils = sum(open, (r) => r.pupils);
  const targets = REGIONS.map((def) =>
    def.estimated
      ? { def, schools: Math.round((def.schools * schoolsLeft) / openSchools), pupils: Math.round((def.pupils * pupilsLeft) / openPupils) }
      : { def, schools: def.schools, pupils: def.pupils },
  );
  // rounding: the last open unit takes the remainder so the totals are exact
  const last = targets.filter((t) => t.def.estimated).at(-1)!;
  last.schools += COUNTRY_SCHOOLS - sum2(targets, 'schools');
  last.pupils += COUNTRY_PUPILS - sum2(targets, 'pupils');
  return targets;
}
const sum2 = (ts: RegionTarget[], k: 'schools' | 'pupils') => ts.reduce((s, t) => s + t[k], 0);

/** Share of schools (by count) and of pupils in villages. SEED-FACTS: ~79% of schools are rural, many small. */
function ruralShares(def: RegionDef): { schools: number; pupils: number } {
  if (def.kind === 'city') return { schools: 0, pupils: 0 };
  const bySchools: Record<string, number> = {
    mangystau: 0.55,
    atyrau: 0.7,
    karaganda: 0.7,
    turkistan: 0.85,
    'north-kazakhstan': 0.9,
    kostanay: 0.85,
    akmola: 0.87,
  };
  const byPupils: Record<string, number> = { turkistan: 0.7, 'almaty-region': 0.6, zhambyl: 0.5, kyzylorda: 0.5, mangystau: 0.35 };
  return { schools: bySchools[def.code] ?? 0.8, pupils: byPupils[def.code] ?? 0.4 };
}

interface PlannedSchool {
  rural: boolean;
  pupils: number;
}

/** School sizes of a region: rural ones skewed small (log-normal), urban ones large. Sums are exact. */
export function planSchools(rng: Rng, target: RegionTarget): PlannedSchool[] {
  const shares = ruralShares(target.def);
  const rural = Math.round(target.schools * shares.schools);
  const urban = target.schools - rural;
  const ruralPupils = urban === 0 ? target.pupils : Math.round(target.pupils * shares.pupils);
  const spread = (n: number, total: number, sigma: number, min: number) => {
    const w = Array.from({ length: n }, () => Math.exp(sigma * rng.normal()));
    const sw = w.reduce((a, b) => a + b, 0);
    const sizes = w.map((x) => Math.max(min, Math.round((x / sw) * total)));
    // put the rounding difference on the largest school
    const diff = total - sizes.reduce((a, b) => a + b, 0);
    const big = sizes.indexOf(Math.max(...sizes));
    sizes[big] = Math.max(min, sizes[big]! + diff);
    return sizes;
  };
  return [
    ...spread(urban, target.pupils - ruralPupils, 0.45, 150).map((pupils) => ({ rural: false, pupils })),
    ...spread(rural, ruralPupils, 0.9, 5).map((pupils) => ({ rural: true, pupils })),
  ];
}

const KK_LETTERS = ['А', 'Ә', 'Б', 'В', 'Г', 'Ғ', 'Д', 'Е', 'Ж', 'З', 'И', 'К', 'Л', 'М', 'Н', 'О'];
const GRADE_WEIGHTS = [1.1, 1.1, 1.05, 1.05, 1, 1, 1, 1, 0.95, 0.6, 0.55];

/** Classes for a school of `pupils`: primary (1-4), basic (1-9) or full (1-11), Kazakh and Russian streams. */
export function planClasses(rng: Rng, pupils: number, ruShare: number, maxClass: number): ClassSpec[] {
  const top = pupils < 25 ? 4 : pupils < 80 ? 9 : 11;
  const weights = GRADE_WEIGHTS.slice(0, top);
  const sw = weights.reduce((a, b) => a + b, 0);
  const perGrade = weights.map((w) => Math.floor((w / sw) * pupils));
  for (let left = pupils - perGrade.reduce((a, b) => a + b, 0), g = 0; left > 0; left--, g = (g + 1) % top) perGrade[g]!++;
  const classes: ClassSpec[] = [];
  const twoShifts = pupils > 500;
  perGrade.forEach((n, i) => {
    if (n === 0) return;
    const grade = i + 1;
    const count = Math.ceil(n / maxClass);
    const ru = ruShare > 0 && count > 1 ? Math.round(count * ruShare) : ruShare >= 0.5 ? count : 0;
    const shift = twoShifts && ![1, 5, 9, 10, 11].includes(grade) ? 2 : 1;
    for (let k = 0; k < count; k++) {
      const size = Math.floor(n / count) + (k < n % count ? 1 : 0);
      classes.push(schoolClass({ grade, letter: KK_LETTERS[k] ?? `${k + 1}`, language: k >= count - ru ? 'ru' : 'kk', shift, size }));
    }
  });
  return classes;
}

// Village names: common Kazakh place-name parts (Ақсу, Қарабұлақ, Жаңатұрмыс…) in kk, ru and en spelling.
const PREFIXES: [string, string, string][] = [
  ['Ақ', 'Ак', 'Ak'],
  ['Қара', 'Кара', 'Kara'],
  ['Жаңа', 'Жана', 'Zhana'],
  ['Сары', 'Сары', 'Sary'],
  ['Көк', 'Кок', 'Kok'],
  ['Қызыл', 'Кызыл', 'Kyzyl'],
  ['Ұзын', 'Узын', 'Uzyn'],
  ['Тал', 'Тал', 'Tal'],
  ['Қос', 'Кос', 'Kos'],
  ['Алтын', 'Алтын', 'Altyn'],
  ['Бес', 'Бес', 'Bes'],
  ['Шұбар', 'Шубар', 'Shubar'],
];
const ROOTS: [string, string, string][] = [
  ['су', 'су', 'su'],
  ['бұлақ', 'булак', 'bulak'],
  ['тау', 'тау', 'tau'],
  ['төбе', 'тобе', 'tobe'],
  ['көл', 'коль', 'kol'],
  ['жар', 'жар', 'zhar'],
  ['ағаш', 'агаш', 'agash'],
  ['сай', 'сай', 'sai'],
  ['тоғай', 'тогай', 'togai'],
  ['өзек', 'озек', 'ozek'],
  ['қайың', 'каин', 'kaiyn'],
  ['терек', 'терек', 'terek'],
  ['құдық', 'кудук', 'kuduk'],
];
const WHOLE: [string, string, string][] = [
  ['Береке', 'Береке', 'Bereke'],
  ['Достық', 'Достык', 'Dostyk'],
  ['Бірлік', 'Бирлик', 'Birlik'],
  ['Ынтымақ', 'Ынтымак', 'Yntymak'],
  ['Жетісу', 'Жетысу', 'Zhetysu'],
  ['Байтерек', 'Байтерек', 'Baiterek'],
  ['Көктем', 'Коктем', 'Koktem'],
  ['Жаңатұрмыс', 'Жанатурмыс', 'Zhanaturmys'],
  ['Шұғыла', 'Шугыла', 'Shugyla'],
  ['Бірлестік', 'Бирлестик', 'Birlestik'],
  ['Еңбек', 'Енбек', 'Enbek'],
  ['Тасты', 'Тасты', 'Tasty'],
];
const VILLAGE_NAMES: [string, string, string][] = [
  ...WHOLE,
  ...PREFIXES.flatMap(([pk, pr, pe]) => ROOTS.map(([rk, rr, re]) => [pk + rk, pr + rr, pe + re] as [string, string, string])),
];

function cityParts(centre: Names): { kk: string; ru: string; en: string } {
  return { kk: centre.kk.replace(/ қаласы$/, ''), ru: centre.ru.replace(/^город /, ''), en: centre.en.replace(/ City$/, '') };
}

/**
 * What `size` holds per unit: its day schools (`regionTargets`) and its other organisations
 * (`planCountryInstitutions`: colleges, universities, kindergartens, clubs, special schools).
 * `scale` shrinks both (tests: a few per cent of Kostanay region); 1 is the real size.
 */
export function bulkPlan(size: Exclude<SeedSize, 'demo'>, scale = 1): { target: RegionTarget; institutions: InstitutionPlan }[] {
  const plans = planCountryInstitutions(regionTargets('country'));
  return regionTargets(size).map((t) => {
    const target = scale === 1 ? t : { def: t.def, schools: Math.max(1, Math.round(t.schools * scale)), pupils: Math.round(t.pupils * scale) };
    return { target, institutions: scalePlan(plans.find((p) => p.def.code === t.def.code)!, scale) };
  });
}

export async function writeBulk(ctx: SeedContext, geo: Geography, size: Exclude<SeedSize, 'demo'>, log: (l: string) => void, scale = 1): Promise<void> {
  for (const { target: t, institutions: p } of bulkPlan(size, scale)) {
    log(
      `  ${t.def.names.en}: ${t.schools} schools, ${t.pupils.toLocaleString('en-US')} pupils; ${p.colleges} colleges (${fmtN(p.collegeStudents)} students), ` +
        `${p.universities} universities (${fmtN(p.universityStudents)}), ${p.kindergartens} kindergartens and ${p.miniCentres} mini-centres (${fmtN(p.preschoolChildren)} children), ` +
        `${p.clubs} clubs (${fmtN(p.clubMembers)} places), ${p.specialSchools} special schools (${fmtN(p.specialPupils)})`,
    );
    await writeRegion(ctx, geo, t, p);
  }
}
const fmtN = (n: number) => n.toLocaleString('en-US');

async function writeRegion(ctx: SeedContext, geo: Geography, target: RegionTarget, institutions: InstitutionPlan): Promise<void> {
  const { def } = target;
  const rng = Rng.from(`bulk:${def.code}`);
  const region = geo.region(def.code);
  const schools = planSchools(rng, target);
  const ruShare = Math.max(0, Math.min(1, (1 - def.kazakhShare) * 1.2));

  // districts: the regional centre (a city administration) and the rural districts; cities have city districts only
  const centreDistricts = def.kind === 'city' ? def.districts : [def.centre];
  const ruralDistricts = def.kind === 'city' ? [] : def.districts;
  const officer = (scope: { districtId?: number; regionId?: number }) => {
    const sex = rng.chance(0.5) ? ('m' as const) : ('f' as const);
    const n = pickPersonName(rng, def.kazakhShare, sex);
    const id = ctx.person({ ...n, sex, birthDate: isoDate(rng.int(dayNumber('1965-01-01'), dayNumber('1988-12-31'))), phone: true, email: true });
    ctx.account(id, n.ethnicity === 'kazakh' ? 'kk' : 'ru');
    ctx.grant(id, scope.districtId ? 'district_officer' : 'region_officer', scope);
  };
  officer({ regionId: region.id });
  const urbanDistricts = centreDistricts.map((names) => {
    const id = geo.district(def.code, names);
    officer({ districtId: id });
    const parts = cityParts(def.kind === 'city' ? def.centre : names);
    const settlementId = geo.settlement(id, {
      names:
        def.kind === 'city'
          ? { kk: `${parts.kk} қаласы, ${names.kk}`, ru: `город ${parts.ru}, ${names.ru}`, en: `${parts.en}, ${names.en}` }
          : { kk: `${parts.kk} қаласы`, ru: `город ${parts.ru}`, en: parts.en },
      kind: 'urban',
      internet: 'broadband',
      internetMbps: rng.pick([30, 50, 100]),
      tvReception: true,
    });
    return { id, settlementId, city: parts, next: 1 };
  });
  const villageDistricts = ruralDistricts.map((names) => {
    const id = geo.district(def.code, names);
    officer({ districtId: id });
    return { id, names: rng.shuffle([...VILLAGE_NAMES]), villages: [] as { id: number; name: [string, string, string]; schools: number }[] };
  });

  const pool = new PupilPool();
  let urbanNo = 0;
  for (const [i, s] of schools.entries()) {
    const orgRng = Rng.from(`bulk:${def.code}:${i}`);
    let spec: Omit<OrgSpec, 'classes' | 'instructionLanguage'>;
    let classRu = ruShare;
    if (!s.rural) {
      const d = urbanDistricts[urbanNo++ % urbanDistricts.length]!;
      const n = d.next++;
      spec = {
        key: `bulk:${def.code}:${i}`,
        kind: 'school',
        settlementId: d.settlementId,
        districtId: d.id,
        regionId: region.id,
        timeZone: def.timeZone,
        kazakhShare: def.kazakhShare,
        names: {
          kk: `${d.city.kk} қаласының №${n} жалпы білім беретін мектебі`,
          ru: `Общеобразовательная школа №${n} города ${d.city.ru}`,
          en: `${d.city.en} Secondary School No. ${n}`,
        },
      };
    } else {
      const d = villageDistricts[orgRng.int(0, villageDistricts.length - 1)]!;
      // most villages have one school; a few larger ones get a second
      let village = d.villages.length && orgRng.chance(0.08) ? orgRng.pick(d.villages) : undefined;
      if (!village) {
        const name = d.names[d.villages.length % d.names.length]!;
        const internet = orgRng.weighted([
          ['broadband', 55],
          ['slow', 33],
          ['none', 12],
        ] as const);
        village = {
          id: geo.settlement(d.id, {
            names: { kk: `${name[0]} ауылы`, ru: `село ${name[1]}`, en: `${name[2]} village` },
            kind: 'rural',
            internet,
            internetMbps: internet === 'broadband' ? orgRng.pick([4, 8, 10, 20]) : internet === 'slow' ? orgRng.pick([0.5, 1, 2, 3]) : null,
            // SEED-FACTS: 604 settlements received neither Al-Farabi nor El-Arna
            tvReception: !orgRng.chance(0.09),
          }),
          name,
          schools: 0,
        };
        d.villages.push(village);
      }
      village.schools++;
      const [kk, ru, en] = village.name;
      const no = village.schools > 1 ? ` №${village.schools}` : '';
      const type =
        s.pupils < 25
          ? ['бастауыш мектебі', 'Начальная школа', 'Primary School']
          : s.pupils < 80
            ? ['негізгі орта мектебі', 'Основная средняя школа', 'Basic Secondary School']
            : ['жалпы білім беретін мектебі', 'Общеобразовательная школа', 'Secondary School'];
      classRu = orgRng.chance(ruShare) ? 1 : 0; // a village school teaches in one language
      spec = {
        key: `bulk:${def.code}:${i}`,
        kind: 'school',
        settlementId: village.id,
        districtId: d.id,
        regionId: region.id,
        timeZone: def.timeZone,
        kazakhShare: classRu ? Math.min(def.kazakhShare, 0.3) : Math.max(def.kazakhShare, 0.85),
        names: { kk: `${kk} ауылының${no} ${type[0]}`, ru: `${type[1]}${no} села ${ru}`, en: `${en} Village ${type[2]}${no ? ` No. ${village.schools}` : ''}` },
      };
    }
    const classes = planClasses(orgRng, s.pupils, classRu, s.rural ? 25 : 28);
    const langs = new Set(classes.map((c) => c.language));
    const districtId = spec.districtId;
    const made = populateOrganisation(
      ctx,
      orgRng,
      { ...spec, classes, instructionLanguage: langs.size > 1 ? 'kk_ru' : langs.has('ru') ? 'ru' : 'kk' },
      {
        onLearner: (personId, cls, family) => pool.add(districtId, personId, cls.grade ?? 0, family),
      },
    );
    pool.addFamilies(spec.settlementId, made.families);
    await ctx.w.checkpoint();
  }
  await writeInstitutions(
    ctx,
    {
      def,
      regionId: region.id,
      urban: urbanDistricts.map((d) => ({ id: d.id, settlementId: d.settlementId, city: def.kind === 'city' ? def.centre : centreNames(d.city) })),
      rural: villageDistricts.map((d) => ({ id: d.id, villages: d.villages.map((v) => ({ id: v.id, name: v.name })) })),
    },
    institutions,
    pool,
  );
}

function centreNames(parts: { kk: string; ru: string; en: string }): Names {
  return { kk: `${parts.kk} қаласы`, ru: `город ${parts.ru}`, en: parts.en };
}

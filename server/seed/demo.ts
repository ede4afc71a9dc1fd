import type { Language, NewPerson, SeedContext } from './context.js';
import {
  CITY_SCHOOL,
  COLLEGE,
  DEMO_DISTRICT,
  DEMO_FAMILY,
  DEMO_LANGUAGES,
  DEMO_LOGINS,
  DEMO_REGION,
  DEMO_SETTLEMENTS,
  DEMO_STAFF,
  KINDERGARTEN,
  OTHER_DISTRICT,
  OTHER_DISTRICT_SCHOOL,
  OTHER_REGION,
  OTHER_REGION_SCHOOL,
  RURAL_SCHOOL,
  UNIVERSITY,
} from './demo-facts.js';
import type { Geography } from './foundation.js';
import { populateOrganisation, type OrgSpec } from './organisation.js';
import { kindergartenGroup, schoolClass, studentGroup } from './plans.js';
import { Rng } from './random.js';
import { pickPersonName } from './names.js';
import { dayNumber, isoDate } from './context.js';

type Login = (typeof DEMO_LOGINS)[keyof typeof DEMO_LOGINS];

/**
 * The demo content (demo-facts.ts): Karasay district of Almaty region with a town and two
 * villages, a city school, a small rural school, a kindergarten, a college and a university, two
 * out-of-scope schools, and the demo accounts. Written first in every size so it never changes.
 */
export function writeDemo(ctx: SeedContext, geo: Geography): void {
  const regionId = geo.region(DEMO_REGION.code).id;
  const tz = geo.region(DEMO_REGION.code).def.timeZone;
  const karasay = geo.district(DEMO_REGION.code, DEMO_DISTRICT);
  const talgar = geo.district(DEMO_REGION.code, OTHER_DISTRICT);
  const other = geo.region(OTHER_REGION.code);
  const bukharZhyrau = geo.district(OTHER_REGION.code, OTHER_REGION.district);

  const kaskelen = geo.settlement(karasay, { names: DEMO_SETTLEMENTS.town, kind: 'urban', internet: 'broadband', internetMbps: 50, tvReception: true });
  const zhandosov = geo.settlement(karasay, { names: DEMO_SETTLEMENTS.slowVillage, kind: 'rural', internet: 'slow', internetMbps: 2, tvReception: true });
  geo.settlement(karasay, { names: DEMO_SETTLEMENTS.noTvVillage, kind: 'rural', internet: 'none', internetMbps: null, tvReception: false });
  const besagash = geo.settlement(talgar, {
    names: { kk: 'Бесағаш ауылы', ru: 'село Бесагаш', en: 'Besagash village' },
    kind: 'rural',
    internet: 'broadband',
    internetMbps: 20,
    tvReception: true,
  });
  const botakara = geo.settlement(bukharZhyrau, {
    names: { kk: 'Ботақара кенті', ru: 'посёлок Ботакара', en: 'Botakara' },
    kind: 'rural',
    internet: 'broadband',
    internetMbps: 10,
    tvReception: true,
  });

  // ── the demo people, written first so their ids and IINs never move ──────
  const person = (p: Omit<NewPerson, 'sex'> & { sex: string }, login: Login | null, language: Language) => {
    const id = ctx.person({ ...p, sex: p.sex as 'm' | 'f', phone: true, email: true });
    ctx.account(id, language, login);
    return id;
  };
  const lang = (login: Login) => DEMO_LANGUAGES[login];
  const father = person(DEMO_FAMILY.father, DEMO_LOGINS.parent, lang(DEMO_LOGINS.parent));
  const mother = person(DEMO_FAMILY.mother, null, 'kk');
  const pupilId = ctx.person({ ...DEMO_FAMILY.pupil, sex: 'm' });
  ctx.account(pupilId, lang(DEMO_LOGINS.pupil), DEMO_LOGINS.pupil);
  const siblingId = ctx.person({ ...DEMO_FAMILY.sibling, sex: 'f' });
  ctx.account(siblingId, 'kk');
  const teacher = person(DEMO_STAFF.teacher, DEMO_LOGINS.teacher, lang(DEMO_LOGINS.teacher));
  const homeroom = person(DEMO_STAFF.homeroom, DEMO_LOGINS.homeroom, lang(DEMO_LOGINS.homeroom));
  const admin = person(DEMO_STAFF.admin, DEMO_LOGINS.admin, lang(DEMO_LOGINS.admin));
  const districtOfficer = person(DEMO_STAFF.district, DEMO_LOGINS.district, lang(DEMO_LOGINS.district));
  const regionOfficer = person(DEMO_STAFF.region, DEMO_LOGINS.region, lang(DEMO_LOGINS.region));
  const ministryOfficer = person(DEMO_STAFF.ministry, DEMO_LOGINS.ministry, lang(DEMO_LOGINS.ministry));
  const guard = person(DEMO_STAFF.guard, DEMO_LOGINS.guard, lang(DEMO_LOGINS.guard));
  ctx.grant(districtOfficer, 'district_officer', { districtId: karasay });
  ctx.grant(regionOfficer, 'region_officer', { regionId });
  ctx.grant(ministryOfficer, 'ministry_officer');

  // officers of the out-of-scope areas and a second ministry officer, without login names
  const rng = Rng.from('demo:officers');
  const officer = (kazakhShare: number) => {
    const sex = rng.chance(0.5) ? ('m' as const) : ('f' as const);
    const n = pickPersonName(rng, kazakhShare, sex);
    const id = ctx.person({ ...n, sex, birthDate: isoDate(rng.int(dayNumber('1965-01-01'), dayNumber('1985-12-31'))), phone: true, email: true });
    ctx.account(id, n.ethnicity === 'kazakh' ? 'kk' : 'ru');
    return id;
  };
  ctx.grant(officer(0.7), 'district_officer', { districtId: talgar });
  ctx.grant(officer(0.5), 'district_officer', { districtId: bukharZhyrau });
  ctx.grant(officer(0.5), 'region_officer', { regionId: other.id });
  ctx.grant(officer(0.7), 'ministry_officer');

  const base = { districtId: karasay, regionId, timeZone: tz, kazakhShare: 0.72 };
  const city = populateOrganisation(
    ctx,
    Rng.from('demo:city-school'),
    {
      ...base,
      key: 'demo:city-school',
      kind: 'school',
      names: CITY_SCHOOL.names,
      settlementId: kaskelen,
      instructionLanguage: 'kk_ru',
      classes: CITY_SCHOOL.classes.map(schoolClass),
    } satisfies OrgSpec,
    {
      adminId: admin,
      fixedTeachers: [
        { personId: teacher, teaches: CITY_SCHOOL.teacherClasses.map((className) => ({ className, subject: CITY_SCHOOL.teacherSubject })) },
        {
          personId: homeroom,
          homeroomOf: CITY_SCHOOL.homeroomClass,
          teaches: [{ className: CITY_SCHOOL.homeroomClass, subject: CITY_SCHOOL.homeroomSubject }],
        },
      ],
      fixedFamilies: [
        {
          parents: [
            { personId: father, relation: 'father' },
            { personId: mother, relation: 'mother' },
          ],
          children: [
            { personId: pupilId, className: CITY_SCHOOL.pupilClass },
            { personId: siblingId, className: CITY_SCHOOL.siblingClass },
          ],
        },
      ],
    },
  );
  populateOrganisation(ctx, Rng.from('demo:rural-school'), {
    ...base,
    key: 'demo:rural-school',
    kind: 'school',
    names: RURAL_SCHOOL.names,
    settlementId: zhandosov,
    kazakhShare: 0.9,
    instructionLanguage: 'kk',
    classes: RURAL_SCHOOL.classes.map(schoolClass),
  });
  // some kindergarten children are younger brothers and sisters of the city school's pupils
  populateOrganisation(
    ctx,
    Rng.from('demo:kindergarten'),
    {
      ...base,
      key: 'demo:kindergarten',
      kind: 'kindergarten',
      names: KINDERGARTEN.names,
      settlementId: kaskelen,
      instructionLanguage: 'kk',
      classes: KINDERGARTEN.groups.map(kindergartenGroup),
    },
    { siblingFamilies: { families: city.families, share: 0.3 } },
  );
  populateOrganisation(ctx, Rng.from('demo:college'), {
    ...base,
    key: 'demo:college',
    kind: 'college',
    names: COLLEGE.names,
    settlementId: kaskelen,
    instructionLanguage: 'kk_ru',
    classes: COLLEGE.groups.map((g) => studentGroup('college', g)),
  });
  populateOrganisation(
    ctx,
    Rng.from('demo:university'),
    {
      ...base,
      key: 'demo:university',
      kind: 'university',
      names: UNIVERSITY.names,
      settlementId: kaskelen,
      instructionLanguage: 'kk_ru',
      classes: UNIVERSITY.groups.map((g) => studentGroup('university', g)),
    },
    { guardId: guard },
  );
  populateOrganisation(ctx, Rng.from('demo:other-district-school'), {
    ...base,
    districtId: talgar,
    key: 'demo:other-district-school',
    kind: 'school',
    names: OTHER_DISTRICT_SCHOOL.names,
    settlementId: besagash,
    instructionLanguage: 'kk',
    classes: OTHER_DISTRICT_SCHOOL.classes.map(schoolClass),
  });
  populateOrganisation(ctx, Rng.from('demo:other-region-school'), {
    key: 'demo:other-region-school',
    kind: 'school',
    names: OTHER_REGION_SCHOOL.names,
    settlementId: botakara,
    districtId: bukharZhyrau,
    regionId: other.id,
    timeZone: other.def.timeZone,
    kazakhShare: 0.45,
    instructionLanguage: 'ru',
    classes: OTHER_REGION_SCHOOL.classes.map(schoolClass),
  });
}

import { PRIMARY_SPECIALIST_SUBJECTS, SPECIALTY_OF_SUBJECT, type InstructionLanguage, type TeacherSpecialty } from './curriculum.js';
import { dayNumber, isoDate, type Language, type SeedContext } from './context.js';
import { genderSurname, patronymic, pickFamilyName, pickFirstName, pickPersonName, type FamilyName, type Sex } from './names.js';
import type { Rng } from './random.js';

export type OrgKind = 'school' | 'college' | 'university' | 'kindergarten' | 'additional';
export interface Names {
  kk: string;
  ru: string;
  en: string;
}

export interface ClassSpec {
  name: string;
  kind: 'class' | 'group';
  grade: number | null;
  letter: string | null;
  studyYear: number | null;
  specialty: string | null;
  shift: 1 | 2 | 3;
  language: InstructionLanguage;
  size: number;
  subjects: string[];
  /** learners' birth dates: [first, last] as day numbers */
  birth: [number, number];
}

export interface OrgSpec {
  key: string;
  kind: OrgKind;
  names: Names;
  settlementId: number;
  districtId: number;
  regionId: number;
  timeZone: string;
  instructionLanguage: 'kk' | 'ru' | 'kk_ru';
  kazakhShare: number;
  classes: ClassSpec[];
}

/** A person made by the caller (a demo account) who teaches given pairs and is homeroom of at most one class. */
export interface FixedTeacher {
  personId: number;
  teaches: { className: string; subject: string }[];
  homeroomOf?: string;
}

/** A family made by the caller: its children go into the named classes. */
export interface FixedFamily {
  parents: { personId: number; relation: 'mother' | 'father' }[];
  children: { personId: number; className: string }[];
}

/** A family generated here; a later organisation (the kindergarten) may add a younger child to it. */
export interface Family {
  name: FamilyName;
  language: Language;
  motherId: number | null;
  fatherId: number | null;
  motherBirth: number;
  /** children's first names so far: brothers and sisters never share one */
  childNames: string[];
}

export interface OrgOptions {
  fixedTeachers?: FixedTeacher[];
  fixedFamilies?: FixedFamily[];
  /** Person ids for the director / the gate guard instead of generated ones. */
  adminId?: number;
  guardId?: number;
  /** Families of another organisation that may take a child of this one (siblings across organisations). */
  siblingFamilies?: { families: Family[]; share: number };
  /** Called for every generated learner (the bulk clubs of additional education draw their members from these). */
  onLearner?: (personId: number, cls: ClassSpec, family: Family | null) => void;
}

export interface OrgResult {
  id: number;
  families: Family[];
  classIds: Map<string, number>;
}

const SCHOOL_YEAR_START = '2020-09-01';
/** children per family in one school: 1 (52%), 2 (32%), 3 (12%), 4 (4%) */
const FAMILY_SIZES = [
  [1, 52],
  [2, 32],
  [3, 12],
  [4, 4],
] as const;
const TEEN_BORN_BEFORE = dayNumber('2008-09-01'); // 12 and older: most have their own phone

/** Writes one organisation with its staff, classes, learners, families, rooms and teaching assignments. */
export function populateOrganisation(ctx: SeedContext, rng: Rng, org: OrgSpec, opts: OrgOptions = {}): OrgResult {
  const w = ctx.w;
  const orgId = w.id('organisations');
  const pupilCount = org.classes.reduce((s, c) => s + c.size, 0);
  w.add('organisations', [
    orgId,
    org.settlementId,
    org.districtId,
    org.regionId,
    org.kind,
    org.names.kk,
    org.names.ru,
    org.names.en,
    ctx.bin(rng),
    org.instructionLanguage,
    pupilCount,
    org.timeZone,
  ]);
  const scope = { organisationId: orgId };

  // ── director and, on campuses, a gate guard ────────────────────────────────
  const adminId = opts.adminId ?? staff(ctx, rng, org, rng.chance(0.6) ? 'f' : 'm', 1962, 1980);
  ctx.grant(adminId, 'org_admin', scope);
  if (org.kind === 'college' || org.kind === 'university') {
    const guardId = opts.guardId ?? staff(ctx, rng, org, 'm', 1965, 1995);
    ctx.grant(guardId, 'gate_guard', scope);
  }

  // ── teachers and who teaches what ─────────────────────────────────────────
  const classIndex = new Map(org.classes.map((c, i) => [c.name, i]));
  const idx = (name: string) => {
    const i = classIndex.get(name);
    if (i === undefined) throw new Error(`${org.key}: no class ${name}`);
    return i;
  };
  const assignments: { teacherId: number; classIdx: number; subject: string }[] = [];
  const homeroom: (number | null)[] = org.classes.map(() => null);
  const taken = new Set<string>();
  const noHomeroom = new Set<number>();
  for (const t of opts.fixedTeachers ?? []) {
    for (const p of t.teaches) {
      assignments.push({ teacherId: t.personId, classIdx: idx(p.className), subject: p.subject });
      taken.add(`${idx(p.className)}:${p.subject}`);
    }
    if (t.homeroomOf) homeroom[idx(t.homeroomOf)] = t.personId;
    else noHomeroom.add(t.personId);
    ctx.grant(t.personId, 'teacher', scope);
  }

  const teacherIds: number[] = [];
  const newTeacher = (sex: Sex) => {
    const id = staff(ctx, rng, org, sex, 1960, 1997);
    ctx.grant(id, 'teacher', scope);
    teacherIds.push(id);
    return id;
  };

  if (org.kind === 'kindergarten') {
    // two educators per group; the first leads it
    org.classes.forEach((_, i) => {
      const lead = newTeacher('f');
      newTeacher(rng.chance(0.9) ? 'f' : 'm');
      homeroom[i] ??= lead;
    });
  } else {
    // primary classes: the class teacher teaches all but the specialists' subjects
    org.classes.forEach((c, i) => {
      if (c.kind !== 'class' || c.grade === null || c.grade > 4) return;
      const own = c.subjects.filter((s) => !PRIMARY_SPECIALIST_SUBJECTS.has(s) && !isSecondLanguage(s, c.language) && !taken.has(`${i}:${s}`));
      if (!own.length) return;
      const teacher = homeroom[i] ?? newTeacher(rng.chance(0.95) ? 'f' : 'm');
      homeroom[i] = teacher;
      for (const s of own) {
        assignments.push({ teacherId: teacher, classIdx: i, subject: s });
        taken.add(`${i}:${s}`);
      }
    });
    // the rest by specialty: full loads get their own teacher, part loads are packed together
    const bySpecialty = new Map<TeacherSpecialty, Map<number, string[]>>();
    org.classes.forEach((c, i) => {
      for (const s of c.subjects) {
        if (taken.has(`${i}:${s}`)) continue;
        const spec = SPECIALTY_OF_SUBJECT.get(s);
        if (!spec) throw new Error(`No teacher specialty teaches ${s}`);
        let perClass = bySpecialty.get(spec);
        if (!perClass) {
          perClass = new Map();
          bySpecialty.set(spec, perClass);
        }
        const list = perClass.get(i) ?? [];
        list.push(s);
        perClass.set(i, list);
      }
    });
    const parts: { load: number; items: [number, string[]][] }[] = [];
    for (const [spec, perClass] of bySpecialty) {
      const items = [...perClass];
      for (let k = 0; k < items.length; k += spec.classesPerTeacher) {
        const chunk = items.slice(k, k + spec.classesPerTeacher);
        if (chunk.length === spec.classesPerTeacher) parts.push({ load: 1, items: chunk });
        else parts.push({ load: chunk.length / spec.classesPerTeacher, items: chunk });
      }
    }
    // first-fit decreasing: a small school's physics teacher also teaches informatics
    parts.sort((a, b) => b.load - a.load);
    const bins: { load: number; items: [number, string[]][] }[] = [];
    for (const p of parts) {
      const bin = p.load < 1 ? bins.find((b) => b.load + p.load <= 1.05) : undefined;
      if (bin) {
        bin.load += p.load;
        bin.items.push(...p.items);
      } else bins.push({ load: p.load, items: [...p.items] });
    }
    for (const bin of bins) {
      const teacher = newTeacher(rng.chance(0.8) ? 'f' : 'm');
      for (const [classIdx, subjects] of bin.items) {
        for (const subject of subjects) assignments.push({ teacherId: teacher, classIdx, subject });
      }
    }
  }

  // homeroom (class teacher, curator) for every class that has none yet: a teacher with no class
  const free = rng.shuffle(teacherIds.filter((id) => !homeroom.includes(id) && !noHomeroom.has(id)));
  homeroom.forEach((h, i) => {
    if (h === null) homeroom[i] = free.pop() ?? null;
  });

  // ── classes ────────────────────────────────────────────────────────────────
  const classIds = new Map<string, number>();
  const classIdByIdx = org.classes.map((c, i) => {
    const id = w.id('classes');
    classIds.set(c.name, id);
    w.add('classes', [id, orgId, ctx.currentYearId, c.kind, c.grade, c.letter, c.name, c.studyYear, c.specialty, c.shift, homeroom[i] ?? null]);
    return id;
  });
  for (const a of assignments) {
    w.add('teaching_assignments', [w.id('teaching_assignments'), a.teacherId, classIdByIdx[a.classIdx]!, ctx.subjectId(a.subject)]);
  }

  // ── learners and their families ───────────────────────────────────────────
  const freeSlots = org.classes.map((c) => c.size);
  const parentsGranted = new Set<number>();
  const withAccounts = org.kind !== 'kindergarten';
  const withParents = org.kind !== 'university';
  const enrol = (personId: number, classIdx: number) => {
    w.add('class_members', [classIdByIdx[classIdx]!, personId, SCHOOL_YEAR_START]);
    ctx.grant(personId, 'pupil', scope);
    freeSlots[classIdx]!--;
  };
  const link = (parentId: number, childId: number, relation: string) => {
    w.add('parent_links', [parentId, childId, relation]);
    if (!parentsGranted.has(parentId)) {
      parentsGranted.add(parentId);
      ctx.grant(parentId, 'parent', scope);
    }
  };

  for (const f of opts.fixedFamilies ?? []) {
    for (const child of f.children) {
      enrol(child.personId, idx(child.className));
      for (const p of f.parents) link(p.personId, child.personId, p.relation);
    }
  }

  const families: Family[] = [];
  // classes with free places; a full class is swapped out (order does not matter, the rng decides)
  const openIdx = freeSlots.flatMap((n, i) => (n > 0 ? [i] : []));
  while (openIdx.length) {
    const size = withParents ? rng.weighted(FAMILY_SIZES) : 1;
    const first = openIdx[rng.int(0, openIdx.length - 1)]!;
    const picked = [first];
    // brothers and sisters go to other grades: a few random tries among the open classes
    for (let tries = 0; picked.length < size && tries < 3 * size && openIdx.length > 1; tries++) {
      const i = openIdx[rng.int(0, openIdx.length - 1)]!;
      if (!picked.some((j) => org.classes[j]!.grade === org.classes[i]!.grade)) picked.push(i);
    }
    // eldest first: siblings are in different grades, whose birth ranges do not overlap
    const pickedByAge = [...picked].sort((a, b) => org.classes[a]!.birth[0] - org.classes[b]!.birth[0]);
    const births = pickedByAge.map((i) => rng.int(...org.classes[i]!.birth));

    const shared =
      withParents && opts.siblingFamilies && rng.chance(opts.siblingFamilies.share)
        ? adoptable(rng, opts.siblingFamilies.families, births[births.length - 1]!)
        : undefined;
    const family =
      shared ??
      (withParents
        ? newFamily(
            ctx,
            rng,
            org,
            births[0]!,
            picked.map((i) => org.classes[i]!.language),
          )
        : null);
    pickedByAge.forEach((classIdx, k) => {
      const c = org.classes[classIdx]!;
      const sex: Sex = rng.chance(0.5) ? 'm' : 'f';
      const birth = births[k]!;
      const who = family?.name ?? pickFamilyName(rng, org.kazakhShare);
      let firstName = pickFirstName(rng, who.ethnicity, sex);
      for (let tries = 0; family?.childNames.includes(firstName) && tries < 10; tries++) firstName = pickFirstName(rng, who.ethnicity, sex);
      family?.childNames.push(firstName);
      const childId = ctx.person({
        lastName: genderSurname(who.surname, sex),
        firstName,
        middleName: patronymic(who.fatherName, sex, who.style),
        birthDate: isoDate(birth),
        sex,
        phone: birth < TEEN_BORN_BEFORE && rng.chance(0.7),
        email: rng.chance(0.1),
      });
      if (withAccounts) ctx.account(childId, c.language === 'ru' ? 'ru' : (family?.language ?? (who.ethnicity === 'kazakh' ? 'kk' : 'ru')));
      enrol(childId, classIdx);
      opts.onLearner?.(childId, c, family);
      if (family?.motherId) link(family.motherId, childId, 'mother');
      if (family?.fatherId) link(family.fatherId, childId, 'father');
    });
    if (family && !shared) families.push(family);
    for (let k = openIdx.length - 1; k >= 0; k--) {
      if (freeSlots[openIdx[k]!]! <= 0) {
        openIdx[k] = openIdx[openIdx.length - 1]!;
        openIdx.pop();
      }
    }
  }

  writeRooms(ctx, rng, orgId, org);
  return { id: orgId, families, classIds };
}

function isSecondLanguage(subject: string, language: InstructionLanguage): boolean {
  return language === 'kk' ? subject === 'russian-language' : subject === 'kazakh-language';
}

/** A staff member: person + account (they sign in with IIN or phone). */
export function staff(
  ctx: SeedContext,
  rng: Rng,
  org: Pick<OrgSpec, 'kazakhShare' | 'instructionLanguage'>,
  sex: Sex,
  bornFrom: number,
  bornTo: number,
): number {
  const n = pickPersonName(rng, org.kazakhShare, sex);
  const id = ctx.person({
    ...n,
    birthDate: isoDate(rng.int(dayNumber(`${bornFrom}-01-01`), dayNumber(`${bornTo}-12-31`))),
    sex,
    phone: true,
    email: rng.chance(0.6),
  });
  ctx.account(id, n.ethnicity === 'kazakh' && org.instructionLanguage !== 'ru' ? 'kk' : 'ru');
  return id;
}

const YEAR = 365.25;

/** Parents for a family whose eldest child was born on `eldest`: mother 20-34 then, father 0-6 years older. */
function newFamily(ctx: SeedContext, rng: Rng, org: OrgSpec, eldest: number, languages: InstructionLanguage[]): Family {
  const name = pickFamilyName(rng, org.kazakhShare);
  const language: Language = name.ethnicity === 'russian' || languages.every((l) => l === 'ru') ? 'ru' : 'kk';
  const motherBirth = eldest - Math.round(rng.int(20, 34) * YEAR) - rng.int(0, 364);
  const both = rng.chance(0.78);
  const motherFirst = !both && rng.chance(0.75);
  let motherId: number | null = null;
  let fatherId: number | null = null;
  const grandfather = () => pickFirstName(rng, name.ethnicity, 'm');
  if (both || motherFirst) {
    motherId = ctx.person({
      lastName: genderSurname(name.surname, 'f'),
      firstName: pickFirstName(rng, name.ethnicity, 'f'),
      middleName: patronymic(grandfather(), 'f', name.style),
      birthDate: isoDate(motherBirth),
      sex: 'f',
      phone: true,
      email: rng.chance(0.3),
    });
    ctx.account(motherId, language);
  }
  if (both || !motherFirst) {
    fatherId = ctx.person({
      lastName: name.surname,
      firstName: name.fatherName,
      middleName: patronymic(grandfather(), 'm', name.style),
      birthDate: isoDate(motherBirth - rng.int(0, 6 * 365)),
      sex: 'm',
      phone: true,
      email: rng.chance(0.3),
    });
    ctx.account(fatherId, language);
  }
  return { name, language, motherId, fatherId, motherBirth, childNames: [] };
}

/** A family whose mother was at most 42 when `youngest` was born, or undefined. */
function adoptable(rng: Rng, families: Family[], youngest: number): Family | undefined {
  for (let tries = 0; tries < 5 && families.length; tries++) {
    const f = rng.pick(families);
    const age = (youngest - f.motherBirth) / YEAR;
    if (age >= 20 && age <= 42) return f;
  }
  return undefined;
}

function writeRooms(ctx: SeedContext, rng: Rng, orgId: number, org: OrgSpec): void {
  const rooms: { capacity: number; kind: 'classroom' | 'lab' | 'gym' | 'hall' | 'dormitory' }[] = [];
  const perShift = [1, 2, 3].map((s) => org.classes.filter((c) => c.shift === s).length);
  const classrooms = Math.max(1, ...perShift);
  const pupils = org.classes.reduce((s, c) => s + c.size, 0);
  if (org.kind === 'kindergarten') {
    for (let i = 0; i < org.classes.length; i++) rooms.push({ capacity: 20, kind: 'classroom' });
    rooms.push({ capacity: 40, kind: 'hall' });
  } else {
    for (let i = 0; i < classrooms; i++) rooms.push({ capacity: rng.int(25, 30), kind: 'classroom' });
    const labs =
      org.kind === 'school' ? (org.classes.some((c) => (c.grade ?? 0) >= 7) ? (pupils < 100 ? 1 : 4) : 0) : Math.max(2, Math.ceil(org.classes.length / 3));
    for (let i = 0; i < labs; i++) rooms.push({ capacity: 15, kind: 'lab' });
    rooms.push({ capacity: 30, kind: 'gym' });
    if (pupils >= 250 || org.kind === 'university') rooms.push({ capacity: org.kind === 'university' ? 150 : 120, kind: 'hall' });
    if (org.kind === 'university') rooms.push({ capacity: 300, kind: 'dormitory' });
  }
  rooms.forEach((r, i) => {
    // numbered by floor, ten rooms a floor: 101, 102, … 201, …
    const name = `${Math.floor(i / 10) + 1}${String((i % 10) + 1).padStart(2, '0')}`;
    ctx.w.add('rooms', [ctx.w.id('rooms'), orgId, name, r.capacity, r.kind]);
  });
}

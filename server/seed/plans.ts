import { STUDY_PROGRAMMES, schoolSubjects, type InstructionLanguage, type StudyProgramme } from './curriculum.js';
import { dayNumber } from './context.js';
import type { ClassSpec } from './organisation.js';

/**
 * Birth dates by grade for 2020-21: a child starts grade 1 at six (by 1 September), so grade g
 * was born between (2014-g)-09-02 and (2015-g)-09-01.
 */
export function gradeBirthRange(grade: number): [number, number] {
  return [dayNumber(`${2014 - grade}-09-02`), dayNumber(`${2015 - grade}-09-01`)];
}

export function schoolClass(c: { name?: string; grade: number; letter: string; language: InstructionLanguage; shift: 1 | 2; size: number }): ClassSpec {
  return {
    name: c.name ?? `${c.grade} ${c.letter}`,
    kind: 'class',
    grade: c.grade,
    letter: c.letter,
    studyYear: null,
    specialty: null,
    shift: c.shift,
    language: c.language,
    size: c.size,
    subjects: schoolSubjects(c.grade, c.language),
    birth: gradeBirthRange(c.grade),
  };
}

export function kindergartenGroup(g: { name: string; bornFrom: string; bornTo: string; size: number }): ClassSpec {
  return {
    name: g.name,
    kind: 'group',
    grade: 0,
    letter: null,
    studyYear: null,
    specialty: null,
    shift: 1,
    language: 'kk',
    size: g.size,
    subjects: [],
    birth: [dayNumber(g.bornFrom), dayNumber(g.bornTo)],
  };
}

/** College groups start after grade 9 (15-16 years old), university groups after grade 11 (17-18). */
export function studentGroup(
  level: 'college' | 'university',
  g: { name: string; specialty: StudyProgramme; studyYear: number; language: InstructionLanguage; size: number },
): ClassSpec {
  const firstYearBorn = level === 'college' ? 2004 : 2002;
  const born = firstYearBorn - (g.studyYear - 1);
  return {
    name: g.name,
    kind: 'group',
    grade: null,
    letter: null,
    studyYear: g.studyYear,
    specialty: g.specialty,
    shift: 1,
    language: g.language,
    size: g.size,
    subjects: [...STUDY_PROGRAMMES[g.specialty].subjects],
    birth: [dayNumber(`${born}-09-02`), dayNumber(`${born + 1}-09-01`)],
  };
}

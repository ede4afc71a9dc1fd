import type { Queryable } from '../../platform/db.js';
import { gradingSystemFor, type GradingSystem, type LearningSettings, type LetterGrade, type OrganisationKind, type TermBand } from './learning.rules.js';

/** A learning_settings row as SQL returns it (columns, or row_to_json of learning_settings_for()). */
export interface SettingsRow {
  organisation_id: number | null;
  grading_system: GradingSystem | null;
  accept_late_submissions: boolean;
  join_early_minutes: number;
  late_after_minutes: number;
  formative_max: number;
  weight_formative: number | string;
  weight_section: number | string;
  weight_term: number | string;
  term_grade_bands: TermBand[];
  weight_rating: number | string;
  weight_exam: number | string;
  letter_grades: LetterGrade[];
}

export function toSettings(row: SettingsRow, kind: OrganisationKind): LearningSettings {
  return {
    gradingSystem: gradingSystemFor(kind, row.grading_system),
    acceptLateSubmissions: row.accept_late_submissions,
    joinEarlyMinutes: row.join_early_minutes,
    lateAfterMinutes: row.late_after_minutes,
    formativeMax: row.formative_max,
    weights: { formative: Number(row.weight_formative), section: Number(row.weight_section), term: Number(row.weight_term) },
    termGradeBands: row.term_grade_bands,
    creditWeights: { rating: Number(row.weight_rating), exam: Number(row.weight_exam) },
    letterGrades: row.letter_grades,
  };
}

export async function loadSettings(
  db: Queryable,
  organisationId: number,
): Promise<{ settings: LearningSettings; row: SettingsRow; kind: OrganisationKind } | null> {
  const { rows } = await db.query<{ kind: OrganisationKind; s: SettingsRow }>(
    `select o.kind, row_to_json(learning_settings_for(o.id)) as s from organisations o where o.id = $1`,
    [organisationId],
  );
  const r = rows[0];
  return r ? { settings: toSettings(r.s, r.kind), row: r.s, kind: r.kind } : null;
}

export async function saveSettings(
  db: Queryable,
  organisationId: number,
  s: Omit<LearningSettings, 'gradingSystem'> & { gradingSystem: GradingSystem | null },
): Promise<void> {
  await db.query(
    `insert into learning_settings (organisation_id, grading_system, accept_late_submissions, join_early_minutes, late_after_minutes,
       formative_max, weight_formative, weight_section, weight_term, term_grade_bands, weight_rating, weight_exam, letter_grades, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())
     on conflict (organisation_id) do update set grading_system = excluded.grading_system,
       accept_late_submissions = excluded.accept_late_submissions, join_early_minutes = excluded.join_early_minutes,
       late_after_minutes = excluded.late_after_minutes, formative_max = excluded.formative_max,
       weight_formative = excluded.weight_formative, weight_section = excluded.weight_section, weight_term = excluded.weight_term,
       term_grade_bands = excluded.term_grade_bands, weight_rating = excluded.weight_rating, weight_exam = excluded.weight_exam,
       letter_grades = excluded.letter_grades, updated_at = now()`,
    [
      organisationId,
      s.gradingSystem,
      s.acceptLateSubmissions,
      s.joinEarlyMinutes,
      s.lateAfterMinutes,
      s.formativeMax,
      s.weights.formative,
      s.weights.section,
      s.weights.term,
      JSON.stringify(s.termGradeBands),
      s.creditWeights.rating,
      s.creditWeights.exam,
      JSON.stringify(s.letterGrades),
    ],
  );
}

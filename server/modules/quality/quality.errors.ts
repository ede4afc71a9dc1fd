import { createErrorFactory } from '../../platform/errors.js';

// Objects outside the actor's scope answer exactly like ones that do not exist.
export const organisationNotFound = createErrorFactory('quality.organisation_not_found', 404, 'Organisation not found');
export const yearNotFound = createErrorFactory('quality.year_not_found', 404, 'School year not found');
export const assessmentNotFound = createErrorFactory('quality.assessment_not_found', 404, 'Assessment not found');
export const frameworkNotFound = createErrorFactory('quality.framework_not_found', 404, 'Framework version not found');
export const fileNotFound = createErrorFactory('quality.file_not_found', 404, 'File not found');
export const mayNotEdit = createErrorFactory('quality.forbidden', 403, "Only the organisation's admin fills in its self-assessment");
export const mayNotReview = createErrorFactory('quality.forbidden', 403, "Only the district's officers or the ministry review an assessment");
export const mayNotPublish = createErrorFactory('quality.forbidden', 403, 'Only the ministry publishes a framework version');
export const notOfficer = createErrorFactory('quality.forbidden', 403, 'Only district, region and ministry officers list assessments to review');
export const notEditable = createErrorFactory('quality.not_editable', 409, 'The assessment is submitted or accepted: it cannot be changed');
export const notSubmitted = createErrorFactory('quality.not_submitted', 409, 'Only a submitted assessment can be reviewed');
export const unknownCriteria = createErrorFactory('quality.unknown_criterion', 400, 'Unknown criteria');
export const duplicateCriteria = createErrorFactory('quality.duplicate_criterion', 400, 'A criterion is answered twice');
export const missingAnswers = createErrorFactory('quality.missing_answers', 400, 'Some criteria have no level');
export const unknownFiles = createErrorFactory('quality.unknown_file', 400, 'Some files are not your uploads');
export const duplicateKeys = createErrorFactory('quality.duplicate_key', 400, 'An area or criterion key is used twice');
export const commentRequired = createErrorFactory('quality.comment_required', 400, 'Say what to change: an assessment returned for changes needs a comment');

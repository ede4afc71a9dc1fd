import { createErrorFactory } from '../../platform/errors.js';

// Objects outside the actor's scope answer exactly like ones that do not exist.
export const courseNotFound = createErrorFactory('training.course_not_found', 404, 'Course not found');
export const enrolmentNotFound = createErrorFactory('training.enrolment_not_found', 404, 'Enrolment not found');
export const organisationNotFound = createErrorFactory('training.organisation_not_found', 404, 'Organisation not found');
export const badDates = createErrorFactory('training.bad_dates', 400, 'The course ends before it starts');
export const notATeacher = createErrorFactory('training.not_a_teacher', 403, 'Only a teacher can enrol in a course');
export const mayNotCreate = createErrorFactory('training.forbidden', 403, 'Only the ministry publishes courses');
export const notStarted = createErrorFactory('training.not_started', 409, 'The course has not started yet');
export const courseClosed = createErrorFactory('training.course_closed', 409, 'The course has ended');
export const notTeachers = createErrorFactory('training.not_teachers', 400, 'Some of these people are not teachers of this organisation');
export const unknownArea = createErrorFactory('training.unknown_area', 400, 'Coverage is by country, region:<id>, district:<id> or organisation:<id>');
export const notCompleted = createErrorFactory('training.not_completed', 409, 'The course is not completed yet: no certificate');
export const areaNotFound = createErrorFactory('training.area_not_found', 404, 'Area not found');
export const badRange = createErrorFactory('training.bad_range', 400, 'The range is not valid');
export const certificateNotFound = createErrorFactory('training.certificate_not_found', 404, 'No certificate has this code: check the letters and digits');
export const noFile = createErrorFactory('training.no_file', 400, 'Send the file as multipart/form-data in a field named "file"');
export const fileTooLarge = createErrorFactory('training.file_too_large', 413, 'The file is too large');
export const rowsInvalid = createErrorFactory('training.rows_invalid', 422, 'Some rows have errors; nothing was imported');
export const mayNotImport = createErrorFactory('training.forbidden', 403, 'Only the ministry imports completions');

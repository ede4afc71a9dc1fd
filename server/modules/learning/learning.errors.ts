import { createErrorFactory } from '../../platform/errors.js';

// Outside the actor's scope answers exactly like "does not exist".
export const lessonNotFound = createErrorFactory('learning.lesson_not_found', 404, 'Lesson not found');
export const classNotFound = createErrorFactory('learning.class_not_found', 404, 'Class not found');
export const pupilNotFound = createErrorFactory('learning.pupil_not_found', 404, 'Pupil not found');
export const homeworkNotFound = createErrorFactory('learning.homework_not_found', 404, 'Homework not found');
export const submissionNotFound = createErrorFactory('learning.submission_not_found', 404, 'Submission not found');
export const materialNotFound = createErrorFactory('learning.material_not_found', 404, 'Material not found');
export const termNotFound = createErrorFactory('learning.term_not_found', 404, 'Term not found');
export const organisationNotFound = createErrorFactory('learning.organisation_not_found', 404, 'Organisation not found');
export const slotNotFound = createErrorFactory('learning.slot_not_found', 404, 'Timetable slot not found');
export const assignmentNotFound = createErrorFactory('learning.assignment_not_found', 404, 'Teaching assignment not found');
export const pupilNotInClass = createErrorFactory('learning.pupil_not_in_class', 404, 'No such pupil in this class');
export const subjectNotFound = createErrorFactory('learning.subject_not_found', 404, 'Subject not found');
export const teacherNotFound = createErrorFactory('learning.teacher_not_found', 404, 'No such teacher in this organisation');
export const roomNotFound = createErrorFactory('learning.room_not_found', 404, 'No such room in this organisation');
export const academicYearNotFound = createErrorFactory('learning.academic_year_not_found', 404, 'Academic year not found');

export const idempotencyKeyRequired = createErrorFactory(
  'learning.idempotency_key_required',
  400,
  'Send an Idempotency-Key header (a UUID) with every submission, and the same one when you retry',
);
export const idempotencyKeyInvalid = createErrorFactory('learning.idempotency_key_invalid', 400, 'The Idempotency-Key header must be a UUID');
export const idempotencyKeyReused = createErrorFactory(
  'learning.idempotency_key_reused',
  422,
  'This Idempotency-Key was already used for a different submission; use a new key for new work',
);

export const markOutOfScale = createErrorFactory('learning.mark_out_of_scale', 422, 'The mark is outside the scale');
export const assessmentNotInSystem = createErrorFactory(
  'learning.assessment_not_in_system',
  422,
  "This kind of assessment is not part of the organisation's grading system",
);
export const assessmentNeedsMax = createErrorFactory('learning.assessment_needs_max', 422, 'A summative assessment needs its maximum score');
export const lessonHasMarks = createErrorFactory('learning.lesson_has_marks', 409, "The lesson already has marks: its assessment's scale cannot change");
export const lessonCancelled = createErrorFactory('learning.lesson_cancelled', 409, 'The lesson is cancelled');
export const lessonInFuture = createErrorFactory('learning.lesson_in_future', 422, 'The lesson has not taken place yet');
export const attendanceInvalid = createErrorFactory('learning.attendance_invalid', 422, 'Invalid attendance');
export const emptySubmission = createErrorFactory('learning.submission_empty', 422, 'A submission needs text or at least one file');
export const lateRefused = createErrorFactory('learning.late_refused', 422, 'The due time has passed and this organisation does not accept late work');
export const alreadyMarked = createErrorFactory('learning.submission_marked', 409, 'The work is already marked and cannot be resubmitted');
export const homeworkHasSubmissions = createErrorFactory('learning.homework_has_submissions', 409, 'Pupils have already submitted this homework');
export const dateOutsideTerm = createErrorFactory('learning.date_outside_term', 422, 'The date is outside the term');
export const dateIsHoliday = createErrorFactory('learning.date_is_holiday', 422, 'The date is a holiday');
export const dueBeforeLesson = createErrorFactory('learning.due_before_lesson', 422, 'Homework cannot be due before its lesson starts');
export const rangeTooLong = createErrorFactory('learning.range_too_long', 400, 'The date range is too long');
export const rangeReversed = createErrorFactory('learning.range_reversed', 400, 'The range ends before it starts');
export const notJoinable = createErrorFactory('learning.not_online', 409, 'This lesson is not held online live');
export const joinTooEarly = createErrorFactory('learning.join_too_early', 409, 'The lesson is not open yet');
export const joinOver = createErrorFactory('learning.lesson_over', 409, 'The lesson is over');
export const unknownPeriod = createErrorFactory('learning.unknown_period', 422, 'No such period in the bell schedule');
export const notAssigned = createErrorFactory('learning.not_assigned', 422, 'The teacher is not assigned to this class and subject');
export const teacherRequired = createErrorFactory('learning.teacher_required', 422, 'Several teachers teach this class and subject: name one');
export const teacherClash = createErrorFactory('learning.teacher_clash', 409, 'The teacher is busy at that time');
export const roomClash = createErrorFactory('learning.room_clash', 409, 'The room is taken at that time');
export const classSlotTaken = createErrorFactory('learning.class_busy', 409, 'The class already has a lesson at that time');
export const periodsInvalid = createErrorFactory('learning.periods_invalid', 422, 'Invalid bell schedule');
export const periodInUse = createErrorFactory('learning.period_in_use', 409, 'The period is used by the timetable');
export const termInvalid = createErrorFactory('learning.term_invalid', 422, 'Invalid term');
export const holidayInvalid = createErrorFactory('learning.holiday_invalid', 422, 'Invalid holiday');
export const settingsInvalid = createErrorFactory('learning.settings_invalid', 422, 'Invalid settings');
export const assignmentExists = createErrorFactory('learning.assignment_exists', 409, 'The teacher already teaches this subject in this class');
export const courseCodeTaken = createErrorFactory('learning.course_code_taken', 409, 'A course with this code exists');
export const classOfOtherOrganisation = createErrorFactory('learning.class_not_found', 404, 'No such class in this organisation');
export const notTheTeacher = createErrorFactory('learning.not_the_teacher', 403, 'Only the teacher of this class and subject may change this');
export const announcementForbidden = createErrorFactory('learning.announcement_forbidden', 403, "Only the class's teachers and homeroom teacher post to it");
export const courseNotFound = createErrorFactory('learning.course_not_found', 404, 'Course not found');
export const tvSlotNotFound = createErrorFactory('learning.tv_slot_not_found', 404, 'No such slot in the TV grid');

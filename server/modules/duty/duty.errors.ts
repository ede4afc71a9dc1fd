import { createErrorFactory } from '../../platform/errors.js';

// Outside the actor's scope answers exactly like "does not exist": another family's child is "not found".
export const childNotFound = createErrorFactory('duty.child_not_found', 404, 'Child not found');
export const windowNotFound = createErrorFactory('duty.window_not_found', 404, 'Application window not found');
export const applicationNotFound = createErrorFactory('duty.application_not_found', 404, 'Application not found');
export const groupNotFound = createErrorFactory('duty.group_not_found', 404, 'Group not found');
export const organisationNotFound = createErrorFactory('duty.organisation_not_found', 404, 'Organisation not found');
export const notAnOfficer = createErrorFactory('duty.not_found', 404, 'Not found');

export const windowClosed = createErrorFactory('duty.window_closed', 422, 'The application window is not open');
export const gradeNotEligible = createErrorFactory('duty.grade_not_eligible', 422, "The child's grade is not served by this window");
export const notAPupilHere = createErrorFactory('duty.not_a_pupil_here', 422, 'The child does not study at this organisation this year');
export const duplicateApplication = createErrorFactory('duty.duplicate_application', 409, 'The child already has an active application this school year');
export const unknownReason = createErrorFactory('duty.unknown_reason', 400, 'Unknown reason');
export const unknownShift = createErrorFactory('duty.unknown_shift', 400, 'This shift is not offered');
export const alreadyWithdrawn = createErrorFactory('duty.already_withdrawn', 409, 'The application was already withdrawn');

export const capBelowMinimum = createErrorFactory('duty.cap_below_minimum', 422, 'The group cap is below the group minimum');
export const capAboveMaximum = createErrorFactory('duty.cap_above_maximum', 422, 'The group cap is above the most the settings allow');
export const gradesNotAllowed = createErrorFactory('duty.grades_not_allowed', 422, 'Some grades are not eligible under the settings');
export const shiftsNotAllowed = createErrorFactory('duty.shifts_not_allowed', 422, 'Some shifts or day patterns are not in the settings');
export const windowDates = createErrorFactory('duty.window_dates', 422, 'The window closes before it opens');
export const windowOverlaps = createErrorFactory('duty.window_overlaps', 409, 'Another window of this organisation overlaps these dates');
export const windowAlreadyClosed = createErrorFactory('duty.window_already_closed', 409, 'The window is already closed');
export const notApplicable = createErrorFactory('duty.not_applicable', 422, 'Duty groups are not run by this kind of organisation');
export const noCurrentYear = createErrorFactory('duty.no_current_year', 422, 'No current school year is set');
export const settingsInvalid = createErrorFactory('duty.settings_invalid', 422, 'The settings are not consistent');

export const groupFull = createErrorFactory('duty.group_full', 409, 'The group is full');
export const gradeMismatch = createErrorFactory('duty.grade_mismatch', 422, "The child's grade does not fit this group");
export const applicationWithdrawn = createErrorFactory('duty.application_withdrawn', 409, 'The application was withdrawn');
export const forbiddenAction = createErrorFactory('duty.forbidden', 403, 'You may not do this');

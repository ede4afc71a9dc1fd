import { createErrorFactory } from '../../platform/errors.js';

// Outside the actor's scope answers exactly like "does not exist".
export const organisationNotFound = createErrorFactory('organisations.not_found', 404, 'Organisation not found');
export const classNotFound = createErrorFactory('organisations.class_not_found', 404, 'Class not found');
export const classNameTaken = createErrorFactory('organisations.class_name_taken', 409, 'A class or group of that name already exists in this academic year');
export const notATeacher = createErrorFactory('organisations.not_a_teacher', 422, 'The homeroom teacher must be a teacher of this organisation');
export const notAPupil = createErrorFactory('organisations.not_a_pupil', 422, 'Only a pupil of this organisation can join its classes');
export const alreadyMember = createErrorFactory('organisations.already_member', 409, 'The pupil is already in this class');
export const inOtherClass = createErrorFactory(
  'organisations.pupil_in_other_class',
  409,
  'The pupil is already in another class this academic year: move them instead',
);
export const notMember = createErrorFactory('organisations.not_member', 404, 'The pupil is not in this class');
export const moveTargetInvalid = createErrorFactory(
  'organisations.move_target_invalid',
  422,
  'A pupil can be moved only to another class of the same organisation and academic year',
);
export const yearNotFound = createErrorFactory('organisations.year_not_found', 422, 'No such academic year');

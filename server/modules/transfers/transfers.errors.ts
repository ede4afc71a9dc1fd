import { createErrorFactory } from '../../platform/errors.js';

export const transferNotFound = createErrorFactory('transfers.not_found', 404, 'Transfer request not found');
export const pupilNotFound = createErrorFactory('transfers.pupil_not_found', 404, 'No pupil with this IIN studies in a class of another organisation');
export const classNotFound = createErrorFactory('transfers.class_not_found', 404, 'This organisation has no such class this year');
export const alreadyHere = createErrorFactory('transfers.already_here', 409, 'This pupil already studies in this organisation');
export const alreadyRequested = createErrorFactory('transfers.already_requested', 409, 'A transfer of this pupil is already waiting for an answer');
export const alreadyDecided = createErrorFactory('transfers.already_decided', 409, 'This transfer request has already been answered');
export const notOverdue = createErrorFactory(
  'transfers.not_overdue',
  409,
  'The current school may still answer; the district decides only once the answer is overdue',
);
export const notAllowed = createErrorFactory(
  'transfers.not_allowed',
  403,
  'Only the current school (or the district, once overdue) answers a transfer request',
);
export const pupilMoved = createErrorFactory('transfers.pupil_moved', 409, 'The pupil is no longer in the class the request was made from; ask again');

import { createErrorFactory } from '../../platform/errors.js';

// A thread one is not part of, or a child who is not one's own or one's pupil, answers like a missing one.
export const threadNotFound = createErrorFactory('messages.not_found', 404, 'Conversation not found');
export const pupilNotFound = createErrorFactory('messages.pupil_not_found', 404, 'Pupil not found');
export const organisationNotFound = createErrorFactory('messages.organisation_not_found', 404, 'Organisation not found');
export const notARecipient = createErrorFactory('messages.not_a_recipient', 422, "This person is not one of the child's teachers or parents");
export const announcementForbidden = createErrorFactory(
  'messages.announcement_forbidden',
  403,
  "Only the organisation's administrators post school-wide announcements",
);

import { createErrorFactory } from '../../platform/errors.js';

// Outside the actor's scope answers exactly like "does not exist".
export const personNotFound = createErrorFactory('privacy.person_not_found', 404, 'Person not found');
export const consentNotFound = createErrorFactory('privacy.consent_not_found', 404, 'Consent not found');
export const requestNotFound = createErrorFactory('privacy.request_not_found', 404, 'Erasure request not found');
export const organisationNotFound = createErrorFactory('privacy.organisation_not_found', 404, 'Organisation not found');

export const consentExists = createErrorFactory('privacy.consent_exists', 409, 'This consent is already given');
export const consentWithdrawn = createErrorFactory('privacy.consent_withdrawn', 409, 'This consent was already withdrawn');
export const requestPending = createErrorFactory('privacy.request_pending', 409, 'An erasure request for this person is already waiting for a decision');
export const requestDecided = createErrorFactory('privacy.request_decided', 409, 'This erasure request is already decided');

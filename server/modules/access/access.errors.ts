import { createErrorFactory } from '../../platform/errors.js';

// Outside the actor's scope answers exactly like "does not exist".
export const notFound = createErrorFactory('access.not_found', 404, 'Not found');
export const organisationNotFound = createErrorFactory('access.organisation_not_found', 404, 'Organisation not found');
export const recordNotFound = createErrorFactory('access.record_not_found', 404, 'Record not found');
export const buildingNotFound = createErrorFactory('access.building_not_found', 404, 'Building not found');
export const roomNotFound = createErrorFactory('access.room_not_found', 404, 'Room not found');
export const keyNotFound = createErrorFactory('access.key_not_found', 404, 'Key not found');
export const personNotFound = createErrorFactory('access.person_not_found', 404, 'Person not found');

export const badFhir = createErrorFactory('access.bad_fhir', 400, 'The FHIR bundle does not parse');
export const badCsv = createErrorFactory('access.bad_csv', 400, 'The CSV file does not parse');
export const importInvalid = createErrorFactory('access.import_invalid', 422, 'Some records are not valid; nothing was imported');
export const futureDate = createErrorFactory('access.future_date', 422, 'The date is in the future');
export const invalidRecord = createErrorFactory('access.invalid_record', 422, 'The record is not complete');
export const documentTooLarge = createErrorFactory('access.document_too_large', 422, 'The document is too large');
export const alreadyDecided = createErrorFactory('access.already_decided', 409, 'The report was already decided');
export const consentRequired = createErrorFactory('access.consent_required', 409, 'Consent to use the health status for campus access is needed first');
export const noAccess = createErrorFactory('access.no_campus', 404, 'No campus access at any organisation');
export const rulesInvalid = createErrorFactory('access.rules_invalid', 422, 'The rules are not consistent');
export const duplicateName = createErrorFactory('access.duplicate_name', 409, 'This name is already used');
export const roomFull = createErrorFactory('access.room_full', 409, 'The room is full');
export const alreadyResident = createErrorFactory('access.already_resident', 409, 'The person already lives in a dormitory room');
export const notAdmittedForDormitory = createErrorFactory('access.not_admitted', 422, 'Dormitory access needs an admitted status');
export const alreadyRevoked = createErrorFactory('access.already_revoked', 409, 'Already revoked');
export const forbidden = createErrorFactory('access.forbidden', 403, 'You may not do this');
export const photoNotFound = createErrorFactory('access.photo_not_found', 404, 'Photo not found');
export const photoType = createErrorFactory('access.photo_type', 422, 'A gate photo must be a JPEG, PNG or WebP image');
export const photoTooLarge = createErrorFactory('access.photo_too_large', 422, 'A gate photo must be at most 128 KB (the app makes it small)');
export const gateRequired = createErrorFactory('access.gate_required', 422, 'A temperature refusal needs the gate it was measured at');

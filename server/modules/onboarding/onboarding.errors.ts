import { createErrorFactory } from '../../platform/errors.js';

// Errors about the upload as a whole; errors about single rows travel inside the import report.
export const noFile = createErrorFactory('onboarding.no_file', 400, 'Send the file as multipart/form-data in a field named "file"');
export const unreadableFile = createErrorFactory('onboarding.unreadable_file', 400, 'The file is neither a CSV nor an XLSX file that can be read');
export const emptyFile = createErrorFactory('onboarding.empty_file', 400, 'The file has no header row');
export const fileTooLarge = createErrorFactory('onboarding.file_too_large', 413, 'The file is too large');
export const tooManyRows = createErrorFactory('onboarding.too_many_rows', 413, 'The file has too many rows');
export const rowsInvalid = createErrorFactory('onboarding.rows_invalid', 422, 'Some rows have errors; nothing was imported');
export const noCurrentYear = createErrorFactory('onboarding.no_current_year', 409, 'No academic year is marked current; classes cannot be imported');
export const concurrentChange = createErrorFactory(
  'onboarding.concurrent_change',
  409,
  'The same people or classes were changed while importing; check the file again',
);
export const activationFailed = createErrorFactory(
  'onboarding.activation_failed',
  400,
  'This IIN and activation code do not match an account waiting for activation',
);
export const activationThrottled = createErrorFactory('onboarding.activation_throttled', 429, 'Too many failed attempts');
export const personNotFound = createErrorFactory('onboarding.person_not_found', 404, 'Person not found');

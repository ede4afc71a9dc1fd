import { createErrorFactory } from '../../platform/errors.js';

// A file the actor may not read answers exactly like a missing one.
export const fileNotFound = createErrorFactory('files.not_found', 404, 'File not found');
export const fileTooLarge = createErrorFactory('files.too_large', 413, 'The file is larger than the limit');
export const fileTypeNotAllowed = createErrorFactory('files.type_not_allowed', 415, 'This type of file is not accepted');
export const fileEmpty = createErrorFactory('files.empty', 400, 'The file is empty');
export const fileMissingPart = createErrorFactory('files.no_file', 400, 'Send the file as multipart/form-data in a field named "file"');
export const fileInUse = createErrorFactory('files.in_use', 409, 'The file is attached to a lesson or a submission and cannot be deleted');
export const uploadForbidden = createErrorFactory('files.upload_forbidden', 403, 'Your roles do not allow uploading files');

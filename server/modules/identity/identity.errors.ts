import { createErrorFactory } from '../../platform/errors.js';

// One message for a wrong login and a wrong password: never tell which one was wrong.
export const invalidCredentials = createErrorFactory('auth.invalid_credentials', 401, 'Wrong login or password');
export const tooManyAttempts = createErrorFactory('auth.too_many_attempts', 429, 'Too many failed sign-in attempts');
export const csrfRejected = createErrorFactory('auth.csrf_rejected', 403, 'This request did not come from a Sabaq page');
export const invalidIin = createErrorFactory('identity.invalid_iin', 400, 'Invalid IIN');
export const wrongPassword = createErrorFactory('auth.wrong_password', 400, 'The current password is not right');
export const samePassword = createErrorFactory('auth.same_password', 400, 'The new password must differ from the current one');

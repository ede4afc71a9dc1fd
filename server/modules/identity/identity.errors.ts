import { createErrorFactory } from '../../platform/errors.js';

// One message for a wrong login and a wrong password: never tell which one was wrong.
export const invalidCredentials = createErrorFactory('auth.invalid_credentials', 401, 'Wrong login or password');
export const tooManyAttempts = createErrorFactory('auth.too_many_attempts', 429, 'Too many failed sign-in attempts');
export const csrfRejected = createErrorFactory('auth.csrf_rejected', 403, 'This request did not come from a Sabaq page');
export const invalidIin = createErrorFactory('identity.invalid_iin', 400, 'Invalid IIN');

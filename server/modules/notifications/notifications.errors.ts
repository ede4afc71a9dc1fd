import { createErrorFactory } from '../../platform/errors.js';

// Someone else's notification answers exactly like a missing one.
export const notificationNotFound = createErrorFactory('notifications.not_found', 404, 'Notification not found');
export const invalidPhone = createErrorFactory('notifications.invalid_phone', 400, 'Not a Kazakh mobile number');
export const phoneRequired = createErrorFactory('notifications.phone_required', 422, 'A phone number is needed for SMS');
export const outboxNotFound = createErrorFactory('notifications.not_found', 404, 'Not found');

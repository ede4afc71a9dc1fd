import { createErrorFactory } from '../../platform/errors.js';

// Someone else's notification answers exactly like a missing one.
export const notificationNotFound = createErrorFactory('notifications.not_found', 404, 'Notification not found');

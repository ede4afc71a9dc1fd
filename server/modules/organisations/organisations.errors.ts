import { createErrorFactory } from '../../platform/errors.js';

// Outside the actor's scope answers exactly like "does not exist".
export const organisationNotFound = createErrorFactory('organisations.not_found', 404, 'Organisation not found');
export const classNotFound = createErrorFactory('organisations.class_not_found', 404, 'Class not found');

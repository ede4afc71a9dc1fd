import { createErrorFactory } from '../../platform/errors.js';

// Outside the actor's scope answers exactly like "does not exist".
export const organisationNotFound = createErrorFactory('supplies.organisation_not_found', 404, 'Organisation not found');
export const personNotFound = createErrorFactory('supplies.person_not_found', 404, 'Pupil or teacher not found');
export const childNotFound = createErrorFactory('supplies.child_not_found', 404, 'Child not found');
export const itemNotFound = createErrorFactory('supplies.item_not_found', 404, 'Item not found');
export const loanNotFound = createErrorFactory('supplies.loan_not_found', 404, 'Loan not found');
export const runNotFound = createErrorFactory('supplies.run_not_found', 404, 'Allocation run not found');
export const areaNotFound = createErrorFactory('supplies.area_not_found', 404, 'Area not found');
export const appealNotFound = createErrorFactory('supplies.appeal_not_found', 404, 'Appeal not found');
export const allocationNotFound = createErrorFactory('supplies.allocation_not_found', 404, 'Allocation not found');
export const classNotFound = createErrorFactory('supplies.class_not_found', 404, 'Class not found');
export const textbookNotFound = createErrorFactory('supplies.textbook_not_found', 404, 'Textbook not found');
export const forbidden = createErrorFactory('supplies.forbidden', 403, 'You may not do this');

export const ruleSetUnparseable = createErrorFactory('supplies.rule_set_unparseable', 400, 'The rule set is not valid JSON');
export const ruleSetInvalid = createErrorFactory('supplies.rule_set_invalid', 400, 'The rule set does not follow the rules schema');
export const unreadableFile = createErrorFactory('supplies.unreadable_file', 400, 'The file is neither a CSV nor an XLSX file that can be read');
export const noFile = createErrorFactory('supplies.no_file', 400, 'Send one file (multipart/form-data)');
export const fileTooLarge = createErrorFactory('supplies.file_too_large', 413, 'The file is larger than 5 MB, the most one import takes');
export const rowsInvalid = createErrorFactory('supplies.rows_invalid', 422, 'Some rows have errors; nothing was imported');
export const duplicateInventory = createErrorFactory('supplies.duplicate_inventory_number', 409, 'This inventory number is already in stock');
export const itemElsewhere = createErrorFactory('supplies.item_of_another_organisation', 409, 'The item belongs to another organisation');
export const itemOnLoan = createErrorFactory('supplies.item_on_loan', 409, 'The item is already lent');
export const itemUnavailable = createErrorFactory('supplies.item_unavailable', 409, 'The item is not available (in repair or written off)');
export const notLent = createErrorFactory('supplies.not_lent', 409, 'The item is not on loan');
export const allocationFulfilled = createErrorFactory('supplies.allocation_fulfilled', 409, 'The household already holds everything allocated to it');
export const recipientInvalid = createErrorFactory('supplies.recipient_invalid', 422, 'The recipient is not a parent, pupil or teacher of this organisation');
export const sameOrganisation = createErrorFactory('supplies.same_organisation', 422, 'The item is already at this organisation');
export const runStale = createErrorFactory('supplies.run_stale', 409, 'The stock or the census changed since the preview; preview again');
export const notEnoughCopies = createErrorFactory('supplies.not_enough_copies', 409, 'Not enough copies in stock for the whole class');
export const noTextbookStock = createErrorFactory('supplies.no_textbook_stock', 422, 'The organisation holds no copies of this title');
export const noCurrentYear = createErrorFactory('supplies.no_current_year', 422, 'No current school year is set');
export const appealDecided = createErrorFactory('supplies.appeal_decided', 409, 'The appeal was already decided');

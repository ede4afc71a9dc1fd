import { createErrorFactory } from '../../platform/errors.js';

// Out of the actor's area answers exactly like "does not exist".
export const orderNotFound = createErrorFactory('supplies.order_not_found', 404, 'Textbook order not found');
export const dispatchNotFound = createErrorFactory('supplies.dispatch_not_found', 404, 'Dispatch not found');
export const regionNotFound = createErrorFactory('supplies.region_not_found', 404, 'Region not found');
export const titleUnknown = createErrorFactory('supplies.title_unknown', 422, 'A textbook title in the request does not exist');
export const titleTwice = createErrorFactory('supplies.title_twice', 400, 'The same title appears twice; give each title once');
export const titleNotOrdered = createErrorFactory('supplies.title_not_ordered', 422, 'The title is not in this order');
export const schoolOutsideRegion = createErrorFactory('supplies.school_outside_region', 422, "The school is not in the order's region");
export const overDispatch = createErrorFactory('supplies.over_dispatch', 409, 'More copies planned than ordered');
export const titleNotDispatched = createErrorFactory('supplies.title_not_dispatched', 422, 'No copies of this title were dispatched to the school');
export const overDelivery = createErrorFactory('supplies.over_delivery', 409, 'More copies than were dispatched to the school and not yet received');
export const deadlineBeforeYear = createErrorFactory('supplies.deadline_invalid', 400, 'The deadline is not a plausible date');
export const dateInFuture = createErrorFactory('supplies.date_in_future', 400, 'The delivery date is in the future');
export const eBookMissing = createErrorFactory('supplies.e_book_missing', 404, 'No e-version file was uploaded for this title');
export const eBookType = createErrorFactory('supplies.e_book_type', 415, 'The file is neither a PDF nor an EPUB (judged by its content)');
export const eBookTooLarge = createErrorFactory('supplies.e_book_too_large', 413, 'The e-version is larger than the limit');
export const eBookNoFile = createErrorFactory('supplies.e_book_no_file', 400, 'Send one PDF or EPUB file in a field named "file" (multipart/form-data)');
export const uploadForbidden = createErrorFactory('supplies.forbidden', 403, 'Only ministry and region officers upload e-versions');
export const orderBelowDispatched = createErrorFactory(
  'supplies.order_below_dispatched',
  409,
  'An order line cannot be reduced below the copies planned for dispatch',
);
export const dispatchBelowDelivered = createErrorFactory(
  'supplies.dispatch_below_delivered',
  409,
  'A dispatch cannot be reduced below the copies the school has received',
);
export const dispatchHasDeliveries = createErrorFactory(
  'supplies.dispatch_has_deliveries',
  409,
  'A dispatch the school has received copies of cannot be cancelled',
);
export const orderHasDeliveries = createErrorFactory(
  'supplies.order_has_deliveries',
  409,
  'An order some copies of which have been delivered cannot be cancelled',
);
export const orderCancelled = createErrorFactory('supplies.order_cancelled', 409, 'The order is cancelled');

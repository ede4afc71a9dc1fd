import { createErrorFactory } from '../../platform/errors.js';

// An area outside the actor's scope answers exactly like one that does not exist.
export const areaNotFound = createErrorFactory('analytics.area_not_found', 404, 'Area not found');
export const unknownArea = createErrorFactory(
  'analytics.unknown_area',
  400,
  'Unknown area: use country, region:<id>, district:<id>, organisation:<id> or class:<id>',
);
export const badRange = createErrorFactory('analytics.bad_range', 400, 'The range ends before it starts');
export const rangeTooLong = createErrorFactory('analytics.range_too_long', 400, 'The range is longer than allowed');
export const exportNotFound = createErrorFactory('analytics.export_not_found', 404, 'Export not found');
export const subscriptionNotFound = createErrorFactory('analytics.subscription_not_found', 404, 'Weekly report subscription not found');
export const reportNotFound = createErrorFactory('analytics.report_not_found', 404, 'Weekly report not found');
export const tooManySubscriptions = createErrorFactory('analytics.too_many_subscriptions', 409, 'Too many weekly reports');

import { createErrorFactory } from '../../platform/errors.js';

// Outside the actor's scope answers exactly like missing.
export const settlementNotFound = createErrorFactory('connectivity.settlement_not_found', 404, 'Settlement not found');
export const districtNotFound = createErrorFactory('connectivity.district_not_found', 404, 'District not found');
export const regionNotFound = createErrorFactory('connectivity.region_not_found', 404, 'Region not found');
export const organisationNotFound = createErrorFactory('connectivity.organisation_not_found', 404, 'Organisation not found');
export const unknownChannel = createErrorFactory('connectivity.unknown_channel', 400, 'Unknown TV channel');
export const badSpeed = createErrorFactory('connectivity.bad_speed', 400, 'The measured speed does not fit the internet level');
export const measuredInFuture = createErrorFactory('connectivity.measured_in_future', 400, 'The measurement date is in the future');
export const speedWithoutDate = createErrorFactory('connectivity.speed_without_date', 400, 'A measured speed needs the date it was measured on');
export const areaRequired = createErrorFactory('connectivity.area_required', 400, 'Give a districtId or a regionId');
export const badDate = createErrorFactory('connectivity.bad_date', 400, 'The measurement date is not a date');

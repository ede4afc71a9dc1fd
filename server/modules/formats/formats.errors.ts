import { createErrorFactory } from '../../platform/errors.js';

// Outside the actor's scope answers exactly like "does not exist".
export const areaNotFound = createErrorFactory('formats.area_not_found', 404, 'Area not found');
export const organisationNotFound = createErrorFactory('formats.organisation_not_found', 404, 'Organisation not found');
export const classNotFound = createErrorFactory('formats.class_not_found', 404, 'Class not found');
export const ruleSetNotFound = createErrorFactory('formats.rule_set_not_found', 404, 'Rule set not found');
export const overrideNotFound = createErrorFactory('formats.override_not_found', 404, 'Override not found');
export const notAnOfficer = createErrorFactory('formats.not_found', 404, 'Not found');

export const levelNotInScale = createErrorFactory('formats.level_not_in_scale', 422, 'This level is not on the situation scale in use');
export const ruleSetUnparseable = createErrorFactory('formats.rule_set_unparseable', 400, 'The rule set is not valid JSON');
export const ruleSetInvalid = createErrorFactory('formats.rule_set_invalid', 400, 'The rule set does not follow the rule set format');
export const ruleSetMissing = createErrorFactory('formats.rule_set_missing', 400, 'Send the rule set as `body` (JSON) or `source` (text), one of the two');
export const ruleSetIncomplete = createErrorFactory('formats.rule_set_incomplete', 422, 'The rule set leaves some organisations without a format');
export const ruleSetStale = createErrorFactory('formats.rule_set_stale', 409, 'Another version was published since you started editing');
export const regionalRulesDisabled = createErrorFactory('formats.regional_rules_disabled', 403, 'Regions may not publish their own rules (a ministry setting)');
export const noRuleSet = createErrorFactory('formats.no_rule_set', 422, 'No rule set is published yet: publish the country rule set first');
export const forbiddenAction = createErrorFactory('formats.forbidden', 403, 'You may not do this');
export const overrideInvalid = createErrorFactory('formats.override_invalid', 422, 'The override is not consistent');
export const overrideRevoked = createErrorFactory('formats.override_already_revoked', 409, 'This override was already revoked');

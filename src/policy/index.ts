// The policy stage: the rule catalog, custom rules, and the compliance check over plain data.
export {
  RuleSchema, RuleFile, RULE_KINDS, VERIFICATION_LEVELS, GRADES, RESTRICTS, QUOTED_FIELDS,
  type Rule, type RuleKind, type VerificationLevel, type Scope, type VendorSelector, type CatalogChange, type Quote, type Restricts,
} from './schema.js';
export { loadRuleCatalog, shippedRuleCatalog, parseRuleCatalog, crossCheckRules, type RuleCatalog, type RuleProblem } from './catalog.js';
export { parseCatalogText } from './catalog-file.js';
export { changesSince } from './changes.js';
export { parseCustomRules } from './custom-rules.js';
export { evaluate, type CheckInput } from './evaluate.js';
export { STATUSES, FAIL_ON, meetsFailOn, isUndecided, statusRank, type Status, type FailOn, type Finding, type GroupInfo, type EvidenceNote, type RuleRef } from './findings.js';
export { ruleDates, upcomingDeadlines, type RuleDate, type UpcomingDeadline, type DateField } from './deadlines.js';
export { buildFamilies, vendorFamilies, coverage, type VendorFamilies, type Coverage } from './vendor-family.js';
export { herfindahl } from './concentration.js';
export { excessOverCap } from './share-cap.js';
export { lastPermittedDay } from './timing.js';
export { repealBasis } from './repeal.js';
export { addDays, isRealDate, todayUtc, dayNumber } from './dates.js';
export { vendorList } from './explain.js';
export type { PolicyDevice } from './device.js';
export { missingDataSummary, missingDataLines, needsDataSentences, FILL_IN_HINT, type MissingCount } from './needs-data.js';
export { MISSING_FIELDS, type MissingFieldName } from './scope.js';

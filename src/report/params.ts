// The report's parameters, declared once like an analysis's (src/analyses/params.ts): the CLI's
// `cleanpath report` options and the API's report query are both generated from this object.
import { z } from 'zod';
import { DEFAULT_UNTRUSTED } from '../analyses/untrusted.js';
import { budgetParam, dateParam, flagParam, numberParam, stringParam, vendorsParam } from '../analyses/params.js';

export const REPORT_PARAMS = z.object({
  asOf: dateParam('date for the policy check and deadlines, YYYY-MM-DD (default: today, UTC)'),
  untrusted: vendorsParam(`untrusted vendors (default ${DEFAULT_UNTRUSTED.join(',')})`),
  budget: budgetParam('replacement budget per period, e.g. 3000000/year: phases the plan'),
  budgetStart: dateParam('first day of the first budget period (default: the as-of date)'),
  assumeInScope: flagParam('policy check: read a blank layer, technology, network, use or installed date as in scope instead of needs-data (the report says so)'),
  includeUnverified: flagParam('policy check: apply rules whose primary text has not been read (verification unverified) with their deadlines, instead of as advisory findings (the report says so)'),
  since: stringParam('an earlier snapshot: the report then says what changed since (flows whose exposure changed, findings opened, closed and changed)', '<snapshot>'),
  plan: flagParam('compute the replacement plan (--no-plan: skip it)', true),
  timeLimit: numberParam('wall-clock limit for the planner, seconds (the server caps it)', { min: 0.001, message: 'expected a positive number of seconds' }, 60),
});

export type ReportParams = z.output<typeof REPORT_PARAMS>;

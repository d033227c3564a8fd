// One CLI adapter per analysis of the registry: a missing one is a compile error, so a new
// analysis cannot land without its command.
import type { AnalysisId, DocumentOf, ParamsOf } from '../analyses/registry.js';
import type { CliAdapter } from './analysis-command.js';
import { adapter as findings } from './commands/check.js';
import { adapter as flowPaths } from './commands/flow-paths.js';
import { adapter as exposure } from './commands/exposure.js';
import { adapter as killswitch } from './commands/killswitch.js';
import { exposureAdapter as pathsExposure } from './commands/paths.js';
import { adapter as plan } from './commands/plan.js';
import { adapter as screening } from './commands/screen.js';
import { adapter as whatif } from './commands/whatif.js';

/** `cleanpath chokepoints` is exposure's run: its worker threads and --distributed too; a table by default. */
const chokepoints: CliAdapter<DocumentOf<'chokepoints'>, ParamsOf<'chokepoints'>> = {
  format: 'table',
  options: (cmd) => exposure.options?.(cmd),
  env: (opts, progress) => exposure.env?.(opts, progress) ?? {},
};

export const CLI_ADAPTERS: { [K in AnalysisId]: CliAdapter<DocumentOf<K>, ParamsOf<K>> } = {
  findings,
  exposure,
  chokepoints,
  'flow-paths': flowPaths,
  killswitch,
  plan,
  screening,
  'paths-exposure': pathsExposure,
  whatif,
};

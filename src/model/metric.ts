// The link metric rule, shared by the readers that take metrics from files (file:line errors) and
// by the graph that takes them as data: a positive integer IGP cost that fits an Int32Array.
import { InputError } from './errors.js';

export const MAX_METRIC = 0x7fffffff;

export function checkMetric(metric: number, source: string, line: number | undefined): number {
  if (!Number.isInteger(metric) || metric < 1 || metric > MAX_METRIC) {
    throw new InputError(source, line, `metric must be an integer from 1 to ${MAX_METRIC}, got ${metric}`);
  }
  return metric;
}

// Output of an exposure run: the per-flow CSV of DESIGN section 4 (byte-identical to the
// reference) and a JSON document with per-flow objects and the summary; a kill-switch run's JSON.
import { csvCell } from '../model/csv-write.js';
import type { ExposureResult } from './exposure.js';
import { FLOW_DISRUPTED, type KillSwitchResult } from './killswitch.js';
import { isSensitive, volumeOf, type ExposureSummary } from './summary.js';
import { EXPOSURE_CLASSES, type ExposureClass, type FlowInput } from './types.js';

const num = (x: number): string => (x === Infinity ? 'inf' : String(x));

/**
 * `id,cost,exposure,clean_cost`, integers or `inf`, flows in input order. The flow id is the only
 * text from the user: it goes through the one writer (defused, quoted when needed), which leaves
 * an ordinary id as it is, so the file stays byte-identical to the reference.
 */
export function exposureCsv(r: ExposureResult): string {
  const lines = new Array<string>(r.flows.length + 1);
  lines[0] = 'id,cost,exposure,clean_cost';
  for (let i = 0; i < r.flows.length; i++) {
    lines[i + 1] = `${csvCell(r.flows[i]!.id)},${num(r.cost[i]!)},${EXPOSURE_CLASSES[r.exposure[i]!]!},${num(r.clean[i]!)}`;
  }
  return lines.join('\n') + '\n';
}

export interface FlowExposure {
  id: string;
  src: string;
  dst: string;
  class: 'sensitive' | 'normal';
  volume: number;
  /** null when unreachable */
  cost: number | null;
  exposure: ExposureClass;
  /** null when no path avoids the untrusted nodes */
  cleanCost: number | null;
  /** cleanCost / cost; null when either is missing or cost is 0 */
  stretch: number | null;
}

export interface ExposureDocument {
  flows: FlowExposure[];
  summary: ExposureSummary;
}

export function exposureDocument(r: ExposureResult): ExposureDocument {
  const flows = r.flows.map((f, i): FlowExposure => {
    const cost = r.cost[i]!, clean = r.clean[i]!;
    const finite = cost !== Infinity && clean !== Infinity;
    return {
      id: f.id,
      src: f.src,
      dst: f.dst,
      class: isSensitive(f) ? 'sensitive' : 'normal',
      volume: volumeOf(f),
      cost: cost === Infinity ? null : cost,
      exposure: EXPOSURE_CLASSES[r.exposure[i]!]!,
      cleanCost: clean === Infinity ? null : clean,
      stretch: finite ? (cost === 0 ? (clean === 0 ? 1 : null) : clean / cost) : null,
    };
  });
  return { flows, summary: r.summary };
}

/**
 * A kill-switch run as JSON: the result without its per-flow status array, plus the ids of the
 * flows it disrupts (in input order). One shape for the CLI, the API and distributed runs.
 */
export function killSwitchDocument(r: KillSwitchResult, flows: readonly FlowInput[]) {
  return {
    removedDevices: r.removedDevices,
    disrupted: r.disrupted,
    endpointRemoved: r.endpointRemoved,
    alreadyUnreachable: r.alreadyUnreachable,
    mainNetworkBefore: r.mainNetworkBefore,
    mainNetworkAfter: r.mainNetworkAfter,
    sitesCutOff: r.sitesCutOff,
    restore: r.restore,
    disruptedFlows: flows.filter((_, i) => r.flowStatus[i] === FLOW_DISRUPTED).map((f) => f.id),
  };
}

// The overview's cards (issue 18): what the dashboard's overview shows of the report, and nothing
// else. The report at 100k devices is 164 MB of JSON (sites, links, untrusted devices with their
// evidence, every flow, the plan); the cards are a few hundred bytes: counts, findings by
// status, the notes and one line per kill-switch vendor set. Cut from the report model itself, so
// the numbers are the report's by construction.
import type { ReportModel } from './model.js';

/** Notes kept, at most: they are sentences about the run, a handful; the rest is counted. */
export const OVERVIEW_NOTES = 20;

/** One vendor set switched off, as the overview's line says it. */
export interface OverviewKillSwitch {
  vendors: string[];
  removedDevices: number;
  /** Sensitive flows this set's kill-switch disconnects. */
  sensitiveFlowsCut: number;
  /** Sites left without a path to the main network. */
  sitesCutOff: number;
  mainNetworkBefore: number;
  mainNetworkAfter: number;
}

/** The report's reading and counts the overview's cards draw: bounded whatever the network's size. */
export interface ReportOverview {
  source: { snapshot: string; snapshotCreatedAt: string; label: string };
  asOf: string;
  /** The untrusted vendors as the report read them (catalog names resolved to slugs). */
  untrusted: string[];
  summary: ReportModel['summary'];
  /** Why the flow analyses have nothing to say, or null: the cards then show no exposure zeros. */
  nothingToAnalyse: string | null;
  notes: string[];
  /** Notes beyond OVERVIEW_NOTES, not sent. */
  moreNotes: number;
  /** One per untrusted vendor, and one for all of them together when there are several. */
  killSwitches: OverviewKillSwitch[];
}

export function reportOverview(m: ReportModel): ReportOverview {
  return {
    source: { snapshot: m.source.snapshot, snapshotCreatedAt: m.source.snapshotCreatedAt, label: m.source.label },
    asOf: m.asOf,
    untrusted: m.untrusted,
    summary: m.summary,
    nothingToAnalyse: m.nothingToAnalyse,
    notes: m.notes.slice(0, OVERVIEW_NOTES),
    moreNotes: Math.max(0, m.notes.length - OVERVIEW_NOTES),
    killSwitches: m.killSwitches.map((k) => ({
      vendors: k.vendors,
      removedDevices: k.removedDevices,
      sensitiveFlowsCut: k.disrupted.sensitiveFlows,
      sitesCutOff: k.sitesCutOff.length,
      mainNetworkBefore: k.mainNetworkBefore,
      mainNetworkAfter: k.mainNetworkAfter,
    })),
  };
}

// The shapes the dashboard reads from the API. Report, device and snapshot types come from the
// stages that produce them (type-only imports: nothing of src/ is bundled); the topology and the
// whoami answers are written down here from tmp/api-contract.md. The registry of analyses and
// the diff come from src/analyses (GET /api/analyses, GET /api/snapshots/{s}/diff/{base}).
export type {
  ExposureLevel,
  ReportDevice,
  ReportFlow,
  ReportKillSwitch,
  ReportLink,
  ReportModel,
  ReportSite,
  VendorShare,
} from '../../src/report/model.js';
export type { Device, Evidence } from '../../src/model/index.js';
export type { SnapshotInfo } from '../../src/store/types.js';
export type { SnapshotSummary } from '../../src/report/vendor-shares.js';
export type { OverviewKillSwitch, ReportOverview } from '../../src/report/overview.js';
export type { Finding, EvidenceNote, Status } from '../../src/policy/findings.js';
export type { UpcomingDeadline } from '../../src/policy/deadlines.js';
export type { PlanDocument } from '../../src/plan/format.js';
export type { AnalysisManifest, ParamManifest } from '../../src/analyses/manifest.js';
export type { ColumnSpec, TableCell, TableRow } from '../../src/analyses/define.js';
export type { AnalysisDiff } from '../../src/analyses/compare.js';
export type { WhatIfAnalysis } from '../../src/analyses/whatif.js';
export type { FlowPathsAnalysis, FlowRoute, FlowSite, Hop, HopEvidence } from '../../src/analyses/flow-paths.js';
export type { RowChange } from '../../src/analyses/tables.js';

export type Role = 'viewer' | 'analyst' | 'admin';

export interface WhoAmI {
  organisation: string;
  role: Role;
  token: { id: number; label: string };
}

export interface TopologyNode {
  id: string;
  name: string | null;
  vendor: string | null;
  site: string | null;
  country: string | null;
  layer: string | null;
  /** absent from answers of servers older than the topology view's grouping by operator */
  operator?: string | null;
  untrusted: boolean;
}

export interface TopologyLink {
  a: string;
  b: string;
  metric: number;
}

export interface Topology {
  /** The vendor slugs the nodes' `untrusted` flags were computed for. */
  untrusted?: string[];
  nodes: TopologyNode[];
  links: TopologyLink[];
}

/** The report's parameters the dashboard lets the user change. */
export interface ReportParams {
  asOf: string;
  untrusted: string;
}

/** GET /api/snapshots/{s}/devices: one page and how many devices match. */
export type { DevicePage } from '../../src/store/types.js';

/** GET /api/snapshots/{s}/devices/{id}/links (src/server/routes/devices.ts). */
export interface DeviceLinks {
  device: string;
  links: Array<{
    a: string;
    b: string;
    metric: number;
    operator: string | null;
    neighbour: { id: string; name: string | null; vendor: string | null; site: string | null; country: string | null; layer: string | null };
  }>;
}

/** GET /api/snapshots/{s}/tables/{analysis}: the registry's table rows of one run. */
export interface AnalysisTables {
  analysis: string;
  nothingToAnalyse: string | null;
  notes: string[];
  tables: Array<{ id: string; title: string; rows: import('../../src/analyses/define.js').TableRow[] }>;
}

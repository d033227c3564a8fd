// Closed vocabularies of the domain model (DESIGN section 3). Each is a const tuple so that the
// zod schema, the TypeScript union and `--help` listings all come from one place.

export const LAYERS = ['core', 'ran', 'transport', 'nms', 'access', 'enterprise', 'handset', 'iot', 'surveillance'] as const;
export type Layer = (typeof LAYERS)[number];

export const TECHNOLOGIES = ['2g', '3g', '4g', '5g', 'fixed'] as const;
export type Technology = (typeof TECHNOLOGIES)[number];

export const NETWORK_KINDS = ['commercial', 'government', 'military'] as const;
export type NetworkKind = (typeof NETWORK_KINDS)[number];

/** Where a piece of vendor evidence came from. `serial` is a GPON ONU serial's vendor prefix. */
export const EVIDENCE_KINDS = ['declared', 'oui', 'sysobjectid', 'engineid', 'sysdescr', 'lldp', 'banner', 'tac', 'name', 'serial'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const FLOW_CLASSES = ['sensitive', 'normal'] as const;
export type FlowClass = (typeof FLOW_CLASSES)[number];

export function isOneOf<T extends string>(values: readonly T[], v: string): v is T {
  return (values as readonly string[]).includes(v);
}

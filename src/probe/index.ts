// The probe stage: active discovery from the devices themselves (SNMPv3 engine-ID discovery,
// authenticated SNMP collection) turned into device records, links and evidence.
export { BerError, BerReader, readTlv, decodeValue, encodeTlv, encodeInteger, encodeOctets, encodeOid, encodeNull, encodeSequence, toHex, TAG, MAX_DEPTH } from './ber.js';
export type { Tlv, SnmpValue } from './ber.js';
export { buildDiscoveryProbe, parseDiscoveryReply, USM_STATS_UNKNOWN_ENGINE_IDS } from './snmpv3.js';
export type { DiscoveryReply, VarBind } from './snmpv3.js';
export { parseTargetSpec, parseTargets, readTargetsFile, expandTargets, countTargets, checkTargetCount, DEFAULT_MAX_TARGETS } from './targets.js';
export type { ProbeTarget, TargetSpec } from './targets.js';
export { probeTargets } from './prober.js';
export type { ProbeOptions, ProbeOutcome, ProbeStatus, TargetSource } from './prober.js';
export { interpretOutcome, probeDeviceRecord, formatEndpoint, PROBE_SOURCE } from './interpret.js';
export type { ProbeResult } from './interpret.js';
export { collectSnmp, collectTargets, OIDS } from './collect.js';
export type { Collected, CollectOptions, LldpNeighbor, SnmpCredentials } from './collect.js';
export { collectedToTopology, collectedDeviceRecord, COLLECT_SOURCE } from './records.js';
export { storeResults } from './store.js';
export type { StoreResultsOptions, StoreResultsSummary } from './store.js';

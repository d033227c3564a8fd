// The paths stage: outside-in path exposure from traceroutes. Parsers for RIPE Atlas, mtr,
// scamper and traceroute text; hop enrichment from offline data (iptoasn, RIR delegations,
// .mmdb) in typed-array prefix tables; router identity and alias resolution from SNMPv3
// discovery; exposure per measurement and aggregated over a window; storage of measurements.
export * from './types.js';
export { canonicalIp, parseIpv4, parseIpv6, formatIpv4, formatIpv6 } from './address.js';
export { PrefixTable4, PrefixTable6, PrefixTable4Builder, PrefixTable6Builder } from './prefix-table.js';
export { specialKind4, specialKind6, SPECIAL_KINDS, type SpecialKind } from './special.js';
export { loadAsnTable, type AsnTable, type AsInfo } from './enrich/asn-table.js';
export { loadRirTable, type RirTable } from './enrich/rir.js';
export { openMmdb, mmdbFacts, type MmdbSource, type MmdbFacts } from './enrich/mmdb.js';
export { Enricher, loadEnrichmentData, describeEnrichment, type EnrichmentData, type EnrichmentFiles, type HopFacts } from './enrich/enricher.js';
export { readTraceFile, measurementOf, type ReadTraceOptions } from './parse/read.js';
export { identitiesFromDevices, identitiesFromProbeJson, resolveRouters, type AddressIdentity, type Router, type RouterIndex } from './identity.js';
export * from './exposure.js';
export { measurementKey, factsFor, lastDays, type StoredMeasurement, type PathImportSummary, type WindowFilter } from './store.js';
export { importPaths, analysePathExposure, loadRouters, type PathImportOptions, type PathExposureOptions, type PathExposureDocument } from './run.js';

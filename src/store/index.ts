// The store stage: snapshots of devices, sites, links and flows, and the import that writes them.
export * from './types.js';
export { openStore } from './open-store.js';
export { importFiles } from './import-files.js';
export type { FileSummary, ImportFilesOptions, ImportProgress, ImportSummary } from './import-run.js';
export { defaultSnapshotName } from './snapshot-name.js';

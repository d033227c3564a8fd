// The store stage: snapshots of devices, sites, links and flows, and the import that writes them.
export * from './types.js';
export * from './path-types.js';
export { measurementKey } from './path-rows.js';
export { openStore, storeLabel } from './open-store.js';
export { importFiles } from './import-files.js';
export type { FileSummary, ImportFilesOptions, ImportProgress, ImportSummary } from './import-run.js';
export { defaultSnapshotName } from './snapshot-name.js';
export { openTokenStore, SqliteTokenStore, type TokenStore, ROLES, isRole, roleRank, hashToken, TOKEN_PATTERN, ORGANISATION_PATTERN, type Role, type TokenInfo, type CreatedToken, type CreateTokenOptions } from './tokens.js';
export { DEFAULT_WAIT_SECONDS, BUSY_MESSAGE, StoreBusyError, isStoreBusy } from './write-lock.js';
export { tokenFilePath } from './sqlite-token-file.js';

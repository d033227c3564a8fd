// The screening stage: restricted-party lists (CSL bulk JSON, FollowTheMoney JSON lines, the FCC
// Covered List entries of the policy catalog), a name matcher with explanations, the ownership
// walk, and findings for the makers and parties of an inventory.
export { normaliseName, GENERIC_WORDS, FUNCTION_WORDS, type NormalName } from './normalise.js';
export { TokenWeights } from './weights.js';
export { simplifiedChinese, latinFromCyrillic, pinyinSpelling, foldTransliteration } from './fold-script.js';
export { NameIndex, MATCH_THRESHOLD, POSSIBLE_THRESHOLD, COUNTRY_MATCH, COUNTRY_MISMATCH, verdictOf, explainText, DISTINCTIVE_WEIGHT, type Candidate, type Explanation, type TokenPair, type MissingToken, type Verdict } from './matcher.js';
export { Screener, type ScreenHit, type ScreenResult, type ScreenOptions, type ListRef, type PartyRef } from './screen.js';
export { listedAncestors, listedOn, linkActive, pathText, MAX_OWNERSHIP_DEPTH } from './ownership.js';
export { loadListFile, bundledLists, bundledDataPath, detectListFormat, BUNDLED_FILES } from './lists/load.js';
export { parseCsl } from './lists/csl.js';
export { parseFtm } from './lists/ftm.js';
export { fccCatalogList, entryName } from './lists/fcc-catalog.js';
export { LIST_FORMATS, type ListFormat, type ListEntity, type Listing, type OwnerLink, type ScreeningList, type VersionSource } from './lists/types.js';
export { inventoryParties, screenInventory, PARTY_ROLES, type PartyRole, type PartyDevice, type InventoryParty, type ScreeningFinding, type InventoryScreening } from './findings.js';
export { DEFAULT_SOURCES, listSources, readSourcesFile, type ListSource } from './update/sources.js';
export { listsDir, LISTS_DIR_ENV } from './update/lists-dir.js';
export { DEFAULT_LIMITS, type DownloadLimits, type DownloadProgress } from './update/download.js';
export { installedLists, downloadedLists, type InstalledList, type ListMeta } from './update/installed.js';
export { updateList, type UpdateOutcome } from './update/update.js';

export { loadCatalog, parseCatalog, catalogIndex } from './catalog.js';
export type { Catalog, Vendor, CatalogPen, CatalogPattern, CatalogOuiOrg, OidRuleEntry, NonVendorPenEntry, PenMeaning, CatalogIndex } from './catalog.js';
export { normaliseCompanyName, buildNameIndex } from './names.js';
export type { NameHit, NameSource } from './names.js';
export { parseMacInto } from './mac-parse.js';
export type { MacShape } from './mac-parse.js';
export { OuiIndex, getOuiIndex, normaliseOrgName, OUI_INVALID, OUI_UNASSIGNED } from './oui-index.js';
export type { OuiMatch, OuiBlock } from './oui-index.js';

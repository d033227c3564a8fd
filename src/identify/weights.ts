// Every confidence identification assigns, in one place, with the reason for each number.
// Evidence confidences are "how likely this piece alone names the maker of the box".

export const WEIGHTS = {
  /** Vendor column of an inventory: usually right, but typed by people and often the reseller. */
  declared: 0.7,
  /** MAC OUI: names the NIC's maker, which is usually but not always the device's maker. */
  oui: 0.8,
  /** OUI organisation whose link to the vendor the catalog marks unverified. */
  ouiUnverified: 0.5,
  /**
   * MAC OUI of an organisation outside the catalog: as often the NIC's or module's maker as the
   * box's, so below a declared vendor (a Dell server with an Intel NIC stays Dell).
   */
  ouiNonCatalog: 0.6,
  /** sysObjectID under an enterprise number from the IANA registry that the catalog does not list. */
  registryPen: 0.8,
  /**
   * An OUI or enterprise number the catalog does not list, whose registered organisation name is
   * exactly a catalog vendor's legal name or alias: that vendor, but unreviewed.
   */
  registryName: 0.6,
  /** sysObjectID under a vendor's IANA enterprise number: set by the vendor's own agent. */
  sysObjectId: 0.9,
  /** SNMPv3 engine ID's enterprise number alone: spoofable, and OEM boxes carry their own. */
  engineIdPen: 0.6,
  /** MAC inside a format-3 engine ID: preferred over the PEN (the PEN can be an OEM's). */
  engineIdMac: 0.85,
  /** IMEI TAC found in the user's TAC table. */
  tac: 0.85,
  /** GPON ONU serial vendor prefix (HWTC, ZTEG...). */
  gponSerial: 0.8,
  /** GPON prefix the catalog marks unverified (FHTT). */
  gponSerialUnverified: 0.5,
  /** Exact company name (legal name, alias, subsidiary) found as the whole of a text value. */
  companyName: 0.7,
  /** Same through a joint venture or predecessor rather than the vendor itself. */
  companyNameAffiliate: 0.6,
  /** A brand as a whole word inside free text no catalog pattern matched ("HUAWEI BTS5900 ..."). */
  brandWord: 0.6,
  /** LLDP carries the sysDescr text: a pattern match counts as much as it does in sysDescr. */
  lldpFactor: 1.0,
  /** A banner regex's own confidence is scaled by this when the banner arrives as a plain field. */
  bannerFactor: 1.0,
} as const;

/**
 * Combining evidence into one attribution.
 * - Per vendor: noisy-OR of its valid pieces, 1 − Π(1 − cᵢ): independent observations that agree
 *   raise confidence, none alone reaches certainty.
 * - The vendor with the highest combined score wins (ties: the one whose strongest piece is
 *   strongest, then catalog order of first appearance). Catalog vendors rank before makers outside
 *   the catalog: a chip or NIC maker's MAC in a Huawei box is expected, and must not turn a Huawei
 *   into "not covered". Such a maker is kept as a Conflict but does not discount the winner.
 * - The winner's confidence is discounted by its strongest rival: c = s₁ · (1 − RIVAL_DISCOUNT · s₂).
 *   Two strong disagreeing signals leave a visibly uncertain answer, and the rival is kept as a
 *   Conflict.
 */
export const RIVAL_DISCOUNT = 0.5;

/** Rounding for confidences shown to users and stored: 3 decimals. */
export function roundConfidence(c: number): number {
  return Math.round(Math.min(1, Math.max(0, c)) * 1000) / 1000;
}

// The seed's question as a what-if scenario file (issue 17.5): if Germany, Italy and Japan
// adopted the US ask — no Huawei or ZTE in government and commercial networks, removed by a date
// — how many devices, at what cost, which bases' flows become clean, and by when under a budget.
//
// Why a listing and not an adopted catalog rule: no US rule in the catalog says this. NDAA
// section 889(b) (us-ndaa-889b) reaches government and military networks only; the FCC's rules
// reach US networks and subsidies or equipment authorisation, not a carrier's commercial network
// abroad. The ask is therefore written as what it is — Huawei and ZTE listed in DE, IT and JP
// for government and commercial networks (the military networks of the scenario are the US
// bases' own) — with removal by the end of 2028, an assumption stated in docs/demo.md.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Last day the equipment may stay: the listing prohibits it from the day after. */
export const ADOPTION_REMOVE_BY = '2028-12-31';
export const ADOPTION_FROM = '2029-01-01';
export const ADOPTION_COUNTRIES = ['DE', 'IT', 'JP'] as const;
export const ADOPTION_FILE = 'adoption.yaml';

export const ADOPTION_SCENARIO = `# cleanpath whatif --scenario ${ADOPTION_FILE}: the US ask adopted by Germany, Italy and Japan
version: 1
scenario: Germany, Italy and Japan adopt the US ask — no Huawei or ZTE in government and commercial networks, removed by ${ADOPTION_REMOVE_BY}
list:
  - vendors: [huawei, zte]
    from: ${ADOPTION_FROM}
    in: [${ADOPTION_COUNTRIES.join(', ')}]
    networks: [government, commercial]
`;

/** Writes the scenario file next to the demo's CSVs (so a user can rerun it) and returns its path. */
export function writeAdoptionScenario(dir: string): string {
  const file = join(dir, ADOPTION_FILE);
  writeFileSync(file, ADOPTION_SCENARIO);
  return file;
}

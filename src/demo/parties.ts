// Who sold and who maintains some of the demo's equipment: the supplier, reseller and maintainer
// columns that `cleanpath screen --inventory` checks against restricted-party lists. Fixed by
// device id (no randomness), so the rest of the scenario is unchanged. The maker's own sales
// companies are written the sloppy ways real inventories write them; the resellers and
// integrators with invented names are fictional, like the operators.

import type { ScenarioBuilder } from './builder.js';

interface Parties {
  supplier?: string;
  reseller?: string;
  maintainer?: string;
}

export const DEMO_PARTIES: Readonly<Record<string, Parties>> = {
  // Huawei RAN bought from Huawei's own sales company, written two ways.
  'dec-FRA-ran02': { supplier: 'HUAWEI TECHNOLOGIES CO.,LTD' },
  'dec-BER-ran01': { supplier: 'Huawei Tech. Co. Ltd', maintainer: 'Huawei Technologies Deutschland GmbH' },
  'dea-FRA-agg1': { supplier: 'Rheinwerk Netztechnik GmbH', maintainer: 'Huawei Tech Deutschland' },
  // ZTE transport bought directly.
  'itb-VCE-agg1': { supplier: 'ZTE Corp.' },
  'itb-ROM-ran02': { supplier: 'Zhongxing Telecommunication Equipment Corp' },
  // A Hikvision camera at a US Army site in Italy, through a local integrator, maintained by the
  // maker's consumer brand.
  'mil-edr-cam2': { supplier: 'Adriatica Sicurezza S.r.l.', maintainer: 'EZVIZ' },
  // The reseller of rebadged equipment: a box sold as "Ericsson Router 6371" whose MAC, OID and
  // sysDescr say Huawei (the declared-contradicts-evidence trap), and two more Huawei devices.
  'uka-LON-agg3': { supplier: 'Albion Carrier Equipment Ltd', reseller: 'Albion Carrier Equipment Ltd' },
  'uka-CAM-agg2': { reseller: 'Albion Carrier Equipment Ltd' },
  'uka-BSE-agg1': { reseller: 'Albion Carrier Equipment Ltd', maintainer: 'Albion Carrier Equipment Ltd' },
  // Japanese RAN maintained by Huawei's Japanese subsidiary, written in Japanese.
  'jpc-TYO-ran02': { maintainer: '華為技術日本株式会社' },
  // Clean parties: they must come out with no hit.
  'dea-BER-ran01': { supplier: 'Ericsson GmbH', maintainer: 'Ericsson GmbH' },
  'deb-BER-ran04': { supplier: 'Nokia Solutions and Networks GmbH & Co. KG' },
  'ita-ROM-agg1': { supplier: 'Cisco Systems Italy S.r.l.', reseller: 'Adriatica Sicurezza S.r.l.' },
};

export function applyParties(b: ScenarioBuilder): void {
  for (const [id, p] of Object.entries(DEMO_PARTIES)) Object.assign(b.get(id), p);
}

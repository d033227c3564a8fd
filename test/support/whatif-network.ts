// A small network for the what-if tests, every number in them computed by hand from it:
// DE: flow s1 de-a -> de-b, shortest (cost 2) through Huawei de-h1, a clean detour (cost 4)
//     through Ericsson de-e1; de-x1 is an H3C switch in a government network (a leaf).
// IT: flow s2 it-a -> it-b only through Huawei transport it-h1 (the plan must replace it);
//     it-c is a Huawei 5G core (a leaf, on no flow's path).
// GB: gb-h1, a Huawei 5G RAN device: uk-dvd-2022-5g, removal by 2027-12-31 (due on 2026-12-31).
// FR: fr-x1, an H3C switch in a commercial network.
// Under the catalog on 2026-12-31 one device is caught (gb-h1); the plan replaces gb-h1 (forced,
// 200) and it-h1 (for s2, 300): 500.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFiles, openStore } from '../../src/store/index.js';

export const WHATIF_INVENTORY = `id,name,vendor,country,layer,technology,network,cost
de-a,DE access A,cisco,DE,access,4g,commercial,100
de-h1,DE core Huawei,huawei,DE,core,4g,commercial,1000
de-e1,DE core Ericsson,ericsson,DE,core,4g,commercial,800
de-b,DE access B,cisco,DE,access,4g,commercial,100
de-x1,DE ministry switch,h3c,DE,enterprise,fixed,government,40
it-a,IT access A,cisco,IT,access,4g,commercial,100
it-h1,IT transport Huawei,huawei,IT,transport,4g,commercial,300
it-b,IT access B,cisco,IT,access,4g,commercial,100
it-c,IT 5G core Huawei,huawei,IT,core,5g,commercial,400
gb-h1,GB 5G RAN Huawei,huawei,GB,ran,5g,commercial,200
fr-x1,FR office switch,h3c,FR,enterprise,fixed,commercial,50
`;
export const WHATIF_LINKS = `a,b,metric
de-a,de-h1,1
de-h1,de-b,1
de-a,de-e1,2
de-e1,de-b,2
de-x1,de-e1,1
it-a,it-h1,1
it-h1,it-b,1
it-c,it-b,1
gb-h1,it-b,1
fr-x1,it-a,1
`;
export const WHATIF_FLOWS = `id,src,dst,class
s1,de-a,de-b,sensitive
s2,it-a,it-b,sensitive
`;

/** Writes the files under `dir` and imports them as snapshot "net" of a new store; returns the store's path. */
export async function whatIfStore(dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const files = [['inventory.csv', WHATIF_INVENTORY], ['links.csv', WHATIF_LINKS], ['flows.csv', WHATIF_FLOWS]].map(([name, text]) => {
    const f = join(dir, name!);
    writeFileSync(f, text!);
    return f;
  });
  const db = join(dir, 'whatif.db');
  const store = openStore(db);
  try {
    await importFiles(store, files, { snapshot: 'net' });
  } finally {
    await store.close();
  }
  return db;
}

// Small attestations built without a store: a flow result as src/attest/flow-result.ts would give
// it, a run context, and a signing key made for the test.
import type { AttestContext, FlowResultInput, HopInput } from '../../src/attest/index.js';
import { generateSigningKey, parsePrivateKey, parsePublicKey } from '../../src/attest/index.js';
import type { Evidence } from '../../src/model/index.js';

export const KEY_PEM = generateSigningKey();
export const KEY = parsePrivateKey(KEY_PEM.privatePem);
export const PUBLIC_KEY = parsePublicKey(KEY_PEM.publicPem).publicKey;

const evidence = (vendor: string, raw: string): Evidence => ({ kind: 'oui', raw, vendor, confidence: 0.9, valid: true, source: { file: 'inventory.csv', line: 3 } });

export function hop(device: string, vendor: string, untrusted = false): HopInput {
  return { device, name: `${device} «name»`, vendor, site: 's1', country: 'DE', operator: 'Op', untrusted, evidence: [evidence(vendor, `00:11:22:${device}`)] };
}

export function flowResult(id: string, over: Partial<FlowResultInput> = {}): FlowResultInput {
  const paths = [{ cost: 2, hops: [hop('a', 'cisco'), hop('b', 'nokia'), hop('c', 'juniper')] }];
  return { flow: { id, src: 'a', dst: 'c', class: 'sensitive' }, cost: 2, exposure: 'none', total: 1, paths, clean: paths[0]!, ...over };
}

export function context(now = new Date('2026-12-03T12:00:00Z')): AttestContext {
  return {
    snapshot: { name: 'q4', sha256: 'ab'.repeat(32) },
    catalogVersion: '2026-12-03.2',
    asOf: '2026-12-03',
    untrusted: { vendors: ['huawei', 'zte'], countries: [], operators: [], layers: [], devices: 1 },
    notBefore: now,
    notAfter: new Date(now.getTime() + 30 * 86_400_000),
    generatorVersion: '0.1.0',
  };
}

export const EXPOSED = (id: string): FlowResultInput =>
  flowResult(id, { exposure: 'all', paths: [{ cost: 2, hops: [hop('a', 'cisco'), hop('h', 'huawei', true), hop('c', 'juniper')] }], clean: null });

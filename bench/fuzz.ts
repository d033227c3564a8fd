// `npm run bench -- fuzz`: the BER decoder (bench/fuzz-ber.ts, FUZZ_BER_INPUTS, default 1.2M)
// and then every importer (bench/fuzz-importers.ts, FUZZ_INPUTS per format, default 20,000).
import { run as fuzzBer } from './fuzz-ber.js';
import { run as fuzzImporters } from './fuzz-importers.js';
import type { BenchResult } from './types.js';

export async function run(): Promise<BenchResult[]> {
  const berInputs = process.env['FUZZ_BER_INPUTS'];
  return [...(await fuzzBer(berInputs ? Number(berInputs) : undefined)), ...(await fuzzImporters())];
}

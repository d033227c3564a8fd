// The importer fuzz benchmark (bench/fuzz-importers.ts), small and in-process: FUZZ_TEST_INPUTS
// (default 2,000) deterministic inputs per format, mutated from the same real seeds and fed to the
// same entry points. Anything thrown that is not an InputError fails the test with the input's
// number, which `generate(seedOf(format, SEED), i, ...)` turns back into the input.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { generate, seedOf } from '../../bench/fuzz-mutate.js';
import { loadSeeds } from '../../bench/fuzz-seeds.js';
import { TARGETS, scratchDir } from '../../bench/fuzz-targets.js';
import { describeCrash, parseOne } from '../../bench/fuzz-worker.js';
import { peer } from '../support/peer.js';

const SEED = 0x7e57_f022; // not the benchmark's: CI covers other inputs than the benchmark run
const COUNT = Number(process.env['FUZZ_TEST_INPUTS'] ?? 2000);
const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const needsShared = new Set(['graphml', 'sndlib-native', 'sndlib-xml', 'netbox-dumpdata', 'netbox-api']);
const scratch = scratchDir();
after(() => scratch.cleanup());

describe('every importer, fuzzed: imports or refuses with an InputError, nothing else', () => {
  const seeds = loadSeeds();
  for (const t of TARGETS) {
    const opts = needsShared.has(t.name) ? peer('shared-data', existsSync(SHARED) || `${SHARED} not found`) : {};
    it(`${t.name}: ${COUNT} mutated inputs`, opts, async () => {
      const list = seeds[t.name] ?? [];
      assert.ok(list.length > 0, `no seeds for ${t.name}`);
      const ctx = { seeds: list, ...t.syntax };
      const file = join(scratch.dir, `input.${t.ext}`);
      const counts = { imported: 0, refused: 0, 'no-line': 0 };
      for (let i = 0; i < COUNT; i++) {
        const { text, mutation } = generate(seedOf(t.name, SEED), i, ctx);
        const r = await parseOne(t.parse, text, i, file);
        if (r.outcome === 'crash') assert.fail(describeCrash(t.name, i, mutation, r.error));
        counts[r.outcome]++;
      }
      // The mutations must not all break the input, nor all leave it importable.
      assert.ok(counts.imported > 0 && counts.refused + counts['no-line'] > 0, JSON.stringify(counts));
    });
  }
});

// The signer's canonical JSON (canonical-shared.ts: splices shared texts, skips the package for
// speed) must write exactly the bytes of the `canonicalize` package (RFC 8785), or a statement's
// payload and its evidence digests would differ from what an independent verifier computes.
// Random values (seeded, so a failure reproduces) and random flow statements, both ways.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, canonicalJsonShared, digestOf, flowStatement, shareCanonical, type HopInput } from '../../src/attest/index.js';
import { mulberry32 } from '../../src/model/seeded-random.js';
import { context, flowResult } from './fixtures.js';

const r = mulberry32(8785);
const pick = <T>(xs: readonly T[]): T => xs[r() % xs.length]!;

/** Strings with what RFC 8785 treats specially: controls, quotes, escapes, non-ASCII, astral, lone surrogates, U+2028. */
function randomString(): string {
  const units = ['a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '\u007f', 'é', '€', 'ß', '\u2028', '\u2029', '\ud83d\ude00', '\ud800', '\udfff', '\ufeff', '\ufffd'];
  return Array.from({ length: r() % 8 }, () => pick(units)).join('');
}

const NUMBERS = [0, -0, 1, -1, 0.1, 0.1 + 0.2, 1e21, 1e-7, 1.5e-7, 123456789012345680000, 5e-324, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, -1e300, 333.333, 2 ** 53 + 2];

function randomNumber(): number {
  return r() % 2 ? pick(NUMBERS) : ((r() % 2_000_001) - 1_000_000) / pick([1, 3, 7, 1000, 1e9]);
}

function randomValue(depth: number): unknown {
  const kind = r() % (depth > 3 ? 5 : 9);
  if (kind === 0) return null;
  if (kind === 1) return r() % 2 === 0;
  if (kind === 2) return randomNumber();
  if (kind === 3) return randomString();
  if (kind === 4) return new Date(Date.UTC(2026, 0, 1) + (r() % 1e9));
  if (kind <= 6) return Array.from({ length: r() % 5 }, () => (r() % 10 === 0 ? undefined : randomValue(depth + 1)));
  const o: Record<string, unknown> = {};
  for (let i = r() % 6; i > 0; i--) o[randomString()] = r() % 10 === 0 ? undefined : randomValue(depth + 1);
  return r() % 3 === 0 ? shareCanonical(o) : o;
}

function randomHop(id: string): HopInput {
  const opt = () => (r() % 4 === 0 ? null : randomString());
  const evidence = Array.from({ length: r() % 3 }, () => ({ kind: 'oui' as const, raw: randomString(), vendor: opt(), confidence: randomNumber(), valid: r() % 2 === 0, source: { file: randomString(), line: r() % 1000 } }));
  return { device: id, name: opt(), vendor: opt(), site: opt(), country: opt(), operator: opt(), untrusted: false, evidence } as HopInput;
}

describe('canonical JSON of the signer', () => {
  it('writes the package bytes for 3,000 random values', () => {
    for (let i = 0; i < 3000; i++) {
      const v = randomValue(0);
      assert.equal(canonicalJsonShared(v), canonicalJson(v), JSON.stringify(v));
    }
  });

  it('writes the package bytes for 300 random flow statements, evidence digests included', () => {
    for (let i = 0; i < 300; i++) {
      const hops = Array.from({ length: 2 + (r() % 5) }, (_, k) => randomHop(`${randomString()}#${k}`));
      const cost = randomNumber();
      const path = { cost, hops };
      const flow = { id: randomString() || 'f', src: hops[0]!.device, dst: hops.at(-1)!.device, class: pick(['sensitive', 'critical', randomString()]) };
      const s = flowStatement(flowResult(flow.id, { flow, cost, paths: [path, path], clean: r() % 2 ? path : null, total: 2 }), context());
      assert.equal(canonicalJsonShared(s), canonicalJson(s));
      assert.equal(s.subject[0]!.digest.sha256, digestOf(flow));
      const evidence = hops.flatMap((h) => h.evidence);
      assert.deepEqual(s.predicate.devices.flatMap((d) => d.evidence.map((e) => e.sha256)), evidence.map((e) => digestOf(e)));
    }
  });
});

// How `attest --all-sensitive -o DIR` lays its files out, so one flow's attestation and proof can
// be handed to its customer alone: DIR/snapshot.dsse.json (the signed Merkle root),
// DIR/flows/NAME.dsse.json, DIR/proofs/NAME.proof.json, and DIR/manifest.json listing them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowFileName, sha256Hex, type SnapshotAttestations } from '../attest/index.js';
import { InputError } from '../model/index.js';

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

function write(path: string, text: string): string {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new InputError(path, undefined, `cannot write: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return sha256Hex(text);
}

export interface Manifest {
  snapshot: { name: string; sha256: string };
  keyid: string;
  root: { file: string; merkleRoot: string; treeSize: number; verdicts: Record<string, number> };
  flows: { flow: string; verdict: string; attestation: string; proof: string; sha256: string }[];
}

export function writeAttestationDir(dir: string, all: SnapshotAttestations, keyid: string): Manifest {
  try {
    mkdirSync(join(dir, 'flows'), { recursive: true });
    mkdirSync(join(dir, 'proofs'), { recursive: true });
  } catch (e) {
    throw new InputError(dir, undefined, `cannot create the output folder: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const p = all.tree.statement.predicate;
  write(join(dir, 'snapshot.dsse.json'), json(all.root));
  const flows = all.flows.map((f, i) => {
    const name = flowFileName(f.flow);
    const attestation = `flows/${name}.dsse.json`, proof = `proofs/${name}.proof.json`;
    const sha256 = write(join(dir, attestation), json(f.envelope));
    write(join(dir, proof), json(all.tree.proofs[i]));
    return { flow: f.flow, verdict: f.verdict, attestation, proof, sha256 };
  });
  const manifest: Manifest = {
    snapshot: { name: p.snapshot.name, sha256: p.snapshot.digest.sha256 },
    keyid,
    root: { file: 'snapshot.dsse.json', merkleRoot: p.merkle.root, treeSize: p.merkle.treeSize, verdicts: p.verdicts },
    flows,
  };
  write(join(dir, 'manifest.json'), json(manifest));
  return manifest;
}

/** One envelope as a file (or stdout for `-o -`): indented for people; the verifier reads either form. */
export function envelopeText(envelope: unknown): string {
  return json(envelope);
}


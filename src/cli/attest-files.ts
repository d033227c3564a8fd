// How `attest --all-sensitive -o DIR` lays its files out, so one flow's attestation and proof can
// be handed to its customer alone: DIR/snapshot.dsse.json (the signed Merkle root),
// DIR/flows/NAME.dsse.json, DIR/proofs/NAME.proof.json, and DIR/manifest.json listing them.
// A run owns its folder: files of an earlier run (a flow no longer sensitive) would contradict the
// new root, so the run is written into a fresh folder beside DIR and swapped in whole. An earlier
// run's folder is replaced only when its manifest accounts for every file in it: a folder holding
// anything cleanpath did not write is refused, never cleared.
import { chmodSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { flowFileName, sha256Hex, type SnapshotAttestations } from '../attest/index.js';
import { InputError } from '../model/index.js';

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;
const code = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? String(e);

function write(path: string, text: string): string {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new InputError(path, undefined, `cannot write: ${code(e)}`);
  }
  return sha256Hex(text);
}

export interface Manifest {
  snapshot: { name: string; sha256: string };
  keyid: string;
  root: { file: string; merkleRoot: string; treeSize: number; verdicts: Record<string, number> };
  flows: { flow: string; verdict: string; attestation: string; proof: string; sha256: string }[];
}

const MANIFEST = 'manifest.json';
const ROOT_FILE = 'snapshot.dsse.json';
const FOLDERS = ['flows', 'proofs'];

function writeFiles(dir: string, all: SnapshotAttestations, keyid: string): Manifest {
  for (const f of FOLDERS) mkdirSync(join(dir, f));
  const p = all.tree.statement.predicate;
  write(join(dir, ROOT_FILE), json(all.root));
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
    root: { file: ROOT_FILE, merkleRoot: p.merkle.root, treeSize: p.merkle.treeSize, verdicts: p.verdicts },
    flows,
  };
  write(join(dir, MANIFEST), json(manifest));
  return manifest;
}

/** Every file and folder under `dir`, as paths relative to it with `/` between parts. */
function entries(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const rel = prefix + e.name;
    return e.isDirectory() ? [rel, ...entries(join(dir, e.name), `${rel}/`)] : [rel];
  });
}

/** What an earlier run's manifest says it wrote; empty when there is no readable manifest. */
function writtenBefore(dir: string): Set<string> {
  let m: Partial<Manifest>;
  try {
    m = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Partial<Manifest>;
  } catch {
    return new Set();
  }
  if (!Array.isArray(m.flows) || typeof m.root?.file !== 'string') return new Set();
  return new Set([MANIFEST, m.root.file, ...FOLDERS, ...m.flows.flatMap((f) => [f.attestation, f.proof])]);
}

/** Files in `dir` that no earlier run of this command accounts for. */
export function foreignFiles(dir: string): string[] {
  const ours = writtenBefore(dir);
  return entries(dir).filter((e) => !ours.has(e));
}

type Existing = 'absent' | 'empty' | 'earlier-run';

/**
 * What is at `dir` now; an InputError (exit 2) when it is not a folder or holds files not ours.
 * Checked before signing too, so a refused folder costs no run.
 */
export function checkAttestationDir(dir: string): Existing {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (e) {
    if (code(e) === 'ENOENT') return 'absent';
    throw new InputError(dir, undefined, `cannot read the output folder: ${code(e)}`);
  }
  if (!isDir) throw new InputError(dir, undefined, 'is not a folder: --all-sensitive writes a folder');
  const all = entries(dir);
  if (all.length === 0) return 'empty';
  const foreign = foreignFiles(dir);
  if (foreign.length > 0) {
    const some = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ` and ${foreign.length - 3} more` : '');
    throw new InputError(dir, undefined, `holds files cleanpath attest did not write (${some}): give a new or empty folder, or move them away`);
  }
  return 'earlier-run';
}

/** A name beside `dir` that nothing has: on the same file system, so a rename moves it whole. */
function sibling(dir: string, what: string): string {
  return join(dirname(dir), `.${basename(dir)}.cleanpath-${what}-${randomBytes(4).toString('hex')}`);
}

/** `dir` replaced by `fresh` in two renames: a reader never sees a mix of two runs' files. */
function swapIn(fresh: string, dir: string, was: Existing): void {
  if (was === 'absent') return renameSync(fresh, dir);
  chmodSync(fresh, statSync(dir).mode & 0o7777);
  if (was === 'empty') {
    rmdirSync(dir);
    return renameSync(fresh, dir);
  }
  const old = sibling(dir, 'old');
  renameSync(dir, old);
  renameSync(fresh, dir);
  rmSync(old, { recursive: true, force: true });
}

/** The run's folder at `dir`, replacing an earlier run's whole; refuses a folder with files not ours. */
export function writeAttestationDir(dir: string, all: SnapshotAttestations, keyid: string): Manifest {
  const was = checkAttestationDir(dir);
  // at the real location: a symbolic link named as DIR stays a link to the new run
  const target = was === 'absent' ? dir : realpathSync(dir);
  const fresh = sibling(target, 'new');
  try {
    mkdirSync(dirname(fresh), { recursive: true });
    mkdirSync(fresh);
  } catch (e) {
    throw new InputError(dir, undefined, `cannot create the output folder beside it: ${code(e)}`);
  }
  try {
    const manifest = writeFiles(fresh, all, keyid);
    try {
      swapIn(fresh, target, was);
    } catch (e) {
      throw new InputError(dir, undefined, `cannot replace the output folder: ${code(e)}`);
    }
    return manifest;
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

/** One envelope as a file (or stdout for `-o -`): indented for people; the verifier reads either form. */
export function envelopeText(envelope: unknown): string {
  return json(envelope);
}

// `cleanpath verify FILE --pubkey PREFIX.pub`: checks an attestation offline — the signature over
// DSSE's PAE, the statement, its validity window — and prints what it states. Exit 0 valid, 1
// invalid or a requirement unmet (--require, --proof, --recheck), 2 unreadable input.
import { readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { InvalidArgumentError, type Command } from 'commander';
import { claimedKind, inclusionProblems, InclusionProofSchema, parseEnvelope, recheckFlow, VERDICTS, verifyFlowEnvelope, verifySnapshotEnvelope, type DsseEnvelope, type FlowPredicate, type InclusionProof, type Verdict } from '../../attest/index.js';
import { InputError } from '../../model/index.js';
import { describeFlow, describeSnapshot } from '../attest-describe.js';
import { readPublicKey } from '../../attest/key-file.js';
import { renderJson } from '../output.js';

interface VerifyOpts {
  pubkey: string;
  require?: Verdict[];
  root?: string;
  proof?: string;
  db?: string;
  snapshot?: string;
  recheck?: boolean;
  json?: boolean;
}

function parseVerdicts(value: string, previous: Verdict[] = []): Verdict[] {
  const out = [...previous];
  for (const v of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!(VERDICTS as readonly string[]).includes(v)) throw new InvalidArgumentError(`expected verdicts among ${VERDICTS.join(', ')}`);
    out.push(v as Verdict);
  }
  return out;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(path, undefined, `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

export function readEnvelope(path: string): DsseEnvelope {
  const r = parseEnvelope(readText(path));
  if (!r.ok) throw new InputError(path, undefined, r.reason);
  return r.value;
}

function readProof(path: string): InclusionProof {
  let json: unknown;
  try {
    json = JSON.parse(readText(path));
  } catch (e) {
    throw new InputError(path, undefined, `not JSON (${(e as Error).message})`);
  }
  const r = InclusionProofSchema.safeParse(json);
  if (!r.success) throw new InputError(path, undefined, `not an inclusion proof: ${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`);
  return r.data;
}

interface Outcome {
  problems: string[];
  report: Record<string, unknown>;
  lines: string[];
}

/** --root and --proof: the flow is a leaf of the snapshot tree whose root the same key signed. */
function inclusion(env: DsseEnvelope, p: FlowPredicate, o: VerifyOpts, key: KeyObject, now: Date): string[] {
  if (!o.root !== !o.proof) throw new InputError(o.root ? '--root' : '--proof', undefined, '--root and --proof go together');
  if (!o.root) return [];
  const root = verifySnapshotEnvelope(readEnvelope(o.root), key, now);
  if (!root.statement) return root.problems.map((m) => `snapshot root: ${m}`);
  return [...root.problems.map((m) => `snapshot root: ${m}`), ...inclusionProblems(env, p, readProof(o.proof!), root.statement)];
}

async function verifyFlow(env: DsseEnvelope, o: VerifyOpts, key: KeyObject, now: Date): Promise<Outcome> {
  const v = verifyFlowEnvelope(env, key, now);
  if (!v.statement) return { problems: v.problems, report: { valid: false, problems: v.problems }, lines: [] };
  const p = v.statement.predicate;
  const problems = [...v.problems, ...inclusion(env, p, o, key, now)];
  if (o.require && !o.require.includes(p.verdict)) problems.push(`verdict ${p.verdict} does not meet --require ${o.require.join(',')}`);
  const report: Record<string, unknown> = { kind: 'flow', keyid: v.keyid, statement: v.statement };
  const lines = describeFlow(p, v.keyid);
  if (o.recheck) {
    const r = await recheckFlow(p, { db: o.db!, ...(o.snapshot && { snapshot: o.snapshot }) }, (m) => process.stderr.write(`cleanpath: warning: ${m}\n`));
    report.recheck = r;
    lines.push(r.differences.length ? `recheck against snapshot ${r.snapshot}: ${r.differences.length} difference(s)` : `recheck against snapshot ${r.snapshot}: no difference`);
    lines.push(...r.differences.map((d) => `  ${d}`));
    if (r.differences.length) problems.push(`the network changed since: ${r.differences.length} difference(s) in snapshot ${r.snapshot}`);
  }
  return { problems, report: { valid: problems.length === 0, problems, ...report }, lines };
}

function verifyRoot(env: DsseEnvelope, o: VerifyOpts, key: KeyObject, now: Date): Outcome {
  if (o.require || o.recheck || o.proof) throw new InputError('--require', undefined, '--require, --recheck and --proof apply to a flow attestation; this is a snapshot root');
  const v = verifySnapshotEnvelope(env, key, now);
  const lines = v.statement ? describeSnapshot(v.statement.predicate, v.keyid) : [];
  return { problems: v.problems, report: { valid: v.problems.length === 0 && !!v.statement, problems: v.problems, kind: 'snapshot', keyid: v.keyid, statement: v.statement }, lines };
}

async function action(file: string, o: VerifyOpts): Promise<void> {
  if (o.recheck && !o.db) throw new InputError('--recheck', undefined, 'give the store to recompute from: --db DB');
  const env = readEnvelope(file);
  const { publicKey } = readPublicKey(o.pubkey);
  const now = new Date();
  const out = claimedKind(env) === 'snapshot' ? verifyRoot(env, o, publicKey, now) : await verifyFlow(env, o, publicKey, now);
  const valid = out.problems.length === 0;
  if (o.json) process.stdout.write(renderJson(out.report));
  else process.stdout.write([valid ? `valid: ${file}` : `REJECTED: ${file}`, ...out.problems.map((m) => `  ${m}`), ...out.lines].join('\n') + '\n');
  process.exitCode = valid ? 0 : 1;
}

export function register(program: Command): void {
  program
    .command('verify')
    .description('Verify an attestation offline: signature, statement, validity; print the verdict and what was attested')
    .argument('<file>', 'a DSSE envelope from cleanpath attest (a flow, or a snapshot root)')
    .requiredOption('--pubkey <path>', 'the signer\'s public key: SPKI PEM (PREFIX or PREFIX.pub)')
    .option('--require <verdicts>', `fail (exit 1) unless the verdict is one of these: ${VERDICTS.join(', ')}`, parseVerdicts)
    .option('--root <file>', 'the snapshot root envelope (snapshot.dsse.json): check the flow is one of its leaves, with --proof')
    .option('--proof <file>', "the flow's inclusion proof (proofs/NAME.proof.json), with --root")
    .option('--db <path>', 'store to recompute from, with --recheck')
    .option('-s, --snapshot <name>', 'snapshot to recompute on, with --recheck (default: the latest)')
    .option('--recheck', 'recompute the flow from the store and report every difference (exit 1 when any)')
    .option('--json', 'print the result and the statement as JSON')
    .addHelpText(
      'after',
      `
Exit codes: 0 valid (and every requirement met), 1 invalid, expired, a requirement unmet or
a difference found by --recheck, 2 unreadable input (not JSON, not an envelope, a bad key).

Examples:
  cleanpath verify f1.dsse.json --pubkey carrier.pub --require clean
  cleanpath verify att/flows/f1-….dsse.json --pubkey carrier.pub --root att/snapshot.dsse.json --proof att/proofs/f1-….proof.json
  cleanpath verify f1.dsse.json --pubkey carrier.pub --db cleanpath.db --recheck`,
    )
    .action(action);
}

// A Merkle tree over a snapshot's flow attestations, hashed as Certificate Transparency does
// (RFC 9162 section 2.1: leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right), a
// lone right node promoted unchanged). A customer holding one flow's attestation, its audit path
// and the signed root checks inclusion without seeing any other flow.
import { createHash } from 'node:crypto';

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF).update(data).digest();
}

function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

export interface MerkleTree {
  size: number;
  root: Buffer;
  /** levels[0] are the leaf hashes; the last level holds the root */
  levels: Buffer[][];
}

/** The empty tree's root is SHA-256 of nothing (RFC 9162); callers refuse to sign one anyway. */
export function buildMerkleTree(leafHashes: readonly Buffer[]): MerkleTree {
  if (leafHashes.length === 0) return { size: 0, root: createHash('sha256').digest(), levels: [[]] };
  const levels: Buffer[][] = [leafHashes.slice()];
  while (levels[levels.length - 1]!.length > 1) {
    const below = levels[levels.length - 1]!;
    const up: Buffer[] = [];
    for (let i = 0; i < below.length; i += 2) up.push(i + 1 < below.length ? nodeHash(below[i]!, below[i + 1]!) : below[i]!);
    levels.push(up);
  }
  return { size: leafHashes.length, root: levels[levels.length - 1]![0]!, levels };
}

/** The audit path of leaf `index`, bottom up: RFC 9162's PATH(index, D[size]). */
export function inclusionPath(tree: MerkleTree, index: number): Buffer[] {
  if (!Number.isInteger(index) || index < 0 || index >= tree.size) throw new RangeError(`leaf ${index} is not in a tree of ${tree.size}`);
  const path: Buffer[] = [];
  let i = index;
  for (let l = 0; l < tree.levels.length - 1; l++) {
    const level = tree.levels[l]!;
    const sibling = i ^ 1;
    // a promoted lone node has no sibling at this level: nothing to add
    if (sibling < level.length) path.push(level[sibling]!);
    i >>= 1;
  }
  return path;
}

/** RFC 9162 section 2.1.3.2: does `path` prove leaf `index` of a tree of `size` with this root? */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, path: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return false;
  let fn = index, sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(Buffer.from(root));
}

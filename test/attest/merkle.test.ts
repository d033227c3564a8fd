// The snapshot tree hashes as Certificate Transparency does: the roots of RFC 6962's published
// test vectors, an independent recursive MTH for every size to 40, and every audit path verified
// (and refused for a wrong leaf, index, root or a shortened path).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { buildMerkleTree, inclusionPath, leafHash, verifyInclusion } from '../../src/attest/index.js';

// certificate-transparency's merkle_tree_test: leaves and the roots of the first 1..8 of them
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const sha = (...parts: Uint8Array[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();

/** RFC 9162 section 2.1.1 as written: MTH(D[n]) = H(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of two < n. */
function mth(data: readonly Buffer[]): Buffer {
  if (data.length === 0) return sha();
  if (data.length === 1) return sha(Buffer.from([0]), data[0]!);
  let k = 1;
  while (k * 2 < data.length) k *= 2;
  return sha(Buffer.from([1]), mth(data.slice(0, k)), mth(data.slice(k)));
}

const dataOf = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from(`leaf ${i}`));

describe('snapshot Merkle tree', () => {
  it('gives the roots of the Certificate Transparency test vectors', () => {
    const leaves = CT_LEAVES.map((h) => Buffer.from(h, 'hex'));
    for (let n = 1; n <= leaves.length; n++) assert.equal(buildMerkleTree(leaves.slice(0, n).map(leafHash)).root.toString('hex'), CT_ROOTS[n - 1], `size ${n}`);
    assert.equal(buildMerkleTree([]).root.toString('hex'), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('equals the recursive definition for every size to 40, and every audit path proves its leaf', () => {
    for (let n = 1; n <= 40; n++) {
      const data = dataOf(n);
      const tree = buildMerkleTree(data.map(leafHash));
      assert.ok(tree.root.equals(mth(data)), `root of ${n}`);
      for (let i = 0; i < n; i++) {
        const path = inclusionPath(tree, i);
        assert.ok(verifyInclusion(leafHash(data[i]!), i, n, path, tree.root), `leaf ${i} of ${n}`);
        // the same proof says nothing for another leaf, index, size or root
        assert.equal(verifyInclusion(leafHash(Buffer.from('forged')), i, n, path, tree.root), false);
        if (n > 1) assert.equal(verifyInclusion(leafHash(data[i]!), (i + 1) % n, n, path, tree.root), false, `index ${(i + 1) % n} for leaf ${i} of ${n}`);
        // no size check here: a larger tree can share a path; the signed root statement binds the size
        assert.equal(verifyInclusion(leafHash(data[i]!), i, n, path, sha(Buffer.from('other root'))), false);
        if (path.length > 0) assert.equal(verifyInclusion(leafHash(data[i]!), i, n, path.slice(0, -1), tree.root), false, 'a shortened path');
      }
    }
  });

  it('refuses an index outside the tree', () => {
    const tree = buildMerkleTree(dataOf(3).map(leafHash));
    assert.throws(() => inclusionPath(tree, 3), RangeError);
    assert.equal(verifyInclusion(leafHash(Buffer.from('leaf 0')), -1, 3, [], tree.root), false);
  });
});

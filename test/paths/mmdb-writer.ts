// A minimal writer of the MaxMind DB format (spec: maxmind.github.io/MaxMind-DB), IPv4 search
// tree with 24-bit records, so tests can give cleanpath a real .mmdb file that mmdb-lib reads.
// Supports maps, strings, doubles, unsigned integers and arrays: what GeoLite2 records use.

type Value = string | number | { double: number } | Value[] | { [k: string]: Value };

function ctrl(type: number, size: number): Buffer {
  const head: number[] = [];
  let sizeBits = size;
  const extra: number[] = [];
  if (size >= 29) {
    if (size < 29 + 256) {
      sizeBits = 29;
      extra.push(size - 29);
    } else {
      sizeBits = 30;
      const v = size - 285;
      extra.push(v >> 8, v & 255);
    }
  }
  if (type <= 7) head.push((type << 5) | sizeBits);
  else head.push(sizeBits, type - 7);
  return Buffer.from([...head, ...extra]);
}

function uintBytes(n: number | bigint): number[] {
  const out: number[] = [];
  let v = BigInt(n);
  while (v > 0n) {
    out.unshift(Number(v & 255n));
    v >>= 8n;
  }
  return out;
}

export function encodeValue(v: Value): Buffer {
  if (typeof v === 'string') {
    const b = Buffer.from(v, 'utf8');
    return Buffer.concat([ctrl(2, b.length), b]);
  }
  if (typeof v === 'number') {
    const bytes = uintBytes(v);
    return Buffer.concat([ctrl(v <= 0xffffffff ? 6 : 9, bytes.length), Buffer.from(bytes)]); // uint32, else uint64
  }
  if (Array.isArray(v)) return Buffer.concat([ctrl(11, v.length), ...v.map(encodeValue)]);
  if ('double' in v && typeof v.double === 'number' && Object.keys(v).length === 1) {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(v.double);
    return Buffer.concat([ctrl(3, 8), b]);
  }
  const entries = Object.entries(v as Record<string, Value>);
  return Buffer.concat([ctrl(7, entries.length), ...entries.flatMap(([k, x]) => [encodeValue(k), encodeValue(x)])]);
}

interface TrieNode {
  kids: [TrieNode | number | null, TrieNode | number | null];
  id: number;
}

/** Builds an IPv4 .mmdb holding `records` for the given prefixes ("a.b.c.d/len"). */
export function writeMmdb(databaseType: string, records: Array<[string, Value]>): Buffer {
  const data: Buffer[] = [];
  let dataLen = 0;
  const root: TrieNode = { kids: [null, null], id: 0 };
  for (const [cidr, value] of records) {
    const [net, lenText] = cidr.split('/') as [string, string];
    const len = Number(lenText);
    const addr = net.split('.').reduce((a, o) => a * 256 + Number(o), 0);
    const offset = dataLen;
    const enc = encodeValue(value);
    data.push(enc);
    dataLen += enc.length;
    let node = root;
    for (let i = 0; i < len; i++) {
      const bit = Math.floor(addr / 2 ** (31 - i)) & 1;
      if (i === len - 1) {
        node.kids[bit as 0 | 1] = -(offset + 1); // data marker (negative), resolved below
        break;
      }
      const kid = node.kids[bit as 0 | 1];
      let next: TrieNode;
      if (kid === null || typeof kid === 'number') {
        next = { kids: [null, null], id: 0 };
        node.kids[bit as 0 | 1] = next;
      } else next = kid;
      node = next;
    }
  }
  const nodes: TrieNode[] = [];
  const queue: TrieNode[] = [root];
  while (queue.length) {
    const n = queue.shift()!;
    n.id = nodes.length;
    nodes.push(n);
    for (const k of n.kids) if (k !== null && typeof k !== 'number') queue.push(k);
  }
  const count = nodes.length;
  const tree = Buffer.alloc(count * 6);
  nodes.forEach((n, i) => {
    n.kids.forEach((k, side) => {
      const v = k === null ? count : typeof k === 'number' ? count + 16 + (-k - 1) : k.id;
      tree.writeUIntBE(v, i * 6 + side * 3, 3);
    });
  });
  const meta = encodeValue({
    binary_format_major_version: 2,
    binary_format_minor_version: 0,
    build_epoch: 1764547200,
    database_type: databaseType,
    description: { en: 'cleanpath test database' },
    ip_version: 4,
    languages: ['en'],
    node_count: count,
    record_size: 24,
  });
  return Buffer.concat([tree, Buffer.alloc(16), ...data, Buffer.from([0xab, 0xcd, 0xef]), Buffer.from('MaxMind.com'), meta]);
}

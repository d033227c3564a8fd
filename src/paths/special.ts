// Addresses that belong to no network on the Internet: the IANA IPv4 and IPv6 Special-Purpose
// Address Registries (RFC 6890 and its updates). A hop in one of them is named for what it is
// (a private address inside a carrier, CGN shared space, documentation...); public registry data
// knows nothing about these, so only a user's own table gives them an AS or a country.
import { parseIpv4, parseIpv6 } from './address.js';
import { SPECIAL_KINDS, type SpecialKind } from '../model/measured-path.js';
import { PrefixTable4Builder, PrefixTable6Builder, wordsToBigInt, type PrefixTable4, type PrefixTable6 } from './prefix-table.js';

export { SPECIAL_KINDS, type SpecialKind } from '../model/measured-path.js';

const V4: Array<[string, SpecialKind]> = [
  ['0.0.0.0/8', 'this-network'], // RFC 791
  ['10.0.0.0/8', 'private'], // RFC 1918
  ['100.64.0.0/10', 'shared'], // RFC 6598, carrier-grade NAT
  ['127.0.0.0/8', 'loopback'], // RFC 1122
  ['169.254.0.0/16', 'link-local'], // RFC 3927
  ['172.16.0.0/12', 'private'], // RFC 1918
  ['192.0.0.0/24', 'ietf-protocol'], // RFC 6890
  ['192.0.2.0/24', 'documentation'], // RFC 5737 TEST-NET-1
  ['192.88.99.0/24', 'reserved'], // RFC 7526, deprecated 6to4 relay anycast
  ['192.168.0.0/16', 'private'], // RFC 1918
  ['198.18.0.0/15', 'benchmarking'], // RFC 2544
  ['198.51.100.0/24', 'documentation'], // RFC 5737 TEST-NET-2
  ['203.0.113.0/24', 'documentation'], // RFC 5737 TEST-NET-3
  ['224.0.0.0/4', 'multicast'], // RFC 5771
  ['240.0.0.0/4', 'reserved'], // RFC 1112
  ['255.255.255.255/32', 'broadcast'], // RFC 919
];

const V6: Array<[string, SpecialKind]> = [
  ['::/128', 'this-network'], // unspecified, RFC 4291
  ['::1/128', 'loopback'], // RFC 4291
  ['::ffff:0:0/96', 'ipv4-mapped'], // RFC 4291
  ['64:ff9b:1::/48', 'private'], // RFC 8215, local-use IPv4/IPv6 translation
  ['100::/64', 'discard'], // RFC 6666
  ['2001::/23', 'ietf-protocol'], // RFC 2928
  ['2001:db8::/32', 'documentation'], // RFC 3849
  ['3fff::/20', 'documentation'], // RFC 9637
  ['fc00::/7', 'unique-local'], // RFC 4193
  ['fe80::/10', 'link-local'], // RFC 4291
  ['ff00::/8', 'multicast'], // RFC 4291
];

/** Of 2001::/23, these are global (Teredo stays special: its addresses embed the client's). */
const V6_GLOBAL_INSIDE: string[] = ['2001:1::1/128', '2001:1::2/128', '2001:3::/32', '2001:4:112::/48', '2001:20::/28', '2001:30::/28'];

export interface SpecialTables {
  v4: PrefixTable4;
  v6: PrefixTable6;
}

let cached: SpecialTables | undefined;

/** Built once per process. Values index SPECIAL_KINDS; -1 (from `lookup`) means a global address. */
export function specialTables(): SpecialTables {
  if (cached) return cached;
  const b4 = new PrefixTable4Builder();
  for (const [cidr, kind] of V4) {
    const [net, len] = cidr.split('/') as [string, string];
    b4.addPrefix(parseIpv4(net), Number(len), SPECIAL_KINDS.indexOf(kind));
  }
  const b6 = new PrefixTable6Builder();
  const w = new Uint32Array(4);
  const GLOBAL = SPECIAL_KINDS.length; // a value that means "global after all"
  const add6 = (cidr: string, value: number) => {
    const [net, len] = cidr.split('/') as [string, string];
    if (!parseIpv6(net, w)) throw new Error(`bad built-in prefix ${cidr}`);
    b6.addPrefix(wordsToBigInt(w), Number(len), value);
  };
  for (const [cidr, kind] of V6) add6(cidr, SPECIAL_KINDS.indexOf(kind));
  for (const cidr of V6_GLOBAL_INSIDE) add6(cidr, GLOBAL);
  cached = { v4: b4.build(), v6: b6.build() };
  return cached;
}

/** First octets that hold any special IPv4 range: most addresses are ruled out by one load. */
const SPECIAL_FIRST_OCTET = (() => {
  const m = new Uint8Array(256);
  for (const o of [0, 10, 100, 127, 169, 172, 192, 198, 203]) m[o] = 1;
  for (let o = 224; o < 256; o++) m[o] = 1;
  return m;
})();

/** The special kind of an IPv4 address (unsigned 32-bit), or null for a global one. */
export function specialKind4(addr: number): SpecialKind | null {
  if (SPECIAL_FIRST_OCTET[addr >>> 24] === 0) return null;
  const v = specialTables().v4.lookup(addr);
  return v < 0 ? null : SPECIAL_KINDS[v]!;
}

export function specialKind6(w: ArrayLike<number>, at = 0): SpecialKind | null {
  const v = specialTables().v6.lookup(w, at);
  return v < 0 || v >= SPECIAL_KINDS.length ? null : SPECIAL_KINDS[v]!;
}

// Outside peers of the tests (a compiler, a reference implementation, a daemon, a browser, data
// sets): one definition of what each is and how to install it, and one rule for its absence.
// When `CI` is set a missing peer FAILS the test that needs it, with the reason and the Debian
// package; otherwise the test skips itself by name with the reason, and scripts/run-tests.mjs
// lists every skipped test at the end of the run. Nothing skips silently.
//
// Test-only; it lives under src/ so src/**/*.test.ts can import it inside the build's rootDir
// (test/support/peer.ts re-exports it for test/).
//
//   describe('dashboard, in chromium', peer('chromium', existsSync(CHROMIUM) || `${CHROMIUM} not found`), () => …)
//   test('…', async (t) => { if (peerMissing(t, 'shared-data', existsSync(file) || `${file} absent`)) return; … })
//
// Environment:
//   CI                            - missing peers fail instead of skipping
//   CLEANPATH_TEST_HIDE_PEER      - comma-separated peer names treated as missing (to try the
//                                   skip and CI paths on a machine that has everything)
//   CLEANPATH_TEST_OPTIONAL_PEERS - comma-separated peer names a CI machine knowingly lacks: they
//                                   skip (and are listed) even under CI

export interface PeerInfo {
  /** What the peer is and what the tests use it for. */
  what: string;
  /** The Debian package(s) that provide it, when there is one. */
  apt?: string;
  /** Anything else needed besides (or instead of) a package. */
  also?: string;
}

export const PEERS = {
  'g++': { what: 'g++, which compiles the C++ reference ../shared/bench/exposure_ref.cpp', apt: 'g++' },
  python3: { what: 'python3, which runs the workload generator ../shared/bench/gen_workload.py', apt: 'python3' },
  networkx: { what: 'Python with NetworkX, the reference ../shared/bench/exposure_nx.py', apt: 'python3-networkx' },
  'python3-cryptography': { what: 'Python\'s cryptography (Debian\'s /usr/bin/python3), the independent verifier of attestation signatures', apt: 'python3-cryptography' },
  'shared-data': { what: 'the shared folder beside this repository: ../shared/data (Topology Zoo, SNDlib, NetBox demo) and ../shared/bench (the references)', also: 'check out ../shared beside this repository' },
  snmpd: { what: 'Net-SNMP\'s agent /usr/sbin/snmpd, dressed as vendors on loopback', apt: 'snmpd' },
  snmpwalk: { what: 'Net-SNMP\'s snmpwalk', apt: 'snmp' },
  nmap: { what: 'nmap, for real `nmap -oX` output', apt: 'nmap' },
  chromium: { what: 'Debian\'s /usr/bin/chromium, driven by playwright-core', apt: 'chromium' },
  poppler: { what: 'pdftotext and pdfinfo, which read the PDF report back', apt: 'poppler-utils' },
  netns: { what: 'network namespaces (ip netns, veth pairs)', apt: 'iproute2', also: 'run as root (.ci/run is run as root)' },
  traceroute: { what: 'traceroute', apt: 'traceroute' },
  mtr: { what: 'mtr', apt: 'mtr-tiny' },
  postgresql: { what: 'a PostgreSQL server (CLEANPATH_TEST_DATABASE_URL)', apt: 'postgresql', also: 'start it with scripts/services.sh' },
  redis: { what: 'a Redis server (CLEANPATH_TEST_REDIS_URL)', apt: 'redis-server', also: 'start it with scripts/services.sh' },
  'ipv6-loopback': { what: 'IPv6 on the loopback interface (::1)', also: 'enable it: sysctl -w net.ipv6.conf.lo.disable_ipv6=0' },
} as const satisfies Record<string, PeerInfo>;

export type PeerName = keyof typeof PEERS;

/** The subset of node:test's TestOptions that peer() returns; pass it as a test's or suite's options. */
export interface PeerOptions {
  skip?: string;
  signal?: AbortSignal;
}

/** Thrown (or given as the abort reason) when a peer is missing and CI is set. */
export class PeerMissingError extends Error {
  constructor(readonly peer: PeerName, message: string) {
    super(message);
    this.name = 'PeerMissingError';
  }
}

function envList(name: string): Set<string> {
  return new Set((process.env[name] ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

function ciSet(): boolean {
  const v = process.env['CI'];
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** How to get the peer: `apt-get install …` and whatever else it needs. */
export function installHint(name: PeerName): string {
  const info: PeerInfo = PEERS[name];
  return [info.apt ? `apt-get install ${info.apt}` : '', info.also ?? ''].filter(Boolean).join('; ');
}

export type PeerVerdict =
  | { state: 'present' }
  | { state: 'skip'; message: string }
  | { state: 'fail'; message: string };

/**
 * What a test needing `name` does here. `available` is true when the peer is there, and false or
 * the reason it is not (e.g. "/usr/bin/chromium not found") when it is missing.
 */
export function peerVerdict(name: PeerName, available: boolean | string): PeerVerdict {
  const hidden = envList('CLEANPATH_TEST_HIDE_PEER').has(name);
  if (available === true && !hidden) return { state: 'present' };
  const why = hidden ? 'hidden by CLEANPATH_TEST_HIDE_PEER' : available === false ? 'not found' : available;
  const hint = installHint(name);
  const base = `needs ${PEERS[name].what}: ${why}${hint ? ` (${hint})` : ''}`;
  if (ciSet() && !envList('CLEANPATH_TEST_OPTIONAL_PEERS').has(name)) {
    return { state: 'fail', message: `peer ${name} missing and CI is set, so this test fails instead of skipping: ${base}` };
  }
  return { state: 'skip', message: `peer ${name} missing, skipped: ${base}` };
}

/**
 * Options for a test or suite that needs `name`: nothing when the peer is there; a skip with the
 * reason outside CI; under CI, an already-aborted signal, so the test (or suite) is reported
 * failed with the reason and the run exits non-zero.
 */
export function peer(name: PeerName, available: boolean | string): PeerOptions {
  const v = peerVerdict(name, available);
  if (v.state === 'present') return {};
  if (v.state === 'skip') return { skip: v.message };
  return { signal: AbortSignal.abort(new PeerMissingError(name, v.message)) };
}

/** Several peers at once: the first failure, else every skip reason, else nothing. */
export function peers(...options: PeerOptions[]): PeerOptions {
  const failed = options.find((o) => o.signal);
  if (failed) return failed;
  const skips = options.flatMap((o) => (o.skip ? [o.skip] : []));
  return skips.length ? { skip: skips.join('; ') } : {};
}

/**
 * Inside a test body: true when the peer is missing and the test has been marked skipped (return
 * right away); throws a PeerMissingError under CI, failing the test.
 */
export function peerMissing(t: { skip(message?: string): void }, name: PeerName, available: boolean | string): boolean {
  const v = peerVerdict(name, available);
  if (v.state === 'present') return false;
  if (v.state === 'fail') throw new PeerMissingError(name, v.message);
  t.skip(v.message);
  return true;
}

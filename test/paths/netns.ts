// A real multi-hop path on this machine: a chain of network namespaces joined by veth pairs,
// with IP forwarding and static routes, and a real Debian snmpd in each router namespace dressed
// as a vendor (the disguises and SNMPv3 user of test/probe/snmpd.ts). Traffic stays inside the
// namespaces; everything is torn down by `destroy`, also after a failure.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SNMPD, snmpdArgs, writeSnmpdFiles, type AgentSpec } from '../probe/snmpd.js';
import { peer, type PeerOptions } from '../support/peer.js';

function which(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Options of the namespace tests: each missing peer named (netns, traceroute, mtr, snmpd). */
export function needsNetns(): PeerOptions {
  if (process.platform !== 'linux') return peer('netns', 'network namespaces need Linux');
  if (process.getuid?.() !== 0) return peer('netns', 'not root (the tests create namespaces and veth pairs)');
  if (!which('ip')) return peer('netns', 'ip not found');
  for (const cmd of ['traceroute', 'mtr'] as const) {
    if (!which(cmd)) return peer(cmd, `${cmd} not found`);
  }
  if (!existsSync(SNMPD)) return peer('snmpd', `${SNMPD} not found`);
  const name = `cpchk${process.pid}`;
  const r = spawnSync('ip', ['netns', 'add', name], { encoding: 'utf8' });
  if (r.status !== 0) return peer('netns', `ip netns add failed (${(r.stderr || '').trim() || `exit ${r.status}`})`);
  spawnSync('ip', ['netns', 'del', name]);
  return peer('netns', true);
}

export function sh(args: string[], input?: string): string {
  const r = spawnSync(args[0]!, args.slice(1), { encoding: 'utf8', input, timeout: 60_000, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
  return r.stdout;
}

export function inNs(ns: string, args: string[]): string {
  return sh(['ip', 'netns', 'exec', ns, ...args]);
}

export interface Chain {
  /** Namespace names: source, routers, destination. */
  src: string;
  routers: string[];
  dst: string;
  /** Address each router answers traceroutes from (its interface facing the source). */
  hopAddresses: string[];
  /** The router interfaces facing away from the source (aliases of the same routers). */
  farAddresses: string[];
  dstAddress: string;
  all: string[];
}

/**
 * src ─ r1 ─ r2 ─ r3 ─ dst over /30s of the documentation ranges (RFC 5737), which belong to no
 * one: 198.51.100.0/30, .4/30, .8/30 and 203.0.113.0/30.
 */
export function createChain(prefix: string): Chain {
  const src = `${prefix}-src`, dst = `${prefix}-dst`;
  const routers = [1, 2, 3].map((i) => `${prefix}-r${i}`);
  const all = [src, ...routers, dst];
  const chain: Chain = {
    src,
    routers,
    dst,
    hopAddresses: ['198.51.100.2', '198.51.100.6', '198.51.100.10'],
    farAddresses: ['198.51.100.5', '198.51.100.9', '203.0.113.1'],
    dstAddress: '203.0.113.2',
    all,
  };
  try {
    for (const ns of all) {
      sh(['ip', 'netns', 'add', ns]);
      inNs(ns, ['ip', 'link', 'set', 'lo', 'up']);
    }
    // [namespace a, address a, namespace b, address b] per link, /30 each
    const links: Array<[string, string, string, string]> = [
      [src, '198.51.100.1', routers[0]!, '198.51.100.2'],
      [routers[0]!, '198.51.100.5', routers[1]!, '198.51.100.6'],
      [routers[1]!, '198.51.100.9', routers[2]!, '198.51.100.10'],
      [routers[2]!, '203.0.113.1', dst, '203.0.113.2'],
    ];
    links.forEach(([a, aAddr, b, bAddr], i) => {
      sh(['ip', '-n', a, 'link', 'add', `l${i}a`, 'type', 'veth', 'peer', 'name', `l${i}b`, 'netns', b]);
      inNs(a, ['ip', 'addr', 'add', `${aAddr}/30`, 'dev', `l${i}a`]);
      inNs(b, ['ip', 'addr', 'add', `${bAddr}/30`, 'dev', `l${i}b`]);
      inNs(a, ['ip', 'link', 'set', `l${i}a`, 'up']);
      inNs(b, ['ip', 'link', 'set', `l${i}b`, 'up']);
    });
    for (const r of routers) {
      inNs(r, ['sysctl', '-qw', 'net.ipv4.ip_forward=1']);
      // every probe of a traceroute must get its ICMP answer: no per-destination rate limit
      inNs(r, ['sysctl', '-qw', 'net.ipv4.icmp_ratelimit=0']);
    }
    inNs(dst, ['sysctl', '-qw', 'net.ipv4.icmp_ratelimit=0']);
    inNs(src, ['ip', 'route', 'add', 'default', 'via', '198.51.100.2']);
    inNs(routers[0]!, ['ip', 'route', 'add', 'default', 'via', '198.51.100.6']);
    inNs(routers[1]!, ['ip', 'route', 'add', '203.0.113.0/30', 'via', '198.51.100.10']);
    inNs(routers[1]!, ['ip', 'route', 'add', '198.51.100.0/30', 'via', '198.51.100.5']);
    inNs(routers[2]!, ['ip', 'route', 'add', 'default', 'via', '198.51.100.9']);
    inNs(dst, ['ip', 'route', 'add', 'default', 'via', '203.0.113.1']);
  } catch (e) {
    destroyChain(chain);
    throw e;
  }
  return chain;
}

export function destroyChain(chain: Pick<Chain, 'all'>): void {
  for (const ns of chain.all) spawnSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
}

export interface NsAgent {
  ns: string;
  spec: AgentSpec;
  stop(): Promise<void>;
}

/**
 * snmpd inside a namespace on UDP 161 of every address there, configured as test/probe's agents
 * are (exactEngineID, sysObjectID, sysDescr, the SNMPv3 user), read-only for the chain's source.
 */
export async function startNsAgent(ns: string, spec: AgentSpec): Promise<NsAgent> {
  const files = writeSnmpdFiles(spec, ['rocommunity public 198.51.100.0/24'], 'cleanpath-ns-snmpd-');
  const { dir } = files;
  const cmd = snmpdArgs(files, 'udp:161');
  const child: ChildProcess = spawn('ip', ['netns', 'exec', ns, ...cmd.args], { env: cmd.env, stdio: 'ignore' });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((res) => child.once('exit', () => res()));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((res) => setTimeout(res, 2000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // ready when something listens on UDP 161 in the namespace
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      const log = existsSync(join(dir, 'snmpd.log')) ? readFileSync(join(dir, 'snmpd.log'), 'utf8') : '';
      await stop();
      throw new Error(`snmpd in ${ns} exited with ${child.exitCode}: ${log}`);
    }
    const ss = spawnSync('ip', ['netns', 'exec', ns, 'ss', '-Hlun', 'sport', '=', ':161'], { encoding: 'utf8' });
    if (ss.status === 0 && ss.stdout.trim() !== '') break;
    if (Date.now() - started > 8000) {
      await stop();
      throw new Error(`snmpd in ${ns} did not listen within 8 s`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { ns, spec, stop };
}

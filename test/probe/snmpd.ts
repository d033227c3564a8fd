// Real net-snmp agents for the probe tests: each runs /usr/sbin/snmpd in the foreground on
// 127.0.0.1 and ::1 at a free high port, with its own config and persistent directory in a
// temporary directory, dressed as a vendor through exactEngineID, sysObjectID and sysDescr.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDiscoveryProbe } from '../../src/probe/snmpv3.js';
import { peer, type PeerOptions } from '../support/peer.js';

export const SNMPD = '/usr/sbin/snmpd';

/** Options of a test that runs real snmpd agents. */
export function needsSnmpd(): PeerOptions {
  return peer('snmpd', existsSync(SNMPD) || `${SNMPD} not found`);
}

export interface AgentSpec {
  engineId: string; // hex, no 0x
  sysObjectID: string;
  sysDescr: string;
  sysName: string;
  /** More snmpd.conf lines (override ... for LLDP-MIB rows). */
  extra?: string[];
}

export const V3_USER = { name: 'probeuser', auth: 'authpassphrase1', priv: 'privpassphrase1' };

export interface Agent {
  port: number;
  v6: boolean;
  dir: string;
  spec: AgentSpec;
  stop(): Promise<void>;
}

async function freePort(v6: boolean): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const s4 = createSocket('udp4');
    const port = await new Promise<number>((res, rej) => {
      s4.once('error', rej);
      s4.bind(0, '127.0.0.1', () => res(s4.address().port));
    });
    let ok = true;
    if (v6) {
      const s6 = createSocket({ type: 'udp6', ipv6Only: true });
      ok = await new Promise<boolean>((res) => {
        s6.once('error', () => res(false));
        s6.bind(port, '::1', () => res(true));
      });
      s6.close();
    }
    s4.close();
    if (ok && port > 1024) return port;
  }
  throw new Error('no free UDP port');
}

export async function ipv6Loopback(): Promise<boolean> {
  const s = createSocket({ type: 'udp6', ipv6Only: true });
  const ok = await new Promise<boolean>((res) => {
    s.once('error', () => res(false));
    s.bind(0, '::1', () => res(true));
  });
  s.close();
  return ok;
}

/** Sends discovery probes until the agent answers (or 8 s pass). */
async function waitReady(port: number, child: ChildProcess): Promise<void> {
  const s = createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const timer = setInterval(() => {
        if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`snmpd exited with code ${child.exitCode}`));
          return;
        }
        if (Date.now() - started > 8000) {
          clearInterval(timer);
          reject(new Error('snmpd did not answer within 8 s'));
          return;
        }
        s.send(buildDiscoveryProbe(1, 1), port, '127.0.0.1');
      }, 100);
      s.on('message', () => {
        clearInterval(timer);
        resolve();
      });
    });
  } finally {
    s.close();
  }
}

/** A private working folder for one snmpd: its configuration (the disguise, the SNMPv3 user) and persistence. */
export interface SnmpdFiles {
  dir: string;
  conf: string;
  persist: string;
}

export function writeSnmpdFiles(spec: AgentSpec, access: readonly string[], prefix = 'cleanpath-snmpd-'): SnmpdFiles {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const persist = join(dir, 'persist');
  mkdirSync(persist);
  const conf = join(dir, 'snmpd.conf');
  writeFileSync(
    conf,
    [
      `exactEngineID 0x${spec.engineId}`,
      `sysObjectID ${spec.sysObjectID}`,
      `sysDescr ${spec.sysDescr}`,
      `sysName ${spec.sysName}`,
      ...access,
      `createUser ${V3_USER.name} SHA "${V3_USER.auth}" AES "${V3_USER.priv}"`,
      `rouser ${V3_USER.name}`,
      ...(spec.extra ?? []),
      '',
    ].join('\n'),
  );
  return { dir, conf, persist };
}

/** snmpd in the foreground on `endpoints`, reading only the given files. */
export function snmpdArgs(f: SnmpdFiles, endpoints: string): { args: string[]; env: NodeJS.ProcessEnv } {
  return {
    args: [SNMPD, '-f', '-Lf', join(f.dir, 'snmpd.log'), '-C', '-c', f.conf, '-p', join(f.dir, 'snmpd.pid'), `--persistentDir=${f.persist}`, endpoints],
    env: { ...process.env, MIBS: '', SNMP_PERSISTENT_DIR: f.persist, SNMPCONFPATH: f.dir },
  };
}

export async function startAgent(spec: AgentSpec): Promise<Agent> {
  const v6 = await ipv6Loopback();
  const port = await freePort(v6);
  const files = writeSnmpdFiles(spec, ['rocommunity public 127.0.0.1', 'rocommunity6 public ::1']);
  const { dir } = files;
  const endpoints = v6 ? `udp:127.0.0.1:${port},udp6:[::1]:${port}` : `udp:127.0.0.1:${port}`;
  const cmd = snmpdArgs(files, endpoints);
  const child = spawn(cmd.args[0]!, cmd.args.slice(1), { env: cmd.env, stdio: 'ignore' });
  try {
    await waitReady(port, child);
  } catch (e) {
    child.kill('SIGKILL');
    const log = existsSync(join(dir, 'snmpd.log')) ? readFileSync(join(dir, 'snmpd.log'), 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${log}`);
  }
  return {
    port,
    v6,
    dir,
    spec,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((res) => child.once('exit', () => res()));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((res) => setTimeout(res, 2000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The three disguises of the tests: Huawei (PEN 2011), ZTE (PEN 3902), Cisco (PEN 9, 7-octet MAC form). */
export const DISGUISES = {
  huawei: {
    engineId: '800007db0300259e112233',
    sysObjectID: '.1.3.6.1.4.1.2011.2.23.306',
    sysDescr: 'S6720-30C-EI-24S-AC Huawei Versatile Routing Platform Software VRP (R) software,Version 5.160 (S6720 V200R009C00SPC500) Copyright (C) 2007 Huawei Technologies Co., Ltd.',
    sysName: 'emu-huawei',
  },
  zte: {
    engineId: '80000f3e03001e73445566',
    sysObjectID: '.1.3.6.1.4.1.3902.1015.320.1.2',
    sysDescr: 'ZXR10 M6000-08, ZTE ZXR10 Software Version: M6000v1.00.30(1.0.76)',
    sysName: 'emu-zte',
  },
  cisco: {
    engineId: '80000009030000000c778899',
    sysObjectID: '.1.3.6.1.4.1.9.1.1208',
    sysDescr: 'Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(2)E7, RELEASE SOFTWARE (fc3)',
    sysName: 'emu-cisco',
  },
  /** Huawei's enterprise number with a ZTE MAC inside: a conflict worth showing. */
  conflict: {
    engineId: '800007db03001e73abcdef',
    sysObjectID: '.1.3.6.1.4.1.2011.2.23.306',
    sysDescr: 'Huawei Versatile Routing Platform Software VRP (R) software, Version 8.180',
    sysName: 'emu-conflict',
  },
} satisfies Record<string, AgentSpec>;

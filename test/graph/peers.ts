// What the graph tests need from outside (src/test-support/peer.ts): the C++ reference (g++ and
// ../shared/bench/exposure_ref.cpp), the workload generator (python3) and NetworkX.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { peer, peers, type PeerOptions } from '../support/peer.js';
import { BENCH, hasNetworkx, hasPython, referenceBinary } from './helpers.js';

/** Options of a test that needs the compiled C++ reference (g++ and ../shared/bench/exposure_ref.cpp). */
export function needsReference(): PeerOptions {
  const cpp = join(BENCH, 'exposure_ref.cpp');
  if (!existsSync(cpp)) return peer('shared-data', `${cpp} absent`);
  const ref = referenceBinary(); // compiles it, once per process
  return peer('g++', 'bin' in ref || 'g++ --version failed');
}

/** Options of a test that runs the workload generator ../shared/bench/gen_workload.py. */
export function needsGenerator(): PeerOptions {
  const gen = join(BENCH, 'gen_workload.py');
  return peers(peer('shared-data', existsSync(gen) || `${gen} absent`), peer('python3', hasPython() || 'python3 -c "print(1)" failed'));
}

/** Options of a test that compares with NetworkX. */
export function needsNetworkx(): PeerOptions {
  const nx = join(BENCH, 'exposure_nx.py');
  return peers(peer('shared-data', existsSync(nx) || `${nx} absent`), peer('networkx', hasNetworkx() || 'neither /usr/bin/python3 nor python3 imports networkx'));
}

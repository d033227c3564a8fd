// The sensitive flows' path devices (subgraph.ts), computed in slices of ~40 ms between frames so
// that a large network with many flows (seconds of searches) never freezes the page; null until
// done, with how many flows are done so far.
import { useEffect, useState } from 'react';
import { addFlowPaths, type IndexedTopology, type PathSubgraph } from './subgraph.js';

const SLICE_MS = 40;

export function usePathSubgraph(g: IndexedTopology | null, flows: ReadonlyArray<{ src: string; dst: string }>): { paths: PathSubgraph | null; done: number } {
  const [state, setState] = useState<{ paths: PathSubgraph | null; done: number }>({ paths: null, done: 0 });
  useEffect(() => {
    setState({ paths: null, done: 0 });
    if (!g) return;
    let live = true;
    const nodes = new Set<number>();
    let i = 0, counted = 0;
    const step = () => {
      if (!live) return;
      const until = performance.now() + SLICE_MS;
      while (i < flows.length && performance.now() < until) if (addFlowPaths(g, flows[i++]!, nodes)) counted++;
      if (i < flows.length) {
        setState({ paths: null, done: i });
        window.setTimeout(step, 0);
      } else setState({ paths: { nodes, flows: counted }, done: i });
    };
    step();
    return () => {
      live = false;
    };
  }, [g, flows]);
  return state;
}

// Where the drill-down's device is drawn, relative to the canvas, as data-found-at on the
// container once sigma has drawn it: what the browser tests click to reach its evidence.
import { useEffect, type RefObject } from 'react';
import type { TopologySigma } from './use-sigma.js';

export function useFoundAt(box: RefObject<HTMLDivElement | null>, sigma: TopologySigma | null, device: string | null): void {
  useEffect(() => {
    const el = box.current;
    el?.removeAttribute('data-found-at');
    if (!el || !sigma || !device) return;
    // the graph may be swapped after this effect runs (use-sigma.ts): look the device up each frame
    const mark = () => {
      if (!sigma.getGraph().hasNode(device)) return el.removeAttribute('data-found-at');
      const a = sigma.getGraph().getNodeAttributes(device);
      const p = sigma.graphToViewport({ x: a.x, y: a.y });
      el.setAttribute('data-found-at', `${Math.round(p.x)},${Math.round(p.y)}`);
    };
    sigma.on('afterRender', mark);
    mark();
    return () => {
      sigma.off('afterRender', mark);
    };
  }, [box, sigma, device]);
}

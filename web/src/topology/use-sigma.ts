// Sigma (WebGL, over the graphology graph) mounted in a container for as long as the graph lasts.
// Loaded with the view (its own chunk). Marks the container when the first frame is drawn
// (data-render-ms, from `started`), hides links and labels while the camera moves, and reports
// clicks on devices.
import { useEffect, useRef, useState, type RefObject } from 'react';
import type Sigma from 'sigma';
import type { DrawnGraph, EdgeAttributes, NodeAttributes } from './sigma-graph.js';

export type TopologySigma = Sigma<NodeAttributes, EdgeAttributes>;

/** Above this many devices, names only on hover: label placement is what costs per frame. */
const LABELS_UP_TO = 2000;

export function useSigma(box: RefObject<HTMLDivElement | null>, drawn: DrawnGraph | null, started: number, onNode: (id: string) => void): TopologySigma | null {
  const [sigma, setSigma] = useState<TopologySigma | null>(null);
  const onNodeRef = useRef(onNode);
  onNodeRef.current = onNode;
  useEffect(() => {
    const container = box.current;
    if (!drawn || !container) return;
    let live = true;
    let instance: TopologySigma | null = null;
    container.removeAttribute('data-render-ms');
    container.removeAttribute('data-complete-ms');
    void import('sigma').then(({ default: SigmaClass }) => {
      if (!live) return;
      const s = new SigmaClass(drawn.graph, container, {
        settings: { hideEdgesOnMove: drawn.graph.order > LABELS_UP_TO, hideLabelsOnMove: true, renderLabels: drawn.graph.order <= LABELS_UP_TO, labelRenderedSizeThreshold: 6, minCameraRatio: 0.005, maxCameraRatio: 4, stagePadding: 24 },
      });
      instance = s;
      s.on('clickNode', ({ node }) => onNodeRef.current(node));
      // sigma draws its first frame within the constructor or on the next animation frame; the
      // frame after that one is on screen
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (!live) return;
          // devices and links come in one frame (data-complete-ms kept for the older tests' sake)
          const ms = String(Math.round(performance.now() - started));
          container.setAttribute('data-render-ms', ms);
          container.setAttribute('data-complete-ms', ms);
        }),
      );
      setSigma(s);
    });
    return () => {
      live = false;
      instance?.kill();
      setSigma(null);
    };
  }, [box, drawn, started]);
  return sigma;
}

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

function settingsFor(order: number) {
  return { hideEdgesOnMove: order > LABELS_UP_TO, hideLabelsOnMove: true, renderLabels: order <= LABELS_UP_TO, labelRenderedSizeThreshold: 4, minCameraRatio: 0.005, maxCameraRatio: 4, stagePadding: 24 };
}

/** Marks the container once the frame after sigma's first one is on screen. */
function markDrawn(container: HTMLElement, started: number, live: () => boolean): void {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      if (!live()) return;
      // devices and links come in one frame (data-complete-ms kept for the older tests' sake)
      const ms = String(Math.round(performance.now() - started));
      container.setAttribute('data-render-ms', ms);
      container.setAttribute('data-complete-ms', ms);
    }),
  );
}

/**
 * One sigma instance for the view's life: a new choice of devices swaps its graph (setGraph) rather
 * than building another, since a new instance costs a WebGL context and its shaders compiled
 * (seconds in SwiftShader, under load: the drill-down at 100k devices measured 3.4 s that way).
 */
export function useSigma(box: RefObject<HTMLDivElement | null>, drawn: DrawnGraph | null, started: number, onNode: (id: string) => void): TopologySigma | null {
  const [sigma, setSigma] = useState<TopologySigma | null>(null);
  const instance = useRef<TopologySigma | null>(null);
  const onNodeRef = useRef(onNode);
  onNodeRef.current = onNode;
  useEffect(
    () => () => {
      instance.current?.kill();
      instance.current = null;
    },
    [],
  );
  useEffect(() => {
    const container = box.current;
    if (!drawn || !container) return;
    let live = true;
    container.removeAttribute('data-render-ms');
    container.removeAttribute('data-complete-ms');
    void import('sigma').then(({ default: SigmaClass }) => {
      if (!live) return;
      let s = instance.current;
      if (s) {
        s.setSettings(settingsFor(drawn.graph.order));
        s.setGraph(drawn.graph);
        s.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
      } else {
        s = new SigmaClass(drawn.graph, container, { settings: settingsFor(drawn.graph.order) });
        s.on('clickNode', ({ node }) => onNodeRef.current(node));
        instance.current = s;
      }
      markDrawn(container, started, () => live);
      setSigma(s);
    });
    return () => {
      live = false;
    };
  }, [box, drawn, started]);
  return sigma;
}

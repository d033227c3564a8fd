// Zoom and pan of the map's SVG through d3-zoom: the wheel, a drag, a double click and pinch come
// from d3-zoom itself; the buttons and the keyboard (+ - 0 and the arrows, once the map has focus)
// call the same behaviour, so every way of moving ends in one transform.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';

export const MAX_ZOOM = 256;
/** How far an arrow key pans, in map units. */
const PAN_STEP = 80;

export interface MapZoom {
  transform: ZoomTransform;
  /** the transform once the user stopped moving (for work too slow to redo every frame) */
  settled: ZoomTransform;
  zoomBy(factor: number): void;
  panBy(dx: number, dy: number): void;
  reset(): void;
  /** centres [x, y] (map units at zoom 1) at scale k */
  zoomTo(x: number, y: number, k: number): void;
  onKeyDown(e: KeyboardEvent): void;
}

export function useMapZoom(svg: RefObject<SVGSVGElement | null>, width: number, height: number): MapZoom {
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const [settled, setSettled] = useState<ZoomTransform>(zoomIdentity);
  const behaviour = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([1, MAX_ZOOM])
      .translateExtent([[0, 0], [width, height]])
      .extent([[0, 0], [width, height]])
      .on('zoom', (e: D3ZoomEvent<SVGSVGElement, unknown>) => setTransform(e.transform))
      .on('end', (e: D3ZoomEvent<SVGSVGElement, unknown>) => setSettled(e.transform));
    behaviour.current = z;
    select(el).call(z);
    return () => {
      select(el).on('.zoom', null);
      behaviour.current = null;
    };
  }, [svg, width, height]);

  const zoomBy = useCallback((f: number) => { if (svg.current && behaviour.current) behaviour.current.scaleBy(select(svg.current), f); }, [svg]);
  const panBy = useCallback((dx: number, dy: number) => { if (svg.current && behaviour.current) behaviour.current.translateBy(select(svg.current), dx, dy); }, [svg]);
  const reset = useCallback(() => { if (svg.current && behaviour.current) behaviour.current.transform(select(svg.current), zoomIdentity); }, [svg]);
  const zoomTo = useCallback(
    (x: number, y: number, k: number) => {
      if (!svg.current || !behaviour.current) return;
      const kk = Math.min(MAX_ZOOM, Math.max(1, k));
      behaviour.current.transform(select(svg.current), zoomIdentity.translate(width / 2 - x * kk, height / 2 - y * kk).scale(kk));
    },
    [svg, width, height],
  );
  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      const step = PAN_STEP / transform.k;
      const actions: Record<string, () => void> = {
        '+': () => zoomBy(1.6), '=': () => zoomBy(1.6), '-': () => zoomBy(1 / 1.6), '0': reset,
        ArrowLeft: () => panBy(step, 0), ArrowRight: () => panBy(-step, 0), ArrowUp: () => panBy(0, step), ArrowDown: () => panBy(0, -step),
      };
      const act = actions[e.key];
      if (!act) return;
      e.preventDefault();
      act();
    },
    [transform.k, zoomBy, panBy, reset],
  );
  return useMemo(() => ({ transform, settled, zoomBy, panBy, reset, zoomTo, onKeyDown }), [transform, settled, zoomBy, panBy, reset, zoomTo, onKeyDown]);
}

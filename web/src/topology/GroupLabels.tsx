// The names of the largest groups (sites or operators) over the canvas, kept above their discs as
// the camera moves. HTML rather than sigma labels: a group is not a device, and these stay few.
import { useEffect, useState } from 'react';
import type { SiteCluster } from '../topology-layout.js';
import type { TopologySigma } from './use-sigma.js';
import { Text } from '../Text.js';

const MAX_LABELS = 40;

export function GroupLabels({ sigma, clusters }: { sigma: TopologySigma | null; clusters: readonly SiteCluster[] }) {
  const [, setFrame] = useState(0);
  useEffect(() => {
    if (!sigma) return;
    let queued = false;
    const redraw = () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        setFrame((f) => f + 1);
      });
    };
    sigma.on('afterRender', redraw);
    return () => {
      sigma.off('afterRender', redraw);
    };
  }, [sigma]);
  if (!sigma) return null;
  // the largest groups; a lone device's own name says enough
  const shown = clusters.filter((c) => c.devices >= 2).sort((a, b) => b.devices - a.devices).slice(0, MAX_LABELS);
  const { width, height } = sigma.getDimensions();
  return (
    <div className="group-labels" aria-hidden="true">
      {shown.map((c) => {
        const p = sigma.graphToViewport({ x: c.centre.x, y: -(c.centre.y - c.radius) });
        if (p.x < 0 || p.y < 0 || p.x > width || p.y > height) return null;
        return (
          <span key={c.key} style={{ left: p.x, top: p.y }} data-group={c.key}>
            <Text value={c.label} /> ({c.devices})
          </span>
        );
      })}
    </div>
  );
}

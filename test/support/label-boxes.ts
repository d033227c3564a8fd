// Where an SVG's text labels are drawn, and which of them overlap: the timeline checks of the
// report's and the dashboard's browser tests.
import type { Page } from 'playwright-core';

export interface Box {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The bounding boxes of every `text` under `svg` (a CSS selector), as drawn. */
export async function labelBoxes(page: Page, svg: string): Promise<Box[]> {
  return page.locator(`${svg} text`).evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { text: e.textContent ?? '', x0: r.left, x1: r.right, y0: r.top, y1: r.bottom };
    }),
  );
}

/** Every pair of label boxes that intersect (touching edges do not count). */
export function overlaps(boxes: readonly Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!, b = boxes[j]!;
      if (a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5) out.push(`"${a.text}" over "${b.text}"`);
    }
  }
  return out;
}

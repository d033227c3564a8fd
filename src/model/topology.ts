import { z } from 'zod';
import { FLOW_CLASSES } from './enums.js';
import { SourceRef } from './evidence.js';

/** An undirected link between two devices; `metric` is the integer IGP cost (default 1). */
export const Link = z.object({
  id: z.string().optional(),
  a: z.string().min(1),
  b: z.string().min(1),
  metric: z.number().int().positive(),
  latency: z.number().nonnegative().optional(),
  capacity: z.number().nonnegative().optional(),
  operator: z.string().optional(),
  extra: z.record(z.string(), z.string()),
  source: SourceRef,
});
export type Link = z.infer<typeof Link>;

/** A traffic demand from `src` to `dst`. In plain files a flow without a class is sensitive. */
export const Flow = z.object({
  id: z.string().min(1),
  src: z.string().min(1),
  dst: z.string().min(1),
  class: z.enum(FLOW_CLASSES),
  volume: z.number().nonnegative(),
  latencyBound: z.number().nonnegative().optional(),
  extra: z.record(z.string(), z.string()),
  source: SourceRef,
});
export type Flow = z.infer<typeof Flow>;

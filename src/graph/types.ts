import type { FlowClass } from '../model/index.js';

/** A device as the graph needs it; attributes drive the untrusted and kill-switch predicates. */
export interface NodeInput {
  id: string;
  vendor: string | null;
  country?: string | null;
  operator?: string | null;
  layer?: string | null;
  site?: string | null;
}

/** An undirected link; `metric` is a positive integer IGP cost. */
export interface LinkInput {
  a: string;
  b: string;
  metric: number;
}

/** Links already resolved to node positions (input order), as a fast loader produces them. */
export interface LinkArrays {
  a: Int32Array;
  b: Int32Array;
  metric: Int32Array;
}

/** A demand. Without a class it is sensitive (DESIGN section 4); without a volume it weighs 1. */
export interface FlowInput {
  id: string;
  src: string;
  dst: string;
  class?: FlowClass;
  volume?: number;
}

export interface NetworkInput {
  nodes: readonly NodeInput[];
  links: readonly LinkInput[] | LinkArrays;
}

/** Exposure classes in the order of their numeric codes in result arrays. */
export const EXPOSURE_CLASSES = ['none', 'some', 'all', 'unreachable'] as const;
export type ExposureClass = (typeof EXPOSURE_CLASSES)[number];
export const EXPOSURE_NONE = 0;
export const EXPOSURE_SOME = 1;
export const EXPOSURE_ALL = 2;
export const EXPOSURE_UNREACHABLE = 3;

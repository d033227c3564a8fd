// Readers of the plain files the analyses take beside the store: the network as nodes/links/flows
// CSVs, the planner's cost table and forced list, the TAC table for IMEIs. Each returns plain data
// that the core (identify, graph, plan) takes as arguments; none of those reads a file itself.
export { readPlainNetwork, parseNodes, parseLinks, parseFlows } from './network.js';
export type { PlainNetwork, PlainNode, PlainLinks, PlainFlow, PlainPaths, NodeNames } from './network.js';
export { readCostTable, parseCostTable, type CostRow } from './cost-table.js';
export { readForcedList, parseForced, type ForcedRow } from './forced.js';
export { readTacFile, parseTacCsv, type TacRow, type TacRows } from './tac.js';

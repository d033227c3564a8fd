// Layer and network of a NetBox device from its role, tags and custom fields. NetBox knows a
// device's job (its role), not which rules' scope it is in: the mapping says how one reads as
// the other, a default table for common role slugs and the user's `--role-map` above it.
import { InputError, LAYERS, NETWORK_KINDS, isOneOf } from '../../model/index.js';
import type { Layer, NetworkKind } from '../../model/index.js';

/** null = explicitly blank (`--role-map "pdu="`): stops the default table. */
export interface RoleTarget {
  layer?: Layer | null;
  network?: NetworkKind | null;
}
export type RoleMap = ReadonlyMap<string, RoleTarget>;

/** Lower case, runs of anything but letters and digits as one dash: "Core Switch" = "core-switch". */
export const roleKey = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '');

const entries = (layer: Layer, keys: string[]): Array<[string, RoleTarget]> => keys.map((k) => [k, { layer }]);

/**
 * Role slugs NetBox installations commonly use (its demo data's among them). Patch panels and
 * other passive gear get no layer: nothing in them can be switched off or tapped by a vendor.
 */
export const DEFAULT_ROLE_MAP: RoleMap = new Map<string, RoleTarget>([
  ...entries('core', ['core', 'core-switch', 'core-router', 'p-router', 'mobile-core', 'epc', '5gc']),
  ...entries('transport', ['router', 'edge-router', 'border-router', 'pe-router', 'wan-router', 'distribution-switch', 'aggregation-switch', 'spine', 'spine-switch', 'transport', 'optical', 'dwdm', 'microwave']),
  ...entries('access', ['access-switch', 'access-point', 'wireless-ap', 'ap', 'cpe', 'olt', 'ont', 'dslam']),
  ...entries('ran', ['base-station', 'gnodeb', 'enodeb', 'bbu', 'rru', 'radio']),
  ...entries('nms', ['console-server', 'oob-switch', 'management-switch', 'nms', 'monitoring']),
  ...entries('enterprise', ['tor-switch', 'leaf', 'leaf-switch', 'firewall', 'load-balancer', 'server', 'application-server', 'database-server', 'storage', 'hypervisor']),
  ...entries('iot', ['pdu', 'ups', 'sensor', 'iot']),
  ...entries('surveillance', ['camera', 'cctv', 'nvr']),
  ...entries('handset', ['phone', 'handset']),
  ...NETWORK_KINDS.map((n): [string, RoleTarget] => [n, { network: n }]),
]);

/**
 * `--role-map "core-switch=core,dc-east=military,pe=transport+government,pdu="`: each key is a
 * role, tag or custom-field value (as slug or name); each value a layer, a network kind, both
 * joined by `+`, or nothing (leave blank).
 */
export function parseRoleMap(text: string | undefined): RoleMap {
  const map = new Map<string, RoleTarget>();
  if (!text) return map;
  for (const item of text.split(',')) {
    if (!item.trim()) continue;
    const eq = item.indexOf('=');
    if (eq <= 0) throw new InputError('--role-map', undefined, `'${item.trim()}' is not ROLE=LAYER (e.g. core-switch=core)`);
    const key = roleKey(item.slice(0, eq));
    const target: RoleTarget = {};
    const values = item.slice(eq + 1).split('+').map((v) => v.trim().toLowerCase()).filter(Boolean);
    if (values.length === 0) {
      target.layer = null;
      target.network = null;
    }
    for (const v of values) {
      if (isOneOf(LAYERS, v)) target.layer = v;
      else if (isOneOf(NETWORK_KINDS, v)) target.network = v;
      else throw new InputError('--role-map', undefined, `unknown layer or network '${v}' for '${key}' (layers: ${LAYERS.join(', ')}; networks: ${NETWORK_KINDS.join(', ')})`);
    }
    map.set(key, target);
  }
  return map;
}

export interface DeviceLabels {
  role?: { slug?: string; name?: string };
  tags: Array<{ slug?: string; name?: string }>;
  /** Custom fields with string values only. */
  customFields: Record<string, string>;
}

/** Custom fields that name the answer outright. */
const LAYER_FIELDS = ['cleanpath_layer', 'layer'];
const NETWORK_FIELDS = ['cleanpath_network', 'network'];

/**
 * A custom field named layer/network wins; then the user's map, then the default table, each
 * tried on the role, then the tags, then custom-field values.
 */
export function layerAndNetwork(d: DeviceLabels, user: RoleMap): { layer?: Layer; network?: NetworkKind } {
  const keys = candidateKeys(d);
  const pick = <K extends keyof RoleTarget>(k: K, direct: readonly string[], valid: (v: string) => boolean): RoleTarget[K] | undefined => {
    for (const f of direct) {
      const v = d.customFields[f]?.trim().toLowerCase();
      if (v && valid(v)) return v as RoleTarget[K];
    }
    for (const map of [user, DEFAULT_ROLE_MAP]) {
      for (const key of keys) {
        const t = map.get(key);
        if (t && t[k] !== undefined) return t[k];
      }
    }
    return undefined;
  };
  const out: { layer?: Layer; network?: NetworkKind } = {};
  const layer = pick('layer', LAYER_FIELDS, (v) => isOneOf(LAYERS, v));
  const network = pick('network', NETWORK_FIELDS, (v) => isOneOf(NETWORK_KINDS, v));
  if (layer) out.layer = layer;
  if (network) out.network = network;
  return out;
}

function candidateKeys(d: DeviceLabels): string[] {
  const raw = [d.role?.slug, d.role?.name, ...d.tags.flatMap((t) => [t.slug, t.name]), ...Object.values(d.customFields)];
  const keys: string[] = [];
  for (const r of raw) {
    const k = r ? roleKey(r) : '';
    if (k && !keys.includes(k)) keys.push(k);
  }
  return keys;
}

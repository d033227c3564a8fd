// `cleanpath import netbox+https://HOST/`: NetBox as a live source, pulled through its REST API.
import { InputError, NothingToAnalyse } from '../../model/index.js';
import type { ImportBatch } from '../../model/index.js';
import { NetboxClient, shown, type NetboxClientOptions, type PageProgress } from './live-client.js';
import { LIVE_ENDPOINTS, liveBatch, type LiveStats, type Pulled } from './live-map.js';
import { parseRoleMap } from './live-roles.js';

export type { LiveStats, PageProgress };

export interface NetboxLiveOptions {
  /** The environment variable holding the API token (default NETBOX_TOKEN, when set). */
  tokenEnv?: string;
  /** `--role-map` text: `role=layer[+network],...` */
  roleMap?: string;
  onPage?: (p: PageProgress) => void;
  /** What the pull found beyond the records: countries of sites, layers, MACs. */
  onStats?: (stats: LiveStats, label: string) => void;
  /** Client bounds (tests shorten them). */
  client?: Omit<NetboxClientOptions, 'token' | 'onPage'>;
  /** The environment to read the token from (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

export const NETBOX_URL_PREFIX = 'netbox+';

export function isNetboxUrl(path: string): boolean {
  return /^netbox\+https?:\/\//i.test(path);
}

/**
 * Pulls everything at open time, before the store's write transaction begins: the network is
 * slow and may fail, and the store must not wait on it with a transaction open.
 */
export async function openNetboxLive(spec: string, opts: NetboxLiveOptions = {}): Promise<{ format: string; file: string; batches(): AsyncIterable<ImportBatch> }> {
  const api = apiRoot(spec);
  const label = `${NETBOX_URL_PREFIX}${shown(new URL(spec.slice(NETBOX_URL_PREFIX.length)))}`;
  const roleMap = parseRoleMap(opts.roleMap);
  const client = new NetboxClient(api, { ...opts.client, ...tokenOption(opts), ...(opts.onPage && { onPage: opts.onPage }) });
  const pulled = {} as Pulled;
  for (const ep of LIVE_ENDPOINTS) pulled[ep] = await client.list(`dcim/${ep}/`);
  if (pulled.devices.length === 0) {
    throw new NothingToAnalyse(`${label}: NetBox has no devices (${pulled.sites.length} sites, ${pulled.manufacturers.length} manufacturers): nothing to import`);
  }
  const { batch, stats } = liveBatch(label, shown(api), pulled, roleMap);
  opts.onStats?.(stats, label);
  return {
    format: 'netbox-live',
    file: label,
    async *batches() {
      yield batch;
    },
  };
}

/** `netbox+https://host/` or `.../netbox/` or `.../api/` → the API root, `.../api/`. */
export function apiRoot(spec: string): URL {
  if (!isNetboxUrl(spec)) throw new InputError(spec, undefined, 'a NetBox source is netbox+https://HOST/ (or netbox+http:// for a local one)');
  let u: URL;
  try {
    u = new URL(spec.slice(NETBOX_URL_PREFIX.length));
  } catch {
    throw new InputError(spec, undefined, 'not a valid URL');
  }
  if (u.username || u.password) throw new InputError(shown(u), undefined, 'put the token in an environment variable (--token-env), not in the URL');
  u.search = '';
  u.hash = '';
  const path = u.pathname.replace(/\/+$/, '');
  u.pathname = path.endsWith('/api') ? `${path}/` : `${path}/api/`;
  return u;
}

function tokenOption(opts: NetboxLiveOptions): { token?: string } {
  const env = opts.env ?? process.env;
  const name = opts.tokenEnv ?? 'NETBOX_TOKEN';
  const token = env[name]?.trim();
  if (!token) {
    if (opts.tokenEnv !== undefined) throw new InputError('--token-env', undefined, `environment variable ${name} is not set or empty: it must hold the NetBox API token`);
    return {};
  }
  // A header value cannot carry line breaks; refusing them here keeps the token out of any error text.
  if (/[\r\n\0]/.test(token)) throw new InputError('--token-env', undefined, `environment variable ${name} holds a line break: not a token`);
  return { token };
}

/** A pipeline whose `open` also takes `netbox+https://...` sources; other paths go to `inner`. */
export function withNetboxLive<P extends { open(path: string, format?: string): Promise<unknown> }>(inner: P, opts: NetboxLiveOptions = {}): P {
  return { ...inner, open: (path: string, format?: string) => (isNetboxUrl(path) ? openNetboxLive(path, opts) : inner.open(path, format)) };
}

/** One line on what the pull found beyond the records, for the terminal. */
export function describeLiveStats(s: LiveStats, label: string): string {
  const roles = Object.entries(s.unmappedRoles).sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ');
  const from = Object.entries(s.countryFrom).filter(([, n]) => n > 0).map(([k, n]) => `${n} from ${k}`).join(', ');
  return [
    `${label}: ${s.sitesWithCountry} of ${s.sites} sites have a country${from ? ` (${from})` : ''}`,
    `${s.devicesWithLayer} of ${s.devices} devices a layer${roles ? ` (no layer for roles: ${roles}; --role-map ROLE=LAYER)` : ''}`,
    `${s.devicesWithNetwork} a network kind`,
    `${s.devicesWithMac} interface MACs`,
  ].join('; ');
}

/** `--token-env` and `--role-map` are refused (exit 2) when checked early: bad, or no NetBox source to apply to. */
export function checkNetboxOptions(paths: readonly string[], opts: Pick<NetboxLiveOptions, 'tokenEnv' | 'roleMap'>): void {
  parseRoleMap(opts.roleMap);
  if (paths.some(isNetboxUrl)) return;
  const given = opts.tokenEnv !== undefined ? '--token-env' : opts.roleMap !== undefined ? '--role-map' : undefined;
  if (given) throw new InputError(given, undefined, 'applies only to a NetBox source (netbox+https://HOST/)');
}

// Devices: every device of the snapshot, a page at a time, sorted and filtered by the server
// (GET /api/snapshots/{s}/devices), so 100k devices cost one page. The filters, sort and page
// live in the URL (`#/devices?vendor=huawei&sort=name&offset=100`): a filtered list can be
// shared, and back returns to the previous one. Each row links to the device's page.
import { useState, type FormEvent } from 'react';
import type { Api } from '../api.js';
import { num, pct } from '../format.js';
import { hrefFor, navigate, type RouteQuery } from '../router.js';
import { Text } from '../Text.js';
import { useAsync } from '../use-async.js';
import type { Device } from '../types.js';

export const PAGE_SIZE = 100;
const FILTERS = [
  ['q', 'text', 'id, name, model, site, vendor or operator contains'],
  ['vendor', 'vendor', 'vendors, comma-separated'],
  ['country', 'country', 'countries, comma-separated (DE, FR)'],
  ['layer', 'layer', 'layers, comma-separated (core, ran)'],
  ['operator', 'operator', 'operators, comma-separated, as the inventory names them'],
] as const;
const STATUSES = ['', 'overdue', 'banned-new-install', 'due', 'vendor-unknown', 'needs-data', 'approval-required', 'advisory', 'none'] as const;

type Column = { id: string; label: string; sort?: string; cell(d: Device): string | null };
const COLUMNS: Column[] = [
  { id: 'name', label: 'Name', sort: 'name', cell: (d) => d.name ?? null },
  { id: 'vendor', label: 'Vendor', sort: 'vendor', cell: (d) => d.vendor ?? 'unknown' },
  { id: 'confidence', label: 'Confidence', sort: 'confidence', cell: (d) => (d.vendor ? pct(d.attribution.confidence, 0) : null) },
  { id: 'model', label: 'Model', sort: 'model', cell: (d) => d.model ?? null },
  { id: 'layer', label: 'Layer', sort: 'layer', cell: (d) => d.layer ?? null },
  { id: 'site', label: 'Site', sort: 'site', cell: (d) => d.site ?? null },
  { id: 'country', label: 'Country', sort: 'country', cell: (d) => d.country ?? null },
  { id: 'operator', label: 'Operator', sort: 'operator', cell: (d) => d.operator ?? null },
];

const go = (query: RouteQuery) => navigate({ view: 'devices', query });

function Filters({ query }: { query: RouteQuery }) {
  const [draft, setDraft] = useState<Record<string, string>>(() => ({ ...query }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // a new filter starts at the first page; the sort stays
    const { offset: _o, ...rest } = { ...query, ...draft };
    go(rest);
  };
  return (
    <form className="filters devices-filters" onSubmit={submit} data-testid="devices-filters">
      {FILTERS.map(([k, label, help]) => (
        <label key={k} title={help}>
          {label} <input name={k} aria-label={label} value={draft[k] ?? ''} size={k === 'q' ? 18 : 10} onChange={(e) => setDraft((d) => ({ ...d, [k]: e.target.value }))} />
        </label>
      ))}
      <label title="devices with a finding of this status (as of the date above); none: without any finding">
        finding status{' '}
        <select aria-label="finding status" value={draft.status ?? ''} onChange={(e) => setDraft((d) => ({ ...d, status: e.target.value }))}>
          {STATUSES.map((s) => <option key={s} value={s}>{s || 'any'}</option>)}
        </select>
      </label>
      <button type="submit">Filter</button>
      <a href={hrefFor({ view: 'devices' })} className="link">clear</a>
    </form>
  );
}

function SortTh({ c, query }: { c: Column; query: RouteQuery }) {
  const active = query.sort === c.sort;
  const desc = active && query.order === 'desc';
  // another sort starts at the first page
  const { offset: _o, ...rest } = query;
  const next = { ...rest, sort: c.sort!, order: active && !desc ? 'desc' : 'asc' };
  return (
    <th data-column={c.id} aria-sort={active ? (desc ? 'descending' : 'ascending') : 'none'}>
      <a href={hrefFor({ view: 'devices', query: next })} data-sort={c.sort}>
        {c.label}
        {active ? (desc ? ' ▼' : ' ▲') : ''}
      </a>
    </th>
  );
}

function Pager({ query, total, offset, shown }: { query: RouteQuery; total: number; offset: number; shown: number }) {
  const at = (o: number) => hrefFor({ view: 'devices', query: { ...query, offset: String(o) } });
  const last = Math.max(0, Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE);
  return (
    <p className="pager" data-testid="devices-pager">
      {offset > 0 ? <><a href={at(0)} data-page="first">« first</a> <a href={at(Math.max(0, offset - PAGE_SIZE))} data-page="previous">‹ previous</a> </> : null}
      <span data-testid="devices-range">{shown ? `${num(offset + 1)}–${num(offset + shown)}` : 'none'} of {num(total)}</span>
      {offset + shown < total ? <> <a href={at(offset + PAGE_SIZE)} data-page="next">next ›</a> <a href={at(last)} data-page="last">last »</a></> : null}
    </p>
  );
}

function Rows({ devices }: { devices: Device[] }) {
  return (
    <tbody>
      {devices.map((d) => (
        <tr key={d.id} data-device={d.id}>
          <td data-column="id">
            <a href={hrefFor({ view: 'device', id: d.id })}>
              <Text value={d.id} fold />
            </a>
          </td>
          {COLUMNS.map((c) => (
            <td key={c.id} data-column={c.id} className={c.id === 'confidence' ? 'n' : undefined}>
              <Text value={c.cell(d)} fold />
            </td>
          ))}
        </tr>
      ))}
    </tbody>
  );
}

export function DevicesView({ api, snapshot, query, asOf }: { api: Api; snapshot: string; query: RouteQuery; asOf: string }) {
  const offset = Math.max(0, Number.parseInt(query.offset ?? '0', 10) || 0);
  const sent = { ...query, offset: String(offset), limit: String(PAGE_SIZE), ...(query.status ? { asOf } : {}) };
  const page = useAsync((signal) => api.devicePage(snapshot, sent, signal), [api, snapshot, JSON.stringify(sent)]);
  const idTh: Column = { id: 'id', label: 'Id', sort: 'id', cell: (d) => d.id };
  let body;
  if (page.status === 'loading') body = <p className="loading" aria-busy="true">Reading devices of <Text value={snapshot} />…</p>;
  else if (page.status === 'error') body = <p className="bad" role="alert" data-testid="devices-error">Cannot list devices: <Text value={page.error.message} /></p>;
  else if (!page.value.total) body = <p className="warn" data-testid="devices-none">No device matches these filters{Object.keys(query).length ? '' : ': the snapshot has no devices'}.</p>;
  else
    body = (
      <>
        <Pager query={query} total={page.value.total} offset={offset} shown={page.value.devices.length} />
        <table className="devices-table" data-testid="devices-table">
          <thead>
            <tr>{[idTh, ...COLUMNS].map((c) => <SortTh key={c.id} c={c} query={query} />)}</tr>
          </thead>
          <Rows devices={page.value.devices} />
        </table>
      </>
    );
  return (
    <div className="devices" data-testid="devices">
      <h2>Devices — <Text value={snapshot} /></h2>
      <Filters key={JSON.stringify(query)} query={query} />
      {body}
    </div>
  );
}

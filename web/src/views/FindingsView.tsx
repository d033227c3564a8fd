// Findings with filters (status, country, vendor, rule, free text); a click on a row opens the
// device's evidence (or the group's devices) in the side panel. Headings are the findings
// analysis's column labels (the registry's), but for the device name, which it does not list.
import { useMemo, useState } from 'react';
import { ColumnTh, useColumns } from '../columns.js';
import type { Finding, ReportModel } from '../types.js';
import type { PanelSubject } from './SidePanel.js';
import { plain, Text, TextList } from '../Text.js';

const PAGE = 300;

interface Filters {
  status: string;
  country: string;
  vendor: string;
  rule: string;
  text: string;
}

const EMPTY: Filters = { status: '', country: '', vendor: '', rule: '', text: '' };

function distinct(values: Array<string | null>): string[] {
  return [...new Set(values.map((v) => v ?? ''))].sort();
}

function haystack(f: Finding): string {
  return [f.device, f.name, f.vendor, f.coveredAs, f.country, f.operator, f.layer, f.rule, f.status, f.reason, f.group?.operator, f.group?.segment, ...f.evidence.map((e) => e.raw)]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}

function Select({ label, value, options, onChange }: { label: string; value: string; options: string[]; onChange: (v: string) => void }) {
  return (
    <label>
      {label}{' '}
      <select name={label} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">all</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o ? plain(o) : '(none)'}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Findings the data cannot settle: said plainly, with how to complete the data; and the reading used. */
function NeedsData({ report: m }: { report: ReportModel }) {
  const n = m.findings.filter((f) => f.status === 'needs-data').length;
  const held = m.findings.filter((f) => f.ifVerified !== undefined).length;
  return (
    <>
      {m.assumeInScope ? <p data-testid="assume-in-scope">Blank layer, technology, network, use and installed date were read as in scope (assumeInScope).</p> : null}
      {m.includeUnverified ? <p data-testid="unverified">Rules whose primary text has not been read (verification: unverified) were applied with their deadlines (includeUnverified).</p> : null}
      {held ? (
        <p data-testid="unverified">
          {held} finding(s) of unverified rules are shown as advisory, with the status they would have if verified (includeUnverified applies them).
        </p>
      ) : null}
      {n ? (
        <p className="status-needs-data" data-testid="needs-data">
          {n} finding(s) need data to be judged: each names the fields to fill in (cleanpath import changes.csv --base latest --update).
        </p>
      ) : null}
    </>
  );
}

export function FindingsView({ report: m, onFinding, selected }: { report: ReportModel; onFinding: (f: Finding) => void; selected: PanelSubject | null }) {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [limit, setLimit] = useState(PAGE);
  const options = useMemo(
    () => ({
      status: distinct(m.findings.map((f) => f.status)),
      country: distinct(m.findings.map((f) => f.country)),
      vendor: distinct(m.findings.map((f) => f.vendor ?? 'unknown')),
      rule: distinct(m.findings.map((f) => f.rule)),
    }),
    [m.findings],
  );
  const texts = useMemo(() => m.findings.map(haystack), [m.findings]);
  const shown = useMemo(() => {
    const q = filters.text.trim().toLowerCase();
    return m.findings.filter(
      (f, i) =>
        (!filters.status || f.status === filters.status) &&
        (!filters.country || (f.country ?? '') === filters.country) &&
        (!filters.vendor || (f.vendor ?? 'unknown') === filters.vendor) &&
        (!filters.rule || f.rule === filters.rule) &&
        (!q || texts[i]!.includes(q)),
    );
  }, [m.findings, texts, filters]);
  const set = (k: keyof Filters) => (v: string) => {
    setFilters((f) => ({ ...f, [k]: v }));
    setLimit(PAGE);
  };
  const cols = useColumns('findings', 'findings');
  const selectedDevice = selected?.kind === 'device' ? selected.id : null;
  const selectedFinding = selected && 'finding' in selected ? selected.finding : undefined;

  return (
    <div className="findings">
      <h2>
        Findings as of <Text value={m.asOf} />
      </h2>
      <p className="muted">
        {m.findings.length} finding(s) against the rule catalog <Text value={m.catalogVersion} />. Click a row for the evidence behind it.
      </p>
      <NeedsData report={m} />
      <div className="filters" role="search">
        <Select label="status" value={filters.status} options={options.status} onChange={set('status')} />
        <Select label="country" value={filters.country} options={options.country} onChange={set('country')} />
        <Select label="vendor" value={filters.vendor} options={options.vendor} onChange={set('vendor')} />
        <Select label="rule" value={filters.rule} options={options.rule} onChange={set('rule')} />
        <label>
          text <input type="search" name="text" aria-label="filter text" value={filters.text} onChange={(e) => set('text')(e.target.value)} placeholder="device, name, reason, evidence…" />
        </label>
        <button type="button" onClick={() => setFilters(EMPTY)}>
          clear
        </button>
        <span className="muted" data-testid="findings-count">
          {shown.length} shown
        </span>
      </div>
      <table className="findings-table" data-testid="findings-table">
        <thead>
          <tr>
            <ColumnTh columns={cols} id="status" />
            <ColumnTh columns={cols} id="device" />
            <th>Name</th>
            <ColumnTh columns={cols} id="vendor" />
            <ColumnTh columns={cols} id="country" />
            <ColumnTh columns={cols} id="rule" />
            <ColumnTh columns={cols} id="deadline" />
            <ColumnTh columns={cols} id="days_left" />
            <ColumnTh columns={cols} id="reason" />
            <ColumnTh columns={cols} id="evidence" />
          </tr>
        </thead>
        <tbody>
          {shown.slice(0, limit).map((f) => {
            const isSel = selectedFinding ? selectedFinding === f : selectedDevice !== null && f.device === selectedDevice;
            return (
              <tr
                key={`${f.rule}\u0000${f.device ?? `${f.group?.operator}/${f.group?.segment}`}`}
                className={`status-${f.status}${isSel ? ' selected' : ''}`}
                data-testid="finding-row"
                data-device={f.device ?? ''}
                data-status={f.status}
                onClick={() => onFinding(f)}
                tabIndex={0}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onFinding(f);
                }}
              >
                <td>{f.status}</td>
                <td>{f.device ? <Text value={f.device} fold /> : f.group ? <TextList values={[f.group.operator, f.group.segment]} sep=" / " /> : null}</td>
                <td>
                  <Text value={f.name} fold />
                </td>
                <td>
                  <Text value={f.vendor ?? 'unknown'} fold />
                </td>
                <td>
                  <Text value={f.country} fold />
                </td>
                <td title={`${plain(f.ruleRef.title)} — ${plain(f.ruleRef.instrument)} ${plain(f.ruleRef.clause)}`}>
                  <Text value={f.rule} fold />
                </td>
                <td>
                  <Text value={f.deadline} />
                </td>
                <td className="n">{f.daysLeft ?? ''}</td>
                <td className="why">
                  <Text value={f.reason} fold />
                </td>
                <td>
                  <button className="link" onClick={(e) => { e.stopPropagation(); onFinding(f); }}>
                    {f.evidence.length} piece(s)
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {shown.length > limit ? (
        <button onClick={() => setLimit((l) => l + PAGE * 4)}>
          show more ({shown.length - limit} hidden)
        </button>
      ) : null}
    </div>
  );
}

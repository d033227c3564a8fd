// Flows with their exposure over all equal-cost shortest paths, the clean path's cost and
// stretch, and the vendors whose kill-switch alone cuts them; endpoints open their evidence. The
// columns that are the exposure analysis's output are headed as its registry entry says.
import { useMemo, useState } from 'react';
import { ColumnTh, useColumns } from '../columns.js';
import { num } from '../format.js';
import type { ExposureLevel, ReportModel } from '../types.js';
import { Nothing } from './Overview.js';
import { Text, TextList } from '../Text.js';
import { hrefFor } from '../router.js';

const PAGE = 300;

export function FlowsView({ report: m, onDevice }: { report: ReportModel; onDevice: (id: string) => void }) {
  // Without sensitive flows the normal ones are still listed: analysed, but none needs protecting.
  const [cls, setCls] = useState<'sensitive' | 'normal' | ''>(m.exposure.summary.sensitiveFlows ? 'sensitive' : '');
  const [exposure, setExposure] = useState<ExposureLevel | ''>('');
  const [limit, setLimit] = useState(PAGE);
  const s = m.exposure.summary;
  const cols = useColumns('exposure', 'flows');
  const chokeCols = useColumns('exposure', 'chokepoints');
  const shown = useMemo(() => m.exposure.flows.filter((f) => (!cls || f.class === cls) && (!exposure || f.exposure === exposure)), [m.exposure.flows, cls, exposure]);
  return (
    <div className="flows">
      <h2>Flow exposure to {m.untrusted.length ? <TextList values={m.untrusted} /> : 'no vendor'}</h2>
      <Nothing report={m} />
      {m.nothingToAnalyse && !m.exposure.flows.length ? null : (
        <>
          {m.nothingToAnalyse ? null : (
            <p>
              Of {num(s.sensitiveFlows)} sensitive flows, <b className="bad">{num(s.sensitiveByClass.all)}</b> cross untrusted equipment on every shortest path,{' '}
              <b className="warn">{num(s.sensitiveByClass.some)}</b> on some, {num(s.sensitiveByClass.none)} on none, {num(s.sensitiveByClass.unreachable)} unreachable.{' '}
              {num(s.exposedWithCleanPath)} exposed flow(s) have a clean path, <b className="bad">{num(s.exposedWithoutCleanPath)}</b> have none.
            </p>
          )}
          <div className="filters">
            <label>
              class{' '}
              <select aria-label="flow class" value={cls} onChange={(e) => { setCls(e.target.value as typeof cls); setLimit(PAGE); }}>
                <option value="sensitive">sensitive</option>
                <option value="normal">normal</option>
                <option value="">all</option>
              </select>
            </label>
            <label>
              exposure{' '}
              <select aria-label="exposure" value={exposure} onChange={(e) => { setExposure(e.target.value as typeof exposure); setLimit(PAGE); }}>
                <option value="">all</option>
                <option value="all">every path</option>
                <option value="some">some paths</option>
                <option value="none">none</option>
                <option value="unreachable">unreachable</option>
              </select>
            </label>
            <span className="muted">{shown.length} shown</span>
          </div>
          <table>
            <thead>
              <tr>
                <ColumnTh columns={cols} id="id" />
                <th>From</th>
                <th>To</th>
                <th>Class</th>
                <ColumnTh columns={cols} id="exposure" />
                <ColumnTh columns={cols} id="cost" />
                <ColumnTh columns={cols} id="clean_cost" />
                <th title="clean-path cost / shortest cost">Stretch</th>
                <th>Volume</th>
                <th>Cut by kill-switch of</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, limit).map((f) => (
                <tr key={f.id} data-testid="flow-row">
                  <td>
                    <a href={hrefFor({ view: 'flow', id: f.id })} title="its paths hop by hop" data-testid="flow-link">
                      <Text value={f.id} fold />
                    </a>
                  </td>
                  <td>
                    <button className="link" onClick={() => onDevice(f.src)}>
                      <Text value={f.srcName} fold />
                    </button>
                  </td>
                  <td>
                    <button className="link" onClick={() => onDevice(f.dst)}>
                      <Text value={f.dstName} fold />
                    </button>
                  </td>
                  <td>{f.class}</td>
                  <td className={`exp-${f.exposure}`}>{f.exposure}</td>
                  <td className="n">{num(f.cost)}</td>
                  <td className="n">{f.exposure === 'none' ? 'not needed' : f.cleanCost === null ? <b className="bad">none</b> : num(f.cleanCost)}</td>
                  <td className="n">{num(f.stretch, 2)}</td>
                  <td className="n">{num(f.volume)}</td>
                  <td>
                    <TextList values={f.cutBy} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length > limit ? <button onClick={() => setLimit((l) => l + PAGE * 4)}>show more ({shown.length - limit} hidden)</button> : null}
          {m.exposure.chokepoints.length ? (
            <>
              <h3>Chokepoints</h3>
              <table>
                <thead>
                  <tr>
                    <ColumnTh columns={chokeCols} id="device" />
                    <ColumnTh columns={chokeCols} id="flows" />
                    <ColumnTh columns={chokeCols} id="flows_all" />
                    <ColumnTh columns={chokeCols} id="volume" />
                  </tr>
                </thead>
                <tbody>
                  {m.exposure.chokepoints.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <button className="link" onClick={() => onDevice(c.id)}>
                          <Text value={c.id} fold />
                        </button>
                      </td>
                      <td className="n">{num(c.flows)}</td>
                      <td className="n">{num(c.flowsAll)}</td>
                      <td className="n">{num(c.volume)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </>
      )}
    </div>
  );
}

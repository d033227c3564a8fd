// Every string that came from a device or a file is shown through <Text>: in its own <bdi>, so a
// U+202E in a snapshot name or a Hebrew device name cannot reorder the date, the counts or the
// vendor names printed beside it (issue 16.6); past FOLD_FROM characters folded, so that one
// 5,000-character sysDescr neither widens the page nor fills the panel. Where no element can go
// (an <option>, a title attribute, SVG text) the string goes through plain() instead.
import type { MouseEvent } from 'react';
import { isolateText } from '../../src/model/bidi.js';
import { codePoints, FOLD_FROM, FOLDED_SHOWN, needsWrap } from '../../src/report/long-text.js';

type Value = string | number | null | undefined;

// a click on the fold opens it; it must not also select the table row it sits in
const keepClick = (e: MouseEvent) => e.stopPropagation();

/** One isolated value; a long run without spaces may wrap anywhere, so it cannot hold its column wide. */
function Bdi({ s }: { s: string }) {
  return needsWrap(s) ? <bdi className="wrap">{s}</bdi> : <bdi>{s}</bdi>;
}

/** An untrusted value, isolated; `fold`: past FOLD_FROM characters it shows its start and opens on the whole. */
export function Text({ value, fold = false }: { value: Value; fold?: boolean }) {
  const s = value === null || value === undefined ? '' : String(value);
  if (!s) return null;
  const chars = fold ? codePoints(s) : [];
  if (chars.length <= FOLD_FROM) return <Bdi s={s} />;
  return (
    <details className="long" onClick={keepClick}>
      <summary>
        <Bdi s={chars.slice(0, FOLDED_SHOWN).join('')} />… <span className="muted">({chars.length.toLocaleString('en-US')} characters)</span>
      </summary>
      <Bdi s={s} />
    </details>
  );
}

/** Untrusted names one after the other, each isolated. */
export function TextList({ values, sep = ', ' }: { values: readonly string[]; sep?: string }) {
  return (
    <>
      {values.map((v, i) => (
        <span key={i}>
          {i ? sep : ''}
          <Bdi s={v} />
        </span>
      ))}
    </>
  );
}

/** An untrusted value for an <option>, a title or SVG text: closed and isolated (FSI … PDI). */
export function plain(value: Value): string {
  return isolateText(value === null || value === undefined ? '' : String(value));
}

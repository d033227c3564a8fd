// Every string that came from a device or a file is shown through <Text>: in its own <bdi>, so a
// U+202E in a snapshot name or a Hebrew device name cannot reorder the date, the counts or the
// vendor names printed beside it (issue 16.6); past LONG_TEXT characters folded, so that one
// 5,000-character sysDescr neither widens the page nor fills the panel. Where no element can go
// (an <option>, a title attribute, SVG text) the string goes through plain() instead.
import type { MouseEvent } from 'react';
import { isolateText } from '../../src/model/bidi.js';

/** Values longer than this (in characters) are folded when `fold` is asked for. */
export const LONG_TEXT = 200;
const FOLDED_SHOWN = 120;

type Value = string | number | null | undefined;

// a click on the fold opens it; it must not also select the table row it sits in
const keepClick = (e: MouseEvent) => e.stopPropagation();

/** An untrusted value, isolated; `fold`: long values show their start and open on the whole. */
export function Text({ value, fold = false }: { value: Value; fold?: boolean }) {
  const s = value === null || value === undefined ? '' : String(value);
  if (!s) return null;
  const chars = fold ? [...s] : [];
  if (chars.length <= LONG_TEXT) return <bdi>{s}</bdi>;
  return (
    <details className="long" onClick={keepClick}>
      <summary>
        <bdi>{chars.slice(0, FOLDED_SHOWN).join('')}</bdi>… <span className="muted">({chars.length.toLocaleString('en-US')} characters)</span>
      </summary>
      <bdi>{s}</bdi>
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
          <bdi>{v}</bdi>
        </span>
      ))}
    </>
  );
}

/** An untrusted value for an <option>, a title or SVG text: closed and isolated (FSI … PDI). */
export function plain(value: Value): string {
  return isolateText(value === null || value === undefined ? '' : String(value));
}

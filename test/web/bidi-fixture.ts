// What the bidi tests (issue 16.6) share: a snapshot whose name and device fields carry an
// unterminated U+202E RIGHT-TO-LEFT OVERRIDE, a U+2067 RIGHT-TO-LEFT ISOLATE without its PDI and a
// U+200F RIGHT-TO-LEFT MARK, plus a 5,000-character sysDescr; and the measurement in Chromium of
// where each character of a piece of text is drawn, to tell a date shown as written from one the
// bidi algorithm reversed.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const RLO = '\u202e';
export const RLI = '\u2067';
export const RLM = '\u200f';
/** The snapshot name: an override that nothing closes, as a file name could carry it. */
export const SNAPSHOT = `lab${RLO}tset`;
export const DEVICE_NAME = `edge${RLO}retuor`;
export const SITE = `berlin${RLI}x`;
export const OPERATOR = `Op${RLM} A`;
/** One unbroken 5,000-character value (no space to wrap at). */
export const LONG_DESCR = `Huawei Versatile Routing Platform ${'V'.repeat(5000 - 34)}`;

/** The inventory, links and flows of the hostile snapshot, written into `dir`. */
export function writeBidiFiles(dir: string): string[] {
  const header = 'id,name,vendor,layer,site,country,operator,installed,lat,lon,sys_descr';
  const inventory = [
    header,
    `evil-1,${DEVICE_NAME},Huawei,core,${SITE},DE,${OPERATOR},2022-05-01,52.52,13.405,${LONG_DESCR}`,
    `evil-2,${RLI}core-3,Huawei,access,${SITE},DE,${OPERATOR},2022-05-01,52.52,13.405,`,
    `ok-1,core-1,Cisco,core,berlin,DE,Op A,2020-01-01,52.52,13.405,`,
    `ok-2,core-2,Nokia,core,munich,DE,Op A,2020-01-01,48.1374,11.5755,`,
  ].join('\n');
  const files = [join(dir, 'inventory.csv'), join(dir, 'links.csv'), join(dir, 'flows.csv')];
  writeFileSync(files[0]!, inventory + '\n');
  writeFileSync(files[1]!, 'a,b,metric\nevil-1,ok-1,1\nok-1,ok-2,1\nevil-2,ok-1,1\n');
  writeFileSync(files[2]!, `id,src,dst,class,volume\nf${RLO}1,evil-1,ok-2,sensitive,10\nf2,evil-2,ok-2,sensitive,5\n`);
  return files;
}

/**
 * The left edge of each character of `text` where it first occurs in the text under `root`, as
 * drawn: one client rect per character (Range.getClientRects), in the order of the string.
 */
export async function charLefts(root: Locator, text: string): Promise<number[]> {
  // runs in the page; the tests compile without the DOM library, so its shapes are named here
  type TextNode = { textContent: string | null };
  type Doc = {
    createTreeWalker(root: unknown, what: number): { nextNode(): TextNode | null };
    createRange(): { setStart(n: TextNode, i: number): void; setEnd(n: TextNode, i: number): void; getClientRects(): ArrayLike<{ left: number }> };
  };
  return root.evaluate((el, wanted) => {
    const doc = (globalThis as unknown as { document: Doc }).document;
    const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent!.indexOf(wanted);
      if (at < 0) continue;
      const lefts: number[] = [];
      for (let i = at; i < at + wanted.length; i++) {
        const r = doc.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        lefts.push(r.getClientRects()[0]!.left);
      }
      return lefts;
    }
    throw new Error(`no text node holds ${JSON.stringify(wanted)}`);
  }, text);
}

/** The characters of `text` under `root` are drawn left to right, in the order they are written. */
export async function assertReadsLeftToRight(root: Locator, text: string, what: string): Promise<void> {
  const lefts = await charLefts(root, text);
  const inOrder = lefts.every((x, i) => i === 0 || x > lefts[i - 1]!);
  assert.ok(inOrder, `${what}: "${text}" is drawn in its own order (x of each character: ${lefts.map((x) => x.toFixed(0)).join(', ')})`);
}

/** The page is no wider than its viewport (2 px slack for rounding). */
export async function assertNoWiderThanViewport(page: Page, what: string): Promise<void> {
  const { scroll, viewport } = (await page.evaluate('({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth })')) as { scroll: number; viewport: number };
  assert.ok(scroll <= viewport + 2, `${what}: the page is ${scroll} px wide in a ${viewport} px viewport`);
}

/**
 * Every place in the page where a hostile control (RLO, RLI, RLM) is shown but not isolated: a
 * text node outside any <bdi> whose control is not between FSI and PDI in the same node, or an
 * attribute shown to the reader (title, placeholder, aria-label, label) likewise. The report's
 * JSON data block is data, not text, and is left out. Empty when everything is isolated.
 */
export async function unisolated(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const hostile = /[\u202e\u2067\u200f]/;
    const outsideIsolates = (s) => {
      let depth = 0, out = '';
      for (const c of s) {
        if (c === '\u2068') depth++;
        else if (c === '\u2069') depth = Math.max(0, depth - 1);
        else if (depth === 0) out += c;
      }
      return out;
    };
    const found = [];
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const p = n.parentElement;
      if (!hostile.test(n.data) || !p || p.closest('script') || p.closest('bdi')) continue;
      if (hostile.test(outsideIsolates(n.data))) found.push('<' + p.tagName.toLowerCase() + '> ' + JSON.stringify(n.data.slice(0, 80)));
    }
    for (const el of document.querySelectorAll('[title], [placeholder], [aria-label], [label]')) {
      for (const a of ['title', 'placeholder', 'aria-label', 'label']) {
        const v = el.getAttribute(a);
        if (v && hostile.test(outsideIsolates(v))) found.push('<' + el.tagName.toLowerCase() + ' ' + a + '> ' + JSON.stringify(v.slice(0, 80)));
      }
    }
    return found;
  })()`)) as string[];
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { carriesDirection, closeBidi, FSI, isolateText, PDI } from './bidi.js';

const RLO = '\u202e', RLE = '\u202b', LRO = '\u202d', PDF = '\u202c', RLI = '\u2067', LRI = '\u2066', RLM = '\u200f';

test('an unterminated override, embedding or isolate is closed at the end of the value', () => {
  assert.equal(closeBidi(`evil${RLO}13-21-6202`), `evil${RLO}13-21-6202${PDF}`);
  assert.equal(closeBidi(`${RLI}x`), `${RLI}x${PDI}`);
  // closed innermost first: the isolate, then the embedding around it
  assert.equal(closeBidi(`${RLE}a${RLI}b`), `${RLE}a${RLI}b${PDI}${PDF}`);
  assert.equal(closeBidi(`${LRO}${RLO}ab`), `${LRO}${RLO}ab${PDF}${PDF}`);
});

test('closers that match nothing in the value are dropped: a value cannot end what encloses it', () => {
  assert.equal(closeBidi(`a${PDF}b${PDI}c`), 'abc');
  // a PDF inside an isolate cannot close the embedding outside it (UAX #9 X7)
  assert.equal(closeBidi(`${RLE}a${LRI}b${PDF}c`), `${RLE}a${LRI}bc${PDI}${PDF}`);
  // a PDI closes its isolate and the embeddings opened inside it (X6a)
  assert.equal(closeBidi(`${RLI}a${RLO}b${PDI}c`), `${RLI}a${RLO}b${PDI}c`);
});

test('balanced values and values without controls are returned as they are', () => {
  for (const s of ['', 'core-1', `${RLO}x${PDF}`, `${RLI}x${PDI}`, 'שלום', `a${RLM}b`]) assert.equal(closeBidi(s), s, JSON.stringify(s));
});

test('isolateText isolates what carries direction and leaves the rest alone', () => {
  assert.equal(isolateText('core-1'), 'core-1');
  assert.equal(isolateText('München 2'), 'München 2');
  assert.equal(isolateText('ملقم'), `${FSI}ملقم${PDI}`);
  assert.equal(isolateText(`a${RLM}`), `${FSI}a${RLM}${PDI}`);
  assert.equal(isolateText(`name${RLO}`), `${FSI}name${RLO}${PDF}${PDI}`);
  assert.equal(isolateText(`x${PDI}`), `${FSI}x${PDI}`, 'a stray PDI would close our own isolate early');
  assert.ok(carriesDirection('\u{10900}'), 'Phoenician (outside the BMP) is right-to-left');
  assert.ok(!carriesDirection('東京 ÄÖÜ 2026-12-31'));
});

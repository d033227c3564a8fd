import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../model/index.js';
import { readImport } from './index.js';
import { tempDir } from './test-support.js';

const tmp = tempDir();
after(() => tmp.cleanup());

const SAMPLES: Record<string, string> = {
  'inv.csv': 'id,vendor,lat,lon,mac\nr1,"Huawei, Inc",1.5,2,00:e0:fc:00:00:01\nr2,ZTE,,,\n',
  'links.csv': 'a,b,metric\nr1,r2,3\n',
  'inv.json': '{"devices":[{"id":"r1","vendor":"zte","lat":1}],"links":[{"a":"r1","b":"r1"}]}',
  'g.graphml': '<?xml version="1.0"?>\n<graphml><key id="d0" for="node" attr.name="label"/>\n<graph><node id="0"><data key="d0">A</data></node><node id="1"/>\n<edge source="0" target="1"/></graph></graphml>\n',
  'n.txt': '?SNDlib native format\nNODES (\n A ( 1 2 )\n B ( 3 4 )\n)\nLINKS (\n L ( A B ) 0 0 0 0 ( 1 2 )\n)\nDEMANDS (\n D ( A B ) 1 2 UNLIMITED\n)\n',
  'n.xml': '<?xml version="1.0"?>\n<network xmlns="http://sndlib.zib.de/network"><networkStructure><nodes coordinatesType="geographical"><node id="A"><coordinates><x>1</x><y>2</y></coordinates></node></nodes><links/></networkStructure><demands/></network>',
  'api.json': '{"count":1,"next":null,"previous":null,"results":[{"id":1,"url":"https://x/api/dcim/devices/1/","name":"r","device_type":{"model":"m","manufacturer":{"name":"Huawei"}}}]}',
};

/** Deterministic PRNG so a failure reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

test('mutated input of every format either imports or fails with an InputError, never anything else', async () => {
  const rand = rng(42);
  const junk = ['"', ',', '\n', '\r', '<', '>', '{', '}', '[', ']', '(', ')', '&', '\u0000', 'é', '-1e999', '""', '</graph>', '<!--'];
  let ok = 0;
  let refused = 0;
  for (const [name, sample] of Object.entries(SAMPLES)) {
    for (let k = 0; k < 60; k++) {
      let s = sample;
      const edits = 1 + Math.floor(rand() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rand() * (s.length + 1));
        const r = rand();
        if (r < 0.3) s = s.slice(0, at);
        else if (r < 0.6) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rand() * 5));
        else s = s.slice(0, at) + junk[Math.floor(rand() * junk.length)] + s.slice(at);
      }
      const file = tmp.write(`${k}-${name}`, s);
      try {
        await readImport(file);
        ok++;
      } catch (err) {
        if (!(err instanceof InputError)) assert.fail(`${name} mutation ${k} threw ${String(err)} for:\n${JSON.stringify(s)}`);
        assert.ok(err.message.startsWith(file), err.message);
        refused++;
      }
    }
  }
  console.log(`hostile input: ${ok} mutated files imported, ${refused} refused with InputError`);
});

// A plan forces only what a rule is known to mandate: a Huawei router with no layer recorded
// is needs-data and forced into nothing; with --assume-in-scope it is forced, and the plan says so.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, tempDir } from '../cli/helpers.js';
import { policyNotes } from '../../src/analyses/plan-run.js';

const NODES = [
  'id,name,vendor,layer,technology,country,operator,network,installed,cost',
  'a,edge a,Nokia,core,5g,DE,Op,commercial,2020-01-01,10',
  'hw,Berlin router,Huawei,,,DE,Op,,2020-01-01,100',
  'b,edge b,Nokia,core,5g,DE,Op,commercial,2020-01-01,10',
  'n,detour,Nokia,transport,5g,DE,Op,commercial,2020-01-01,10',
].join('\n');
const LINKS = ['a,b,metric', 'a,hw,1', 'hw,b,1', 'a,n,5', 'n,b,5'].join('\n');
const FLOWS = ['id,src,dst,class', 'f1,a,b,sensitive'].join('\n');

interface PlanDoc { devices: { id: string; deadline?: string | null }[]; notes: string[] }

test('plan: needs-data forces nothing; --assume-in-scope forces the router and the notes say it rests on that', () => {
  const dir = tempDir('cleanpath-needs-data-plan-');
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, `${text}\n`);
    return p;
  };
  const db = join(dir, 's.db');
  const imp = cli(['import', file('nodes.csv', NODES), file('links.csv', LINKS), file('flows.csv', FLOWS), '--db', db]);
  assert.equal(imp.code, 0, imp.stderr);

  const plain = cli(['plan', '--db', db, '--as-of', '2026-06-01', '--json']);
  assert.equal(plain.code, 0, plain.stderr);
  const p = JSON.parse(plain.stdout) as PlanDoc;
  assert.deepEqual(p.devices.map((d) => d.id), [], 'the clean detour suffices and no rule is known to bind the router');
  assert.ok(p.notes.some((n) => /1 device\(s\) would be forced by a rule deadline but need data to be judged \(needs-data\): not forced/.test(n)), p.notes.join('\n'));

  const assumed = cli(['plan', '--db', db, '--as-of', '2026-06-01', '--assume-in-scope', '--json']);
  assert.equal(assumed.code, 0, assumed.stderr);
  const q = JSON.parse(assumed.stdout) as PlanDoc;
  assert.deepEqual(q.devices.map((d) => d.id), ['hw']);
  assert.ok(q.notes.some((n) => /^--assume-in-scope: .*1 forced device\(s\) rest on that assumption/.test(n)), q.notes.join('\n'));
});

test('policyNotes: nothing to say when nothing was assumed or waits on data', () => {
  assert.deepEqual(policyNotes([], [], false), []);
});

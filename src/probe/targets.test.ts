import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../model/index.js';
import { checkTargetCount, expandTargets, parseTargetSpec, parseTargets, type ProbeTarget } from './targets.js';

async function expand(args: string[], port = 161): Promise<string[]> {
  const out: string[] = [];
  for await (const t of expandTargets(await parseTargets(args, { defaultPort: port }), { resolve: async () => ({ address: '127.0.0.1', family: 4 }) })) {
    out.push('error' in t ? `error:${t.error}` : `${(t as ProbeTarget).address}|${(t as ProbeTarget).port}`);
  }
  return out;
}

test('addresses, host:port, [v6]:port, bare IPv6, host names', async () => {
  assert.deepEqual(await expand(['192.0.2.1', '192.0.2.2:1161', '::1', '[::1]:1161', '[2001:db8::5]', 'localhost:162']), [
    '192.0.2.1|161', '192.0.2.2|1161', '::1|161', '::1|1161', '2001:db8::5|161', '127.0.0.1|162',
  ]);
});

test('CIDR ranges expand lazily, skip network/broadcast for IPv4, and duplicates go once', async () => {
  assert.deepEqual(await expand(['192.0.2.0/30']), ['192.0.2.1|161', '192.0.2.2|161']);
  assert.deepEqual(await expand(['192.0.2.4/31', '192.0.2.5']), ['192.0.2.4|161', '192.0.2.5|161']);
  assert.deepEqual(await expand(['[2001:db8::/126]:1161']), ['2001:db8::|1161', '2001:db8::1|1161', '2001:db8::2|1161', '2001:db8::3|1161']);
  const specs = await parseTargets(['10.0.0.0/8'], { defaultPort: 161 });
  assert.throws(() => checkTargetCount(specs, 65536), /more than --max-targets/);
  assert.equal(checkTargetCount(await parseTargets(['10.0.0.0/16'], { defaultPort: 161 }), 65536), 65534);
});

test('bad targets are InputErrors; no targets is an error, never a default range', async () => {
  for (const bad of ['300.1.1.1', '10.0.0.0/33', '[::1/129]', 'a:b:c', '192.0.2.1:0', '192.0.2.1:70000', '[192.0.2.1]:161', '-x', 'host_name']) {
    assert.throws(() => parseTargetSpec(bad, 161), InputError, bad);
  }
  await assert.rejects(parseTargets([], { defaultPort: 161 }), /no targets given/);
});

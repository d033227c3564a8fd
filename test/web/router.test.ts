// The dashboard's URL grammar (web/src/routes.ts): every route survives hrefFor → parseHash, ids
// with slashes, question marks, percent signs, '#', '&', bidi controls and non-Latin letters stay
// one path segment, old fragments (`#map`) open their tab, anything else is the overview.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hrefFor, parseHash, tabOf, TABS, type Route } from '../../web/src/routes.js';

const NASTY = ['d1', 'a/b', 'x?y=1&panel=z', '50%', '#frag', 'é日本\u202Eevil', ' spaced ', '..', 'a+b'];

describe('router: hrefFor and parseHash', () => {
  it('round-trips every kind of route, with and without a panel', () => {
    const routes: Route[] = [
      ...TABS.map((view) => ({ view })),
      { view: 'devices', query: { vendor: 'huawei,zte', sort: 'name', order: 'desc', offset: '200', q: 'a&b=c' } },
      { view: 'devices', query: { vendor: 'huawei' }, snapshot: 'q1/2026 ?#&', panel: 'd1' },
      { view: 'device', id: 'd1', snapshot: 'demo' },
      ...NASTY.flatMap((id): Route[] => [{ view: 'device', id }, { view: 'flow', id }, { view: 'finding', rule: 'eu-5g-toolbox-sm03', subject: id }, { view: 'topology', panel: id }, { view: 'finding', rule: id, subject: id, panel: id }]),
    ];
    for (const r of routes) {
      const href = hrefFor(r);
      assert.match(href, /^#\//);
      assert.deepEqual(parseHash(href), r, href);
    }
  });

  it('keeps a device id one path segment: a slash or ? in it cannot reach another route', () => {
    assert.equal(hrefFor({ view: 'device', id: 'a/b' }), '#/devices/a%2Fb');
    assert.deepEqual(parseHash('#/devices/a/b'), { view: 'overview' });
    assert.deepEqual(parseHash(hrefFor({ view: 'device', id: 'x?panel=y' })), { view: 'device', id: 'x?panel=y' });
  });

  it('reads the old fragments and treats the unknown as the overview', () => {
    assert.deepEqual(parseHash('#map'), { view: 'map' });
    assert.deepEqual(parseHash('#findings'), { view: 'findings' });
    assert.deepEqual(parseHash(''), { view: 'overview' });
    assert.deepEqual(parseHash('#/nosuchview'), { view: 'overview' });
    assert.deepEqual(parseHash('#/devices/%E0%A4%A'), { view: 'overview' }, 'a malformed escape');
    assert.deepEqual(parseHash('#/findings/only-rule'), { view: 'overview' });
  });

  it('names the tab of every route', () => {
    assert.equal(tabOf({ view: 'device', id: 'x' }), 'devices');
    assert.equal(tabOf({ view: 'flow', id: 'x' }), 'flows');
    assert.equal(tabOf({ view: 'finding', rule: 'r', subject: 's' }), 'findings');
    assert.equal(tabOf({ view: 'paths' }), 'paths');
  });
});

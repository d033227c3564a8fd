// GET /api/snapshots/{s}/overview (issue 18): the overview's cards without the report. Its
// numbers equal the report's for the same parameters — on the demo store and on a generated
// network, on SQLite and on PostgreSQL — its size does not grow with the network, it validates
// against the OpenAPI schema it declares, and a bad parameter is a 400 naming it (never zeros).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { writeDemoScenario } from '../../src/demo/index.js';
import type { ReportModel } from '../../src/report/model.js';
import type { ReportOverview } from '../../src/report/overview.js';
import { startServer } from '../../src/server/index.js';
import { DEFAULT_ORGANISATION, importFiles, openStore, openTokenStore } from '../../src/store/index.js';
import { importDemoStore } from '../support/demo-store.js';
import { peerMissing } from '../support/peer.js';
import { createTestDatabase, type TestDatabase } from '../store/pg-database.js';
import { writeViewsNetwork } from '../web/views-network.js';

const GENERATED = 1000;
/** Two readings: the defaults, and a list of vendors by their catalog names at another date (SQLite only: the backends are compared on the first). */
const READINGS = ['', '?untrusted=Huawei%20Technologies%20Co.%2C%20Ltd.,zte&asOf=2027-06-30'];

interface Backend {
  name: string;
  db: string;
  url: string;
  token: string;
  close(): Promise<unknown>;
}

const dir = mkdtempSync(join(tmpdir(), 'cleanpath-overview-'));
let pgDb: TestDatabase | { skip: string };
const backends: Backend[] = [];
const generatedFiles = () => writeViewsNetwork(join(dir, 'generated'), GENERATED, 40).files;

async function importAll(db: string, demo: boolean): Promise<void> {
  const store = openStore(db);
  try {
    if (demo) await importFiles(store, writeDemoScenario(join(dir, 'demo-pg')).files, { snapshot: 'demo' });
    await importFiles(store, generatedFiles(), { snapshot: 'generated' });
  } finally {
    await store.close();
  }
}

async function served(name: string, db: string): Promise<Backend> {
  const tokens = openTokenStore(db);
  const token = await tokens.createToken({ organisation: DEFAULT_ORGANISATION, role: 'viewer', label: 'overview test' }).finally(() => tokens.close());
  const { app, url } = await startServer({ db, host: '127.0.0.1', port: 0, webDir: false, rateLimit: false, planTimeLimit: 20 });
  return { name, db, url, token: token.token, close: () => app.close() };
}

before(async () => {
  mkdirSync(join(dir, 'generated'));
  const sqlite = await importDemoStore(dir);
  await importAll(sqlite, false);
  backends.push(await served('SQLite', sqlite));
  pgDb = await createTestDatabase('cleanpath_overview');
  if (!('skip' in pgDb)) {
    await importAll(pgDb.url, true);
    backends.push(await served('PostgreSQL', pgDb.url));
  }
});

after(async () => {
  for (const b of backends) await b.close();
  if (pgDb && !('skip' in pgDb)) await pgDb.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function get(b: Backend, path: string, token: string | null = b.token): Promise<{ status: number; text: string }> {
  const r = await fetch(b.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: r.status, text: await r.text() };
}

async function ok<T>(b: Backend, path: string): Promise<{ value: T; bytes: number }> {
  const r = await get(b, path);
  assert.equal(r.status, 200, `${b.name} ${path}: ${r.text.slice(0, 300)}`);
  return { value: JSON.parse(r.text) as T, bytes: Buffer.byteLength(r.text) };
}

/** The overview's fields, read off the report as the dashboard's cards read them before. */
function cardsOfReport(m: ReportModel) {
  return {
    asOf: m.asOf,
    untrusted: m.untrusted,
    summary: m.summary,
    nothingToAnalyse: m.nothingToAnalyse,
    notes: m.notes,
    killSwitches: m.killSwitches.map((k) => ({
      vendors: k.vendors,
      removedDevices: k.removedDevices,
      sensitiveFlowsCut: k.disrupted.sensitiveFlows,
      sitesCutOff: k.sitesCutOff.length,
      mainNetworkBefore: k.mainNetworkBefore,
      mainNetworkAfter: k.mainNetworkAfter,
    })),
  };
}

function cardsOfOverview(o: ReportOverview) {
  assert.equal(o.moreNotes, 0, 'every note sent');
  const { asOf, untrusted, summary, nothingToAnalyse, notes, killSwitches } = o;
  return { asOf, untrusted, summary, nothingToAnalyse, notes, killSwitches };
}

describe('GET /api/snapshots/{snapshot}/overview', () => {
  it("equals the report's numbers on the demo and a generated network, on every backend; a few KB however large", async (t) => {
    const seen = new Map<string, unknown>();
    for (const b of backends) {
      for (const snapshot of ['demo', 'generated']) {
        for (const reading of b.name === 'SQLite' ? READINGS : READINGS.slice(0, 1)) {
          const overview = await ok<ReportOverview>(b, `/api/snapshots/${snapshot}/overview${reading}`);
          const report = await ok<ReportModel>(b, `/api/snapshots/${snapshot}/report${reading}`);
          const where = `${b.name} ${snapshot} ${reading || 'defaults'}`;
          assert.deepEqual(cardsOfOverview(overview.value), cardsOfReport(report.value), where);
          assert.equal(overview.value.source.snapshot, snapshot);
          assert.ok(overview.bytes < 4096, `${where}: ${overview.bytes} bytes`);
          t.diagnostic(`${where}: overview ${overview.bytes} B, report ${report.bytes} B`);
          // the backends agree with each other too
          const key = `${snapshot} ${reading}`;
          if (seen.has(key)) assert.deepEqual(cardsOfOverview(overview.value), seen.get(key), `${where} as SQLite`);
          else seen.set(key, cardsOfOverview(overview.value));
        }
      }
    }
    const g = (await ok<ReportOverview>(backends[0]!, '/api/snapshots/generated/overview')).value;
    // numbers that can be wrong: the generated network has untrusted devices, exposed flows, findings and a plan
    assert.ok(g.summary.untrustedDevices > 0 && g.summary.sensitiveFlows > 0 && g.summary.findings > 0 && g.killSwitches.length > 0, JSON.stringify(g.summary));
    if (peerMissing(t, 'postgresql', 'skip' in pgDb ? pgDb.skip : true)) return;
    assert.equal(backends.length, 2);
  });

  it('answers as its OpenAPI schema says', async () => {
    const b = backends[0]!;
    const doc = (await ok<{ paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: object }> }> }>> }>(b, '/api/openapi.json')).value;
    const schema = doc.paths['/api/snapshots/{snapshot}/overview']!.get!.responses['200']!.content['application/json']!.schema;
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    const overview = (await ok<ReportOverview>(b, '/api/snapshots/demo/overview')).value;
    assert.ok(validate(overview), JSON.stringify(validate.errors));
    // and a schema that can fail does
    assert.equal(validate({ ...overview, summary: { ...overview.summary, findings: null } }), false);
  });

  it('a vendor name that names nothing is a 400 naming the parameter; another organisation\'s or no snapshot is 404; no token 401', async () => {
    const b = backends[0]!;
    const bad = await get(b, '/api/snapshots/demo/overview?untrusted=huawai');
    assert.equal(bad.status, 400);
    assert.match((JSON.parse(bad.text) as { error: string }).error, /^query parameter "untrusted": unknown vendor 'huawai'; did you mean huawei\?/);
    assert.equal((await get(b, '/api/snapshots/demo/overview?asOf=2027-13-45')).status, 400);
    assert.equal((await get(b, '/api/snapshots/no-such/overview')).status, 404);
    assert.equal((await get(b, '/api/snapshots/demo/overview', null)).status, 401);
    const tokens = openTokenStore(b.db);
    const other = await tokens.createToken({ organisation: 'other-org', role: 'viewer', label: 'other' }).finally(() => tokens.close());
    assert.equal((await get(b, '/api/snapshots/demo/overview', other.token)).status, 404);
  });
});

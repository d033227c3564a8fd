// Issue 15's "Done when": the registry is the only place an analysis is declared. This walks the
// CLI program, the OpenAPI document and the report against it: every analysis has its command
// with one option per parameter (same description and default as the API's), its API route with
// exactly its parameters, and a report section or a stated reason for having none.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Command } from 'commander';
import { z } from 'zod';
import { paramManifest } from '../../src/analyses/manifest.js';
import { paramCli } from '../../src/analyses/params.js';
import { allAnalyses, ANALYSIS_IDS } from '../../src/analyses/registry.js';
import { paramHelp } from '../../src/cli/analysis-command.js';
import { buildProgram } from '../../src/cli/program.js';
import { writeDemoScenario } from '../../src/demo/index.js';
import { renderHtml } from '../../src/report/html.js';
import { buildReportModel } from '../../src/report/model.js';
import { REPORT_PARAMS } from '../../src/report/params.js';
import { REPORT_SECTIONS } from '../../src/report/sections.js';
import { openApiDocument } from '../../src/server/openapi.js';
import { ANALYSIS_ROUTES } from '../../src/server/routes/analyses.js';
import { importFiles, openStore } from '../../src/store/index.js';

/** Options every analysis command has that are not parameters: where to read, how to write. */
const INTERFACE_OPTIONS = new Set(['--db', '--snapshot', '--topology', '--nodes', '--links', '--flows', '--format', '--json', '--table', '--output', '--help']);

function commandOf(program: Command, spelled: string): Command | undefined {
  let cmd: Command | undefined = program;
  for (const w of spelled.split(' ')) cmd = cmd?.commands.find((c) => c.name() === w);
  return cmd;
}

type Operation = { parameters?: Array<{ name: string; in: string; description?: string }>; summary: string };

describe('the analysis registry', () => {
  it('every analysis is a CLI command with one option per parameter, described as the API describes it', () => {
    const program = buildProgram();
    for (const def of allAnalyses()) {
      const cmd = commandOf(program, def.command);
      assert.ok(cmd, `cleanpath ${def.command} exists`);
      assert.equal(cmd.description(), def.summary);
      const options = new Map(cmd.options.map((o) => [o.long!, o]));
      for (const p of paramManifest(def)) {
        if (p.name === def.positional) {
          assert.ok(cmd.registeredArguments.some((a) => a.name() === p.name), `${def.command} takes ${p.name} as arguments`);
          continue;
        }
        const o = options.get(p.option);
        assert.ok(o, `${def.command} ${p.option} (the API's ${p.name})`);
        assert.ok(o.description.startsWith(p.description), `${def.command} ${p.option}: same description as the API`);
        if (p.default !== null && !paramCli.get(def.params.shape[p.name] as z.ZodType)?.flag) assert.ok(o.description.includes(`(default: ${p.default})`), `${def.command} ${p.option} says its default`);
      }
      // the options beyond the parameters are the interface's or its adapter's, never a parameter the API lacks
      const params = new Set(paramManifest(def).map((p) => p.option));
      const extra = [...options.keys()].filter((o) => !params.has(o) && !INTERFACE_OPTIONS.has(o));
      for (const o of extra) assert.ok(!Object.keys(def.params.shape).some((p) => `--${p.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` === o), `${o} is a parameter`);
    }
  });

  it('every analysis is one API route whose query parameters are exactly its parameters', () => {
    const doc = openApiDocument(ANALYSIS_ROUTES, 'test') as { paths: Record<string, Record<string, Operation>> };
    for (const def of allAnalyses()) {
      const op = doc.paths[`/api/snapshots/{snapshot}/${def.id}`]?.get;
      assert.ok(op, `GET /api/snapshots/{snapshot}/${def.id}`);
      assert.equal(op.summary, def.summary);
      const query = (op.parameters ?? []).filter((p) => p.in === 'query');
      assert.deepEqual(query.map((p) => p.name).sort(), Object.keys(def.params.shape).sort(), `${def.id}: the query is the parameters`);
      for (const p of query) assert.equal(p.description, paramHelp(def.params.shape[p.name] as z.ZodType).description, `${def.id}.${p.name} described once`);
    }
    const analysisPaths = Object.keys(doc.paths).filter((p) => /^\/api\/snapshots\/\{snapshot\}\/[a-z-]+$/.test(p)).map((p) => p.split('/').at(-1)!);
    assert.deepEqual(analysisPaths.filter((p) => !['report', 'topology'].includes(p)).sort(), [...ANALYSIS_IDS].sort(), 'no analysis route outside the registry');
  });

  it('the report takes the same parameters in the CLI and the API (src/report/params.ts)', () => {
    const cmd = commandOf(buildProgram(), 'report')!;
    const options = new Set(cmd.options.map((o) => o.long!));
    const params = paramManifest({ params: REPORT_PARAMS } as unknown as Parameters<typeof paramManifest>[0]);
    for (const p of params) assert.ok(options.has(p.option), `report ${p.option} (the API's ${p.name})`);
    const doc = openApiDocument(ANALYSIS_ROUTES, 'test') as { paths: Record<string, Record<string, Operation>> };
    const query = (doc.paths['/api/snapshots/{snapshot}/report']!.get!.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    assert.deepEqual(query.sort(), params.map((p) => p.name).sort());
  });

  it('every analysis has a report section, or says why not; the report shows each under its id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cleanpath-registry-'));
    try {
      const { files } = writeDemoScenario(join(dir, 'demo'));
      const store = openStore(join(dir, 'demo.db'));
      try {
        await importFiles(store, files, { snapshot: 'demo' });
      } finally {
        await store.close();
      }
      const model = await buildReportModel({ db: join(dir, 'demo.db'), asOf: '2026-12-31', untrusted: ['huawei', 'zte'], noPlan: false, planTimeLimit: 10 });
      const html = renderHtml(model);
      for (const def of allAnalyses()) {
        const section = REPORT_SECTIONS[def.id as keyof typeof REPORT_SECTIONS];
        assert.ok(section, `${def.id} has an entry in src/report/sections.ts`);
        if ('omitted' in section) {
          assert.ok(section.omitted.length > 20, `${def.id}: why the report leaves it out`);
          continue;
        }
        if (section.when && !model.sections.some((s) => s.analysis === def.id)) {
          assert.doesNotMatch(html, new RegExp(`id="${section.id}"`), `${def.id}: shown only when ${section.when}`);
          continue;
        }
        assert.ok(model.sections.some((s) => s.analysis === def.id && s.id === section.id && s.title === def.title), `${def.id} listed in the model's sections`);
        assert.match(html, new RegExp(`id="${section.id}"`), `the HTML report has the ${def.id} section`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

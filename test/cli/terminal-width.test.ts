// Issue 18 point 6: every table fits the terminal (display width, COLUMNS when not a TTY), cuts
// are said once with --wide to show all, NO_COLOR means no escape sequence, and --format csv|json
// parse on every command that prints results. Commands run in-process on the demo store (a spawn
// costs a second each); two real spawns check the environment as a user's shell sets it.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import stringWidth from 'string-width';
import { renderTable } from '../../src/cli/output.js';
import { configureTerminal, takeCutNote } from '../../src/cli/terminal.js';
import { readCsv } from '../../src/ingest/csv/text.js';
import { cli, tempDir } from './helpers.js';
import { runInProcess } from './in-process.js';

let dir = '';
let db = '';
let demoOut = '';
const NARROW = { COLUMNS: '100', NO_COLOR: '1', FORCE_COLOR: undefined };

before(async () => {
  dir = tempDir('cleanpath-terminal-');
  db = join(dir, 'demo.db');
  const demo = await runInProcess(['demo', '--dir', dir, '--no-report'], NARROW);
  assert.equal(demo.code, 0, demo.stderr);
  demoOut = demo.stdout;
  // a second snapshot for diff: eight Huawei devices replaced by Nokia ones
  writeFileSync(join(dir, 'change.csv'), 'id,vendor\ndea-STR-ran04,Nokia\ndea-NUE-ran01,Nokia\nita-NAP-ran01,Nokia\n');
  const q4 = await runInProcess(['import', '--db', db, '-s', 'q4', '--base', 'demo', '--update', join(dir, 'change.csv')], NARROW);
  assert.equal(q4.code, 0, q4.stderr);
  const token = await runInProcess(['token', 'create', '--db', db, '--role', 'viewer', '--label', 'a dashboard on the wall of the network operations centre, third floor'], NARROW);
  assert.equal(token.code, 0, token.stderr);
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Every command that prints a table, on the demo store; each also takes --format csv|json. */
const COMMANDS = (): string[][] => [
  ['devices', '--db', db],
  ['policies'],
  ['policies', '--changes-since', '2026-01-01'],
  ['vendors'],
  ['check', '--db', db, '--as-of', '2026-12-31'],
  ['exposure', '--db', db, '--format', 'table'],
  ['chokepoints', '--db', db],
  ['killswitch', '--db', db, '--vendors', 'huawei'],
  ['plan', '--db', db, '--as-of', '2026-12-31', '--time-limit', '5'],
  ['screen', '--db', db, '--inventory', '--as-of', '2026-12-31'],
  ['screen', 'Huawei Technologies Co., Ltd.', '--as-of', '2026-12-31'],
  ['whatif', '--db', db, '--scenario', join(dir, 'adoption.yaml'), '--as-of', '2026-12-31', '--time-limit', '5'],
  ['snapshots', '--db', db],
  ['diff', 'demo', 'q4', '--db', db],
  ['diff', 'demo', 'q4', '--db', db, '--analysis', 'killswitch', '--vendors', 'huawei'],
  ['lists', '--lists-dir', dir],
  ['identify', '00:E0:FC:12:34:56', 'HWTC1A2B3C4D', 'Huawei Technologies Co., Ltd. VRP (R) software, Version 8.180 (CE6850EI V200R005C10SPC800) Copyright (C) 2012-2018'],
  ['token', 'list', '--db', db],
];

/** Lines wider than `width`, less a lone word (a URL is printed whole: cut, it would not open). */
function overWidth(text: string, width: number): string[] {
  return text.split('\n').filter((l) => stringWidth(l) > width && /\s\S/.test(l.trim()));
}

const tables = new Map<string, string>();

describe('tables at COLUMNS=100', () => {
  it('no line of any command is wider than 100 display columns', async () => {
    assert.deepEqual(overWidth(demoOut, 100), [], 'demo');
    for (const args of COMMANDS()) {
      const r = await runInProcess(args, NARROW);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.ok(r.stdout.trim().length > 0, args.join(' '));
      assert.deepEqual(overWidth(r.stdout, 100), [], args.join(' '));
      tables.set(args.join(' '), r.stdout + r.stderr);
    }
  });

  it('a cut table says so once, on stderr, and --wide shows the values whole', async () => {
    const devices = JSON.parse((await runInProcess(['devices', '--db', db, '--json'], NARROW)).stdout) as { name: string | null; model: string | null }[];
    const longest = devices.map((d) => d.name ?? '').reduce((a, b) => (b.length > a.length ? b : a));
    const narrow = await runInProcess(['devices', '--db', db], NARROW);
    assert.ok(!narrow.stdout.includes(longest) && narrow.stdout.includes('…'), 'the longest name is cut with an ellipsis');
    const notes = narrow.stderr.split('\n').filter((l) => l.startsWith('note: tables fit 100 columns'));
    assert.equal(notes.length, 1, narrow.stderr);
    assert.match(notes[0]!, /cut name.*left out .*model.*--wide shows all/);
    const wide = await runInProcess(['--wide', 'devices', '--db', db], NARROW);
    assert.ok(wide.stdout.includes(longest), 'the longest name whole');
    assert.ok(wide.stdout.split('\n')[0]!.trimEnd().endsWith('model'), 'every column');
    assert.ok(!wide.stdout.includes('…') && !wide.stderr.includes('note: tables fit'));
    // after the subcommand too, as users type it
    assert.equal((await runInProcess(['devices', '--db', db, '--wide'], NARROW)).stdout, wide.stdout);
  });

  it('check --wide keeps the context columns a narrow terminal drops', async () => {
    const narrow = tables.get(`check --db ${db} --as-of 2026-12-31`)!;
    const wide = await runInProcess(['check', '--db', db, '--as-of', '2026-12-31', '--wide'], NARROW);
    assert.doesNotMatch(narrow, /^status +days +deadline +device +name/m);
    assert.match(wide.stdout, /^status +days +deadline +device +name/m);
  });
});

describe('colour', () => {
  it('FORCE_COLOR colours a table header; NO_COLOR (any value) wins over it', async () => {
    const forced = await runInProcess(['snapshots', '--db', db], { NO_COLOR: undefined, FORCE_COLOR: '1' });
    assert.ok(forced.stdout.includes('\x1b['), 'FORCE_COLOR makes the header bold');
    for (const value of ['1', 'true', 'yes']) {
      const plain = await runInProcess(['snapshots', '--db', db], { NO_COLOR: value, FORCE_COLOR: '1' });
      assert.ok(!plain.stdout.includes('\x1b') && !plain.stderr.includes('\x1b'), `NO_COLOR=${value}`);
    }
    // not a TTY, nothing forced: no colour
    const piped = await runInProcess(['snapshots', '--db', db], { NO_COLOR: undefined, FORCE_COLOR: undefined });
    assert.ok(!piped.stdout.includes('\x1b'));
  });

  it('no command writes an escape sequence under NO_COLOR', () => {
    for (const [args, text] of tables) assert.ok(!text.includes('\x1b'), args);
  });
});

/** Rows of a CSV text through the importers' tokenizer: a ragged or unquoted row fails here. */
function csvRows(text: string): { header: string[]; rows: string[][] } {
  let header: string[] = [];
  const rows: string[][] = [];
  readCsv(text, 'stdout', (h) => ((header = h), (fields) => rows.push(fields)));
  for (const r of rows) assert.equal(r.length, header.length, `ragged row: ${r.join(',')}`);
  return { header, rows };
}

describe('--format csv|json on every command that prints results', () => {
  it('csv parses with one header and rows of its width; json parses', async () => {
    for (const args of COMMANDS()) {
      const base = args.filter((a) => a !== '--format' && a !== 'table');
      const csv = await runInProcess([...base, '--format', 'csv'], NARROW);
      // diff without --analysis is a report, not rows: csv is refused there, exit 2 saying so
      if (base[0] === 'diff' && !base.includes('--analysis')) {
        assert.equal(csv.code, 2);
        continue;
      }
      assert.equal(csv.code, 0, `${base.join(' ')}: ${csv.stderr}`);
      assert.ok(csvRows(csv.stdout).header.length > 0, base.join(' '));
      const json = await runInProcess([...base, '--format', 'json'], NARROW);
      assert.equal(json.code, 0, `${base.join(' ')}: ${json.stderr}`);
      assert.doesNotThrow(() => JSON.parse(json.stdout), base.join(' '));
    }
  });

  it('--json stays the alias of --format json', async () => {
    for (const args of [['devices', '--db', db], ['vendors'], ['snapshots', '--db', db], ['token', 'list', '--db', db], ['diff', 'demo', 'q4', '--db', db], ['identify', '00:E0:FC:12:34:56']]) {
      const alias = await runInProcess([...args, '--json'], NARROW);
      assert.equal(alias.code, 0, `${args.join(' ')}: ${alias.stderr}`);
      assert.equal(alias.stdout, (await runInProcess([...args, '--format', 'json'], NARROW)).stdout, args.join(' '));
    }
  });

  it('snapshots: csv and json carry every snapshot', async () => {
    const { header, rows } = csvRows((await runInProcess(['snapshots', '--db', db, '--format', 'csv'], NARROW)).stdout);
    assert.deepEqual(header.slice(0, 3), ['id', 'name', 'createdat']);
    assert.deepEqual(rows.map((r) => r[1]), ['demo', 'q4']);
    const json = JSON.parse((await runInProcess(['snapshots', '--db', db, '--format', 'JSON'], NARROW)).stdout) as { name: string }[];
    assert.deepEqual(json.map((s) => s.name), ['demo', 'q4']);
  });

  it('a CSV cell that starts a formula is defused (the one writer)', async () => {
    const r = await runInProcess(['identify', '=HYPERLINK("http://x")', '--format', 'csv'], NARROW);
    const { rows } = csvRows(r.stdout);
    assert.ok(rows[0]![0]!.startsWith("'="), rows[0]![0]);
  });

  it('a bad --format value is exit 2 naming the choices', async () => {
    const r = await runInProcess(['snapshots', '--db', db, '--format', 'xml'], NARROW);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /expected one of table, csv, json/);
  });
});

describe('display width', () => {
  const at = (line: string, needle: string) => stringWidth(line.slice(0, line.indexOf(needle)));

  it('wide characters count 2 and combining marks 0: columns line up and fit', () => {
    configureTerminal({});
    takeCutNote();
    const rows = [
      { name: '東京都千代田区の中央局コアルータ一号機', vendor: 'huawei', site: 'tokyo' },
      { name: 'Zu\u0308rich core 1', vendor: 'cisco', site: 'zurich' },
      { name: 'plain', vendor: 'nokia', site: 'oslo' },
    ];
    const out = renderTable(rows, ['site', 'name', 'vendor'], 48, 40);
    const lines = out.trimEnd().split('\n');
    for (const l of lines) assert.ok(stringWidth(l) <= 40, `${stringWidth(l)}: ${l}`);
    const columns = lines.slice(2).map((l, i) => at(l, rows[i]!.vendor));
    assert.deepEqual(columns, [columns[0], columns[0], columns[0]], out);
    assert.equal(at(lines[0]!, 'vendor'), columns[0]);
    assert.ok(lines[2]!.includes('…') && !lines[3]!.includes('…'), 'the CJK name is cut, the combining one is not');
    assert.match(takeCutNote() ?? '', /cut name/);
  });

  it('--wide (configureTerminal) cuts nothing, however narrow', () => {
    configureTerminal({ wide: true });
    takeCutNote();
    try {
      const out = renderTable([{ name: 'x'.repeat(300), n: 1 }], ['name', 'n'], 48, Infinity);
      assert.ok(out.includes('x'.repeat(300)));
      assert.equal(takeCutNote(), undefined);
    } finally {
      configureTerminal({});
    }
  });
});

describe('as a shell runs it', () => {
  it('COLUMNS narrows a piped table; NO_COLOR keeps it plain even when FORCE_COLOR is set', () => {
    const r = spawnWith(['devices', '--db', db, '--vendor', 'huawei'], { COLUMNS: '60', NO_COLOR: '1', FORCE_COLOR: '1' });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(overWidth(r.stdout, 60), []);
    assert.ok(!r.stdout.includes('\x1b'));
    assert.match(r.stderr, /note: tables fit 60 columns \(\$COLUMNS\)/);
  });

  it('without COLUMNS a pipe gets 100 columns, and says why', () => {
    const r = spawnWith(['policies'], { COLUMNS: undefined });
    assert.deepEqual(overWidth(r.stdout, 100), []);
    assert.match(r.stderr, /note: tables fit 100 columns \(the default for output that is not a terminal\)/);
  });
});

function spawnWith(args: string[], env: Record<string, string | undefined>) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  try {
    return cli(args);
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

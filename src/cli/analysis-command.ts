// Every analysis command is generated from its registry entry (src/analyses/registry.ts): the
// input options, one option per parameter (camelCase → --kebab-case, same description and
// default as the API's query parameter), --format table|csv|json, --table, -o. What only a
// terminal has (threads, --distributed, a text layout) comes from the command's adapter.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import type { AnalysisDocument, AnalysisSource, AnyAnalysis, RunEnv } from '../analyses/define.js';
import { optionName, paramCli } from '../analyses/params.js';
import { tableCsv, tableSpec } from '../analyses/tables.js';
import { InputError } from '../model/index.js';
import { addNetworkSourceOptions, warn, type NetworkSourceOptions } from './network-input.js';
import { addOutputOptions, DEFAULT_DB, outputFormatOf } from './options.js';
import { renderJson, renderTable, type OutputFormat } from './output.js';
import { createProgress, type Progress } from './progress.js';
import { wrapLongLines } from './wrap.js';

export interface CliAdapter<D = AnalysisDocument, P = Record<string, unknown>> {
  /** The format when none is asked for. */
  format: OutputFormat;
  /** The table format, when the main table alone says too little (a summary first, say). */
  text?(doc: D, params: P, opts: Record<string, unknown>): string;
  /** Options only a terminal run has. */
  options?(cmd: Command): void;
  /** Side files those options name (the planner's cost table). */
  source?(opts: Record<string, unknown>): Partial<AnalysisSource> & Record<string, unknown>;
  /**
   * Positional arguments only a terminal run has (traceroute files to read): handed to `source()`
   * as `opts[name]`. An analysis whose parameter is positional (`screen NAME...`) has none.
   */
  arguments?: { name: string; description: string };
  /** The table --format csv|table writes when --table is not given, if not the main one. */
  defaultTable?(params: P): string | undefined;
  /** Whether the rows still stand when there is nothing to analyse in part (a note then, exit 0). */
  partial?(doc: D): boolean;
  /** Why the run counts as failed though it worked (check --fail-on): exit 1 with this message. */
  failure?(doc: D): string | undefined;
  /** RunEnv settings from those options. */
  env?(opts: Record<string, unknown>, progress: Progress): Partial<RunEnv>;
  /** Another analysis that answers when these options ask for it (`exposure --flow ID --paths` is flow-paths). */
  delegate?(opts: Record<string, unknown>): { def: AnyAnalysis; adapter: CliAdapter } | undefined;
}

/** A parameter's help text: its description, and its default when it has one. */
export function paramHelp(field: z.ZodType): { description: string; byDefault: string | undefined } {
  const meta = z.globalRegistry.get(field) as { description?: string; default?: string } | undefined;
  return { description: meta?.description ?? field.description ?? '', byDefault: meta?.default };
}

/** Repeating a list option adds to it: the values are joined as the API's comma list is. */
function joinRepeated(value: string, previous: string | undefined): string {
  return previous === undefined ? value : `${previous},${value}`;
}

/** One option per parameter; `taken` (attribute names) skips those a command already has. */
export function addParamOptions(cmd: Command, def: Pick<AnyAnalysis, 'params' | 'positional'>, taken?: Set<string>): void {
  for (const [name, field] of Object.entries(def.params.shape) as Array<[string, z.ZodType]>) {
    if (taken?.has(name) || name === def.positional) continue;
    taken?.add(name);
    const cli = paramCli.get(field) ?? {};
    const { description, byDefault } = paramHelp(field);
    const flag = optionName(name);
    if (cli.flag === 'on') cmd.option(flag, description);
    else if (cli.flag === 'off') cmd.option(`--no-${flag.slice(2)}`, description);
    else {
      const text = byDefault !== undefined ? `${description} (default: ${byDefault})` : description;
      const spelled = `${flag} ${cli.valueName ?? '<value>'}`;
      if (cli.list) cmd.option(spelled, text, joinRepeated);
      else cmd.option(spelled, text);
    }
  }
}

/** The parameters as typed, through the same schema as the API's query; a bad value is exit 2 naming the option. */
export function parseCliParams(def: Pick<AnyAnalysis, 'params' | 'positional'>, opts: Record<string, unknown>): Record<string, unknown> {
  const raw: Record<string, string | undefined> = {};
  for (const [name, field] of Object.entries(def.params.shape) as Array<[string, z.ZodType]>) {
    const v = opts[name];
    const cli = paramCli.get(field) ?? {};
    if (cli.flag) raw[name] = (cli.flag === 'on' ? v === true : v === false) ? String(cli.flag === 'on') : undefined;
    else if (name === def.positional && Array.isArray(v)) (raw as Record<string, unknown>)[name] = v.length ? v : undefined;
    else raw[name] = typeof v === 'string' ? v : undefined;
  }
  const r = def.params.safeParse(raw);
  if (r.success) return r.data as Record<string, unknown>;
  const issue = r.error.issues[0]!;
  const name = issue.path.length ? optionName(String(issue.path[0])) : 'options';
  throw new InputError(name, undefined, issue.message);
}

export function sourceOf(opts: Record<string, unknown>): NetworkSourceOptions {
  const s = (k: string) => (typeof opts[k] === 'string' ? (opts[k] as string) : undefined);
  return { db: s('db') ?? DEFAULT_DB, snapshot: s('snapshot'), topology: s('topology'), nodes: s('nodes'), links: s('links'), flows: s('flows') };
}

/** `paths exposure` is the subcommand `exposure` of `paths`: the parent is made when absent. */
function commandFor(program: Command, spelled: string): Command {
  const words = spelled.split(' ');
  let parent = program;
  for (const w of words.slice(0, -1)) parent = parent.commands.find((c) => c.name() === w) ?? parent.command(w);
  return parent.command(words.at(-1)!);
}

export function registerAnalysisCommand(program: Command, def: AnyAnalysis, adapter: CliAdapter): Command {
  const cmd = commandFor(program, def.command).description(def.summary);
  const positional = def.positional ?? adapter.arguments?.name;
  if (def.positional) cmd.argument(`[${def.positional}...]`, paramHelp(def.params.shape[def.positional] as z.ZodType).description);
  else if (adapter.arguments) cmd.argument(`[${adapter.arguments.name}...]`, adapter.arguments.description);
  if (def.sources === 'network') addNetworkSourceOptions(cmd);
  else cmd.option('--db <path>', 'store to read: an SQLite file or a postgres:// URL', DEFAULT_DB).option('-s, --snapshot <name>', 'snapshot of the store (default: the latest)');
  addParamOptions(cmd, def);
  adapter.options?.(cmd);
  addOutputOptions(cmd, adapter.format)
    .option('--table <id>', `the table written as csv or table (${def.tables.map((t) => t.id).join(', ')}; default ${def.tables[0]!.id})`)
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .addHelpText('after', `\n${def.help ? def.help + '\n\n' : ''}Examples:\n${def.examples.map((e) => `  ${e}`).join('\n')}`)
    .action(async (...args: unknown[]) => {
      // commander passes the positional list first when there is one, then the options
      const opts = (positional ? args[1] : args[0]) as Record<string, unknown>;
      const all = positional ? { ...opts, [positional]: args[0] } : opts;
      const other = adapter.delegate?.(all);
      await (other ? runAnalysisCommand(other.def, other.adapter, all) : runAnalysisCommand(def, adapter, all));
    });
  return cmd;
}

async function runAnalysisCommand(def: AnyAnalysis, adapter: CliAdapter, opts: Record<string, unknown>): Promise<void> {
  const format = outputFormatOf(opts as { format?: OutputFormat; json?: boolean });
  const params = parseCliParams(def, opts);
  const table = tableSpec(def, (opts.table as string | undefined) ?? (format === 'json' ? undefined : adapter.defaultTable?.(params)));
  const progress = createProgress(def.command);
  const env: RunEnv = { progress, warn: (w) => warn([w]), strict: true, tablesOnly: format === 'csv', ...adapter.env?.(opts, progress) };
  const doc = await def.run({ ...sourceOf(opts), ...adapter.source?.(opts) }, params, env);
  progress.done();
  for (const note of doc.notes ?? []) process.stderr.write(`note: ${note}\n`);
  const rows = () => table.rows(doc);
  const text =
    format === 'json'
      ? renderJson(doc)
      : format === 'csv'
        ? tableCsv(table.columns, rows())
        : opts.table === undefined && adapter.text
          ? adapter.text(doc, params, opts)
          : renderTable(rows().map((r) => Object.fromEntries(table.columns.map((c) => [c.id, r[c.id] ?? c.nullAs ?? null]))), table.columns.map((c) => c.id), 48);
  const shown = format === 'table' ? wrapLongLines(text) : text;
  if (typeof opts.output === 'string') await writeFile(opts.output, shown);
  else process.stdout.write(shown);
  // Rows without anything to analyse are no all-clear: said, and exit 1.
  if (doc.nothingToAnalyse !== null && adapter.partial?.(doc)) {
    process.stderr.write(`note: ${doc.nothingToAnalyse}\n`);
    return;
  }
  const failed = doc.nothingToAnalyse ?? adapter.failure?.(doc);
  if (failed !== null && failed !== undefined) {
    process.stderr.write(`cleanpath: ${failed}\n`);
    process.exitCode = 1;
  }
}

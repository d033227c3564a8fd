// Long functions say why (issue 15 point 6). Every function-like node under src/ (declarations,
// methods, constructors, accessors, arrow functions and function expressions) whose body spans more
// than MAX_LINES lines must carry a comment directly before it, JSDoc or //, with the word "why" in
// it: "Why one function: ...". Otherwise split it along its comment headings. The walk parses with
// the TypeScript compiler's own API (the native compiler, typescript/unstable/*), so strings,
// templates and regular expressions cannot fool it.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SyntaxKind, type Node, type SourceFile } from 'typescript/unstable/ast';
import { getLeadingCommentRanges } from 'typescript/unstable/ast/scanner';
import { API } from 'typescript/unstable/sync';

const root = fileURLToPath(new URL('../..', import.meta.url));
const MAX_LINES = 80;

/**
 * Long functions in files another change owns for now (the issue 15 refactor of src/analyses,
 * src/server and some CLI commands): tolerated until that work splits them or says why. Entries
 * are `file#name`; an entry whose function is no longer long (or gone) fails the test, so the list
 * only shrinks. Keep it empty otherwise.
 */
const PENDING: readonly string[] = [];

const FUNCTION_KINDS: ReadonlySet<SyntaxKind> = new Set([
  SyntaxKind.FunctionDeclaration,
  SyntaxKind.MethodDeclaration,
  SyntaxKind.Constructor,
  SyntaxKind.GetAccessor,
  SyntaxKind.SetAccessor,
  SyntaxKind.ArrowFunction,
  SyntaxKind.FunctionExpression,
]);

/** Nodes an arrow function or function expression sits in whose leading comment is its own. */
const WRAPPERS: ReadonlySet<SyntaxKind> = new Set([
  SyntaxKind.VariableDeclaration,
  SyntaxKind.VariableDeclarationList,
  SyntaxKind.VariableStatement,
  SyntaxKind.PropertyAssignment,
  SyntaxKind.PropertyDeclaration,
  SyntaxKind.ExportAssignment,
  SyntaxKind.ParenthesizedExpression,
  SyntaxKind.AsExpression,
  SyntaxKind.SatisfiesExpression,
  SyntaxKind.CallExpression,
  SyntaxKind.ExpressionStatement,
  SyntaxKind.ReturnStatement,
]);

interface FunctionLike extends Node {
  readonly name?: Node & { readonly text?: string };
  readonly body?: Node;
}

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const textOf = (n: Node | undefined): string | undefined => (n as { text?: string } | undefined)?.text;

/** `f` for `f(...)`, `.action` for `x.y.action(...)`. */
function calleeOf(call: Node): string {
  const callee = (call as { expression?: Node }).expression;
  if (callee?.kind === SyntaxKind.PropertyAccessExpression) return `.${textOf((callee as FunctionLike).name) ?? '?'}`;
  return textOf(callee) ?? 'a call';
}

/** A readable name: `Class.method`, the variable or property an arrow is bound to, or `(anonymous)`. */
function nameOf(fn: FunctionLike): string {
  const own = textOf(fn.name);
  const cls = textOf((fn.parent as FunctionLike).name);
  if (fn.kind === SyntaxKind.Constructor) return `${cls ?? '(class)'}.constructor`;
  if (own) return fn.parent.kind === SyntaxKind.ClassDeclaration && cls ? `${cls}.${own}` : own;
  for (let p: Node | undefined = fn.parent; p && WRAPPERS.has(p.kind); p = p.parent) {
    const bound = textOf((p as FunctionLike).name);
    if (bound) return bound;
    if (p.kind === SyntaxKind.CallExpression) return `(callback of ${calleeOf(p)})`;
  }
  return '(anonymous)';
}

/** The node whose leading comments document fn: itself, or the statement it is bound in. */
function anchorOf(fn: Node): Node {
  if (fn.kind !== SyntaxKind.ArrowFunction && fn.kind !== SyntaxKind.FunctionExpression) return fn;
  let a: Node = fn;
  while (a.parent && WRAPPERS.has(a.parent.kind)) a = a.parent;
  return a;
}

function saysWhy(sf: SourceFile, fn: Node): boolean {
  const ranges = getLeadingCommentRanges(sf.text, anchorOf(fn).pos) ?? [];
  return ranges.some((r) => /\b[Ww]hy\b/.test(sf.text.slice(r.pos, r.end)));
}

interface LongFunction {
  /** `file#name`, as PENDING lists them */
  key: string;
  /** `file:line name (N lines)` */
  line: string;
  /** a comment directly before it says why it is long */
  explained: boolean;
}

/** Every function over MAX_LINES in one file. */
function longFunctions(sf: SourceFile, file: string): LongFunction[] {
  const out: LongFunction[] = [];
  const visit = (n: Node): void => {
    const body = (n as FunctionLike).body;
    if (FUNCTION_KINDS.has(n.kind) && body) {
      const first = sf.getLineAndCharacterOfPosition(body.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(body.end).line;
      const lines = last - first + 1;
      if (lines > MAX_LINES) {
        const name = nameOf(n as FunctionLike);
        const at = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
        out.push({ key: `${file}#${name}`, line: `${file}:${at} ${name} (${lines} lines)`, explained: saysWhy(sf, n) });
      }
    }
    n.forEachChild(visit);
  };
  visit(sf);
  return out;
}

/** Every long function of these files (absolute paths), named relative to `base`. */
function scan(files: readonly string[], base: string): LongFunction[] {
  const api = new API({ cwd: root });
  const found: LongFunction[] = [];
  try {
    const snapshot = api.updateSnapshot({ openFiles: [...files] });
    for (const file of files) {
      const sf = snapshot.getDefaultProjectForFile(file)?.program.getSourceFile(file);
      assert.ok(sf, `the compiler did not parse ${file}`);
      found.push(...longFunctions(sf, relative(base, file).split('\\').join('/')));
    }
  } finally {
    api.close();
  }
  return found;
}

test(`every function in src/ over ${MAX_LINES} lines has a comment saying why`, () => {
  const files = sources(join(root, 'src'));
  assert.ok(files.length > 100, `expected the sources under src/, found ${files.length}`);
  const found = scan(files, root);
  const pending = new Set(PENDING);
  const unexplained = found.filter((f) => !f.explained && !pending.has(f.key)).map((f) => f.line);
  assert.deepEqual(unexplained, [], `split these functions, or say before each why it stays long ("Why one function: ..."):\n${unexplained.join('\n')}`);
  const stillLong = new Set(found.filter((f) => !f.explained).map((f) => f.key));
  const stale = PENDING.filter((k) => !stillLong.has(k));
  assert.deepEqual(stale, [], `no longer long (or renamed): remove from PENDING:\n${stale.join('\n')}`);
});

test('the length check sees the functions it is meant to catch, and the comments that excuse them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-fnlen-'));
  try {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  x += ${i};`).join('\n');
    const file = join(dir, 'sample.ts');
    writeFileSync(file, [
      'let x = 0;',
      `export function bare(): void {\n${body(MAX_LINES)}\n}`,
      `export function short(): void {\n${body(MAX_LINES - 2)}\n}`,
      `// Why one function: a test.\nexport function excused(): void {\n${body(MAX_LINES)}\n}`,
      `// why: bound to a const\nexport const arrow = (): void => {\n${body(MAX_LINES)}\n};`,
      `/** A comment that does not say it. */\nexport const silent = function (): void {\n${body(MAX_LINES)}\n};`,
      `export class K {\n  /** Why one method: a test. */\n  m(): void {\n${body(MAX_LINES)}\n  }\n  n(): void {\n${body(MAX_LINES)}\n  }\n}`,
      `export const s = 'why';\nexport function afterCode(): void {\n${body(MAX_LINES)}\n}`,
      `[1].forEach(() => {\n${body(MAX_LINES)}\n});`,
    ].join('\n'));
    const found = scan([file], dir);
    assert.equal(found[0]?.line, `sample.ts:2 bare (${MAX_LINES + 2} lines)`);
    assert.deepEqual(
      found.map((f) => `${f.key} ${f.explained ? 'explained' : 'unexplained'}`),
      [
        'sample.ts#bare unexplained',
        'sample.ts#excused explained',
        'sample.ts#arrow explained',
        'sample.ts#silent unexplained',
        'sample.ts#K.m explained',
        'sample.ts#K.n unexplained',
        'sample.ts#afterCode unexplained',
        'sample.ts#(callback of .forEach) unexplained',
      ],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

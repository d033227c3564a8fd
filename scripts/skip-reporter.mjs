// A node:test reporter for scripts/run-tests.mjs: writes one JSON line per skipped or todo test
// (file, name, reason) so the run can end with the list of what did not run and why.
import { relative } from 'node:path';

export default async function* skipReporter(source) {
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const d = event.data;
    const kind = d.skip !== undefined && d.skip !== false ? 'skip' : d.todo !== undefined && d.todo !== false ? 'todo' : null;
    if (!kind) continue;
    const reason = d.skip ?? d.todo;
    yield JSON.stringify({ kind, file: d.file ? relative(process.cwd(), d.file) : '', line: d.line ?? 0, name: d.name, reason: typeof reason === 'string' ? reason : '' }) + '\n';
  }
}

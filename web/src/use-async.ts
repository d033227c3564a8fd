// One request's state for a view: loading, the value, or the error; stale answers (the inputs
// changed meanwhile) are dropped and their requests aborted.
import { useEffect, useState } from 'react';

export type AsyncState<T> = { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: Error };

const LOADING = { status: 'loading' } as const;

const sameDeps = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

/**
 * The state is kept with the inputs it answers. The effect that starts the next request runs
 * after the render with the new inputs: without the check, that render would draw the previous
 * answer under the new inputs (a page's rows under the next page's range line), then empty.
 */
export function useAsync<T>(run: ((signal: AbortSignal) => Promise<T>) | null, deps: readonly unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ deps: readonly unknown[]; value: AsyncState<T> }>({ deps, value: LOADING });
  useEffect(() => {
    if (!run) return;
    const ctrl = new AbortController();
    const answered = (value: AsyncState<T>) => {
      if (!ctrl.signal.aborted) setState({ deps, value });
    };
    answered(LOADING);
    run(ctrl.signal).then(
      (value) => answered({ status: 'ok', value }),
      (e: unknown) => answered({ status: 'error', error: e instanceof Error ? e : new Error(String(e)) }),
    );
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return sameDeps(state.deps, deps) ? state.value : LOADING;
}

// One request's state for a view: loading, the value, or the error; stale answers (the inputs
// changed meanwhile) are dropped and their requests aborted.
import { useEffect, useState } from 'react';

export type AsyncState<T> = { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: Error };

export function useAsync<T>(run: ((signal: AbortSignal) => Promise<T>) | null, deps: readonly unknown[]): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  useEffect(() => {
    if (!run) return;
    const ctrl = new AbortController();
    setState({ status: 'loading' });
    run(ctrl.signal).then(
      (value) => {
        if (!ctrl.signal.aborted) setState({ status: 'ok', value });
      },
      (e: unknown) => {
        if (!ctrl.signal.aborted) setState({ status: 'error', error: e instanceof Error ? e : new Error(String(e)) });
      },
    );
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}

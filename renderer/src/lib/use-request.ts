import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../electron/contract/errors';
import { toAppError } from './api';

export interface RequestState<T> {
  /** The last answer for these inputs; kept while a reload or refresh is on its way, so the screen does not flash empty. */
  data: T | null;
  /** The last call's failure, cleared when a later call succeeds. */
  error: AppError | null;
  /** A call is on its way. */
  loading: boolean;
}

export interface RequestOptions<T> {
  /** False: no call is made (e.g. a field is still empty); data and error are cleared. */
  enabled?: boolean;
  /** Wait this long after the inputs last changed before calling (typing). */
  delayMs?: number;
  /** Keep showing the last answer while new inputs are asked about (a preview that should not flash). */
  keepData?: boolean;
  /** Call again this many ms after each answer, or not when null; may depend on the answer. */
  refreshMs?: (data: T | null, error: AppError | null) => number | null;
}

/**
 * One way for every screen to ask main for something it shows. The latest call wins: when the
 * inputs change (or the screen goes away) the call on its way is cancelled (its signal aborts and
 * its answer is dropped), so a slow early answer can never overwrite a later one. Loading and
 * failure are part of the state, so a screen cannot forget to show them.
 */
export function useRequest<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  options: RequestOptions<T> = {},
): RequestState<T> & { reload: () => void; setData: (data: T) => void } {
  const { enabled = true, delayMs = 0, keepData = false } = options;
  const [state, setState] = useState<RequestState<T>>({ data: null, error: null, loading: enabled });
  const loadRef = useRef(load);
  loadRef.current = load;
  const refreshRef = useRef(options.refreshMs);
  refreshRef.current = options.refreshMs;
  const [generation, setGeneration] = useState(0);
  // The generation the effect last ran for: the same one again means the inputs changed.
  const ranFor = useRef(-1);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  // The last answer, read when a later call fails (the failure keeps what was shown).
  const dataRef = useRef<T | null>(null);
  const setData = useCallback((data: T) => {
    dataRef.current = data;
    setState({ data, error: null, loading: false });
  }, []);

  useEffect(() => {
    if (!enabled) {
      dataRef.current = null;
      setState({ data: null, error: null, loading: false });
      return;
    }
    // New inputs: the old answer was about something else (another package, another image).
    const inputsChanged = ranFor.current === generation;
    ranFor.current = generation;
    if (inputsChanged && !keepData) {
      dataRef.current = null;
      setState({ data: null, error: null, loading: true });
    }
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      setState((s) => (s.loading ? s : { ...s, loading: true }));
      loadRef.current(controller.signal).then(
        (data) => finish({ data, error: null, loading: false }),
        (error: unknown) => finish({ data: dataRef.current, error: toAppError(error), loading: false }),
      );
    };
    const finish = (settled: RequestState<T>) => {
      if (controller.signal.aborted) return;
      dataRef.current = settled.data;
      setState(settled);
      const again = refreshRef.current?.(settled.data, settled.error) ?? null;
      if (again !== null) timer = setTimeout(run, again);
    };
    if (delayMs > 0) timer = setTimeout(run, delayMs);
    else run();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
    // The caller's inputs decide when to call again, as with useEffect.
  }, [...deps, enabled, delayMs, keepData, generation]);

  return { ...state, reload, setData };
}

export interface ActionState<A extends unknown[], T> {
  /** Runs the action; resolves with its answer, or undefined when it failed or was superseded. */
  run: (...args: A) => Promise<T | undefined>;
  busy: boolean;
  error: AppError | null;
  clearError: () => void;
}

/**
 * A call the user starts with a button (save, start, log in). Its failure is kept for the screen
 * to show; a second press while the first is on its way supersedes it; an answer that comes after
 * the screen went away is dropped.
 */
export function useAction<A extends unknown[], T>(act: (...args: A) => Promise<T>): ActionState<A, T> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const actRef = useRef(act);
  actRef.current = act;
  const latest = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (...args: A): Promise<T | undefined> => {
    const ticket = (latest.current += 1);
    const current = () => mounted.current && ticket === latest.current;
    setBusy(true);
    setError(null);
    try {
      const value = await actRef.current(...args);
      return current() ? value : undefined;
    } catch (e) {
      if (current()) setError(toAppError(e));
      return undefined;
    } finally {
      if (current()) setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { run, busy, error, clearError };
}

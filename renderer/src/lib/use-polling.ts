import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Runs `load` now and then again every `intervalMs(result)` milliseconds; the interval can depend
 * on the last result (re-check often while something is down, rarely while it is fine).
 */
export function usePolling<T>(load: () => Promise<T>, intervalMs: (last: T | null) => number) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const loadRef = useRef(load);
  const intervalRef = useRef(intervalMs);
  loadRef.current = load;
  intervalRef.current = intervalMs;

  const run = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    setBusy(true);
    let next: T | null = null;
    try {
      next = await loadRef.current();
      setValue(next);
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      timer.current = setTimeout(() => void run(), intervalRef.current(next));
    }
  }, []);

  useEffect(() => {
    void run();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [run]);

  return { value, error, busy, refresh: run, setValue };
}

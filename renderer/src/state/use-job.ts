import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobKind, JobSnapshot } from '../../../electron/contract/domain/job';
import type { AppError } from '../../../electron/contract/errors';
import { call, subscribe, toAppError } from '../lib/api';

export interface JobView {
  snapshot: JobSnapshot | null;
  /** The whole log so far; a new array only when lines were appended. */
  log: string[];
}

const EMPTY: JobView = { snapshot: null, log: [] };

export interface JobState extends JobView {
  /** Main could not say where the job is (the list or the job itself could not be read). */
  error: AppError | null;
  /** Shows the job main started, whether or not its first update came already. */
  adopt: (snapshot: JobSnapshot) => void;
  /** Asks main again after a failure. */
  reload: () => void;
}

/**
 * The latest job of a kind, as main owns it: on mount the whole job is fetched (log included), so
 * a reload or a reopened window shows it where it is; then appended lines and snapshots stream in.
 */
export function useJob(kind: JobKind): JobState {
  const [view, setView] = useState<JobView>(EMPTY);
  const [error, setError] = useState<AppError | null>(null);
  // The view as last set, read synchronously: whether to refetch is decided here rather than in a
  // setView updater, which StrictMode runs twice (and which must have no side effects).
  const shown = useRef<JobView>(EMPTY);
  const current = useRef<string | null>(null);

  const show = useCallback((next: JobView) => {
    shown.current = next;
    setView(next);
  }, []);

  const load = useCallback(
    async (id: string) => {
      current.current = id;
      try {
        const { snapshot, log } = await call('job:get', { id });
        if (current.current !== id) return;
        show({ snapshot, log });
        setError(null);
      } catch (e) {
        if (current.current === id) setError(toAppError(e));
      }
    },
    [show],
  );
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => {
    // Forget which job was shown: the list says again which is the latest.
    current.current = null;
    setGeneration((g) => g + 1);
  }, []);

  useEffect(() => {
    call('job:list', {}).then(
      (jobs) => {
        const latest = jobs.find((j) => j.kind === kind);
        if (latest && current.current === null) void load(latest.id);
        else setError(null);
      },
      (e: unknown) => setError(toAppError(e)),
    );
    // Main forgets old finished jobs (their outcome is in the history): so does the view.
    const stopRemoved = subscribe('job:removed', ({ id }) => {
      if (current.current !== id) return;
      current.current = null;
      show(EMPTY);
    });
    const stopUpdates = subscribe('job:update', (update) => {
      if (update.snapshot.kind !== kind) return;
      if (current.current !== update.snapshot.id) {
        // A job we have not seen (started elsewhere, e.g. from history): fetch it whole.
        void load(update.snapshot.id);
        return;
      }
      const v = shown.current;
      // A gap means we missed an update (e.g. during a reload): fetch it whole rather than show holes.
      if (update.logFrom !== v.log.length) {
        void load(update.snapshot.id);
        return;
      }
      show({ snapshot: update.snapshot, log: update.appendedLog.length > 0 ? [...v.log, ...update.appendedLog] : v.log });
    });
    return () => {
      stopRemoved();
      stopUpdates();
    };
  }, [kind, load, show, generation]);

  const adopt = useCallback(
    (snapshot: JobSnapshot) => {
      // The job's first update may have come before start() returned, and already fetched it.
      if (current.current !== snapshot.id) void load(snapshot.id);
    },
    [load],
  );
  return { ...view, error, adopt, reload };
}

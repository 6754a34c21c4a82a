import { act, renderHook, waitFor } from '@testing-library/react';
import { AppError, ErrorCodes } from '../../../electron/contract/errors';
import { deferred } from '../testing/fake-bridge';
import { useAction, useRequest } from './use-request';

describe('useRequest', () => {
  it('shows loading, then the answer', async () => {
    const answer = deferred<string>();
    const { result } = renderHook(() => useRequest(() => answer.promise, []));
    expect(result.current).toMatchObject({ data: null, error: null, loading: true });
    await act(async () => answer.resolve('ready'));
    expect(result.current).toMatchObject({ data: 'ready', error: null, loading: false });
  });

  it('the latest inputs win: an earlier answer that comes last is dropped, and its call cancelled', async () => {
    const answers = new Map([
      ['a', deferred<string>()],
      ['ab', deferred<string>()],
    ]);
    const signals = new Map<string, AbortSignal>();
    const { result, rerender } = renderHook(
      ({ name }) => useRequest((signal) => (signals.set(name, signal), answers.get(name)?.promise ?? Promise.reject(new Error('no answer'))), [name]),
      {
        initialProps: { name: 'a' },
      },
    );
    await waitFor(() => expect(signals.has('a')).toBe(true));
    rerender({ name: 'ab' });
    await waitFor(() => expect(signals.has('ab')).toBe(true));
    expect(signals.get('a')?.aborted).toBe(true);
    await act(async () => answers.get('ab')?.resolve('for ab'));
    await act(async () => answers.get('a')?.resolve('for a'));
    expect(result.current.data).toBe('for ab');
  });

  it('new inputs clear the old answer, unless asked to keep it', async () => {
    const { result, rerender } = renderHook(({ name, keepData }) => useRequest(async () => `versions of ${name}`, [name], { keepData }), {
      initialProps: { name: 'numpy', keepData: false },
    });
    await waitFor(() => expect(result.current.data).toBe('versions of numpy'));
    rerender({ name: 'pandas', keepData: false });
    expect(result.current.data).toBeNull();
    await waitFor(() => expect(result.current.data).toBe('versions of pandas'));
    rerender({ name: 'scipy', keepData: true });
    expect(result.current.data).toBe('versions of pandas');
    await waitFor(() => expect(result.current.data).toBe('versions of scipy'));
  });

  it('a failure is an AppError with its code; reload asks again and clears it', async () => {
    let fail = true;
    const { result } = renderHook(() =>
      useRequest(async () => {
        if (fail) throw new AppError(ErrorCodes.engineUnavailable, 'Docker is not running.');
        return 'connected';
      }, []),
    );
    await waitFor(() => expect(result.current.error?.code).toBe(ErrorCodes.engineUnavailable));
    expect(result.current.loading).toBe(false);
    fail = false;
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.data).toBe('connected'));
    expect(result.current.error).toBeNull();
  });

  it('anything else thrown becomes an internal AppError with its message', async () => {
    const { result } = renderHook(() => useRequest(() => Promise.reject(new Error('boom')), []));
    await waitFor(() => expect(result.current.error).toBeInstanceOf(AppError));
    expect(result.current.error).toMatchObject({ code: ErrorCodes.internal, message: 'boom' });
  });

  it('disabled: no call, nothing shown', async () => {
    const load = vi.fn(async () => 'x');
    const { result } = renderHook(() => useRequest(load, [], { enabled: false }));
    await new Promise((r) => setTimeout(r, 20));
    expect(load).not.toHaveBeenCalled();
    expect(result.current).toMatchObject({ data: null, error: null, loading: false });
  });

  it('waits for a pause in the inputs before calling', async () => {
    vi.useFakeTimers();
    try {
      const load = vi.fn(async (_signal: AbortSignal) => 'x');
      const { rerender } = renderHook(({ text }) => useRequest(load, [text], { delayMs: 300 }), { initialProps: { text: 'p' } });
      rerender({ text: 'pa' });
      rerender({ text: 'pan' });
      await act(async () => vi.advanceTimersByTimeAsync(299));
      expect(load).not.toHaveBeenCalled();
      await act(async () => vi.advanceTimersByTimeAsync(1));
      expect(load).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refreshes by itself at the interval the last answer asks for, and stops when unmounted', async () => {
    vi.useFakeTimers();
    try {
      let n = 0;
      const { result, unmount } = renderHook(() => useRequest(async () => (n += 1), [], { refreshMs: (last) => (last !== null && last < 3 ? 1000 : null) }));
      await act(async () => vi.advanceTimersByTimeAsync(0));
      expect(result.current.data).toBe(1);
      await act(async () => vi.advanceTimersByTimeAsync(1000));
      expect(result.current.data).toBe(2);
      await act(async () => vi.advanceTimersByTimeAsync(1000));
      expect(result.current.data).toBe(3);
      await act(async () => vi.advanceTimersByTimeAsync(5000));
      expect(n).toBe(3);
      unmount();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('useAction', () => {
  it('keeps the failure for the screen, busy while it runs', async () => {
    const answer = deferred<string>();
    const { result } = renderHook(() => useAction(() => answer.promise));
    let done: Promise<string | undefined> = Promise.resolve(undefined);
    act(() => {
      done = result.current.run();
    });
    expect(result.current.busy).toBe(true);
    await act(async () => answer.reject(new AppError(ErrorCodes.wrongCredentials, 'quay.io did not accept the password.')));
    expect(await done).toBeUndefined();
    expect(result.current).toMatchObject({ busy: false, error: { code: ErrorCodes.wrongCredentials } });
  });

  it('a second press supersedes the first: only its answer is returned', async () => {
    const first = deferred<string>();
    const second = deferred<string>();
    const queue = [first, second];
    const { result } = renderHook(() => useAction(() => queue.shift()?.promise ?? Promise.reject(new Error('no more'))));
    let a: Promise<string | undefined> = Promise.resolve(undefined);
    let b: Promise<string | undefined> = Promise.resolve(undefined);
    act(() => {
      a = result.current.run();
      b = result.current.run();
    });
    await act(async () => second.resolve('second'));
    await act(async () => first.reject(new Error('late failure')));
    expect(await b).toBe('second');
    expect(await a).toBeUndefined();
    expect(result.current.error).toBeNull();
  });
});

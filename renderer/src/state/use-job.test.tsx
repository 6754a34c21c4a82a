import { act, renderHook, waitFor } from '@testing-library/react';
import { AppError, ErrorCodes } from '../../../electron/contract/errors';
import { fakeBridge, installBridge, jobSnapshot } from '../testing/fake-bridge';
import { useJob } from './use-job';

const build = (overrides: Partial<Parameters<typeof jobSnapshot>[0]> = {}) => jobSnapshot({ id: 'b1', kind: 'build', ...overrides });

describe('useJob: the latest job of a kind, as main owns it', () => {
  it('on mount, fetches the latest job of its kind whole, log included (a reopened window)', async () => {
    const bridge = installBridge(
      fakeBridge({
        'job:list': () => [jobSnapshot({ id: 'p1', kind: 'push' }), build({ logLength: 2 })],
        'job:get': ({ id }) => ({ snapshot: build({ id, logLength: 2 }), log: ['Step 1/2 : FROM base', 'Step 2/2 : RUN pip install'] }),
      }),
    );
    const { result } = renderHook(() => useJob('build'));
    await waitFor(() => expect(result.current.log).toHaveLength(2));
    expect(result.current.snapshot?.id).toBe('b1');
    expect(bridge.callsTo('job:get')).toEqual([{ id: 'b1' }]);
  });

  it('appends streamed lines in order and ignores other kinds', async () => {
    const bridge = installBridge(fakeBridge({ 'job:list': () => [], 'job:get': ({ id }) => ({ snapshot: build({ id }), log: [] }) }));
    const { result } = renderHook(() => useJob('build'));
    act(() => result.current.adopt(build()));
    await waitFor(() => expect(result.current.snapshot?.id).toBe('b1'));
    act(() => bridge.emit('job:update', { snapshot: build({ logLength: 2 }), logFrom: 0, appendedLog: ['one', 'two'] }));
    act(() => bridge.emit('job:update', { snapshot: jobSnapshot({ id: 'p9', kind: 'push' }), logFrom: 0, appendedLog: ['push line'] }));
    act(() => bridge.emit('job:update', { snapshot: build({ logLength: 3, status: 'succeeded' }), logFrom: 2, appendedLog: ['three'] }));
    expect(result.current.log).toEqual(['one', 'two', 'three']);
    expect(result.current.snapshot?.status).toBe('succeeded');
    expect(bridge.callsTo('job:get')).toHaveLength(1);
  });

  it('a gap in the lines (an update missed during a reload) fetches the job whole instead of showing holes', async () => {
    const whole = ['1', '2', '3', '4', '5'];
    const bridge = installBridge(fakeBridge({ 'job:list': () => [], 'job:get': ({ id }) => ({ snapshot: build({ id, logLength: 5 }), log: whole }) }));
    const { result } = renderHook(() => useJob('build'));
    act(() => result.current.adopt(build()));
    await waitFor(() => expect(result.current.log).toEqual(whole));
    // Lines 5.. arrive, but 5 is where the view is: appended. Then lines from 8 while the view has 6: refetch.
    act(() => bridge.emit('job:update', { snapshot: build({ logLength: 6 }), logFrom: 5, appendedLog: ['6'] }));
    expect(result.current.log).toHaveLength(6);
    const refetched = [...whole, '6', '7', '8', '9'];
    bridge.answer('job:get', ({ id }) => ({ snapshot: build({ id, logLength: 9 }), log: refetched }));
    act(() => bridge.emit('job:update', { snapshot: build({ logLength: 9 }), logFrom: 8, appendedLog: ['9'] }));
    await waitFor(() => expect(result.current.log).toEqual(refetched));
    expect(bridge.callsTo('job:get')).toHaveLength(2);
  });

  it('a job started elsewhere (from history, the CLI) is fetched whole when its first update comes', async () => {
    const bridge = installBridge(
      fakeBridge({ 'job:list': () => [], 'job:get': ({ id }) => ({ snapshot: build({ id, logLength: 1 }), log: ['from the start'] }) }),
    );
    const { result } = renderHook(() => useJob('build'));
    await waitFor(() => expect(bridge.callsTo('job:list')).toHaveLength(1));
    act(() => bridge.emit('job:update', { snapshot: build({ id: 'b7', logLength: 3 }), logFrom: 2, appendedLog: ['late'] }));
    await waitFor(() => expect(result.current.snapshot?.id).toBe('b7'));
    expect(result.current.log).toEqual(['from the start']);
  });

  it('a job main forgot (job:removed) leaves the view; another job removed does not', async () => {
    const bridge = installBridge(
      fakeBridge({
        'job:list': () => [build({ status: 'succeeded' })],
        'job:get': ({ id }) => ({ snapshot: build({ id, status: 'succeeded' }), log: ['done'] }),
      }),
    );
    const { result } = renderHook(() => useJob('build'));
    await waitFor(() => expect(result.current.snapshot?.id).toBe('b1'));
    act(() => bridge.emit('job:removed', { id: 'other', kind: 'build' }));
    expect(result.current.snapshot?.id).toBe('b1');
    act(() => bridge.emit('job:removed', { id: 'b1', kind: 'build' }));
    expect(result.current.snapshot).toBeNull();
    expect(result.current.log).toEqual([]);
  });

  it('when main cannot say where the job is, the view says so, and reload asks again', async () => {
    let broken = true;
    const bridge = installBridge(
      fakeBridge({
        'job:list': () => {
          if (broken) throw new AppError(ErrorCodes.internal, 'The job list is not there.');
          return [build()];
        },
        'job:get': ({ id }) => ({ snapshot: build({ id }), log: [] }),
      }),
    );
    const { result } = renderHook(() => useJob('build'));
    await waitFor(() => expect(result.current.error?.message).toBe('The job list is not there.'));
    broken = false;
    act(() => result.current.reload());
    await waitFor(() => expect(result.current.snapshot?.id).toBe('b1'));
    expect(result.current.error).toBeNull();
    expect(bridge.callsTo('job:list')).toHaveLength(2);
  });
});

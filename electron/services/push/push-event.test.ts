import { describePushEvent, parsePushEvent } from './push-event';

const DIGEST = `sha256:${'7'.repeat(64)}`;

describe('parsePushEvent', () => {
  it('reads the engine events, as they come or as raw lines', () => {
    const pushing = { status: 'Pushing', progressDetail: { current: 10, total: 20 }, progress: '[=>  ]', id: 'abc' };
    expect(parsePushEvent(pushing)).toEqual({ type: 'progress', layerId: 'abc', current: 10, total: 20 });
    expect(parsePushEvent(JSON.stringify(pushing))).toEqual({ type: 'progress', layerId: 'abc', current: 10, total: 20 });
    expect(parsePushEvent({ status: 'Pushed', progressDetail: {}, id: 'abc' })).toMatchObject({ type: 'layer-status', done: true, outcome: 'pushed' });
    expect(parsePushEvent({ status: 'Layer already exists', progressDetail: {}, id: 'abc' })).toMatchObject({ done: true, outcome: 'exists' });
    expect(parsePushEvent({ status: 'Mounted from rib/python', progressDetail: {}, id: 'abc' })).toMatchObject({ done: true, outcome: 'mounted' });
    expect(parsePushEvent({ status: 'Preparing', progressDetail: {}, id: 'abc' })).toMatchObject({ type: 'layer-status', done: false });
    expect(parsePushEvent({ status: 'Waiting', progressDetail: {}, id: 'abc' })).toMatchObject({ type: 'layer-status', done: false });
    expect(parsePushEvent({ status: 'Retrying in 5 seconds', progressDetail: {}, id: 'abc' })).toEqual({
      type: 'retrying',
      layerId: 'abc',
      status: 'Retrying in 5 seconds',
      inSeconds: 5,
    });
    expect(parsePushEvent({ status: 'Retrying in 1 second', id: 'abc' })).toMatchObject({ type: 'retrying', inSeconds: 1 });
    expect(parsePushEvent({ progressDetail: {}, aux: { Tag: '1', Digest: DIGEST, Size: 529 } })).toEqual({
      type: 'done',
      tag: '1',
      digest: DIGEST,
      size: 529,
    });
  });

  it('treats a missing or zero total as unknown', () => {
    expect(parsePushEvent({ status: 'Pushing', progressDetail: { current: 5 }, id: 'a' })).toMatchObject({ current: 5, total: null });
    expect(parsePushEvent({ status: 'Pushing', progressDetail: { current: 5, total: 0 }, id: 'a' })).toMatchObject({ total: null });
    expect(parsePushEvent({ status: 'Pushing', id: 'a' })).toMatchObject({ current: null, total: null });
  });

  it('reads error events before anything else', () => {
    expect(parsePushEvent({ errorDetail: { message: 'unauthorized: authentication required' }, error: 'unauthorized: authentication required' })).toEqual({
      type: 'error',
      message: 'unauthorized: authentication required',
    });
    expect(parsePushEvent({ error: 'boom', status: 'Pushing', id: 'x' })).toEqual({ type: 'error', message: 'boom' });
    expect(parsePushEvent({ errorDetail: {} })).toMatchObject({ type: 'error', message: expect.stringMatching(/without a message/) });
  });

  it('ignores what is not progress, keeping the digest line as a fallback', () => {
    expect(parsePushEvent({ status: 'The push refers to repository [127.0.0.1:5000/rib/python]' })).toEqual({ type: 'ignored', reason: 'info' });
    expect(parsePushEvent({ status: `1: digest: ${DIGEST} size: 529` })).toEqual({
      type: 'ignored',
      reason: 'digest-line',
      digestLine: { tag: '1', digest: DIGEST, size: 529 },
    });
    for (const junk of ['', '   ', 'not json', '[1,2]', 'null', '42', '"text"', '{}', '{"progressDetail":{}}']) {
      expect(parsePushEvent(junk).type).toBe('ignored');
    }
    expect(parsePushEvent({ aux: { ID: 'sha256:x' } }).type).toBe('ignored');
  });
});

describe('describePushEvent', () => {
  it('makes log lines of layer changes and the outcome, not of byte progress', () => {
    expect(describePushEvent(parsePushEvent({ status: 'Pushed', id: 'abc' }))).toBe('abc: Pushed');
    expect(describePushEvent(parsePushEvent({ status: 'Pushing', progressDetail: { current: 1 }, id: 'abc' }))).toBeNull();
    expect(describePushEvent(parsePushEvent({ aux: { Tag: '1', Digest: DIGEST, Size: 529 } }))).toBe(`Pushed 1: ${DIGEST} (manifest 529 bytes)`);
    expect(describePushEvent(parsePushEvent({ error: 'denied' }))).toBe('Error: denied');
  });
});

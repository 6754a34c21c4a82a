import { createDispatcher } from './dispatcher';
import { invokeChannelNames, type Handlers } from '../contract/ipc';
import { AppError } from '../contract/errors';

const appInfo = { name: 'n', version: '1', platform: 'linux', arch: 'x64' };

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = async () => {
    throw new Error('not used');
  };
  const all = Object.fromEntries(invokeChannelNames.map((channel) => [channel, unused])) as unknown as Handlers;
  return { ...all, 'app:info': async () => appInfo, 'job:list': async () => [], ...overrides };
}

describe('the dispatcher', () => {
  it('answers a valid call in an ok envelope', async () => {
    const dispatch = createDispatcher(handlers());
    expect(await dispatch('app:info', {})).toEqual({ ok: true, value: appInfo });
  });

  it('refuses an unknown channel', async () => {
    const result = await createDispatcher(handlers())('fs:read', { path: '/etc/passwd' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it.each([
    ['job:cancel', { id: 'not-a-uuid' }],
    ['job:cancel', {}],
    ['job:cancel', null],
    ['app:info', { extra: true }],
    ['app:open-link', { link: 'https://evil.example' }],
    ['engine:select', { id: '' }],
    ['job:get', { id: '00000000-0000-4000-8000-000000000000', fromLine: -1 }],
  ])('rejects malformed input to %s (%j) before any handler runs', async (channel, input) => {
    let called = false;
    const all = handlers();
    const spy = Object.fromEntries(
      Object.entries(all).map(([name, fn]) => [
        name,
        async (i: unknown) => {
          called = true;
          return (fn as (i: unknown) => Promise<unknown>)(i);
        },
      ]),
    ) as unknown as Handlers;
    const result = await createDispatcher(spy)(channel, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(called).toBe(false);
  });

  it('carries an AppError across with its code and message', async () => {
    const dispatch = createDispatcher(
      handlers({
        'job:list': async () => {
          throw new AppError('engine-unavailable', "Docker isn't running.");
        },
      }),
    );
    expect(await dispatch('job:list', {})).toEqual({ ok: false, error: { code: 'engine-unavailable', message: "Docker isn't running." } });
  });
});

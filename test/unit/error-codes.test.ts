import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_ADVICE, ErrorAction, describeError } from '../../electron/contract/error-advice';
import { AppError, ErrorCode, ErrorCodes, ErrorPayload, hasErrorCode, toErrorPayload } from '../../electron/contract/errors';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the one list of error codes', () => {
  it('gives every code a title and a next step for the user', () => {
    const missing = ErrorCode.options.filter((code) => {
      const advice = (ERROR_ADVICE as Partial<Record<string, { title: string; next: string; action: string }>>)[code];
      return advice === undefined || advice.title.trim() === '' || advice.next.trim() === '' || !ErrorAction.safeParse(advice.action).success;
    });
    expect(missing, 'codes without a user message in contract/error-advice.ts').toEqual([]);
  });

  it('has no advice for a code that is not in the list', () => {
    expect(Object.keys(ERROR_ADVICE).filter((code) => !ErrorCode.safeParse(code).success)).toEqual([]);
  });

  it('has a typed constant for every code, and no other', () => {
    expect(Object.values(ErrorCodes).sort()).toEqual([...ErrorCode.options].sort());
    expect(ErrorCodes.loginRequired).toBe('login-required');
    expect(ErrorCodes.buildPackageNotFound).toBe('build-package-not-found');
  });

  it('sends only listed codes across IPC; anything else thrown is internal', () => {
    expect(ErrorPayload.safeParse({ code: 'no-such-code', message: 'x' }).success).toBe(false);
    expect(toErrorPayload(new Error('boom'))).toEqual({ code: ErrorCodes.internal, message: 'boom' });
    expect(toErrorPayload(new AppError(ErrorCodes.pushDenied, 'no', 'denied'))).toEqual({ code: 'push-denied', message: 'no', detail: 'denied' });
  });

  it('matches codes by type', () => {
    const error = new AppError(ErrorCodes.wrongCredentials, 'quay.io did not accept the password for alice');
    expect(hasErrorCode(error, ErrorCodes.wrongCredentials)).toBe(true);
    expect(hasErrorCode(error, ErrorCodes.loginRequired, ErrorCodes.keychainUnavailable)).toBe(false);
    expect(hasErrorCode(new Error('wrong-credentials'), ErrorCodes.wrongCredentials)).toBe(false);
  });

  it('keeps the specific message and adds the title and the way forward', () => {
    expect(describeError({ code: ErrorCodes.loginRequired, message: 'Log in to quay.io first.' })).toEqual({
      title: 'Log in first',
      action: 'log-in',
      next: 'Log in to the registry on the Registry step, then push again.',
      message: 'Log in to quay.io first.',
    });
  });
});

/** Every .ts/.tsx file under a folder, tests left out (they may assert a code as text). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('matching error codes', () => {
  it('never compares a code with a string: the constants are checked by the compiler', () => {
    const listed = new Set<string>(ErrorCode.options);
    const compare = /\bcode\)?\s*[!=]==?\s*'([a-z0-9-]+)'|'([a-z0-9-]+)'\s*[!=]==?\s*[\w.?]*\bcode\b/g;
    const found = [join(root, 'electron'), join(root, 'renderer')].flatMap(sources).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          [...line.matchAll(compare)].filter((m) => listed.has(m[1] ?? m[2] ?? '')).map(() => `${relative(root, file)}:${i + 1}: ${line.trim()}`),
        ),
    );
    expect(found).toEqual([]);
  });
});

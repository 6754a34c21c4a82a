// The real parts that test/infra/up.sh brings up answer as the other service tests expect.
// Reads only the environment (source $RIB_TEST_DIR/env.sh first, as test/run-all.sh does).
// Under CI=true a missing engine fails; elsewhere the suite is skipped with the reason printed.
import Docker from 'dockerode';

const env = process.env;
const isCI = env.CI === 'true' || env.CI === '1';

function socketPathFromDockerHost(host: string | undefined): string | undefined {
  if (!host) return '/var/run/docker.sock';
  if (host.startsWith('unix://')) return host.slice('unix://'.length);
  return undefined; // tcp:// or ssh:// engines are not what this suite checks
}

let docker: Docker | undefined;
let unavailable: string | undefined;

beforeAll(async () => {
  const socketPath = socketPathFromDockerHost(env.DOCKER_HOST);
  if (!socketPath) {
    unavailable = `DOCKER_HOST=${env.DOCKER_HOST} is not a unix socket`;
  } else {
    const candidate = new Docker({ socketPath });
    try {
      await candidate.ping();
      docker = candidate;
    } catch (err) {
      unavailable = `no Docker engine answers on ${socketPath}: ${(err as Error).message}`;
    }
  }
  if (unavailable) {
    if (isCI) throw new Error(`CI=true but the test engine is missing: ${unavailable} (did test/infra/up.sh run?)`);
    console.warn(`[infra.test] skipping: ${unavailable}. Run test/infra/up.sh and source .test-env/env.sh.`);
  }
});

/** Skips the test (outside CI) when a part is not configured; fails under CI. */
function need(ctx: { skip: (note?: string) => void }, what: string, value: string | undefined): string {
  if (unavailable || !docker) {
    ctx.skip(unavailable);
    throw new Error('unreachable');
  }
  if (!value) {
    if (isCI) throw new Error(`CI=true but ${what} is not set (source $RIB_TEST_DIR/env.sh)`);
    console.warn(`[infra.test] skipping: ${what} is not set`);
    ctx.skip(`${what} is not set`);
  }
  return value as string;
}

describe('test infrastructure (test/infra/up.sh)', () => {
  test('the engine answers and reports its API version', async (ctx) => {
    need(ctx, 'DOCKER_HOST', env.DOCKER_HOST ?? 'default socket');
    const version = await docker!.version();
    expect(version.ApiVersion).toMatch(/^1\.\d+$/);
    expect(Number(version.ApiVersion.split('.')[1])).toBeGreaterThanOrEqual(41);
  });

  test('the Python base images exist', async (ctx) => {
    const base = need(ctx, 'RIB_BASE_IMAGE', env.RIB_BASE_IMAGE);
    const wanted = [
      base,
      'python:3.11',
      'local/python:3',
      'local/python-managed:3.11',
      'local/nocurl:3.11',
      env.RIB_BASE_IMAGE_PAPERMILL ?? 'local/python-papermill:trixie',
    ];
    for (const ref of env.RIB_INFRA === 'managed' ? wanted : [base]) {
      const info = await docker!.getImage(ref).inspect();
      expect(info.Config.Cmd, ref).toEqual(['python3']);
    }
  });

  test('the base stands in for the official image: no PEP 668 marker; the managed one has it', async (ctx) => {
    need(ctx, 'RIB_BASE_IMAGE', env.RIB_BASE_IMAGE);
    if (env.RIB_INFRA !== 'managed') ctx.skip('only for the engine that up.sh manages');
    const probe =
      'ls /usr/lib/python3*/EXTERNALLY-MANAGED >/dev/null 2>&1 && echo managed || echo free; command -v curl || echo no-curl; python3 -c "import sys; print(sys.version_info[:2])"';
    const run = async (image: string): Promise<string> => {
      const container = await docker!.createContainer({
        Image: image,
        Cmd: ['sh', '-c', probe],
        HostConfig: { NetworkMode: 'none', AutoRemove: false },
      });
      try {
        await container.start();
        await container.wait();
        const logs = await container.logs({ stdout: true, stderr: true, follow: false });
        // Demultiplex: strip the 8-byte frame headers.
        const buf = Buffer.isBuffer(logs) ? logs : Buffer.from(logs as unknown as string);
        let out = '';
        for (let i = 0; i + 8 <= buf.length;) {
          const len = buf.readUInt32BE(i + 4);
          out += buf.subarray(i + 8, i + 8 + len).toString('utf8');
          i += 8 + len;
        }
        return out;
      } finally {
        await container.remove({ force: true });
      }
    };
    expect(await run(env.RIB_BASE_IMAGE!)).toMatch(/^free\n\/usr\/bin\/curl\n\(3, 11\)/);
    expect(await run(env.RIB_BASE_IMAGE_MANAGED ?? 'local/python-managed:3.11')).toMatch(/^managed\n/);
    expect(await run(env.RIB_BASE_IMAGE_NOCURL ?? 'local/nocurl:3.11')).toMatch(/^free\nno-curl\n/);
  });

  test('the registry asks for credentials and accepts testuser', async (ctx) => {
    const registry = need(ctx, 'RIB_REGISTRY', env.RIB_REGISTRY);
    const url = `http://${registry}/v2/`;
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic /);
    const user = env.RIB_REGISTRY_USER ?? 'testuser';
    const password = env.RIB_REGISTRY_PASSWORD ?? 'testpass';
    const authed = await fetch(url, {
      headers: { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
    });
    expect(authed.status).toBe(200);
    const wrong = await fetch(url, {
      headers: { Authorization: `Basic ${Buffer.from(`${user}:wrong`).toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
  });

  test('the package index lists ribdemo-alpha in three versions', async (ctx) => {
    const index = need(ctx, 'RIB_INDEX_URL', env.RIB_INDEX_URL);
    const root = await fetch(`${index}/`);
    expect(root.status).toBe(200);
    const projects = await root.text();
    for (const name of ['ribdemo-alpha', 'ribdemo-big', 'ipykernel', 'markupsafe', 'packaging']) {
      expect(projects).toContain(`href="${name}/"`);
    }
    const page = await fetch(`${index}/ribdemo-alpha/`);
    expect(page.status).toBe(200);
    const files = [...(await page.text()).matchAll(/href="([^"]+\.whl)#sha256=[0-9a-f]{64}"/g)].map((m) => m[1]);
    expect(files.map((f) => f!.replace(/^.*\//, ''))).toEqual([
      'ribdemo_alpha-1.0.0-py3-none-any.whl',
      'ribdemo_alpha-1.1.0-py3-none-any.whl',
      'ribdemo_alpha-2.0.0-py3-none-any.whl',
    ]);
    const wheel = await fetch(new URL(files[0]!, `${index}/ribdemo-alpha/`));
    expect(wheel.status).toBe(200);
    expect(
      Buffer.from(await wheel.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });
});

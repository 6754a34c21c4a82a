// Child process of the memory benchmark (push-memory.ts): only the services a push uses, doing one
// push (or, in 'idle' mode, loading the same modules and asking the engine once, for the baseline),
// so its peak RSS is what the services cost. Input in RIB_BENCH_PUSH (JSON, not argv: it holds a
// password); the outcome is printed as one JSON line.
import { appPush } from './app-push';
import { benchEngine } from './engine';

interface ChildInput {
  mode: 'push' | 'idle';
  image: string;
  reference: string;
  username: string;
  password: string;
}

const input = JSON.parse(process.env['RIB_BENCH_PUSH'] ?? '{}') as ChildInput;
const { docker } = benchEngine();
if (input.mode === 'idle') {
  await docker.ping();
  console.log(JSON.stringify({ mode: 'idle' }));
} else {
  const run = await appPush({
    docker,
    image: input.image,
    reference: input.reference,
    auth: { username: input.username, secret: input.password, kind: 'password' },
  });
  console.log(
    JSON.stringify({
      mode: 'push',
      ms: run.ms,
      bytesSent: run.finalProgress?.bytesSent ?? 0,
      bytesTotal: run.finalProgress?.bytesTotal ?? 0,
      layersPushed: run.result.layersPushed,
      layersReused: run.result.layersReused,
      updates: run.updates,
    }),
  );
}

import type { BuildFailure } from '../../contract/domain/build';
import type { BuildEvent } from './build-events';
import { parseBuildMessage, settleCarriageReturns, stripAnsi } from './build-events';
import { classifyBuildFailure } from './build-failure';
import type { BuildStreamReader, CurrentStep } from './build-stream-reader';
import { planSteps } from './buildkit-steps';
import { decodeBuildKitTrace, parseVertexStep, type TraceUpdate, type TraceVertex } from './buildkit-trace';

/** Lines of the failing step kept for the classifier; pip's explanation is at the end. */
const STEP_LOG_LIMIT = 400;

// The engine's events besides the classic ones (moby daemon/internal/builder-next/builder.go).
const TRACE_ID = 'moby.buildkit.trace';

// Resolving the base image happens in a vertex of its own, before the FROM step starts.
const LOAD_METADATA = /^\[internal\] load metadata for /;

// BuildKit gives a RUN the engine's default bridge network; an engine without one (dockerd
// --bridge=none, seen on Docker 28.5) fails every RUN with this, before the command starts.
const NO_BRIDGE = /network bridge not found/;

function noBridgeFailure(engineMessage: string, step: CurrentStep | null): BuildFailure | null {
  if (!NO_BRIDGE.test(engineMessage)) return null;
  return {
    kind: 'network',
    message: `The engine has no default network to give the build's commands${step ? ` (step ${step.n} of ${step.total})` : ''}.`,
    hint: 'Choose the "host" build network in Settings (on the command line: --network host), then build again.',
    packages: [],
    toolOutput: [engineMessage],
    engineMessage,
    step: step?.n ?? null,
  };
}

interface VertexState {
  vertex: TraceVertex;
  /** The plan's step, for a Dockerfile step's vertex. */
  step: CurrentStep | null;
  announced: boolean;
  carry: string;
  lines: string[];
  doneStatuses: Set<string>;
}

/**
 * Reads one BuildKit build's events (`POST /build?version=2`, seen from Docker 28.5 on overlay2 and
 * the containerd image store) into the same BuildEvents as the classic builder's: "Step N/M : …"
 * lines and step events numbered as the plan numbers its steps, cache hits, the steps' output as
 * log lines, the image id and the failure with its step. Not pure (it carries vertex states and
 * partial lines); one per build.
 *
 * Steps BuildKit does not report (ENV, ARG, LABEL) are reported just before the next step that it
 * does, from the cache exactly when that one is: a changed ENV or ARG would have made the next
 * operation run again. The trailing LABEL follows the last operation's cache state.
 */
export class BuildKitEventReader implements BuildStreamReader {
  private readonly instructions: string[];
  private readonly operationSteps: number[];
  private readonly vertexes = new Map<string, VertexState>();
  private readonly cachedSteps = new Set<number>();
  /** The last plan step reported; steps after it have not started. */
  private reported = 0;
  private lastOperationCached = false;
  private step: CurrentStep | null = null;
  private stepVertex: VertexState | null = null;
  private failed: VertexState | null = null;

  /** `dockerfile`: the plan's, as sent; its instructions give the step numbers and words. */
  constructor(dockerfile: string) {
    const steps = planSteps(dockerfile);
    this.instructions = steps.instructions;
    this.operationSteps = steps.operationSteps;
  }

  push(raw: unknown): BuildEvent[] {
    if (isTrace(raw)) {
      let update: TraceUpdate;
      try {
        update = decodeBuildKitTrace(raw.aux);
      } catch {
        return [{ type: 'other', raw }];
      }
      return this.trace(update);
    }
    const message = parseBuildMessage(raw);
    switch (message.type) {
      case 'aux':
        return [...this.trailingSteps(), { type: 'image-id', imageId: message.imageId }];
      case 'error':
        return this.error(message.message);
      case 'stream':
        return message.text
          .split('\n')
          .map((line) => settleCarriageReturns(stripAnsi(line)))
          .filter((line) => line.trim() !== '')
          .map((line) => ({ type: 'log', line }));
      case 'other':
        return [{ type: 'other', raw: message.raw }];
    }
  }

  end(): BuildEvent[] {
    return [...this.vertexes.values()].flatMap((state) => this.flushCarry(state));
  }

  current(): { step: CurrentStep | null; stepLog: readonly string[] } {
    return { step: this.step, stepLog: this.stepVertex?.lines ?? [] };
  }

  private get total(): number {
    return this.instructions.length;
  }

  private trace(update: TraceUpdate): BuildEvent[] {
    const events: BuildEvent[] = [];
    for (const vertex of update.vertexes) events.push(...this.vertex(vertex));
    for (const log of update.logs) {
      const state = this.vertexes.get(log.vertex);
      if (state) events.push(...this.output(state, log.text));
    }
    for (const status of update.statuses) {
      const state = this.vertexes.get(status.vertex);
      if (!state?.announced || !status.completed || state.doneStatuses.has(status.id)) continue;
      if (state.step === null && this.reported === 0) continue;
      state.doneStatuses.add(status.id);
      events.push({ type: 'log', line: ` ---> ${status.id} done` });
    }
    return events;
  }

  private vertex(update: TraceVertex): BuildEvent[] {
    let state = this.vertexes.get(update.digest);
    if (!state) {
      state = { vertex: { ...update }, step: null, announced: false, carry: '', lines: [], doneStatuses: new Set() };
      state.step = this.planStep(update.name);
      this.vertexes.set(update.digest, state);
    }
    const v = state.vertex;
    v.cached ||= update.cached;
    v.started ||= update.started;
    v.completed ||= update.completed;
    v.error ??= update.error;
    if (v.error !== null) this.failed = state;

    const events: BuildEvent[] = [];
    if (!state.announced && (v.started || v.cached || v.completed || v.error !== null)) {
      state.announced = true;
      if (state.step !== null) events.push(...this.enter(state));
      // Before the first step: loading the context and the base's metadata, nothing the user did.
      else if (this.reported > 0) events.push(...this.trailingSteps(), { type: 'log', line: v.name });
    }
    if (state.step !== null && v.cached && state.announced) events.push(...this.cacheHit(state.step));
    return events;
  }

  /** The plan's step for a vertex named "[k/M] …"; BuildKit's own numbers if the plan's do not fit. */
  private planStep(name: string): CurrentStep | null {
    const step = parseVertexStep(name);
    if (step === null) return null;
    const planned = step.total === this.operationSteps.length ? this.operationSteps[step.n - 1] : undefined;
    if (planned === undefined) return { n: step.n, total: step.total, instruction: step.instruction };
    return { n: planned, total: this.total, instruction: this.instructions[planned - 1] ?? step.instruction };
  }

  private enter(state: VertexState): BuildEvent[] {
    const step = state.step;
    if (step === null) return [];
    const events: BuildEvent[] = [];
    const planned = step.total === this.total;
    // The steps BuildKit skipped over, cached when this one is.
    if (planned)
      for (let n = this.reported + 1; n < step.n; n++)
        events.push(...this.report({ n, total: this.total, instruction: this.instructions[n - 1] ?? '' }, state.vertex.cached));
    events.push(...this.report(step, state.vertex.cached));
    this.stepVertex = state;
    this.lastOperationCached = state.vertex.cached;
    return events;
  }

  private report(step: CurrentStep, cached: boolean): BuildEvent[] {
    this.step = step;
    this.stepVertex = null;
    this.reported = Math.max(this.reported, step.n);
    const events: BuildEvent[] = [
      { type: 'log', line: `Step ${step.n}/${step.total} : ${step.instruction}` },
      { type: 'step', n: step.n, total: step.total, instruction: step.instruction },
    ];
    if (cached) events.push(...this.cacheHit(step));
    return events;
  }

  private cacheHit(step: CurrentStep): BuildEvent[] {
    // FROM is not a step the cache saves: the classic builder never says so; BuildKit marks it on
    // the containerd store, even in a build without the cache.
    if (this.cachedSteps.has(step.n) || /^FROM\s/i.test(step.instruction)) return [];
    this.cachedSteps.add(step.n);
    return [
      { type: 'log', line: ' ---> Using cache' },
      { type: 'cache-hit', step: step.n },
    ];
  }

  /** The plan's last steps (the LABEL) once every operation is done: reported as the last operation was. */
  private trailingSteps(): BuildEvent[] {
    const lastOperation = this.operationSteps[this.operationSteps.length - 1] ?? 0;
    if (this.reported < lastOperation || this.reported >= this.total || this.failed !== null) return [];
    const events: BuildEvent[] = [];
    for (let n = this.reported + 1; n <= this.total; n++)
      events.push(...this.report({ n, total: this.total, instruction: this.instructions[n - 1] ?? '' }, this.lastOperationCached));
    return events;
  }

  private output(state: VertexState, text: string): BuildEvent[] {
    const parts = (state.carry + stripAnsi(text)).split('\n');
    state.carry = parts.pop() ?? '';
    return parts.flatMap((line) => this.line(state, line));
  }

  private flushCarry(state: VertexState): BuildEvent[] {
    if (state.carry === '') return [];
    const line = state.carry;
    state.carry = '';
    return this.line(state, line);
  }

  private line(state: VertexState, rawLine: string): BuildEvent[] {
    const line = settleCarriageReturns(rawLine);
    if (line.trim() !== '') {
      state.lines.push(line);
      if (state.lines.length > STEP_LOG_LIMIT) state.lines.splice(0, state.lines.length - STEP_LOG_LIMIT);
    }
    return [{ type: 'log', line }];
  }

  private error(message: string): BuildEvent[] {
    const events = [...this.vertexes.values()].flatMap((state) => this.flushCarry(state));
    const failed = this.failed;
    let step: CurrentStep | null = this.step;
    let stepLog: readonly string[] = this.stepVertex?.lines ?? [];
    if (failed?.step) {
      step = failed.step;
      stepLog = failed.lines;
    } else if (failed && LOAD_METADATA.test(failed.vertex.name)) {
      // The base could not be resolved: that is the FROM step failing, as the classic builder reports it.
      const from = this.operationSteps[0];
      step = from === undefined ? null : { n: from, total: this.total, instruction: this.instructions[from - 1] ?? '' };
      stepLog = [];
    }
    this.step = step;
    const failure = noBridgeFailure(message, step) ?? classifyBuildFailure({ engineMessage: message, stepLog, step });
    return [...events, { type: 'log', line: stripAnsi(message) }, { type: 'error', failure }];
  }
}

function isTrace(raw: unknown): raw is { id: string; aux: string } {
  return typeof raw === 'object' && raw !== null && (raw as { id?: unknown }).id === TRACE_ID && typeof (raw as { aux?: unknown }).aux === 'string';
}

import type { BuildFailure } from '../../contract/domain/build';
import { isPlainObject } from '../shared/plain-object';
import { classifyBuildFailure } from './build-failure';

/**
 * The classic builder's JSON events (`/build`, API version 1) as a tagged union. The engine reports a
 * failure as an event in the stream, never as an HTTP error, so every event goes through here.
 * Two dialects come through the same API:
 *  - Docker's classic builder (seen from engines 20.10 and 28): "Step 3/8 : RUN …",
 *    " ---> Using cache", " ---> Running in <container>", " ---> <image>";
 *  - Podman's builder (buildah, seen from Podman 5.8's compat API): "STEP 3/8: RUN …",
 *    "--> Using cache <full image id>", "--> <image>", "COMMIT <name>"; no line names a container
 *    (its working containers are found by build-leftovers), and step 1 prints no image id.
 *
 * Two layers: pure functions over one event or one line, and a small per-build reader that joins
 * `stream` text into lines (Docker sends "Step 3/8 : RUN …" and its newline as two events) and
 * keeps the failing step's output so an error can name the package pip complained about.
 */
export type BuildEvent =
  | { type: 'log'; line: string }
  | { type: 'step'; n: number; total: number; instruction: string }
  /** " ---> Using cache" (Podman: "--> Using cache <id>"): the current step came from the cache. */
  | { type: 'cache-hit'; step: number | null }
  /** " ---> Running in <id>": the engine made a container for the current step. */
  | { type: 'container'; id: string }
  /** " ---> <id>": the image a step ended with (step 1: the base image; Podman prints none for step 1). */
  | { type: 'layer'; id: string }
  | { type: 'image-id'; imageId: string }
  | { type: 'error'; failure: BuildFailure }
  | { type: 'other'; raw: unknown };

/** One engine event, before its text is split into lines. */
export type RawBuildMessage =
  { type: 'stream'; text: string } | { type: 'aux'; imageId: string } | { type: 'error'; message: string } | { type: 'other'; raw: unknown };

/** What one complete line of `stream` text means. */
export type BuildLine =
  | { type: 'step'; n: number; total: number; instruction: string }
  | { type: 'cache-hit' }
  | { type: 'container'; id: string }
  | { type: 'layer'; id: string }
  | { type: 'log' };

export function parseBuildMessage(raw: unknown): RawBuildMessage {
  if (!isPlainObject(raw)) return { type: 'other', raw };
  const detail = isPlainObject(raw['errorDetail']) ? raw['errorDetail'] : null;
  if (typeof raw['error'] === 'string' || (detail !== null && typeof detail['message'] === 'string')) {
    const message = typeof raw['error'] === 'string' ? raw['error'] : String(detail?.['message']);
    return { type: 'error', message };
  }
  if (typeof raw['stream'] === 'string') return { type: 'stream', text: raw['stream'] };
  const aux = isPlainObject(raw['aux']) ? raw['aux'] : null;
  if (aux !== null && typeof aux['ID'] === 'string') return { type: 'aux', imageId: aux['ID'] };
  return { type: 'other', raw };
}

// CSI sequences (pip's red stderr: ESC[91m … ESC[0m) and the odd OSC title sequence.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** A line as a terminal would show it: a trailing \r dropped, \r-redrawn progress reduced to its last state. */
export function settleCarriageReturns(line: string): string {
  const segments = line.split('\r').filter((segment) => segment !== '');
  return segments.length === 0 ? '' : (segments[segments.length - 1] ?? '');
}

// Docker's "Step 3/8 : RUN …" and Podman's "STEP 3/8: RUN …".
const STEP = /^(?:Step (\d+)\/(\d+) :|STEP (\d+)\/(\d+):) ([\s\S]*)$/;
const RUNNING_IN = /^ ---> Running in ([0-9a-f]{12,64})\s*$/;
// Docker's " ---> <id>" and Podman's "--> <id>".
const LAYER = /^(?: ---|--)> ([0-9a-f]{12,64})\s*$/;
// Docker's " ---> Using cache" and Podman's "--> Using cache <the full id of the cached image>".
const USING_CACHE = /^(?: ---> Using cache|--> Using cache [0-9a-f]{64})\s*$/;

export function parseBuildLine(line: string): BuildLine {
  const step = STEP.exec(line);
  if (step) return { type: 'step', n: Number(step[1] ?? step[3]), total: Number(step[2] ?? step[4]), instruction: (step[5] ?? '').trim() };
  if (USING_CACHE.test(line)) return { type: 'cache-hit' };
  const running = RUNNING_IN.exec(line);
  if (running) return { type: 'container', id: running[1] ?? '' };
  const layer = LAYER.exec(line);
  if (layer) return { type: 'layer', id: layer[1] ?? '' };
  return { type: 'log' };
}

/** Lines of the failing step kept for the classifier; pip's explanation is at the end. */
const STEP_LOG_LIMIT = 400;

/** Reads one build's events in order. Not pure (it carries partial lines); one per build. */
export class BuildEventReader {
  private carry = '';
  private step: { n: number; total: number; instruction: string } | null = null;
  private stepLog: string[] = [];

  /** Events for one raw engine event, in order. */
  push(raw: unknown): BuildEvent[] {
    const message = parseBuildMessage(raw);
    switch (message.type) {
      case 'stream':
        return this.text(message.text);
      case 'aux':
        return [...this.flush(), { type: 'image-id', imageId: message.imageId }];
      case 'error': {
        const events = this.flush();
        const failure = classifyBuildFailure({ engineMessage: message.message, stepLog: this.stepLog, step: this.step });
        return [...events, { type: 'log', line: stripAnsi(message.message) }, { type: 'error', failure }];
      }
      case 'other':
        return [{ type: 'other', raw: message.raw }];
    }
  }

  /** The stream ended: whatever partial line is left. */
  end(): BuildEvent[] {
    return this.flush();
  }

  /** The step being run, and the lines it printed so far (for a failure found outside the stream). */
  current(): { step: { n: number; total: number; instruction: string } | null; stepLog: readonly string[] } {
    return { step: this.step, stepLog: this.stepLog };
  }

  private text(chunk: string): BuildEvent[] {
    const text = this.carry + stripAnsi(chunk);
    const parts = text.split('\n');
    this.carry = parts.pop() ?? '';
    return parts.flatMap((line) => this.line(line));
  }

  private flush(): BuildEvent[] {
    if (this.carry === '') return [];
    const line = this.carry;
    this.carry = '';
    return this.line(line);
  }

  private line(rawLine: string): BuildEvent[] {
    const line = settleCarriageReturns(rawLine);
    const meaning = parseBuildLine(line);
    const log: BuildEvent = { type: 'log', line };
    switch (meaning.type) {
      case 'step':
        this.step = { n: meaning.n, total: meaning.total, instruction: meaning.instruction };
        this.stepLog = [];
        return [log, { type: 'step', n: meaning.n, total: meaning.total, instruction: meaning.instruction }];
      case 'cache-hit':
        return [log, { type: 'cache-hit', step: this.step?.n ?? null }];
      case 'container':
        return [log, { type: 'container', id: meaning.id }];
      case 'layer':
        return [log, { type: 'layer', id: meaning.id }];
      case 'log':
        if (line.trim() !== '') {
          this.stepLog.push(line);
          if (this.stepLog.length > STEP_LOG_LIMIT) this.stepLog.splice(0, this.stepLog.length - STEP_LOG_LIMIT);
        }
        return [log];
    }
  }
}

import { StatusResponseType } from './buildkit-status-schema';

/** One BuildKit operation ("vertex"): a Dockerfile step, loading the context, exporting the image. */
export interface TraceVertex {
  digest: string;
  name: string;
  cached: boolean;
  started: boolean;
  completed: boolean;
  /** Set when the operation failed, e.g. `process "/bin/sh -c …" did not complete successfully: exit code: 1`. */
  error: string | null;
}

/** Progress inside a vertex: a layer pulled, "writing image sha256:…", "naming to …". */
export interface TraceStatus {
  vertex: string;
  id: string;
  current: number;
  total: number;
  completed: boolean;
}

/** Output of a RUN: bytes as the process wrote them, not split into lines. */
export interface TraceLog {
  vertex: string;
  /** 1 stdout, 2 stderr. */
  stream: number;
  text: string;
}

/** One `moby.buildkit.trace` event: what changed since the last one. A vertex is sent again on every change. */
export interface TraceUpdate {
  vertexes: TraceVertex[];
  statuses: TraceStatus[];
  logs: TraceLog[];
}

interface DecodedTimestamp {
  seconds?: number;
  nanos?: number;
}

interface DecodedStatusResponse {
  vertexes?: { digest?: string; name?: string; cached?: boolean; started?: DecodedTimestamp; completed?: DecodedTimestamp; error?: string }[];
  statuses?: { ID?: string; vertex?: string; name?: string; current?: number; total?: number; completed?: DecodedTimestamp }[];
  logs?: { vertex?: string; stream?: number; msg?: Uint8Array }[];
}

/**
 * Decodes the base64 `aux` of a `moby.buildkit.trace` event (a marshalled
 * moby.buildkit.v1.StatusResponse). Throws on bytes that are not one.
 */
export function decodeBuildKitTrace(aux: string): TraceUpdate {
  const message = StatusResponseType.decode(Buffer.from(aux, 'base64'));
  // Presence is what tells "started" from "not yet": absent messages stay absent with defaults: false.
  const decoded = StatusResponseType.toObject(message, { longs: Number, defaults: false }) as DecodedStatusResponse;
  return {
    vertexes: (decoded.vertexes ?? []).map((v) => ({
      digest: v.digest ?? '',
      name: v.name ?? '',
      cached: v.cached === true,
      started: v.started !== undefined,
      completed: v.completed !== undefined,
      error: v.error ? v.error : null,
    })),
    statuses: (decoded.statuses ?? []).map((s) => ({
      vertex: s.vertex ?? '',
      id: s.ID ?? s.name ?? '',
      current: s.current ?? 0,
      total: s.total ?? 0,
      completed: s.completed !== undefined,
    })),
    logs: (decoded.logs ?? []).map((l) => ({ vertex: l.vertex ?? '', stream: l.stream ?? 1, text: Buffer.from(l.msg ?? new Uint8Array()).toString('utf8') })),
  };
}

/** A Dockerfile step as the dockerfile frontend names it: "[2/6] RUN …", "[stage-0 6/6] RUN …", "[linux/arm64 1/6] FROM …". */
export interface VertexStep {
  /** Counts only FROM, COPY, ADD, RUN and WORKDIR: the instructions that make an operation. */
  n: number;
  total: number;
  instruction: string;
}

// moby/buildkit frontend/dockerfile/dockerfile2llb/convert.go prefixCommand: "[" + platform and
// stage name (optional) + the index right-aligned to the width of the total + "/" + total + "] ".
const STEP_NAME = /^\[(?:[^\]]*?\s)?\s*(\d+)\/(\d+)\]\s+([\s\S]*)$/;

export function parseVertexStep(name: string): VertexStep | null {
  const match = STEP_NAME.exec(name);
  if (!match) return null;
  return { n: Number(match[1]), total: Number(match[2]), instruction: (match[3] ?? '').trim() };
}

/**
 * How BuildKit's step numbers relate to the plan's. The plan (and the classic builder) count every
 * Dockerfile instruction; BuildKit's dockerfile frontend numbers only the instructions that become
 * an operation (FROM, COPY, ADD, RUN, WORKDIR: moby/buildkit frontend/dockerfile/dockerfile2llb
 * convert.go), so "[4/6] RUN …" can be the plan's step 7 of 10. ENV, ARG and LABEL change only the
 * image's config and are never reported.
 */
export interface PlanSteps {
  /** Every instruction, continuation lines joined, in order: step N is instructions[N - 1]. */
  instructions: string[];
  /** For BuildKit's operation k (1-based), the plan's step number: operationSteps[k - 1]. */
  operationSteps: number[];
}

const OPERATION = /^(FROM|COPY|ADD|RUN|WORKDIR)\s/i;

/** The instructions of a single-stage Dockerfile as the app writes them (comments only at line starts). */
export function dockerfileInstructions(dockerfile: string): string[] {
  const instructions: string[] = [];
  let pending: string[] = [];
  for (const rawLine of dockerfile.split('\n')) {
    const line = rawLine.trim();
    if (pending.length === 0 && (line === '' || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending.push(line.slice(0, -1).trim());
      continue;
    }
    pending.push(line);
    instructions.push(pending.filter((part) => part !== '').join(' '));
    pending = [];
  }
  if (pending.length > 0) instructions.push(pending.join(' '));
  return instructions;
}

export function planSteps(dockerfile: string): PlanSteps {
  const instructions = dockerfileInstructions(dockerfile);
  const operationSteps = instructions.flatMap((instruction, i) => (OPERATION.test(instruction) ? [i + 1] : []));
  return { instructions, operationSteps };
}

import type { BuildProgress } from '../../contract/domain/job';
import { BuildEventReader } from './build-events';
import { describeBuildProgress, reportBuildProgress, stepLabel } from './build-progress';

describe('build progress', () => {
  const labels = ['starting from python:3.11-slim', 'setting up pip', 'installing your packages'];

  it("says each step in the plan's words, the build-time label step too", () => {
    expect(stepLabel(labels, 3, 'RUN python3 -m pip install -r x')).toBe('installing your packages');
    expect(stepLabel(labels, 4, 'LABEL org.opencontainers.image.created=2026-11-25T08:40:37.199Z')).toBe('recording when the image was built');
    expect(stepLabel(labels, 4, 'LABEL "org.opencontainers.image.created"="2026-12-07T15:32:25.005Z"')).toBe('recording when the image was built');
    expect(stepLabel(labels, 9, 'RUN something else')).toBe('RUN something else');
  });

  it('feeds a job: every log line, and "step N of M" from the engine\'s step events', () => {
    const log: string[] = [];
    const progress: BuildProgress[] = [];
    const report = reportBuildProgress({ log: (l) => log.push(l), progress: (p) => progress.push(p) }, labels);
    const reader = new BuildEventReader();
    for (const raw of [{ stream: 'Step 3/4 : RUN python3 -m pip install -r x' }, { stream: '\n' }, { stream: 'Collecting pandas\n' }]) {
      for (const event of reader.push(raw)) report(event);
    }
    expect(progress.map(describeBuildProgress)).toEqual(['sending the recipe to Docker', 'Step 3 of 4: installing your packages']);
    expect(log).toEqual(['Step 3/4 : RUN python3 -m pip install -r x', 'Collecting pandas']);
  });
});

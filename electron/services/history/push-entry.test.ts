import { labelKeys } from '../recipe/image-labels';
import { pushHistoryEntry } from './push-entry';

const outcome = { reference: 'quay.io/alice/pandas:1', source: 'alice/pandas:1', result: 'succeeded' as const, digest: 'sha256:abc', error: null };

describe('pushHistoryEntry', () => {
  it('reads what the image holds from the labels the build wrote', () => {
    const entry = pushHistoryEntry(
      {
        labels: {
          [labelKeys.packages]: '["pandas==2.2.3","numpy"]',
          [labelKeys.python]: '3.12',
          [labelKeys.elyraVersion]: '4.1',
          [labelKeys.base]: 'python:3.12-slim',
        },
        architecture: 'arm64',
        sizeBytes: 123,
      },
      outcome,
    );
    expect(entry).toMatchObject({
      kind: 'push',
      image: 'quay.io/alice/pandas:1',
      source: 'alice/pandas:1',
      digest: 'sha256:abc',
      packages: ['pandas==2.2.3', 'numpy'],
      python: '3.12',
      elyraVersion: '4.1',
      base: 'python:3.12-slim',
      platform: 'linux/arm64',
      sizeBytes: 123,
      result: 'succeeded',
    });
  });

  it("says 'unknown' for an image built elsewhere, and reads a damaged packages label as none", () => {
    const entry = pushHistoryEntry(
      { labels: { [labelKeys.packages]: '{not json' }, architecture: 'amd64', sizeBytes: null },
      { ...outcome, result: 'failed', digest: null, error: 'denied' },
    );
    expect(entry).toMatchObject({
      packages: [],
      python: 'unknown',
      elyraVersion: 'unknown',
      base: 'unknown',
      platform: 'linux/amd64',
      result: 'failed',
      error: 'denied',
    });
  });
});

import { z } from 'zod';

// A container image reference ('quay.io/alice/image:1.0@sha256:…') as the UI sees it. zod only.

export const ImageReference = z.object({
  /** Registry host[:port] exactly as written, or null when none was written. */
  domain: z.string().nullable(),
  /** Registry to talk to; null means Docker Hub (also when written as docker.io). */
  registry: z.string().nullable(),
  /** Path after the registry, as written (e.g. 'alice/pandas' or 'library/python'). */
  repository: z.string(),
  tag: z.string().nullable(),
  /** 'sha256:<64 hex>' */
  digest: z.string().nullable(),
  /** Shortest form Docker prints ('python:3.12', 'alice/x', 'quay.io/a/b:1'). */
  familiar: z.string(),
  /** Fully qualified ('docker.io/library/python:3.12'); ':latest' when neither tag nor digest is given. */
  full: z.string(),
  /** Advice that does not make the name invalid (e.g. Docker Hub's user/name form); null when none. */
  hint: z.string().nullable(),
});
export type ImageReference = z.infer<typeof ImageReference>;

export const ImageReferenceErrorCode = z.enum([
  'empty',
  'whitespace',
  'scheme',
  'uppercase',
  'path-invalid-char',
  'path-separator-edge',
  'path-separator',
  'path-empty-component',
  'missing-repository',
  'name-too-long',
  'registry-invalid',
  'ipv6-unclosed',
  'port-invalid',
  'tag-empty',
  'tag-too-long',
  'tag-start',
  'tag-invalid-char',
  'digest-invalid',
  'digest-algorithm',
  'digest-extra-at',
]);
export type ImageReferenceErrorCode = z.infer<typeof ImageReferenceErrorCode>;

export const ImageReferenceError = z.object({
  code: ImageReferenceErrorCode,
  message: z.string(),
  /** 1-based character position the message is about, when there is one. */
  position: z.number().int().min(1).nullable(),
});
export type ImageReferenceError = z.infer<typeof ImageReferenceError>;

export const ImageReferenceResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), reference: ImageReference }),
  z.object({ ok: z.literal(false), error: ImageReferenceError }),
]);
export type ImageReferenceResult = z.infer<typeof ImageReferenceResult>;

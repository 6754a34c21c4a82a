import type { ImageReference } from '../../contract/domain/reference';

/** The tag a build gives its image: the name as the user wrote it, with `latest` when they gave no tag. */
export function buildTag(image: ImageReference): string {
  return image.tag ? image.familiar : `${image.familiar}:latest`;
}

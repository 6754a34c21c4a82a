import type { RecipeFinding } from '../../contract/domain/recipe';

/** A recipe finding as one line, "where: message": how the CLI prints it and a refused build names it. */
export function recipeFindingText(finding: Pick<RecipeFinding, 'where' | 'message'>): string {
  return `${finding.where ? `${finding.where}: ` : ''}${finding.message}`;
}

import { Alert, Button, List, Text } from '@mantine/core';
import type { Recipe } from '../../../electron/contract/domain/recipe';
import { call } from '../lib/api';
import { useRequest } from '../lib/use-request';
import { ErrorNotice } from './error-notice';

/**
 * Whether the recipe's exact pins install on its Python, asked of the package index while the
 * user edits (after a pause), with the Python that fits them all. A custom base brings its own
 * Python, which the build checks instead.
 */
export function PythonFitNotice({ recipe, onUsePython }: { recipe: Recipe; onUsePython: (python: Recipe['pythonVersion']) => void }) {
  const key = JSON.stringify([recipe.packages.map((p) => p.text), recipe.pythonVersion, recipe.platform, recipe.index.indexUrl, recipe.elyraVersion]);
  const fit = useRequest(() => call('recipe:python-fit', { recipe }), [key], { enabled: recipe.base.kind !== 'custom', delayMs: 500, keepData: true });
  if (fit.error) return <ErrorNotice error={fit.error} title="The package index could not be asked about your pins" onRetry={fit.reload} />;
  const report = fit.data;
  if (!report || report.python !== recipe.pythonVersion) return null;
  const problems = report.pins.filter((p) => p.message !== null);
  if (problems.length === 0) {
    return report.unreachable ? (
      <Text size="sm" c="dimmed" role="status">
        {report.unreachable}
      </Text>
    ) : null;
  }
  const blocking = problems.some((p) => p.fit === 'none');
  return (
    <Alert color={blocking ? 'red' : 'orange'} role="alert" title={`Pins that do not fit Python ${report.python}`}>
      {report.summary ? <Text size="sm">{report.summary}</Text> : null}
      <List size="sm" mt={4} spacing={2}>
        {problems.map((p) => (
          <List.Item key={`${p.name}==${p.version}`}>
            {p.where ? `${p.where}: ` : ''}
            {p.message}
          </List.Item>
        ))}
      </List>
      {report.suggestion ? (
        <Button size="xs" mt="xs" onClick={() => report.suggestion && onUsePython(report.suggestion)}>
          Use Python {report.suggestion}
        </Button>
      ) : null}
    </Alert>
  );
}

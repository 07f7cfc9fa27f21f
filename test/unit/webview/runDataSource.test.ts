import assert from 'node:assert/strict';
import { repoKey } from '../../../src/core/model';
import type { CodeQualityIssue } from '../../../src/core/ci/operations';
import type { ProviderPool } from '../../../src/providers/pool';
import type { CiProvider } from '../../../src/core/ci/provider';
import { RunDataSource } from '../../../src/webview/runDataSource';
import { makeRun, REPO } from '../../support/coreFixtures';

function source(issues: readonly CodeQualityIssue[]): RunDataSource {
  const provider = { displayName: 'Fake', getCodeQuality: () => Promise.resolve(issues) } as unknown as CiProvider;
  const pool = { providerFor: () => provider } as unknown as ProviderPool;
  return new RunDataSource({ repositories: () => [REPO], getJobs: () => Promise.resolve([]) }, pool);
}

const issue = (level: CodeQualityIssue['level'], line: number): CodeQualityIssue => ({ path: 'src/a.ts', startLine: line, endLine: line, severity: level === 'failure' ? 'major' : 'minor', level, description: `issue ${line}`, checkName: 'rule' });

describe('run data source: code quality', () => {
  it('adds a failed Code Quality check whose annotations are the issues', async () => {
    const result = await source([issue('failure', 3), issue('warning', 9)]).getChecks(repoKey(REPO), makeRun(7));
    assert.equal(result.checks.length, 1);
    const check = result.checks[0];
    assert.equal(check?.name, 'Code Quality');
    assert.equal(check?.state, 'failure');
    assert.deepEqual(check?.annotations.map((a) => [a.path, a.startLine, a.level, a.title, a.message]), [
      ['src/a.ts', 3, 'failure', 'rule', 'issue 3'],
      ['src/a.ts', 9, 'warning', 'rule', 'issue 9'],
    ]);
  });

  it('is neutral with only minor issues and absent without any', async () => {
    assert.equal((await source([issue('warning', 1)]).getChecks(repoKey(REPO), makeRun(7))).checks[0]?.state, 'neutral');
    assert.deepEqual((await source([]).getChecks(repoKey(REPO), makeRun(7))).checks, []);
  });
});

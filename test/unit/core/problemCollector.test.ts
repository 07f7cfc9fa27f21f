import assert from 'node:assert/strict';
import type { Annotation, Check, RepoRef } from '../../../src/core/model';
import { nullLogger } from '../../../src/core/ports';
import { fromTestFailure, normalizeRepoPath } from '../../../src/core/problems/codeProblem';
import { ProblemCollector } from '../../../src/core/problems/problemCollector';
import type { CodeQualityIssue, TestReport } from '../../../src/core/ci/operations';
import type { CiProvider } from '../../../src/core/ci/provider';
import { makeRun, REPO } from '../../support/coreFixtures';

function check(id: string, annotationsCount: number, state: Check['state'] = 'failure'): Check {
  return { id, name: `check ${id}`, state, rawStatus: 'completed', annotationsCount };
}

function annotation(path: string, line: number, level: Annotation['level'] = 'failure'): Annotation {
  return { path, startLine: line, endLine: line, level, message: `problem at ${line}` };
}

/** Records every call, so the tests can count requests. */
function fakeProvider(options: { checks?: Check[]; annotations?: Record<string, Annotation[]>; report?: TestReport; quality?: CodeQualityIssue[]; fail?: boolean }) {
  const calls: string[] = [];
  const provider = {
    listChecks: (_repo: RepoRef, sha: string) => {
      calls.push(`checks ${sha}`);
      return options.fail ? Promise.reject(new Error('boom')) : Promise.resolve(options.checks ?? []);
    },
    listAnnotations: (_repo: RepoRef, id: string) => {
      calls.push(`annotations ${id}`);
      return Promise.resolve(options.annotations?.[id] ?? []);
    },
    ...(options.quality ? { getCodeQuality: (_repo: RepoRef, runId: string) => (calls.push(`quality ${runId}`), Promise.resolve(options.quality)) } : {}),
    ...(options.report ? { getTestReport: (_repo: RepoRef, runId: string) => (calls.push(`report ${runId}`), Promise.resolve(options.report)) } : {}),
  } as unknown as CiProvider;
  return { provider, calls };
}

describe('problem collector', () => {
  it('turns the annotations of completed checks into code problems', async () => {
    const { provider, calls } = fakeProvider({
      checks: [check('1', 2), check('2', 0), check('3', 1, 'running')],
      annotations: { '1': [annotation('src/a.ts', 3), annotation('./src/b.ts', 7, 'warning')] },
    });
    const collector = new ProblemCollector(() => provider, nullLogger);
    const problems = await collector.collect(REPO, [makeRun(1, { state: 'failure', headSha: 'abc' })]);
    assert.deepEqual(
      problems.map((p) => [p.path, p.startLine, p.level, p.origin]),
      [
        ['src/a.ts', 3, 'failure', 'check 1'],
        ['src/b.ts', 7, 'warning', 'check 1'],
      ],
    );
    assert.deepEqual(calls, ['checks abc', 'annotations 1']);
  });

  it('asks for the checks of the finished run itself, not of whatever build of its commit is newest', async () => {
    // Like Buildkite: annotations belong to builds; without runId listChecks answers for the newest
    // build of the commit, here a running rebuild with none yet.
    const seen: (string | undefined)[] = [];
    const provider = {
      listChecks: (_repo: RepoRef, _sha: string, options: { runId?: string } = {}) => {
        seen.push(options.runId);
        return Promise.resolve(options.runId === '41' ? [check('41/a', 1)] : []);
      },
      listAnnotations: (_repo: RepoRef, id: string) => Promise.resolve(id === '41/a' ? [annotation('src/checkout/express.ts', 14)] : []),
    } as unknown as CiProvider;
    const collector = new ProblemCollector(() => provider, nullLogger);
    const problems = await collector.collect(REPO, [makeRun(41, { id: '41', state: 'failure', headSha: 'abc' })]);
    assert.deepEqual(seen, ['41']);
    assert.deepEqual(problems.map((p) => `${p.path}:${p.startLine}`), ['src/checkout/express.ts:14']);
  });

  it('asks the API once per run attempt and again when the run changes', async () => {
    const { provider, calls } = fakeProvider({ checks: [check('1', 1)], annotations: { '1': [annotation('a.ts', 1)] } });
    const collector = new ProblemCollector(() => provider, nullLogger);
    const run = makeRun(1, { state: 'failure', headSha: 'abc', updatedAt: '2026-01-01T00:00:00Z' });
    await collector.collect(REPO, [run]);
    await collector.collect(REPO, [run]);
    assert.equal(calls.length, 2);
    await collector.collect(REPO, [{ ...run, attempt: 2, updatedAt: '2026-01-01T00:05:00Z' }]);
    assert.equal(calls.length, 4);
  });

  it('skips runs still in progress and dedupes findings shared by several workflows', async () => {
    const { provider, calls } = fakeProvider({ checks: [check('1', 1)], annotations: { '1': [annotation('a.ts', 1)] } });
    const collector = new ProblemCollector(() => provider, nullLogger);
    const problems = await collector.collect(REPO, [
      makeRun(1, { state: 'failure', headSha: 'abc', pipelineId: 'a' }),
      makeRun(2, { state: 'success', headSha: 'abc', pipelineId: 'b' }),
      makeRun(3, { state: 'running', headSha: 'abc', pipelineId: 'c' }),
    ]);
    assert.equal(problems.length, 1);
    assert.equal(calls.filter((c) => c.startsWith('checks')).length, 2);
  });

  it('adds failing tests with a file, taking the line from the trace', async () => {
    const report: TestReport = {
      total: 3, passed: 1, failed: 2, skipped: 0, errored: 0, suites: [],
      failures: [
        { suite: 'rspec', name: 'adds numbers', file: 'spec/calc_spec.rb', message: 'expected 3\ngot 4', trace: 'Failure at ./spec/calc_spec.rb:12:in block' },
        { suite: 'rspec', name: 'no file' },
      ],
    };
    const { provider } = fakeProvider({ report });
    const collector = new ProblemCollector(() => provider, nullLogger);
    const problems = await collector.collect(REPO, [makeRun(1, { state: 'failure' })]);
    assert.deepEqual(problems.map((p) => [p.path, p.startLine, p.message]), [['spec/calc_spec.rb', 12, 'adds numbers: expected 3']]);
  });

  it('adds code-quality issues, cached per run like the rest', async () => {
    const quality: CodeQualityIssue[] = [
      { path: './src/pdf.ts', startLine: 12, endLine: 13, severity: 'major', level: 'failure', description: "'unused' is never used.", checkName: 'no-unused-vars' },
      { path: 'src/tax.ts', startLine: 3, endLine: 3, severity: 'minor', level: 'warning', description: 'Prefer a constant.' },
      { path: '../outside.ts', startLine: 1, endLine: 1, severity: 'info', level: 'notice', description: 'outside' },
    ];
    const { provider, calls } = fakeProvider({ quality });
    const collector = new ProblemCollector(() => provider, nullLogger);
    const run = makeRun(1, { state: 'failure', updatedAt: '2026-01-01T00:00:00Z' });
    const problems = await collector.collect(REPO, [run]);
    assert.deepEqual(
      problems.map((p) => [p.path, p.startLine, p.endLine, p.level, p.message, p.origin]),
      [
        ['src/pdf.ts', 12, 13, 'failure', "no-unused-vars: 'unused' is never used.", 'Code Quality'],
        ['src/tax.ts', 3, 3, 'warning', 'Prefer a constant.', 'Code Quality'],
      ],
    );
    await collector.collect(REPO, [run]);
    assert.deepEqual(calls, [`checks ${run.headSha}`, `quality ${run.id}`]);
  });

  it('returns nothing (and retries next time) when the API fails', async () => {
    const { provider, calls } = fakeProvider({ fail: true });
    const collector = new ProblemCollector(() => provider, nullLogger);
    const run = makeRun(1, { state: 'failure', headSha: 'abc' });
    assert.deepEqual(await collector.collect(REPO, [run]), []);
    await collector.collect(REPO, [run]);
    assert.equal(calls.length, 2);
  });

  it('refuses paths that leave the repository', () => {
    assert.equal(normalizeRepoPath('../etc/passwd'), undefined);
    assert.equal(normalizeRepoPath('a/../../b'), undefined);
    assert.equal(normalizeRepoPath('/src\\x.ts'), 'src/x.ts');
    assert.equal(fromTestFailure({ suite: 's', name: 'n', file: '../x' }), undefined);
  });
});

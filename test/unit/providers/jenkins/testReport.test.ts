/** Jenkins JUnit reports: counts, failing cases with their traces, file:line into Problems, 404 as no report. */
import assert from 'node:assert/strict';
import { fromTestFailure } from '../../../../src/core/problems/codeProblem';
import type { RepoRef } from '../../../../src/core/model';
import { mapTestReport, traceFile } from '../../../../src/providers/jenkins/testReport';
import { useFakeJenkins } from './fake';

describe('Jenkins test reports', () => {
  const fake = useFakeJenkins();
  const repo = (): RepoRef => ({ provider: 'jenkins', host: fake.server.jenkinsUrl, slug: 'team/web' });

  it('reads the JUnit report of a build in one tree= request', async () => {
    const report = await fake.make().getTestReport(repo(), 'main#2');
    assert.deepEqual([report?.total, report?.passed, report?.failed, report?.skipped], [3, 1, 1, 1]);
    assert.deepEqual(report?.suites, [{ name: 'tax', total: 3, failed: 1 }]);
    assert.equal(report?.failures.length, 1);
    const failure = report?.failures[0];
    assert.deepEqual([failure?.name, failure?.className, failure?.file, failure?.message], ['rounds to cents', 'tax.rounding', 'test/tax.test.ts', 'AssertionError: expected 10.01 to equal 10']);
    assert.match(failure?.trace ?? '', /tax\.test\.ts:42:11/);
    const paths = fake.server.stats.requests.map((r) => r.path);
    assert.equal(paths.length, 1);
    assert.match(paths[0] ?? '', /^\/jenkins\/job\/team\/job\/web\/job\/main\/2\/testReport\/api\/json\?tree=failCount/);
  });

  it('puts a failing case at its file:line in Problems', async () => {
    const report = await fake.make().getTestReport(repo(), 'main#2');
    const failure = report?.failures[0];
    assert.ok(failure);
    const problem = fromTestFailure(failure);
    assert.deepEqual([problem?.path, problem?.startLine, problem?.message], ['test/tax.test.ts', 42, 'rounds to cents: AssertionError: expected 10.01 to equal 10']);
  });

  it('answers no report for a build that archived none (404)', async () => {
    assert.equal(await fake.make().getTestReport(repo(), 'main#1'), undefined);
  });

  it('finds the first repository file of a trace, past dependencies and absolute paths', () => {
    assert.equal(traceFile('at x (/home/ci/workspace/web/node_modules/chai/index.js:3:1)\n  at y (/home/ci/workspace/web/src/a/b.ts:7:2)'), 'src/a/b.ts');
    assert.equal(traceFile('at z (/usr/lib/node/internal/x.js:1:1)'), undefined);
    assert.equal(traceFile('Expected 1 in spec/models/user_spec.rb:12'), 'spec/models/user_spec.rb');
    assert.equal(traceFile(undefined), undefined);
  });

  it('rejects an answer that is not a test report', () => {
    assert.throws(() => mapTestReport('<html>'), /test report/);
  });
});

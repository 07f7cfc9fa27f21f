/**
 * Every request the Azure Pipelines provider sends to the fake (path, method, query with
 * api-version, JSON body) must be one Microsoft's official Swagger descriptions of Azure DevOps
 * REST 7.1 accept (test/fixtures/azure, a subset of MicrosoftDocs/vsts-rest-api-specs).
 * Connection data (the token check) is a location-service resource those descriptions do not cover.
 */
import assert from 'node:assert/strict';
import { IDS, TOKENS } from '../../../fakes/azure/fixtures';
import { operationOf, requestProblems, type RecordedRequest } from '../../../support/openapiRequests';
import { loadAzureDevOpsDescription } from '../../../support/swagger2';
import { startHarness, type Harness } from './harness';

const spec = loadAzureDevOpsDescription();
const P = '/{organization}/{project}/_apis';

describe('azure provider requests (official Swagger descriptions, REST 7.1)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  function sent(): RecordedRequest[] {
    return h.server.stats.requests.filter((r) => !r.path.includes('/_apis/connectionData')).map(({ method, path, body }) => ({ method, path, body }));
  }

  function assertAccepted(operations: readonly string[]): void {
    const requests = sent();
    assert.ok(requests.length > 0, 'expected the provider to send requests');
    assert.deepEqual(requests.flatMap((request) => requestProblems(spec, request)), []);
    assert.deepEqual([...new Set(requests.map((request) => operationOf(spec, request)))].sort(), [...operations].sort());
  }

  const bodiesOf = (operation: string): unknown[] => sent().filter((r) => operationOf(spec, r) === operation).map((r) => r.body);

  it('sends definition and build listings (recent, by branch, by pipeline, a later page) the description accepts', async () => {
    await h.provider.getRepository(h.repo);
    await h.provider.listPipelines(h.repo);
    await h.provider.listRuns(h.repo);
    await h.provider.listRuns(h.repo, { branch: 'feature/tax' });
    await h.provider.listRuns(h.repo, { pipelineId: '11', perPage: 1, page: 2 });
    await h.provider.getRun(h.repo, '102');
    assertAccepted([`GET ${P}/build/definitions`, `GET ${P}/build/builds`, `GET ${P}/build/builds/{buildId}`]);
  });

  it('sends timeline reads (whole, then by changeId) and log reads (whole and by startLine) the description accepts', async () => {
    await h.provider.listJobs(h.repo, '102');
    await h.provider.getJobLog(h.repo, `102.${IDS.testJob}`, 0);
    const first = await h.provider.getJobLog(h.repo, `103.${IDS.compileJob}`, 0);
    const build = h.server.state.mustBuild(103);
    const task = build.records.find((r) => r.id === IDS.compileTask);
    assert.ok(task);
    h.server.state.appendLog(build, task, ['compiling 2 of 3']);
    await h.provider.getJobLog(h.repo, `103.${IDS.compileJob}`, first.nextOffset);
    assert.ok(sent().some((r) => /changeId=\d+/.test(r.path)) && sent().some((r) => /startLine=\d+/.test(r.path)), sent().map((r) => r.path).join('\n'));
    assertAccepted([`GET ${P}/build/builds/{buildId}`, `GET ${P}/build/builds/{buildId}/timeline/{timelineId}`, `GET ${P}/build/builds/{buildId}/logs/{logId}`]);
  });

  it('sends test run and failed result listings the description accepts', async () => {
    const report = await h.provider.getTestReport(h.repo, '102');
    assert.equal(report?.failed, 1);
    assertAccepted([`GET ${P}/test/runs`, `GET ${P}/test/Runs/{runId}/results`]);
  });

  it('sends a cancel and a stage retry whose bodies the description accepts', async () => {
    await h.provider.cancelRun(h.repo, '103');
    await h.provider.rerunFailedJobs(h.repo, '102');
    assert.deepEqual(bodiesOf(`PATCH ${P}/build/builds/{buildId}`), [{ status: 'cancelling' }]);
    assert.deepEqual(bodiesOf(`PATCH ${P}/build/builds/{buildId}/stages/{stageRefName}`), [{ state: 'retry', forceRetryAllJobs: false }]);
    assertAccepted([`GET ${P}/build/builds/{buildId}`, `GET ${P}/build/builds/{buildId}/timeline/{timelineId}`, `PATCH ${P}/build/builds/{buildId}`, `PATCH ${P}/build/builds/{buildId}/stages/{stageRefName}`]);
  });

  it('sends the reads of the run form (YAML at a ref, branches) and a run with parameters and variables the description accepts', async () => {
    const definition = await h.provider.getPipelineDefinition(h.repo, '12', 'release/1.0');
    assert.match(definition.text, /parameters:/);
    assert.ok((await h.provider.listRefs(h.repo)).branches.includes('feature/tax'));
    await h.provider.createRun(h.repo, '12', { ref: 'release/1.0', inputs: { environment: 'production', dryRun: true, replicas: 3, variables: 'LOG=debug' }, variables: { TRACE: '1' } });
    assert.deepEqual(bodiesOf(`POST ${P}/pipelines/{pipelineId}/runs`), [
      { resources: { repositories: { self: { refName: 'refs/heads/release/1.0' } } }, templateParameters: { environment: 'production', dryRun: 'true', replicas: '3' }, variables: { LOG: { value: 'debug' }, TRACE: { value: '1' } } },
    ]);
    assertAccepted([`GET ${P}/build/definitions`, `GET ${P}/sourceProviders/{providerName}/filecontents`, `GET ${P}/sourceProviders/{providerName}/branches`, `POST ${P}/pipelines/{pipelineId}/runs`]);
  });

  it('sends approval listings and an approval with a comment the description accepts', async () => {
    const pending = await h.provider.listPendingDeployments(h.repo, '104');
    assert.deepEqual(pending.map((p) => [p.environment.id, p.environment.name, p.reviewers]), [[IDS.approval, 'Deploy', ['Dana Dev', 'Ops Team']]]);
    await h.provider.reviewPendingDeployments(h.repo, '104', [IDS.approval], 'approved', 'Smoke tests are green');
    assert.deepEqual(bodiesOf(`PATCH ${P}/pipelines/approvals`), [[{ approvalId: IDS.approval, status: 'approved', comment: 'Smoke tests are green' }]]);
    assertAccepted([`GET ${P}/build/builds/{buildId}`, `GET ${P}/build/builds/{buildId}/timeline/{timelineId}`, `GET ${P}/pipelines/approvals`, `PATCH ${P}/pipelines/approvals`]);
  });

  describe('the checker itself', () => {
    const BUILDS = '/acme/web/_apis/build/builds';
    const problems = (method: string, path: string, body?: unknown): string[] => requestProblems(spec, { method, path, body });
    function assertProblem(found: string[], pattern: RegExp): void {
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0] ?? '', pattern);
    }

    it('accepts a well-formed request', () => {
      assert.deepEqual(problems('GET', `${BUILDS}?repositoryId=x&repositoryType=TfsGit&$top=20&api-version=7.1`), []);
    });

    it('rejects a request without api-version, and one with another version', () => {
      assertProblem(problems('GET', `${BUILDS}?$top=20`), /required query parameter "api-version" is missing/);
      assertProblem(problems('GET', `${BUILDS}?api-version=7.0`), /api-version="7\.0" does not fit/);
    });

    it('rejects an undeclared query parameter and a query value outside its enum', () => {
      assertProblem(problems('GET', `${BUILDS}?branch=main&api-version=7.1`), /query parameter "branch" is not declared/);
      assertProblem(problems('GET', `${BUILDS}?queryOrder=newest&api-version=7.1`), /queryOrder="newest" does not fit/);
    });

    it('rejects a build id that is not an integer, and a method the path does not define', () => {
      assertProblem(problems('GET', `${BUILDS}/abc?api-version=7.1`), /path parameter buildId="abc"/);
      assertProblem(problems('DELETE', '/acme/web/_apis/build/builds/1/stages/Build?api-version=7.1'), /method DELETE is not defined .* \(only PATCH\)/);
    });

    it('rejects wrong bodies: a stage state outside its enum, an approval update that is not a list, a template parameter that is not a string', () => {
      assertProblem(problems('PATCH', '/acme/web/_apis/build/builds/1/stages/Build?api-version=7.1', { state: 'rerun' }), /"rerun" is not one of/);
      assertProblem(problems('PATCH', '/acme/web/_apis/pipelines/approvals?api-version=7.1', { approvalId: 'a', status: 'approved' }), /expected array/);
      assertProblem(problems('POST', '/acme/web/_apis/pipelines/12/runs?api-version=7.1', { templateParameters: { dryRun: true } }), /templateParameters\.dryRun: expected string, got boolean/);
      assertProblem(problems('POST', '/acme/web/_apis/pipelines/12/runs?api-version=7.1'), /required request body is missing/);
    });

    it('rejects an unknown path', () => {
      assertProblem(problems('GET', '/acme/web/_apis/build/nonsense?api-version=7.1'), /unknown path/);
    });

    it('finds a bad request among those the fake recorded', async () => {
      const auth = `Basic ${Buffer.from(`:${TOKENS.full}`).toString('base64')}`;
      const response = await fetch(`${h.server.url}${BUILDS}/102?api-version=7.1&debug=1`, { headers: { authorization: auth } });
      assert.equal(response.status, 200);
      const found = sent().flatMap((request) => requestProblems(spec, request));
      assertProblem(found, /query parameter "debug" is not declared/);
    });
  });
});

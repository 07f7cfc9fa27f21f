/**
 * The provider must not drift from the real API either: every request FlowForge's
 * GitHub provider sends to the fake (path, method, query, JSON body) must be one the
 * official OpenAPI description (test/fixtures, a subset from @octokit/openapi) accepts.
 */
import assert from 'node:assert/strict';
import { LOG_DOWNLOAD_PREFIX } from '../../../fakes/github/handlers/logs';
import { SAMPLE_SHA, SAMPLE_TOKEN } from '../../../fakes/github/sample';
import { loadGitHubRestDescription, operationOf, requestProblems, valueProblems, type RecordedRequest, type Schema } from '../../../support/openapiRequests';
import { DEPLOY_WORKFLOW as WORKFLOW, seedActionData, startHarness, type Harness } from './harness';

const spec = loadGitHubRestDescription();

const TAGS = '/repos/{owner}/{repo}/tags';

/** How an operation carries its request body examples. */
interface WithExamples {
  requestBody?: { content?: Record<string, { schema?: Schema; examples?: Record<string, { value?: unknown }> } | undefined> };
}

describe('github provider requests (official OpenAPI description)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    seedActionData(h.server.state.data, 'octocat', WORKFLOW);
  });
  afterEach(async () => {
    await h.close();
  });

  /** API requests the fake received; the log download is GitHub's signed storage URL, not part of the API. */
  function sent(): RecordedRequest[] {
    return h.server.stats.requestLog.filter((request) => !request.path.startsWith(`${LOG_DOWNLOAD_PREFIX}/`));
  }

  /** Asserts that every request was accepted and that exactly `operations` were called. */
  function assertAccepted(operations: readonly string[], requests = sent()): void {
    assert.ok(requests.length > 0, 'expected the provider to send requests');
    assert.deepEqual(requests.flatMap((request) => requestProblems(spec, request)), []);
    assert.deepEqual([...new Set(requests.map((request) => operationOf(spec, request)))].sort(), [...operations].sort());
  }

  function bodiesOf(operation: string): unknown[] {
    return sent().filter((request) => operationOf(spec, request) === operation).map((request) => request.body);
  }

  it('sends run listings (recent, by branch, by workflow, a later page) the official description accepts', async () => {
    await h.provider.listRuns(h.repo);
    await h.provider.listRuns(h.repo, { branch: 'feature/x' });
    await h.provider.listRuns(h.repo, { pipelineId: '11', perPage: 2 });
    await h.provider.listRuns(h.repo, { page: 2, perPage: 2 });
    assertAccepted(['GET /repos/{owner}/{repo}/actions/runs', 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs']);
    const paths = sent().map((request) => request.path);
    assert.ok(paths.some((path) => path.includes('branch=feature%2Fx')), paths.join('\n'));
    assert.ok(paths.some((path) => path.includes('page=2')), paths.join('\n'));
  });

  it('sends workflow listings over several pages the official description accepts', async () => {
    const extra = Array.from({ length: 120 }, (_, i) => ({ id: 5000 + i, repo: 'octo/hello', name: `W${i}`, path: `.github/workflows/w${i}.yml`, state: 'active' as const }));
    h.server.state.data.workflows.push(...extra);
    assert.equal((await h.provider.listPipelines(h.repo)).value.length, 122);
    assert.equal(sent().length, 2);
    assertAccepted(['GET /repos/{owner}/{repo}/actions/workflows']);
  });

  it('sends a repository read the official description accepts', async () => {
    await h.provider.getRepository(h.repo);
    assertAccepted(['GET /repos/{owner}/{repo}']);
  });

  it('sends job listings, one run and job log reads the official description accepts', async () => {
    await h.provider.listJobs(h.repo, '202');
    await h.provider.getRun(h.repo, '203');
    assert.match((await h.provider.getJobLog(h.repo, '303', 0)).text, /expected 1 to equal 2/);
    assertAccepted(['GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', 'GET /repos/{owner}/{repo}/actions/runs/{run_id}', 'GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs']);
  });

  it('sends check run and annotation listings of a commit the official description accepts', async () => {
    await h.provider.listChecks(h.repo, SAMPLE_SHA);
    await h.provider.listAnnotations(h.repo, '401');
    assertAccepted(['GET /repos/{owner}/{repo}/commits/{ref}/check-runs', 'GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations']);
  });

  it('sends re-runs of a whole run, with and without debug logging, whose bodies the official description accepts', async () => {
    await h.provider.rerunRun(h.repo, '201');
    await h.provider.rerunRun(h.repo, '202', { debug: true });
    assertAccepted(['POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun']);
    assert.deepEqual(bodiesOf('POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun'), [{ enable_debug_logging: false }, { enable_debug_logging: true }]);
  });

  it('sends a re-run of failed jobs whose body the official description accepts', async () => {
    await h.provider.rerunFailedJobs(h.repo, '202', { debug: true });
    assertAccepted(['POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs']);
  });

  it('sends re-runs of one job, with and without debug logging, whose bodies the official description accepts', async () => {
    await h.provider.rerunJob(h.repo, '301');
    await h.provider.rerunJob(h.repo, '302', { debug: true });
    assertAccepted(['POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun']);
    assert.deepEqual(bodiesOf('POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun'), [{ enable_debug_logging: false }, { enable_debug_logging: true }]);
  });

  it('sends a cancel and a force-cancel the official description accepts', async () => {
    await h.provider.cancelRun(h.repo, '203');
    await h.provider.cancelRun(h.repo, '204', { force: true });
    assertAccepted(['POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel', 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel']);
  });

  it('sends a workflow dispatch whose body the official description accepts', async () => {
    await h.provider.createRun(h.repo, '12', { ref: 'main', inputs: { environment: 'staging', dryRun: true } });
    assertAccepted(['POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches']);
    assert.deepEqual(bodiesOf('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches'), [
      { ref: 'main', inputs: { environment: 'staging', dryRun: true }, return_run_details: true },
    ]);
  });

  it('sends a pending deployments listing and reviews (approve, reject with comment) the official description accepts', async () => {
    assert.equal((await h.provider.listPendingDeployments(h.repo, '204')).length, 2);
    await h.provider.reviewPendingDeployments(h.repo, '204', ['71'], 'approved', 'Ship it');
    await h.provider.reviewPendingDeployments(h.repo, '204', ['72'], 'rejected', 'Not today');
    assertAccepted(['GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments', 'POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments']);
  });

  it('sends an environments listing the official description accepts', async () => {
    assert.equal((await h.provider.listEnvironments(h.repo)).length, 2);
    assertAccepted(['GET /repos/{owner}/{repo}/environments']);
  });

  it('sends branch listings over several pages the official description accepts', async () => {
    assert.equal((await h.provider.listRefs(h.repo)).branches.length, 130);
    const branches = sent().filter((request) => request.path.startsWith('/repos/octo/hello/branches'));
    assert.equal(branches.length, 2);
    assertAccepted(['GET /repos/{owner}/{repo}/branches'], branches);
  });

  it('sends tag listings the official description accepts', async () => {
    assert.ok(spec.paths[TAGS], `the fixture lacks ${TAGS}`);
    assert.deepEqual((await h.provider.listRefs(h.repo)).tags, ['v1', 'v2']);
    assertAccepted([`GET ${TAGS}`], sent().filter((request) => request.path.startsWith('/repos/octo/hello/tags')));
  });

  it('sends the reads of a workflow file at a ref the official description accepts', async () => {
    assert.equal((await h.provider.getPipelineDefinition(h.repo, '12', 'release/1.0')).text, WORKFLOW);
    assertAccepted(['GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}', 'GET /repos/{owner}/{repo}/contents/{path}']);
    assert.ok(sent().some((request) => request.path.includes('ref=release%2F1.0')));
  });

  it('sends token checks and the signed-in user read the official description accepts', async () => {
    assert.equal((await h.provider.checkToken(SAMPLE_TOKEN)).login, 'octocat');
    assert.equal(await h.provider.currentUser(), 'octocat');
    assertAccepted(['GET /user']);
  });

  describe('the checker itself', () => {
    const DISPATCH = '/repos/octo/hello/actions/workflows/12/dispatches';

    function problems(method: string, path: string, body?: unknown): string[] {
      return requestProblems(spec, { method, path, body });
    }

    function assertProblem(found: string[], pattern: RegExp): void {
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0] ?? '', pattern);
    }

    it('rejects a dispatch body without ref', () => {
      assertProblem(problems('POST', DISPATCH, { inputs: {} }), /required property "ref" is missing/);
    });

    it('rejects a dispatch without a body (the requestBody is required)', () => {
      assertProblem(problems('POST', DISPATCH), /required request body is missing/);
    });

    it('rejects an undeclared body property where additionalProperties is false', () => {
      assertProblem(problems('PUT', '/repos/octo/hello/environments/staging', { wait_timer: 30, colour: 'red' }), /property "colour" is not declared/);
    });

    it('rejects wrong primitive types and values outside an enum', () => {
      const path = '/repos/octo/hello/actions/runs/204/pending_deployments';
      assertProblem(problems('POST', path, { environment_ids: ['71'], state: 'approved', comment: '' }), /body\.environment_ids\[0\]: expected integer, got string/);
      assertProblem(problems('POST', path, { environment_ids: [71], state: 'maybe', comment: '' }), /"maybe" is not one of/);
      assertProblem(problems('POST', DISPATCH, { ref: 'main', return_run_details: 'yes' }), /return_run_details: expected boolean/);
    });

    it('rejects an unknown path', () => {
      assertProblem(problems('GET', '/repos/octo/hello/actions/nonsense'), /unknown path/);
    });

    it('rejects a method the path does not define', () => {
      assertProblem(problems('DELETE', '/repos/octo/hello/actions/runs/202/rerun'), /method DELETE is not defined .* \(only POST\)/);
    });

    it('rejects an undeclared query parameter, also next to declared $ref ones', () => {
      assertProblem(problems('GET', '/repos/octo/hello/actions/runs/202/jobs?filter=latest&per_page=100&status=completed'), /query parameter "status" is not declared/);
    });

    it('rejects a path parameter that is not an integer id, and a query value outside its enum', () => {
      assertProblem(problems('POST', '/repos/octo/hello/actions/runs/abc/cancel'), /path parameter run_id="abc"/);
      assertProblem(problems('GET', '/repos/octo/hello/actions/runs/202/jobs?filter=newest'), /query parameter filter="newest"/);
    });

    it('rejects a body sent to an operation without a requestBody', () => {
      assertProblem(problems('POST', '/repos/octo/hello/actions/runs/203/cancel', {}), /declares no requestBody/);
    });

    it('matches an unencoded multi-segment contents path, and strips a server url path prefix', () => {
      assert.deepEqual(problems('GET', '/repos/octo/hello/contents/.github/workflows/ci.yml?ref=main'), []);
      const enterprise = { ...spec, servers: [{ url: 'https://ghe.example.com/api/v3' }] };
      assert.deepEqual(requestProblems(enterprise, { method: 'GET', path: '/api/v3/repos/octo/hello/actions/runs/202/jobs?filter=all' }), []);
      assertProblem(requestProblems(enterprise, { method: 'GET', path: '/api/v3/repos/octo/hello/actions/runs/x/jobs' }), /run_id="x"/);
    });

    it('finds a bad request among those the fake recorded', async () => {
      const response = await fetch(`${h.server.url}${DISPATCH}?debug=1`, { method: 'POST', headers: { authorization: `token ${SAMPLE_TOKEN}` }, body: JSON.stringify({ inputs: {} }) });
      assert.equal(response.status, 422);
      const found = sent().flatMap((request) => requestProblems(spec, request));
      assert.equal(found.length, 2, found.join('\n'));
      assert.match(found.join('\n'), /query parameter "debug" is not declared[\s\S]*required property "ref" is missing/);
    });

    it('accepts the description\'s own request body examples (no false alarms)', () => {
      const found: string[] = [];
      let count = 0;
      for (const [template, item] of Object.entries(spec.paths)) {
        for (const [method, operation] of Object.entries(item ?? {})) {
          const json = (operation as WithExamples).requestBody?.content?.['application/json'];
          for (const [name, example] of Object.entries(json?.examples ?? {})) {
            if (json?.schema && example.value !== undefined && example.value !== null) {
              count += 1;
              found.push(...valueProblems(spec, json.schema, example.value, `${method.toUpperCase()} ${template} example ${name}`));
            }
          }
        }
      }
      assert.ok(count >= 10, `only ${count} examples checked`);
      assert.deepEqual(found, []);
    });
  });
});

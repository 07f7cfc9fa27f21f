import assert from 'node:assert/strict';
import { nullLogger } from '../../../../src/core/ports';
import type { RepoRef } from '../../../../src/core/model';
import { AzureProvider } from '../../../../src/providers/azure';
import { azureDescriptor } from '../../../../src/providers/azure/descriptor';
import { ScenarioClock } from '../../../fakes/scenario/clock';
import { loadAzureDefinition, startAzureScenario } from '../../../fakes/scenario/azure';
import type { Artifact } from '../../../../src/core/ci/operations';
import { ARTIFACTS, IDS, TOKENS } from '../../../fakes/azure/fixtures';
import { collectBytes } from '../../../support/collectBytes';
import { operationOf, requestProblems } from '../../../support/openapiRequests';
import { loadAzureDevOpsDescription } from '../../../support/swagger2';
import { startHarness, type Harness } from './harness';

const ROUTE = 'GET /{org}/{project}/_apis/build/builds/{buildId}/artifacts';

describe('azure artifacts (fake Azure DevOps + blob storage on another origin)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const named = async (name: string): Promise<Artifact> => {
    const found = (await h.provider.listArtifacts(h.repo, '102')).find((a) => a.name === name);
    assert.ok(found, `artifact ${name} listed`);
    return found;
  };

  it('sends a listing and downloads the official description accepts (Artifacts - List, Artifacts - Get Artifact)', async () => {
    for (const artifact of await h.provider.listArtifacts(h.repo, '102')) {
      await collectBytes((await h.provider.openArtifact(h.repo, artifact)).body);
    }
    const spec = loadAzureDevOpsDescription();
    const sent = h.server.stats.requests.map(({ method, path }) => ({ method, path }));
    assert.deepEqual(sent.flatMap((request) => requestProblems(spec, request)), []);
    const P = '/{organization}/{project}/_apis/build/builds/{buildId}/artifacts';
    assert.deepEqual(sent.map((request) => operationOf(spec, request)), [`GET ${P}`, `GET ${P}?artifactName={artifactName}`, `GET ${P}?artifactName={artifactName}`]);
  });

  it('declares the feature', () => {
    assert.ok(azureDescriptor.features.has('artifacts'));
  });

  it('lists build and pipeline artifacts as zips, with their size and the job that published them', async () => {
    assert.deepEqual(await h.provider.listArtifacts(h.repo, '102'), [
      { id: '102/drop', name: 'drop', sizeBytes: ARTIFACTS.drop.byteLength, expired: false, jobId: `102.${IDS.testJob}`, format: 'zip' },
      { id: '102/coverage', name: 'coverage', sizeBytes: ARTIFACTS.coverage.byteLength, expired: false, jobId: `102.${IDS.testJob}`, format: 'zip' },
    ]);
    assert.equal(h.server.stats.last(ROUTE)?.path, '/acme/web/_apis/build/builds/102/artifacts?api-version=7.1');
    assert.deepEqual(await h.provider.listArtifacts(h.repo, '101'), []);
  });

  it('downloads a build artifact (Container) as a zip from the organization, with the PAT', async () => {
    const download = await h.provider.openArtifact(h.repo, await named('drop'));
    assert.equal(download.fileName, 'drop.zip');
    assert.deepEqual(await collectBytes(download.body), ARTIFACTS.drop);
    const sent = h.server.stats.last(ROUTE);
    assert.equal(sent?.path, '/acme/web/_apis/build/builds/102/artifacts?api-version=7.1&artifactName=drop');
    assert.equal(sent?.headers.accept, 'application/zip');
    assert.deepEqual(h.server.storage.received, []);
  });

  it('follows a pipeline artifact’s 302 to blob storage without the PAT, and gets its bytes', async () => {
    const download = await h.provider.openArtifact(h.repo, await named('coverage'));
    assert.equal(download.fileName, 'coverage.zip');
    assert.deepEqual(await collectBytes(download.body), ARTIFACTS.coverage);
    assert.deepEqual(h.server.storage.authorizations, [undefined], 'blob storage was asked once, without credentials');
    assert.ok(!JSON.stringify(h.server.storage.stats.requests).includes(TOKENS.full));
  });

  it('an expired blob link is GoneError; JSON where the zip should be is UnexpectedResponseError', async () => {
    const [drop, coverage] = await h.provider.listArtifacts(h.repo, '102');
    assert.ok(drop && coverage);
    h.server.storage.expire('102-coverage');
    await assert.rejects(h.provider.openArtifact(h.repo, coverage), { name: 'GoneError' });
    h.server.inject({ kind: 'wrongShape', route: ROUTE, body: { id: 7, name: 'drop' } });
    await assert.rejects(h.provider.openArtifact(h.repo, drop), { name: 'UnexpectedResponseError' });
  });

  it('types the answers: an unknown artifact or build 404, HTML 200, 403, 401', async () => {
    const drop = await named('drop');
    await assert.rejects(h.provider.openArtifact(h.repo, { ...drop, id: '102/no-such' }), { name: 'NotFoundError' });
    await assert.rejects(h.provider.listArtifacts(h.repo, '999'), { name: 'NotFoundError' });
    h.server.inject({ kind: 'html', route: ROUTE });
    await assert.rejects(h.provider.listArtifacts(h.repo, '102'), { name: 'UnexpectedResponseError' });
    h.server.inject({ kind: 'status', status: 403, route: ROUTE, body: { message: 'Access denied: the token needs vso.build' } });
    await assert.rejects(h.provider.openArtifact(h.repo, drop), (error: Error & { missingScopes?: string[] }) => error.name === 'ForbiddenError' && (error.missingScopes ?? []).includes('vso.build'));
    await h.close();
    h = await startHarness({}, 'not-a-known-pat');
    await assert.rejects(h.provider.listArtifacts(h.repo, '102'), { name: 'AuthError' });
    await assert.rejects(h.provider.openArtifact(h.repo, drop), { name: 'AuthError' });
  });
});

describe('Azure artifacts in the moving scenario', () => {
  it('the passing build published a drop, the failing one its test results (through blob storage)', async () => {
    const clock = new ScenarioClock({ start: 0, speed: 0 });
    const scenario = await startAzureScenario(loadAzureDefinition(), clock);
    const provider = new AzureProvider(scenario.url, { getToken: () => Promise.resolve(scenario.token), logger: nullLogger }, { retryDelayMs: 1, requestsPerMinute: 1000, organizations: [scenario.definition.organization] });
    try {
      const repo: RepoRef = { provider: 'azure', host: scenario.url, slug: scenario.slug };
      assert.deepEqual((await provider.listArtifacts(repo, '401')).map((a) => [a.name, a.format]), [['drop', 'zip']]);
      const [results] = await provider.listArtifacts(repo, '402');
      assert.ok(results);
      assert.equal(results.name, 'test-results');
      const bytes = await collectBytes((await provider.openArtifact(repo, results)).body);
      assert.deepEqual([...bytes.subarray(0, 2)], [0x50, 0x4b]);
      assert.ok(bytes.includes(Buffer.from('Lines 78.4%')));
      assert.deepEqual(scenario.server.storage.authorizations, [undefined]);
    } finally {
      provider.dispose();
      await scenario.close();
    }
  });
});

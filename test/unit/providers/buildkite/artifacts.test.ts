import assert from 'node:assert/strict';
import { nullLogger } from '../../../../src/core/ports';
import type { RepoRef } from '../../../../src/core/model';
import { BuildkiteProvider } from '../../../../src/providers/buildkite';
import { buildkiteDescriptor } from '../../../../src/providers/buildkite/descriptor';
import { ScenarioClock } from '../../../fakes/scenario/clock';
import { loadBuildkiteDefinition, startBuildkiteScenario } from '../../../fakes/scenario/buildkite';
import type { Artifact } from '../../../../src/core/ci/operations';
import { ARTIFACT_IDS, LCOV, TOKENS, WEB_ZIP } from '../../../fakes/buildkite/fixtures';
import { collectBytes } from '../../../support/collectBytes';
import { startHarness, type Harness } from './harness';

const LIST = 'GET /v2/organizations/{org}/pipelines/{pipeline}/builds/{number}/artifacts';
const DOWNLOAD = 'GET /v2/organizations/{org}/pipelines/{pipeline}/builds/{number}/jobs/{job}/artifacts/{id}/download';

describe('buildkite artifacts (fake API + a storage origin)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const byName = async (name: string): Promise<Artifact> => {
    const found = (await h.provider.listArtifacts(h.repo, '2')).find((a) => a.name === name);
    assert.ok(found, `artifact ${name} listed`);
    return found;
  };

  it('declares the feature', () => {
    assert.ok(buildkiteDescriptor.features.has('artifacts'));
  });

  it('lists finished and deleted artifacts with size, job and type; an upload in progress is left out', async () => {
    const artifacts = await h.provider.listArtifacts(h.repo, '2');
    assert.deepEqual(artifacts, [
      { id: `2/job-test/${ARTIFACT_IDS.lcov}`, name: 'coverage/lcov.info', sizeBytes: Buffer.byteLength(LCOV), expired: false, jobId: 'job-test', format: 'file', contentType: 'text/plain' },
      { id: `2/job-test/${ARTIFACT_IDS.zip}`, name: 'dist/web.zip', sizeBytes: WEB_ZIP.byteLength, expired: false, jobId: 'job-test', format: 'zip', contentType: 'application/zip' },
      { id: `2/job-test/${ARTIFACT_IDS.deleted}`, name: 'tmp/screenshots/failure.png', sizeBytes: 3, expired: true, jobId: 'job-test', format: 'file', contentType: 'image/png' },
    ]);
    assert.equal(h.server.stats.last(LIST)?.path, '/v2/organizations/acme/pipelines/web/builds/2/artifacts?per_page=100');
    assert.deepEqual(await h.provider.listArtifacts(h.repo, '1'), []);
  });

  it('follows the Link header through every page', async () => {
    const build = h.server.state.mustBuild('acme', 'web', 1);
    build.artifacts = Array.from({ length: 150 }, (_v, i) => ({ id: `a-${i}`, jobId: 'j', path: `out/${i}.txt`, state: 'finished', mimeType: 'text/plain', bytes: Buffer.from(String(i)) }));
    const artifacts = await h.provider.listArtifacts(h.repo, '1');
    assert.equal(artifacts.length, 150);
    assert.equal(artifacts[149]?.name, 'out/149.txt');
    assert.equal(h.server.stats.count(LIST), 2);
  });

  it('downloads a file through the 302 to storage: the bytes, its name, and no token at the storage origin', async () => {
    const download = await h.provider.openArtifact(h.repo, await byName('coverage/lcov.info'));
    assert.equal(download.fileName, 'lcov.info');
    assert.equal((await collectBytes(download.body)).toString('utf8'), LCOV);
    assert.equal(h.server.stats.count(DOWNLOAD), 1);
    assert.equal(h.server.stats.last(DOWNLOAD)?.path, `/v2/organizations/acme/pipelines/web/builds/2/jobs/job-test/artifacts/${ARTIFACT_IDS.lcov}/download`);
    assert.deepEqual(h.server.storage.authorizations, [undefined], 'the storage origin was asked once, without credentials');
    assert.ok(!JSON.stringify(h.server.storage.stats.requests).includes(TOKENS.full));
  });

  it('downloads a zip artifact whole (zip checked by its magic)', async () => {
    const download = await h.provider.openArtifact(h.repo, await byName('dist/web.zip'));
    assert.equal(download.fileName, 'web.zip');
    assert.equal(download.sizeBytes, WEB_ZIP.byteLength);
    assert.deepEqual(await collectBytes(download.body), WEB_ZIP);
    assert.deepEqual(h.server.storage.authorizations, [undefined]);
  });

  it('a deleted artifact is GoneError without a request; an expired signed link is GoneError too', async () => {
    const deleted = await byName('tmp/screenshots/failure.png');
    await assert.rejects(h.provider.openArtifact(h.repo, deleted), { name: 'GoneError' });
    assert.equal(h.server.stats.count(DOWNLOAD), 0);
    h.server.storage.expire(ARTIFACT_IDS.lcov);
    await assert.rejects(h.provider.openArtifact(h.repo, await byName('coverage/lcov.info')), { name: 'GoneError' });
  });

  it('a sign-in page where a zip should be is UnexpectedResponseError', async () => {
    const zip = await byName('dist/web.zip');
    h.server.storage.inject({ kind: 'html', route: 'GET /blobs/{key}' });
    await assert.rejects(h.provider.openArtifact(h.repo, zip), { name: 'UnexpectedResponseError' });
  });

  it('types the API answers: HTML 200, 404, 403 without read_artifacts, 401', async () => {
    h.server.inject({ kind: 'html', route: LIST });
    await assert.rejects(h.provider.listArtifacts(h.repo, '2'), { name: 'UnexpectedResponseError' });
    await assert.rejects(h.provider.listArtifacts(h.repo, '99'), { name: 'NotFoundError' });
    const lcov = await byName('coverage/lcov.info');
    await assert.rejects(h.provider.openArtifact(h.repo, { ...lcov, id: `2/job-test/no-such-artifact` }), { name: 'NotFoundError' });
    await h.close();
    h = await startHarness({}, TOKENS.readOnly);
    await assert.rejects(h.provider.listArtifacts(h.repo, '2'), (error: Error & { missingScopes?: string[] }) => error.name === 'ForbiddenError' && (error.missingScopes ?? []).includes('read_artifacts'));
    await assert.rejects(h.provider.openArtifact(h.repo, lcov), { name: 'ForbiddenError' });
    await h.close();
    h = await startHarness({}, 'bkua_not_a_known_token_00000000000000000000');
    await assert.rejects(h.provider.listArtifacts(h.repo, '2'), { name: 'AuthError' });
    await assert.rejects(h.provider.openArtifact(h.repo, lcov), { name: 'AuthError' });
  });

  it('a listing item of the wrong shape is rejected at the boundary', async () => {
    h.server.inject({ kind: 'wrongShape', route: LIST, body: [{ id: 7, path: null }] });
    await assert.rejects(h.provider.listArtifacts(h.repo, '2'), /expected shape/);
  });
});

describe('Buildkite artifacts in the moving scenario', () => {
  it('a failed build uploaded coverage and a JUnit report, a passed one its image zip', async () => {
    const clock = new ScenarioClock({ start: 0, speed: 0 });
    const scenario = await startBuildkiteScenario(loadBuildkiteDefinition(), clock);
    const provider = new BuildkiteProvider(scenario.url, { getToken: () => Promise.resolve(scenario.token), logger: nullLogger }, { retryDelayMs: 1, requestsPerMinute: 1000 });
    try {
      const repo: RepoRef = { provider: 'buildkite', host: scenario.url, slug: `${scenario.definition.organization.slug}/webshop` };
      assert.deepEqual((await provider.listArtifacts(repo, '41')).map((a) => a.name), ['coverage/lcov.info', 'reports/junit.xml']);
      const [zip] = await provider.listArtifacts(repo, '40');
      assert.ok(zip);
      assert.equal(zip.format, 'zip');
      const bytes = await collectBytes((await provider.openArtifact(repo, zip)).body);
      assert.ok(bytes.includes(Buffer.from('webshop build')));
      assert.deepEqual(scenario.server.storage.authorizations, [undefined]);
    } finally {
      provider.dispose();
      await scenario.close();
    }
  });
});

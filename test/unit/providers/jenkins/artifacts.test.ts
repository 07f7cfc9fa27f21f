/** Jenkins archived artifacts: one tree= listing, downloads from {build}/artifact/… with encoded segments, typed failures. */
import assert from 'node:assert/strict';
import type { RepoRef } from '../../../../src/core/model';
import { nullLogger } from '../../../../src/core/ports';
import { JenkinsProvider } from '../../../../src/providers/jenkins';
import { jenkinsDescriptor } from '../../../../src/providers/jenkins/descriptor';
import { ScenarioClock } from '../../../fakes/scenario/clock';
import { loadJenkinsDefinition, startJenkinsScenario } from '../../../fakes/scenario/jenkins';
import { instantClock } from '../gitlab/harness';
import { ARCHIVED, CREDENTIAL } from '../../../fakes/jenkins/fixtures';
import { collectBytes } from '../../../support/collectBytes';
import { useFakeJenkins } from './fake';

const ARTIFACT_ROUTE = /\/artifact\//;

describe('Jenkins artifacts', () => {
  const fake = useFakeJenkins();
  const repo = (): RepoRef => ({ provider: 'jenkins', host: fake.server.jenkinsUrl, slug: 'team/web' });

  it('declares the feature', () => {
    assert.ok(jenkinsDescriptor.features.has('artifacts'));
  });

  it('lists a build’s archived files in one tree= request: no size, no expiry, zip by name', async () => {
    const artifacts = await fake.make().listArtifacts(repo(), 'main#2');
    assert.deepEqual(artifacts, [
      { id: 'main#2/reports/coverage summary.txt', name: 'reports/coverage summary.txt', expired: false, format: 'file' },
      { id: 'main#2/dist/web#2.zip', name: 'dist/web#2.zip', expired: false, format: 'zip' },
    ]);
    const paths = fake.server.stats.requests.map((r) => decodeURIComponent(r.path));
    assert.deepEqual(paths, ['/jenkins/job/team/job/web/job/main/2/api/json?tree=artifacts[fileName,relativePath,displayPath]']);
    assert.deepEqual(await fake.make().listArtifacts(repo(), 'main#1'), []);
  });

  it('downloads each file with Basic auth from {build}/artifact/{path}, segments encoded; the bytes and the Content-Length', async () => {
    const provider = fake.make();
    const artifacts = await provider.listArtifacts(repo(), 'main#2');
    for (const [index, artifact] of artifacts.entries()) {
      const download = await provider.openArtifact(repo(), artifact);
      const expected = ARCHIVED[index]?.bytes;
      assert.ok(expected);
      assert.deepEqual(await collectBytes(download.body), Buffer.from(expected));
      assert.equal(download.sizeBytes, expected.byteLength);
      assert.equal(download.fileName, artifact.name.split('/').pop());
    }
    const downloads = fake.server.stats.requests.filter((r) => ARTIFACT_ROUTE.test(r.path)).map((r) => r.path);
    assert.deepEqual(downloads, ['/jenkins/job/team/job/web/job/main/2/artifact/reports/coverage%20summary.txt', '/jenkins/job/team/job/web/job/main/2/artifact/dist/web%232.zip']);
  });

  it('a queued run has no artifacts yet (no request)', async () => {
    assert.deepEqual(await fake.make().listArtifacts(repo(), 'main#queue-90'), []);
    assert.equal(fake.server.stats.requests.length, 0);
  });

  it('types the answers: 404, 403 (anonymous: sign in), 401, a sign-in page instead of the file', async () => {
    const provider = fake.make();
    const [text, zip] = await provider.listArtifacts(repo(), 'main#2');
    assert.ok(text && zip);
    await assert.rejects(provider.listArtifacts(repo(), 'main#99'), { name: 'NotFoundError' });
    await assert.rejects(provider.openArtifact(repo(), { ...text, id: 'main#2/reports/missing.txt' }), { name: 'NotFoundError' });
    await assert.rejects(fake.make(null).listArtifacts(repo(), 'main#2'), { name: 'AuthError' });
    await assert.rejects(fake.make(null).openArtifact(repo(), text), { name: 'AuthError' });
    await assert.rejects(fake.make('jdoe:wrong-token').openArtifact(repo(), text), { name: 'AuthError' });
    fake.server.inject({ kind: 'html', path: ARTIFACT_ROUTE, times: 2 });
    await assert.rejects(provider.openArtifact(repo(), text), { name: 'UnexpectedResponseError' });
    await assert.rejects(provider.openArtifact(repo(), zip), { name: 'UnexpectedResponseError' });
    assert.ok(!JSON.stringify(fake.server.stats.requests).includes(CREDENTIAL.split(':')[1] ?? '-'));
  });

  it('an archived HTML report is the file, not a sign-in page', async () => {
    const build = fake.server.state.job(['team', 'web', 'main'])?.builds.find((b) => b.number === 2);
    assert.ok(build);
    build.artifacts = [{ relativePath: 'coverage/index.html', bytes: Buffer.from('<!DOCTYPE html><html><body>81%</body></html>') }];
    const provider = fake.make();
    const [report] = await provider.listArtifacts(repo(), 'main#2');
    assert.ok(report);
    assert.match((await collectBytes((await provider.openArtifact(repo(), report)).body)).toString('utf8'), /81%/);
  });
});

describe('Jenkins artifacts in the moving scenario', () => {
  it('the failed build of the demo branch archived its report and coverage', async () => {
    const clock = new ScenarioClock({ start: 0, speed: 0 });
    const scenario = await startJenkinsScenario(loadJenkinsDefinition(), clock);
    const provider = new JenkinsProvider(scenario.url, { getToken: () => Promise.resolve(`${scenario.user}:${scenario.token}`), logger: nullLogger }, { clock: instantClock, retryDelayMs: 1, timeoutMs: 2000 });
    try {
      const repo: RepoRef = { provider: 'jenkins', host: scenario.url, slug: 'flowforge-demo/webshop' };
      const artifacts = await provider.listArtifacts(repo, 'feature%2Fexpress-checkout#3');
      assert.deepEqual(artifacts.map((a) => a.name), ['reports/junit.xml', 'coverage/summary.txt']);
      const coverage = artifacts[1];
      assert.ok(coverage);
      assert.equal((await collectBytes((await provider.openArtifact(repo, coverage)).body)).toString('utf8'), 'Lines 79.0% (395/500)\n');
    } finally {
      provider.dispose();
      await scenario.close();
    }
  });
});

/** Jenkins' build queue: queued runs with their reason, found without extra requests while idle; a new build followed from its queue item. */
import assert from 'node:assert/strict';
import { NotFoundError } from '../../../../src/core/errors';
import type { RepoRef } from '../../../../src/core/model';
import { queueIdOf } from '../../../../src/providers/jenkins/queue';
import { useFakeJenkins } from './fake';

describe('Jenkins queue', () => {
  const fake = useFakeJenkins();
  const repoOf = (slug: string): RepoRef => ({ provider: 'jenkins', host: fake.server.jenkinsUrl, slug });
  const paths = (): string[] => fake.server.stats.requests.map((r) => `${r.method} ${r.path.split('?')[0] ?? ''}`);

  it('shows a waiting queue item as a queued run with its reason and STUCK flag, read with one queue request', async () => {
    const { value } = await fake.make().listRuns(repoOf('nightly'));
    const first = value.items[0];
    assert.deepEqual([first?.id, first?.state, first?.rawStatus, first?.number, first?.title, first?.actor], ['queue-90', 'queued', 'STUCK', 2, 'Waiting for next available executor on ‘linux’', 'Jane Doe']);
    assert.deepEqual(value.items.map((r) => r.id), ['queue-90', '1']);
    assert.deepEqual(paths(), ['GET /jenkins/job/nightly/api/json', 'GET /jenkins/job/nightly/api/json', 'GET /jenkins/queue/api/json']);
  });

  it('marks a blocked item BLOCKED, and costs no queue request when nothing waits', async () => {
    const provider = fake.make();
    const repo = repoOf('team/web');
    await provider.listRuns(repo);
    assert.ok(!paths().some((p) => p.includes('/queue/')), paths().join(', '));
    fake.server.state.holdBuilds = true;
    const id = fake.server.state.schedule(['team', 'web', 'main'], fake.server.state.job(['team', 'web', 'main'])!, 'Build #3 is already in progress (ETA: 1 min)');
    fake.server.state.queue.find((q) => q.id === id)!.blocked = true;
    const { value } = await provider.listRuns(repo);
    assert.deepEqual([value.items[0]?.id, value.items[0]?.rawStatus, value.items[0]?.branch, value.items[0]?.number], [`main#queue-${id}`, 'BLOCKED', 'main', 4]);
    const branch = await provider.listRuns(repo, { branch: 'main' });
    assert.equal(branch.value.items[0]?.id, `main#queue-${id}`);
  });

  it('follows the Location of a build POST to its queue item, and later to its build', async () => {
    fake.server.state.holdBuilds = true;
    const provider = fake.make();
    const repo = repoOf('team/web');
    const created = await provider.createRun(repo, 'feature%2Ftax', { ref: 'feature/tax', inputs: {} });
    assert.equal(created.runId, 'feature%2Ftax#queue-100');
    assert.equal(queueIdOf(created.runId ?? ''), 100);
    const queued = await provider.getRun(repo, created.runId ?? '');
    assert.deepEqual([queued.state, queued.number, queued.title], ['queued', 2, 'Waiting for next available executor']);
    assert.deepEqual((await provider.listJobs(repo, created.runId ?? '')).value, []);
    fake.server.state.startQueued(100);
    const started = await provider.getRun(repo, created.runId ?? '');
    assert.deepEqual([started.id, started.state], ['feature%2Ftax#2', 'running']);
    assert.equal(fake.posts().length, 1);
  });

  it('returns the new build at once when it already left the queue', async () => {
    const created = await fake.make().createRun(repoOf('team/web'), 'feature%2Ftax', { ref: 'feature/tax', inputs: {} });
    assert.equal(created.runId, 'feature%2Ftax#2');
  });

  it('cancels a queued run with one queue/cancelItem POST; reading it then says it is gone', async () => {
    const provider = fake.make();
    const repo = repoOf('nightly');
    await provider.cancelRun(repo, 'queue-90');
    assert.deepEqual(fake.posts(), ['/jenkins/queue/cancelItem?id=90']);
    assert.equal(fake.server.state.queue.find((q) => q.id === 90)?.cancelled, true);
    await assert.rejects(provider.getRun(repo, 'queue-90'), NotFoundError);
  });
});

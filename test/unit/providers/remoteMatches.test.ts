import assert from 'node:assert/strict';
import { nullLogger } from '../../../src/core/ports';
import type { CiProvider, RemoteMatch } from '../../../src/core/ci/provider';
import { PROVIDERS } from '../../../src/providers';
import { ProviderPool } from '../../../src/providers/pool';
import { ProviderRegistry } from '../../../src/providers/registry';
import { RemoteMatches } from '../../../src/providers/remoteMatches';
import { FakeBuildkiteServer } from '../../fakes/buildkite/server';
import { sampleState, TOKENS } from '../../fakes/buildkite/fixtures';

describe('remotes matched through the API (Buildkite pipelines by the repository they build)', () => {
  let server: FakeBuildkiteServer;
  let url: string;

  beforeEach(async () => {
    server = new FakeBuildkiteServer({ state: sampleState() });
    url = await server.start();
  });
  afterEach(() => server.close());

  function world(onDidLearn: () => void) {
    const registry = new ProviderRegistry(PROVIDERS);
    const pool = new ProviderPool(registry, () => ({ getToken: () => Promise.resolve(TOKENS.full), logger: nullLogger }));
    const { accounts } = registry.readAccounts((key) => (key === 'buildkite.apiUrl' ? url : undefined));
    pool.setAccounts(accounts.filter((a) => a.kind === 'buildkite'));
    return { registry, pool, matches: new RemoteMatches(pool, nullLogger, onDidLearn) };
  }

  it('asks once, then a workspace checkout shows the pipelines that build its remote, with its branch', async () => {
    let learned!: () => void;
    const arrived = new Promise<void>((resolve) => (learned = resolve));
    const { registry, pool, matches } = world(() => learned());
    const remote = 'git@github.com:acme/web.git';
    assert.deepEqual(matches.current([remote]), [], 'nothing is known before the API answered');
    await arrived;
    const found = matches.current([remote]);
    assert.deepEqual(found.map((m: RemoteMatch) => m.repo.slug).sort(), ['acme/deploy', 'acme/web']);
    const pipelineRequests = server.stats.requests.filter((r) => r.path.includes('/pipelines')).length;
    matches.current([remote]);
    assert.equal(server.stats.requests.filter((r) => r.path.includes('/pipelines')).length, pipelineRequests, 'answered from the cache');

    const resolution = registry.resolve([{ remoteUrls: [remote], branch: 'feature/tax', rootPath: '/work/web' }], [], pool.getAccounts(), found);
    assert.deepEqual(
      resolution.repositories.map((r) => [r.repo.provider, r.repo.slug, r.branch, r.rootPath]).sort(),
      [['buildkite', 'acme/deploy', 'feature/tax', '/work/web'], ['buildkite', 'acme/web', 'feature/tax', '/work/web']],
    );
    pool.dispose();
  });

  it('forgets its answers when settings or tokens change, and a failed match is logged, not thrown', async () => {
    const { pool, matches } = world(() => undefined);
    const provider = pool.providerForAccount(pool.getAccounts()[0]!) as CiProvider;
    const calls: string[][] = [];
    provider.matchRemotes = (urls) => {
      calls.push([...urls]);
      return Promise.reject(new Error('offline'));
    };
    matches.current(['https://example.test/a.git']);
    matches.current(['https://example.test/a.git']);
    await new Promise((resolve) => setImmediate(resolve));
    matches.current(['https://example.test/a.git']);
    assert.equal(calls.length, 1, 'a failure is remembered until invalidated');
    matches.invalidate();
    matches.current(['https://example.test/a.git']);
    assert.equal(calls.length, 2);
    pool.dispose();
  });
});

import assert from 'node:assert/strict';
import { ConfigError } from '../../../src/core/errors';
import type { RepoRef } from '../../../src/core/model';
import type { AccountConfig, CiProvider } from '../../../src/core/ci/provider';
import type { ProviderDescriptor } from '../../../src/core/ci/descriptor';
import { ProviderRegistry } from '../../../src/providers/registry';
import { ProviderPool } from '../../../src/providers/pool';
import { nullLogger } from '../../../src/core/ports';

/** A tiny factory for a made-up host, so the registry is tested without any real provider. */
function fakeFactory(created: string[] = []): ProviderDescriptor {
  return {
    codicon: 'repo',
    repositoryNoun: 'repository',
    noPipelinesText: 'none',
    settings: [],
    readAccounts: () => ({ accounts: [], errors: [] }),
    token: { noun: 'token', help: '', writeScopes: [], redactPatterns: [] },
    features: new Set(),
    kind: 'github',
    label: 'GitHub',
    defaultApiUrl: 'https://api.example.test',
    normalizeApiUrl: (url) => url.replace(/\/+$/, ''),
    parseRemote: (url, account) => {
      const match = /example\.test[/:]([^/]+\/[^/]+?)(?:\.git)?$/.exec(url);
      return match ? { provider: 'github', host: account.apiUrl, slug: match[1]! } : undefined;
    },
    parseSlug: (slug, account) => {
      if (!/^[\w.-]+\/[\w.-]+$/.test(slug)) {
        throw new ConfigError(`"${slug}" is not owner/repo`);
      }
      return { provider: 'github', host: account.apiUrl, slug };
    },
    repositoryWebUrl: (repo: RepoRef) => `https://example.test/${repo.slug}`,
    create: (account: AccountConfig) => {
      created.push(account.apiUrl);
      return { kind: 'github', host: account.apiUrl, displayName: 'GitHub', dispose: () => created.push(`disposed ${account.apiUrl}`) } as unknown as CiProvider;
    },
  };
}

const account: AccountConfig = { kind: 'github', apiUrl: 'https://api.example.test' };

describe('provider registry', () => {
  it('finds repositories from remotes with their branch, then from settings, without duplicates', () => {
    const registry = new ProviderRegistry([fakeFactory()]);
    const result = registry.resolve(
      [
        { remoteUrls: ['git@example.test:octo/app.git'], branch: 'main' },
        { remoteUrls: ['https://elsewhere.test/x/y.git'], branch: 'dev' },
      ],
      ['github:octo/app', 'github:octo/lib'],
      [account],
    );
    assert.deepEqual(
      result.repositories.map((r) => [r.repo.slug, r.branch, r.origin]),
      [
        ['octo/app', 'main', 'remote'],
        ['octo/lib', undefined, 'setting'],
      ],
    );
    assert.deepEqual(result.warnings, []);
  });

  it('names each malformed entry in a warning and keeps the others', () => {
    const registry = new ProviderRegistry([fakeFactory()]);
    const result = registry.resolve([], ['octo/app', 'bitbucket:a/b', 'github:not a slug', 'github:octo/ok'], [account]);
    assert.deepEqual(result.repositories.map((r) => r.repo.slug), ['octo/ok']);
    assert.equal(result.warnings.length, 3);
    assert.match(result.warnings[0]!, /octo\/app.*provider:path/);
    assert.match(result.warnings[1]!, /unknown provider "bitbucket"/);
    assert.match(result.warnings[2]!, /not a slug/);
  });

  it('says so when an entry names a provider without a configured account', () => {
    const registry = new ProviderRegistry([fakeFactory()]);
    const result = registry.resolve([], ['github:octo/app'], []);
    assert.equal(result.repositories.length, 0);
    assert.match(result.warnings[0]!, /no GitHub account/);
  });
});

describe('provider pool', () => {
  it('creates one provider per account lazily and disposes removed accounts', () => {
    const created: string[] = [];
    const pool = new ProviderPool(new ProviderRegistry([fakeFactory(created)]), () => ({ getToken: () => Promise.resolve(undefined), logger: nullLogger }));
    pool.setAccounts([account]);
    assert.deepEqual(created, []);
    const repo: RepoRef = { provider: 'github', host: account.apiUrl, slug: 'o/r' };
    const first = pool.providerFor(repo);
    assert.ok(first);
    assert.equal(pool.providerFor(repo), first);
    assert.equal(pool.providerFor({ ...repo, host: 'https://other.test' }), undefined);
    pool.setAccounts([]);
    assert.deepEqual(created, ['https://api.example.test', 'disposed https://api.example.test']);
    pool.dispose();
  });
});

import assert from 'node:assert/strict';
import { ConfigError } from '../../../../src/core/errors';
import { githubDescriptor } from '../../../../src/providers/github';

const dotcom = { kind: 'github' as const, apiUrl: 'https://api.github.com' };
const ghes = { kind: 'github' as const, apiUrl: 'https://ghe.example.com/api/v3/' };

describe('github remotes and slugs', () => {
  const dotcomRemotes = [
    'https://github.com/octo/hello',
    'https://github.com/octo/hello.git',
    'https://github.com/octo/hello/',
    'http://github.com/octo/hello.git',
    'https://user:secret@github.com/octo/hello.git',
    'https://x-access-token@github.com/octo/hello',
    'git@github.com:octo/hello.git',
    'git@github.com:octo/hello',
    'ssh://git@github.com/octo/hello.git',
    'ssh://git@github.com:22/octo/hello.git',
    'ssh://git@ssh.github.com:443/octo/hello.git',
    'git://github.com/octo/hello.git',
    '  https://GitHub.com/octo/hello.git  ',
  ];
  for (const remote of dotcomRemotes) {
    it(`parses ${remote.trim()}`, () => {
      assert.deepEqual(githubDescriptor.parseRemote(remote, dotcom), { provider: 'github', host: 'https://api.github.com', slug: 'octo/hello' });
    });
  }

  it('maps remotes of a GitHub Enterprise host to its API URL', () => {
    for (const remote of ['https://ghe.example.com/team/app.git', 'git@ghe.example.com:team/app.git', 'ssh://git@ghe.example.com/team/app']) {
      assert.deepEqual(githubDescriptor.parseRemote(remote, ghes), { provider: 'github', host: 'https://ghe.example.com/api/v3', slug: 'team/app' });
    }
  });

  const foreign = [
    ['https://gitlab.com/octo/hello.git', dotcom],
    ['git@bitbucket.org:octo/hello.git', dotcom],
    ['https://github.com/octo/hello.git', ghes],
    ['https://github.com/octo', dotcom],
    ['https://github.com/octo/hello/tree/main', dotcom],
    ['file:///home/me/hello.git', dotcom],
    ['/home/me/hello', dotcom],
    ['not a url', dotcom],
  ] as const;
  for (const [remote, account] of foreign) {
    it(`ignores ${remote} for ${account.apiUrl}`, () => {
      assert.equal(githubDescriptor.parseRemote(remote, account), undefined);
    });
  }

  it('normalizes API URLs and rejects malformed ones with ConfigError', () => {
    assert.equal(githubDescriptor.normalizeApiUrl('https://ghe.example.com/api/v3///'), 'https://ghe.example.com/api/v3');
    assert.equal(githubDescriptor.normalizeApiUrl(' https://API.github.com '), 'https://api.github.com');
    for (const bad of ['ftp://ghe.example.com', 'ghe.example.com', '', 'https://u:p@ghe.example.com']) {
      assert.throws(() => githubDescriptor.normalizeApiUrl(bad), ConfigError);
    }
    assert.throws(() => githubDescriptor.normalizeApiUrl('https://u:hunter2@ghe.example.com'), (error: Error) => !error.message.includes('hunter2'));
  });

  it('parses owner/repo slugs and names the bad entry', () => {
    assert.equal(githubDescriptor.parseSlug(' octo/hello.js ', dotcom).slug, 'octo/hello.js');
    for (const bad of ['octo', 'octo/', '/hello', 'a/b/c', 'oc to/hello', 'octo/..', '-octo/hello']) {
      assert.throws(() => githubDescriptor.parseSlug(bad, dotcom), (error: Error) => error instanceof ConfigError && error.message.includes(`github:${bad}`));
    }
  });

  it('builds browser URLs for github.com and GHES', () => {
    assert.equal(githubDescriptor.repositoryWebUrl({ provider: 'github', host: 'https://api.github.com', slug: 'octo/hello' }), 'https://github.com/octo/hello');
    assert.equal(githubDescriptor.repositoryWebUrl({ provider: 'github', host: 'https://ghe.example.com/api/v3', slug: 'team/app' }), 'https://ghe.example.com/team/app');
  });
});

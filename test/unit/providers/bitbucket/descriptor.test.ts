import assert from 'node:assert/strict';
import { bitbucketDescriptor } from '../../../../src/providers/bitbucket';
import { redact } from '../../../../src/core/redact';

const account = { kind: 'bitbucket', apiUrl: 'https://api.bitbucket.org/2.0' };
const local = { kind: 'bitbucket', apiUrl: 'http://127.0.0.1:4000/2.0' };

describe('bitbucket descriptor', () => {
  it('maps bitbucket.org remotes in SSH, scp-like and HTTPS forms to workspace/repo', () => {
    for (const remote of ['git@bitbucket.org:acme/web.git', 'https://dana@bitbucket.org/acme/web.git', 'ssh://git@bitbucket.org/acme/web', 'https://bitbucket.org/acme/web']) {
      assert.deepEqual(bitbucketDescriptor.parseRemote(remote, account), { provider: 'bitbucket', host: 'https://api.bitbucket.org/2.0', slug: 'acme/web' }, remote);
    }
    for (const remote of ['git@github.com:acme/web.git', 'https://bitbucket.org/acme', 'https://bitbucket.org/acme/web/src/main', 'https://gitlab.com/acme/web.git']) {
      assert.equal(bitbucketDescriptor.parseRemote(remote, account), undefined, remote);
    }
  });

  it('maps remotes of another API host (a test server) only on that host and port', () => {
    assert.equal(bitbucketDescriptor.parseRemote('http://127.0.0.1:4000/acme/web.git', local)?.slug, 'acme/web');
    assert.equal(bitbucketDescriptor.parseRemote('http://127.0.0.1:4001/acme/web.git', local), undefined);
    assert.equal(bitbucketDescriptor.parseRemote('git@bitbucket.org:acme/web.git', local), undefined);
  });

  it('parses flowforge.repositories entries workspace/repo and refuses others', () => {
    assert.equal(bitbucketDescriptor.parseSlug('acme/web', account).slug, 'acme/web');
    assert.equal(bitbucketDescriptor.parseSlug('acme/my.repo', account).slug, 'acme/my.repo');
    for (const bad of ['acme', 'acme/web/extra', 'acme/../x', '']) {
      assert.throws(() => bitbucketDescriptor.parseSlug(bad, account), { kind: 'config' }, bad);
    }
  });

  it('reads one account with the token and user environment variables and the request budget', () => {
    const settings: Record<string, unknown> = { 'bitbucket.requestsPerMinute': 40 };
    const { accounts, errors } = bitbucketDescriptor.readAccounts((key) => settings[key]);
    assert.deepEqual(errors, []);
    assert.deepEqual(accounts, [{ kind: 'bitbucket', apiUrl: 'https://api.bitbucket.org/2.0', envVar: 'FLOWFORGE_BITBUCKET_TOKEN', userEnvVar: 'FLOWFORGE_BITBUCKET_USER', requestsPerMinute: 40 }]);
    assert.match(bitbucketDescriptor.readAccounts((key) => (key === 'bitbucket.apiUrl' ? 'ftp://x' : undefined)).errors[0] ?? '', /flowforge\.bitbucket\.apiUrl/);
  });

  it('asks an optional e-mail before the secret, offers no re-run, and redacts Atlassian token formats', () => {
    assert.equal(bitbucketDescriptor.token.userName?.optional, true);
    assert.deepEqual([...bitbucketDescriptor.features].sort(), ['cancelRun', 'dispatch', 'liveLog', 'testReports']);
    assert.ok(!bitbucketDescriptor.features.has('rerunRun') && !bitbucketDescriptor.features.has('rerunJob'));
    const text = 'token ATATT3xFfGF0T3stT0kenF0rFl0wF0rge0000000000 and ATCTT3xFfGN0RepoAccessTokenF0rAcmeWeb00000000';
    const cleaned = bitbucketDescriptor.token.redactPatterns.reduce((t, pattern) => t.replace(pattern, '***'), text);
    assert.equal(cleaned, 'token *** and ***');
    assert.equal(typeof redact, 'function');
  });

  it('reads the custom pipelines of bitbucket-pipelines.yml into the run form, secured variables masked', () => {
    const form = bitbucketDescriptor.dispatch?.parseForm('pipelines:\n  default: []\n  custom:\n    deploy: []\n    nightly: []\n', 'bitbucket-pipelines.yml');
    assert.deepEqual(form?.fields[0]?.options, ['(the branch pipeline)', 'deploy', 'nightly']);
    assert.deepEqual(form?.fields.map((f) => [f.name, f.secret ?? false]), [['pipeline', false], ['commit', false], ['variables', false], ['secured_variables', true]]);
    const missing = bitbucketDescriptor.dispatch?.formWhenMissing({ id: 'pipelines', name: 'Pipelines', webUrl: '' });
    assert.equal(missing?.fields[0]?.kind, 'string');
  });
});

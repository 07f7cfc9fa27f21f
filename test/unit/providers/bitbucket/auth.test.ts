import assert from 'node:assert/strict';
import { CREDENTIALS } from '../../../fakes/bitbucket/fixtures';
import { startHarness, type Harness } from './harness';

describe('bitbucket credential check', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({}, null);
  });
  afterEach(async () => {
    await h.close();
  });

  it('checks an e-mail + API token with GET /user (Basic)', async () => {
    const check = await h.provider.checkToken(CREDENTIALS.account);
    assert.deepEqual(check, { login: 'Dana Developer', scopes: undefined, missingScopes: [] });
    assert.deepEqual(h.server.stats.requests.map((r) => r.path), ['/2.0/user']);
  });

  it('checks a workspace access token with /workspaces after /user refuses it, and reads its scopes', async () => {
    const check = await h.provider.checkToken(CREDENTIALS.workspaceReadOnly);
    assert.equal(check.login, 'access token (acme)');
    assert.deepEqual(check.scopes, ['repository:read', 'pipeline:read']);
    assert.deepEqual(check.missingScopes, ['pipeline:write']);
  });

  it('accepts a repository access token that may read neither /user nor /workspaces', async () => {
    const check = await h.provider.checkToken(CREDENTIALS.repository);
    assert.equal(check.login, 'repository access token');
    assert.deepEqual(check.missingScopes, []);
  });

  it('rejects a wrong token and a wrong password with AuthError, the secret kept out of the message', async () => {
    await assert.rejects(h.provider.checkToken('ATCTT3xFfGN0NotAValidToken000000000000000'), (error: Error & { kind?: string }) => error.kind === 'auth' && !error.message.includes('NotAValid'));
    await assert.rejects(h.provider.checkToken('dana@example.com:ATATT3xFfGF0Wrong000000000000000000'), (error: Error & { kind?: string }) => error.kind === 'auth' && !error.message.includes('Wrong0000'));
    await assert.rejects(h.provider.listRuns(h.repo), { kind: 'auth' });
  });
});

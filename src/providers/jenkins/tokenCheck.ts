/** Credential check before storing: GET /me/api/json with it (id and fullName of the user it signs in). */
import { AuthError } from '../../core/errors';
import type { RequestOptions, TokenCheck } from '../../core/ci/provider';
import { requireRecord, str } from '../http';
import { jenkinsAuth, type JenkinsClient } from './client';

export async function checkJenkinsCredential(client: JenkinsClient, credential: string, options: RequestOptions = {}): Promise<TokenCheck> {
  const answer = await client.request({ path: '/me/api/json', query: { tree: 'id,fullName' }, what: 'current user', auth: jenkinsAuth(credential), signal: options.signal });
  const me = requireRecord(answer.body, 'Jenkins user', ['id']);
  const id = str(me, 'id') ?? '';
  if (id === 'anonymous') throw new AuthError('Jenkins did not accept the user name and API token (signed in as anonymous)');
  return { login: id, scopes: undefined, missingScopes: [] };
}

export async function currentJenkinsUser(client: JenkinsClient, options: RequestOptions = {}): Promise<string> {
  const answer = await client.request({ path: '/me/api/json', query: { tree: 'id,fullName' }, what: 'current user', signal: options.signal });
  return str(requireRecord(answer.body, 'Jenkins user', ['id']), 'id') ?? '';
}

/**
 * Token check: GET /v2/access-token (uuid and REST scopes, needs no scope), then the user's name
 * from GET /v2/user when the token may read it. Without write_builds the token is read-only.
 */
import type { RequestOptions, TokenCheck } from '../../core/ci/provider';
import { bearer, asArray, requireRecord, str } from '../http';
import { READ_SCOPES, WRITE_SCOPE, type BuildkiteClient } from './client';

export const REQUIRED_SCOPES: readonly string[] = [...READ_SCOPES, WRITE_SCOPE];

export async function checkBuildkiteToken(client: BuildkiteClient, token: string, options: RequestOptions = {}): Promise<TokenCheck> {
  const auth = bearer(token);
  const answer = await client.request(undefined, { path: '/v2/access-token', what: 'access token', auth, signal: options.signal });
  const body = requireRecord(answer.body, 'Buildkite access token');
  const scopes = asArray(body.scopes).filter((s): s is string => typeof s === 'string');
  const uuid = str(body, 'uuid') ?? '';
  const user = await client.request(undefined, { path: '/v2/user', what: 'current user', auth, signal: options.signal, accept: [403] });
  const name = user.status === 200 ? str(requireRecord(user.body, 'Buildkite user'), 'name') : undefined;
  return { login: name ?? `API token ${uuid.slice(0, 8)}`, scopes, missingScopes: REQUIRED_SCOPES.filter((scope) => !scopes.includes(scope)) };
}

export async function currentUserName(client: BuildkiteClient, options: RequestOptions = {}): Promise<string> {
  const user = await client.request(undefined, { path: '/v2/user', what: 'current user', signal: options.signal });
  return str(requireRecord(user.body, 'Buildkite user'), 'name') ?? '';
}

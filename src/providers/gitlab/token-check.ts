/**
 * Token check: GET /user, then GET /personal_access_tokens/self for scopes.
 * Full use needs `api`; a `read_api` token is valid but read-only (missingScopes ['api']).
 */
import type { RequestOptions, TokenCheck } from '../../core/ci/provider';
import type { GitLabHttp } from './http';
import { asArray, asRecord, bearer, str } from '../http';

export const REQUIRED_SCOPES: readonly string[] = ['api'];

export async function checkGitLabToken(http: GitLabHttp, token: string, options: RequestOptions = {}): Promise<TokenCheck> {
  const user = await http.request({ path: '/user', what: 'current user', auth: bearer(token), signal: options.signal });
  const login = str(asRecord(user.body), 'username') ?? '';
  // OAuth tokens and older instances have no "self" endpoint: scopes unknown.
  const self = await http.request({
    path: '/personal_access_tokens/self',
    what: 'token scopes',
    auth: bearer(token),
    signal: options.signal,
    accept: [401, 403, 404],
  });
  if (self.status !== 200) {
    return { login, scopes: undefined, missingScopes: [] };
  }
  const scopes = asArray(asRecord(self.body).scopes).filter((s): s is string => typeof s === 'string');
  return { login, scopes, missingScopes: REQUIRED_SCOPES.filter((scope) => !scopes.includes(scope)) };
}

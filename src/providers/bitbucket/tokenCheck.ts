/**
 * Credential check before storing. An Atlassian account e-mail + API token (Basic) must read
 * GET /user. A bare secret is an access token (Bearer): a workspace or project token may not read
 * /user (403: it is no user), so GET /workspaces comes next; a repository token sees neither (403)
 * and is accepted as valid for its one repository. 401 anywhere is a bad credential (AuthError).
 * Scopes come from `X-OAuth-Scopes` where the answer carries it; without `pipeline:write` the
 * account is read-only.
 */
import type { RequestOptions, TokenCheck } from '../../core/ci/provider';
import { splitCredential } from '../../core/ci/credential';
import { asArray, child, isRecord, requireRecord, str, type HttpResponse } from '../http';
import { authOf, READ_SCOPES, WRITE_SCOPE, type BitbucketClient } from './client';

export const REQUIRED_SCOPES: readonly string[] = [...READ_SCOPES, WRITE_SCOPE];

function scopesOf(answer: HttpResponse): string[] | undefined {
  const header = answer.headers.get('x-oauth-scopes');
  return header === null ? undefined : header.split(/[\s,]+/).filter((scope) => scope !== '');
}

/** `pipeline:write` implies `pipeline:read`, and `repository:write` implies `repository:read`. */
function missing(scopes: readonly string[] | undefined): string[] {
  if (scopes === undefined) return [];
  const has = (scope: string): boolean => scopes.includes(scope) || scopes.includes(scope.replace(/:read$/, ':write')) || scopes.includes(scope.replace(/:(read|write)$/, ':admin'));
  return REQUIRED_SCOPES.filter((scope) => !has(scope));
}

function userName(body: unknown): string {
  const user = requireRecord(body, 'Bitbucket user');
  return str(user, 'display_name') ?? str(user, 'nickname') ?? str(user, 'username') ?? str(user, 'uuid') ?? 'Bitbucket user';
}

export async function checkBitbucketToken(client: BitbucketClient, credential: string, options: RequestOptions = {}): Promise<TokenCheck> {
  const auth = authOf(credential);
  const basic = splitCredential(credential).user !== undefined;
  const user = await client.request({ path: '/user', what: 'current user', auth, signal: options.signal, ...(basic ? {} : { accept: [403] }) });
  if (user.status === 200) {
    const scopes = scopesOf(user);
    return { login: userName(user.body), scopes, missingScopes: missing(scopes) };
  }
  const workspaces = await client.request({ path: '/workspaces', what: 'workspaces', auth, signal: options.signal, accept: [403] });
  const scopes = scopesOf(workspaces) ?? scopesOf(user);
  if (workspaces.status === 200) {
    const names = asArray(isRecord(workspaces.body) ? workspaces.body.values : undefined).flatMap((w) => (isRecord(w) ? [str(w, 'slug') ?? str(child(w, 'workspace'), 'slug') ?? ''] : [])).filter((n) => n !== '');
    return { login: names.length > 0 ? `access token (${names.join(', ')})` : 'access token', scopes, missingScopes: missing(scopes) };
  }
  return { login: 'repository access token', scopes, missingScopes: missing(scopes) };
}

export async function currentUserName(client: BitbucketClient, options: RequestOptions = {}): Promise<string> {
  const user = await client.request({ path: '/user', what: 'current user', signal: options.signal, accept: [403] });
  return user.status === 200 ? userName(user.body) : '';
}

/**
 * Token check: GET /{organization}/_apis/connectionData with the PAT (Basic, empty user name), which
 * any valid token may read and which names the signed-in identity. Azure DevOps does not tell a
 * PAT's scopes; a token without Build (Read & execute) shows when an action is refused (403).
 * An invalid PAT is answered 401, or 203 with a sign-in page: both are AuthError.
 */
import { AuthError } from '../../core/errors';
import type { RequestOptions, TokenCheck } from '../../core/ci/provider';
import { child, parseJson, requireRecord, str } from '../http';
import { patAuth, type AzureClient } from './client';

/** `org` undefined: the server itself (an Azure DevOps Server base answers connectionData too). */
export function connectionDataPath(organization: string | undefined): string {
  return organization === undefined ? '/_apis/connectionData' : `/${encodeURIComponent(organization)}/_apis/connectionData`;
}

async function connectionData(client: AzureClient, organization: string | undefined, token: string | undefined, options: RequestOptions): Promise<Record<string, unknown>> {
  // connectionData is a location-service resource that takes no api-version.
  const answer = await client.request({
    path: connectionDataPath(organization),
    what: 'connection data',
    query: { 'api-version': undefined },
    ...(token !== undefined ? { auth: patAuth(token) } : {}),
    as: 'bytes',
    signal: options.signal,
  });
  if (answer.status === 203 || !(answer.headers.get('content-type') ?? '').includes('json')) {
    throw new AuthError('Azure DevOps did not accept the personal access token (it answered with a sign-in page)');
  }
  return { ...requireRecord(parseJson(answer.bytes, answer.headers.get('content-type') ?? '', 'Azure DevOps connection data'), 'Azure DevOps connection data', ['authenticatedUser']) };
}

function nameOf(data: Record<string, unknown>): string {
  const user = child(data, 'authenticatedUser');
  return str(user, 'providerDisplayName') ?? str(user, 'customDisplayName') ?? str(user, 'id') ?? '';
}

export async function checkAzureToken(client: AzureClient, organization: string | undefined, token: string, options: RequestOptions = {}): Promise<TokenCheck> {
  const data = await connectionData(client, organization, token, options);
  return { login: nameOf(data), scopes: undefined, missingScopes: [] };
}

export async function currentAzureUser(client: AzureClient, organization: string | undefined, options: RequestOptions = {}): Promise<string> {
  return nameOf(await connectionData(client, organization, undefined, options));
}

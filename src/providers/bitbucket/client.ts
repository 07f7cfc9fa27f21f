/**
 * HTTP for one Bitbucket Cloud account, on the shared toolkit: HTTP Basic for an Atlassian account
 * e-mail + API token (`user:secret`), Bearer for a repository/workspace access token (a bare secret),
 * Bitbucket's error wording, and one client-side budget: Bitbucket counts requests per hour
 * (1,000 an hour for most API resources), so the limiter paces below that and pauses when the server
 * answers 429.
 */
import { basicAuthorization, splitCredential } from '../../core/ci/credential';
import { bearer, child, isRecord, str, type AuthHeader, type ErrorDialect, type HttpClient, type HttpRequest, type HttpResponse, type RequestLimiter } from '../http';
import { budgetedClient, type ClientConfig } from '../http/clientOptions';

/** Where the key lacks permission, Bitbucket's 403 names the scope it needs ("pipeline:write"). */
const SCOPE = /\b(?:pipeline|repository|account|workspace|project)(?::(?:read|write|admin|variable))+\b/g;
export const WRITE_SCOPE = 'pipeline:write';
export const READ_SCOPES = ['repository:read', 'pipeline:read'] as const;

function errorText(body: unknown): string | undefined {
  if (!isRecord(body)) return typeof body === 'string' && body.length < 300 ? body || undefined : undefined;
  const error = child(body, 'error');
  const message = str(error, 'message') ?? str(body, 'message');
  const detail = str(error, 'detail');
  return message === undefined ? undefined : detail !== undefined && detail !== message ? `${message}: ${detail}` : message;
}

export const BITBUCKET_DIALECT: ErrorDialect = {
  service: 'Bitbucket',
  messageOf: errorText,
  forbidden(failure) {
    const text = [errorText(failure.body) ?? '', JSON.stringify(isRecord(failure.body) ? (child(failure.body, 'error')?.data ?? '') : '')].join(' ');
    const missing = [...new Set(text.match(SCOPE) ?? [])];
    return { missingScopes: missing, ...(failure.method !== 'GET' && missing.length === 0 ? { need: `actions need the ${WRITE_SCOPE} permission` } : {}) };
  },
};

/** The Authorization header of a stored credential: `user:secret` -> Basic, a bare secret -> Bearer. */
export function authOf(credential: string): AuthHeader {
  const parts = splitCredential(credential);
  return parts.user === undefined ? bearer(parts.secret) : { name: 'authorization', value: basicAuthorization(parts), secret: parts.secret };
}

export type BitbucketClientConfig = ClientConfig;

export class BitbucketClient {
  private readonly http: HttpClient;
  private readonly limiter: RequestLimiter;

  constructor(config: BitbucketClientConfig) {
    ({ http: this.http, limiter: this.limiter } = budgetedClient(config, BITBUCKET_DIALECT, authOf));
  }

  get rateLimit(): HttpClient['rateLimit'] {
    return this.http.rateLimit;
  }

  request(req: HttpRequest): Promise<HttpResponse> {
    return this.http.request(req);
  }

  dispose(): void {
    this.http.dispose();
    this.limiter.dispose();
  }
}

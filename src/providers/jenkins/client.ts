/**
 * HTTP for one Jenkins server, on the shared toolkit: the credential `user:apiToken` as HTTP Basic
 * (or anonymous, where the server grants Overall/Read to anonymous), Jenkins' error wording, and the
 * CSRF crumb for POSTs: asked once per session from /crumbIssuer/api/json (404: no crumb issuer).
 * Jenkins needs no crumb with an API token; with a password it does, so it is always sent when issued.
 */
import { AuthError, ForbiddenError } from '../../core/errors';
import { basicAuthorization, splitCredential } from '../../core/ci/credential';
import type { ClientConfig } from '../http/clientOptions';
import { HttpClient, isRecord, str, type AuthHeader, type ErrorDialect, type HttpRequest, type HttpResponse } from '../http';

/** Sent instead of credentials for anonymous reads (the toolkit sends nothing without an auth header). */
const ANONYMOUS: AuthHeader = { name: 'x-flowforge-anonymous', value: '1', secret: '' };

export function jenkinsAuth(credential: string | undefined): AuthHeader {
  if (credential === undefined || credential === '') return ANONYMOUS;
  const parts = splitCredential(credential);
  return { name: 'authorization', value: basicAuthorization(parts), secret: parts.secret };
}

/** Jenkins' HTML error pages say little; 503 while starting says "Jenkins is getting ready to work". */
export const JENKINS_DIALECT: ErrorDialect = {
  service: 'Jenkins',
  messageOf(body) {
    if (isRecord(body)) return str(body, 'message');
    if (typeof body !== 'string') return undefined;
    if (/getting ready to work/i.test(body)) return 'Jenkins is getting ready to work (restarting); try again shortly';
    if (/No valid crumb/i.test(body)) return 'No valid crumb was included in the request (CSRF protection)';
    const missing = /is missing the ([\w/ ]+) permission/i.exec(body);
    if (missing) return `missing the ${missing[1] ?? ''} permission`;
    return body.length < 200 && !body.includes('<') ? body || undefined : undefined;
  },
  forbidden(failure) {
    const body = typeof failure.body === 'string' ? failure.body : '';
    const missing = /is missing the ([\w/ ]+) permission/i.exec(body)?.[1];
    return { missingScopes: missing ? [missing] : [], ...(failure.method !== 'GET' ? { need: missing ? `the ${missing} permission` : 'the Job/Build permission' } : {}) };
  },
};

/** The shared REST client config (src/providers/http/clientOptions.ts); Jenkins has no request budget per minute. */
export type JenkinsClientConfig = Omit<ClientConfig, 'requestsPerMinute'>;

interface Crumb {
  readonly field: string;
  readonly value: string;
}

export class JenkinsClient {
  private readonly http: HttpClient;
  /** The session's crumb (null: the server issues none), asked before the first POST. */
  private crumb: Promise<Crumb | null> | undefined;

  constructor(private readonly config: JenkinsClientConfig) {
    this.http = new HttpClient({
      baseUrl: config.host,
      dialect: JENKINS_DIALECT,
      auth: async () => jenkinsAuth(await config.getToken()),
      ...(config.fetch ? { fetch: config.fetch } : {}),
      userAgent: config.userAgent,
      timeoutMs: config.timeoutMs,
      retry: { maxRetries: config.maxRetries, baseDelayMs: config.retryDelayMs },
      clock: config.clock,
      logger: config.logger,
    });
  }

  get rateLimit(): HttpClient['rateLimit'] {
    return this.http.rateLimit;
  }

  /** A read or a mutation; a 403 to an anonymous request asks for sign-in (AuthError). */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const method = req.method ?? 'GET';
    const headers = method === 'POST' ? { ...(await this.crumbHeader(req.signal)), ...req.headers } : req.headers;
    try {
      return await this.http.request({ ...req, ...(headers ? { headers } : {}) });
    } catch (error) {
      throw req.auth === undefined ? await this.anonymousDenied(error, req.what) : error;
    }
  }

  /** A streamed download from this server (see HttpClient.download); a 403 to anonymous asks for sign-in too. */
  async download(req: Parameters<HttpClient['download']>[0]): ReturnType<HttpClient['download']> {
    try {
      return await this.http.download(req);
    } catch (error) {
      throw await this.anonymousDenied(error, req.what);
    }
  }

  /** AuthError instead of a 403 when no credential is set; `error` unchanged otherwise. */
  private async anonymousDenied(error: unknown, what: string): Promise<unknown> {
    return error instanceof ForbiddenError && !(await this.signedIn()) ? new AuthError(`Jenkins at ${this.config.host} does not allow anonymous access to ${what}: set a user name and API token`) : error;
  }

  dispose(): void {
    this.http.dispose();
  }

  private async signedIn(): Promise<boolean> {
    const token = await this.config.getToken();
    return token !== undefined && token !== '';
  }

  private async crumbHeader(signal: AbortSignal | undefined): Promise<Record<string, string>> {
    this.crumb ??= this.http
      .request({ path: '/crumbIssuer/api/json', what: 'CSRF crumb', signal, accept: [404] })
      .then((answer) => {
        const field = isRecord(answer.body) ? str(answer.body, 'crumbRequestField') : undefined;
        const value = isRecord(answer.body) ? str(answer.body, 'crumb') : undefined;
        return answer.status === 200 && field !== undefined && value !== undefined ? { field, value } : null;
      })
      .catch((error: unknown) => {
        this.crumb = undefined;
        throw error;
      });
    const crumb = await this.crumb;
    return crumb === null ? {} : { [crumb.field.toLowerCase()]: crumb.value };
  }
}

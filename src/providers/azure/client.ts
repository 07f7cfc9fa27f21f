/**
 * HTTP for one Azure DevOps server, on the shared toolkit: a PAT as Basic with an empty user name,
 * `api-version=7.1` on every request, Azure DevOps' error wording, and its rate limits: the
 * X-RateLimit-* headers are remembered, and a Retry-After (Azure DevOps sends it on 429 and when it
 * starts delaying requests, before it refuses them) pauses this account until then.
 */
import { basic, isRecord, resumeAt, str, type ErrorDialect, type HttpClient, type HttpRequest, type HttpResponse, type RequestLimiter } from '../http';
import { budgetedClient, type ClientConfig } from '../http/clientOptions';
import { API_VERSION } from './urls';

/** PAT scopes: Build (Read) for the reads, Build (Read & execute) to queue, retry and cancel. */
export const READ_SCOPE = 'vso.build';
export const WRITE_SCOPE = 'vso.build_execute';

const SCOPE = /\bvso\.[a-z_]+\b/g;

export const AZURE_DIALECT: ErrorDialect = {
  service: 'Azure DevOps',
  messageOf(body) {
    if (isRecord(body)) return str(body, 'message');
    return typeof body === 'string' && body.length < 300 && !body.trimStart().startsWith('<') ? body || undefined : undefined;
  },
  forbidden(failure) {
    const message = isRecord(failure.body) ? (str(failure.body, 'message') ?? '') : '';
    const missing = [...new Set(message.match(SCOPE) ?? [])];
    return { missingScopes: missing, ...(failure.method !== 'GET' && missing.length === 0 ? { need: 'actions need a token with the Build (Read & execute) scope' } : {}) };
  },
};

export type AzureClientConfig = ClientConfig;

/** The credential header of a PAT: Basic with an empty user name. */
export const patAuth = (token: string): ReturnType<typeof basic> => basic('', token);

export class AzureClient {
  private readonly http: HttpClient;
  private readonly limiter: RequestLimiter;

  constructor(private readonly config: AzureClientConfig) {
    ({ http: this.http, limiter: this.limiter } = budgetedClient(config, AZURE_DIALECT, patAuth));
  }

  get rateLimit(): HttpClient['rateLimit'] {
    return this.http.rateLimit;
  }

  /** A request with `api-version` added; a Retry-After on a successful answer pauses later requests. */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const answer = await this.http.request({ ...req, query: { 'api-version': API_VERSION, ...req.query } });
    if (answer.headers.get('retry-after') !== null) {
      const until = resumeAt(answer.headers, this.config.clock.now());
      this.config.logger.debug(`Azure DevOps asks to slow down (${answer.headers.get('x-ratelimit-resource') ?? 'requests'}); pausing until ${new Date(until).toISOString()}`);
      this.limiter.pauseUntil(until);
    }
    return answer;
  }

  /** A streamed download with `api-version` added (see HttpClient.download). */
  download(req: Parameters<HttpClient['download']>[0]): ReturnType<HttpClient['download']> {
    return this.http.download({ ...req, query: { 'api-version': API_VERSION, ...req.query } });
  }

  dispose(): void {
    this.http.dispose();
    this.limiter.dispose();
  }
}

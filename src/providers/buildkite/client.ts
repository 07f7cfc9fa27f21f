/**
 * HTTP for one Buildkite account, on the shared toolkit: Bearer auth, Buildkite's error wording,
 * and one request budget per organization (Buildkite counts 200 requests per minute per
 * organization, for every user and tool together), paused when the server says it is spent.
 */
import { bearer, HttpClient, RequestLimiter, type ErrorDialect, type HttpRequest, type HttpResponse } from '../http';
import { asArray, isRecord, str } from '../http';
import { splitSlug } from './urls';
import type { ClientConfig } from '../http/clientOptions';

/** The REST scopes FlowForge's reads need, and the one its actions need. */
export const READ_SCOPES = ['read_builds', 'read_pipelines', 'read_build_logs'] as const;
export const WRITE_SCOPE = 'write_builds';

const SCOPE = /\b(?:read|write)_[a-z_]+\b/g;

export const BUILDKITE_DIALECT: ErrorDialect = {
  service: 'Buildkite',
  messageOf(body) {
    if (!isRecord(body)) return typeof body === 'string' && body.length < 300 ? body || undefined : undefined;
    const message = str(body, 'message');
    const fields = asArray(body.errors).flatMap((e) => (isRecord(e) ? [str(e, 'field') ?? str(e, 'message') ?? ''] : typeof e === 'string' ? [e] : [])).filter((f) => f !== '');
    return message === undefined ? undefined : fields.length > 0 ? `${message} (${fields.join(', ')})` : message;
  },
  forbidden(failure) {
    const message = isRecord(failure.body) ? (str(failure.body, 'message') ?? '') : '';
    const missing = [...new Set(message.match(SCOPE) ?? [])];
    return { missingScopes: missing, ...(failure.method !== 'GET' && missing.length === 0 ? { need: `actions need the ${WRITE_SCOPE} scope` } : {}) };
  },
};

/** The shared REST client config (src/providers/http/clientOptions.ts). */
export type BuildkiteClientConfig = ClientConfig;

export class BuildkiteClient {
  private readonly byOrg = new Map<string, { readonly client: HttpClient; readonly limiter: RequestLimiter }>();
  private readonly unlimited: HttpClient;

  constructor(private readonly config: BuildkiteClientConfig) {
    this.unlimited = this.make(undefined);
  }

  get rateLimit(): HttpClient['rateLimit'] {
    let latest: HttpClient['rateLimit'];
    for (const { client } of this.byOrg.values()) {
      const info = client.rateLimit;
      if (info !== undefined && (latest === undefined || info.remaining < latest.remaining)) latest = info;
    }
    return latest ?? this.unlimited.rateLimit;
  }

  /** A request against `slug`'s organization budget (or none for token-level endpoints). */
  request(slug: string | undefined, req: HttpRequest): Promise<HttpResponse> {
    return this.clientFor(slug === undefined ? undefined : splitSlug(slug).org).request(req);
  }

  /** A streamed download against `slug`'s organization budget (see HttpClient.download). */
  download(slug: string, req: Parameters<HttpClient['download']>[0]): ReturnType<HttpClient['download']> {
    return this.clientFor(splitSlug(slug).org).download(req);
  }

  /** The organization's budget, per org slug. */
  forOrg(org: string): HttpClient {
    return this.clientFor(org);
  }

  /** Ends every request in flight (CancelledError) and the organizations' limiters. */
  dispose(): void {
    this.unlimited.dispose();
    for (const { client, limiter } of this.byOrg.values()) {
      client.dispose();
      limiter.dispose();
    }
    this.byOrg.clear();
  }

  private clientFor(org: string | undefined): HttpClient {
    if (org === undefined) return this.unlimited;
    let entry = this.byOrg.get(org);
    if (entry === undefined) {
      const limiter = new RequestLimiter(this.config.requestsPerMinute, this.config.clock);
      entry = { limiter, client: this.make(limiter) };
      this.byOrg.set(org, entry);
    }
    return entry.client;
  }

  private make(limiter: RequestLimiter | undefined): HttpClient {
    const { config } = this;
    return new HttpClient({
      baseUrl: config.host,
      dialect: BUILDKITE_DIALECT,
      auth: async () => {
        const token = await config.getToken();
        return token === undefined || token === '' ? undefined : bearer(token);
      },
      ...(config.fetch ? { fetch: config.fetch } : {}),
      userAgent: config.userAgent,
      timeoutMs: config.timeoutMs,
      ...(limiter ? { limiter } : {}),
      retry: { maxRetries: config.maxRetries, baseDelayMs: config.retryDelayMs },
      clock: config.clock,
      logger: config.logger,
    });
  }
}

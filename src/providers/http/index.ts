/**
 * The shared HTTP toolkit of the REST providers (GitLab, Buildkite, Jenkins, Bitbucket, Azure; GitHub uses
 * its fetch, JSON, schema and redaction parts under Octokit).
 * No vscode, no config reads; everything is injected. What to import for what:
 *
 * Requests — `new HttpClient({ baseUrl, dialect, auth, fetch, userAgent, timeoutMs, limiter, retry, clock, logger })`
 *   `client.request({ method, path, query, headers, json, signal, what, auth, accept, as })` -> HttpResponse
 *   `client.getJson(path, what, { query, signal })` -> unknown (strict JSON)
 *   `client.rateLimit` (last RateLimitInfo seen), `client.url(path, query)`.
 *   - `baseUrl` may carry a path prefix ("https://ci.example.com/jenkins/"); `path` is below it, or an
 *     absolute URL on the same origin (next links); other origins are refused.
 *   - `auth: () => Promise<AuthHeader | undefined>` per request: `bearer(token)`, `basic(user, token)`,
 *     `tokenHeader('private-token', token)`. Undefined -> AuthError, nothing sent. The token is redacted
 *     by value from every error message; credential headers are dropped on a cross-origin redirect.
 *   - `timeoutMs` covers the whole exchange, headers and body (stall mid-body -> HttpNetworkError 'timeout').
 *   - `signal` abort -> CancelledError. Retries: GET/HEAD only (network reset/refused, 502/503/504,
 *     429 with Retry-After <= 10 s), 2 by default, abortable; POST/PUT/PATCH/DELETE never.
 *   - `as: 'json'` (default) -> strict JSON: HTML page, empty or invalid JSON -> UnexpectedResponseError.
 *     `as: 'text' | 'bytes'`; `bytes` is always there. `accept: [416]` returns those statuses. A GET whose
 *     Accept asks for text/plain (a log) and gets an HTML page -> UnexpectedResponseError.
 * Errors — `translateStatus` maps 401 AuthError, 403 ForbiddenError (missing scopes from
 *   `dialect.forbidden`), 404 NotFoundError, 410 GoneError, 400/409/422 ValidationError, 429
 *   RateLimitError (Retry-After / RateLimit-Reset / X-RateLimit-Reset), 5xx ServerError.
 *   `HttpNetworkError` (a core NetworkError) has `reason`: dns | refused | reset | tls | timeout | other.
 *   `UnexpectedResponseError` (a core ServerError): a 2xx answer that is not what was asked for.
 *   `ErrorDialect` = { service, messageOf?(body), forbidden?(failure) } words errors per service.
 * JSON guards — `requireArray(v, what)`, `requireRecord(v, what)` throw on the wrong top-level shape;
 *   `isRecord`, `asRecord`, `asArray`, `str`, `num`, `bool`, `idOf`, `child` read fields leniently.
 *   `parseJsonText(text, contentType, what, parse?)` and `rejectHtml(text, contentType, what)` for
 *   bodies an SDK handed back as text; `parseJsonKeepingBigInts(text)`: linear, big integers exact.
 * Schemas — `requireShape(v, spec, what)` (ShapeError: "the server's answer was not the expected
 *   shape: …"), `wellShaped(list, spec, what, logger)` keeps good items, drops and logs the others.
 * Redaction — `redactError(error, secrets)` (message, stack, causes), `rewriteErrorTexts(error, rewrite)`
 *   (the provider pool applies it with every configured token: accountAccess.ts).
 * Budget — `new RequestLimiter(perMinute, clock)`, one per host and account: a quarter of the budget at
 *   once, the rest paced, never more than perMinute in any 60 s; paused (fail fast with
 *   RateLimitError) when the server says its budget is spent. Dispose it with the provider.
 * Pagination — `collectPages(first, cursor => ({ items, next }), maxPages = 20)` for page numbers,
 *   cursors and next URLs alike; `linkNext(headers)` (Link rel="next"), `offsetPageInfo(headers)`
 *   (X-Next-Page / X-Total).
 * Downloads — `client.download({ path, expect: 'zip' | 'file', fileName, what, signal })` or
 *   `download({ url, auth, ... }, { fetch, dialect, host, userAgent, headersTimeoutMs, stallTimeoutMs })`
 *   -> ArtifactDownload streamed (body AsyncIterable<Uint8Array>): credentials to the API origin only
 *   (a redirect to a storage host gets none), headers timeout + stall timeout, retried before the first
 *   body byte only, a storage host's 401/403/404/410 -> GoneError, `zip` checks the zip magic.
 * Rate-limit headers — `readRateLimit(headers, now)`, `resumeAt(headers, now)`.
 * Sharing — `new SharedProbe(run, onFinished)`: one in-flight request joined by several callers, each
 *   with its own AbortSignal; aborted only when every caller left.
 * Byte ranges — `completeUtf8Length(bytes)`: where a ranged log read may be cut safely.
 * Change detection — `new Fingerprints().changed(key, value)`: for APIs without ETags, whether a mapped
 *   answer differs from the last one under the same key.
 * SDKs — `wholeExchangeFetch({ fetch, timeoutMs, service, host })` is a fetch with the same timeout,
 *   whole-body and redirect guarantees, for Octokit's `request.fetch`.
 */
export { basic, bearer, tokenHeader, type AuthHeader } from './auth';
export { HttpClient, type HttpClientConfig, type HttpRequest, type HttpResponse, type Method, type Query } from './client';
export {
  HttpNetworkError,
  translateStatus,
  translateTransportError,
  UnexpectedResponseError,
  type ErrorDialect,
  type FailedResponse,
  type NetworkReason,
} from './errors';
export { wholeExchangeFetch, type FetchLike } from './exchange';
export { download, type DownloadOptions, type DownloadRequest } from './download';
export { asArray, asRecord, bool, child, idOf, isRecord, num, parseJson, parseJsonText, rejectHtml, requireArray, requireRecord, str, type JsonRecord } from './json';
export { parseJsonKeepingBigInts } from './bigIntJson';
export { redactError, rewriteErrorTexts } from './redactError';
export { requireShape, ShapeError, shapeProblems, wellShaped, type FieldSpec, type FieldType, type ShapeSpec } from './shape';
export { RequestLimiter } from './limiter';
export { collectPages, linkNext, offsetPageInfo, type Collected, type OffsetPageInfo, type PageResult } from './pagination';
export { readRateLimit, resumeAt } from './rateLimit';
export { DEFAULT_RETRY, type RetryPolicy } from './retry';
export { SharedProbe } from './sharedProbe';
export { completeUtf8Length } from './utf8';
export { Fingerprints } from './fingerprint';

/**
 * A streaming GET for artifact downloads. Unlike `exchange` (one timeout over the whole answer,
 * body held in memory), the body is handed over chunk by chunk as the caller reads it:
 * - credentials go only to `apiOrigin`; redirects are followed here (at most 5) and once a hop
 *   leaves that origin no credential header is sent again (GitHub, Buildkite and Azure answer 302
 *   to a storage host with a signed URL);
 * - a timeout for the headers (and first bytes), then a stall timeout: no body bytes for
 *   `stallTimeoutMs` ends the read with HttpNetworkError 'timeout', however long the file is;
 * - failures before the first body byte are retried like any GET (retry.ts); never after it;
 * - a storage host's 401/403/404/410 is an expired signed link: GoneError;
 * - `expect: 'zip'` checks the zip magic on the first bytes (a sign-in page is not an archive).
 */
import type { ArtifactDownload } from '../../core/ci/operations';
import { CancelledError, GoneError, isCiError } from '../../core/errors';
import { nullLogger, systemClock, type Clock, type Logger } from '../../core/ports';
import type { AuthHeader } from './auth';
import { HttpNetworkError, translateStatus, translateTransportError, UnexpectedResponseError, type ErrorDialect } from './errors';
import type { FetchLike } from './exchange';
import { parseErrorBody } from './json';
import { redactError } from './redactError';
import { DEFAULT_RETRY, retryDelay, sleep, type RetryPolicy } from './retry';

export interface DownloadRequest {
  /** Absolute URL of the download on the API's origin. */
  readonly url: URL;
  /** Sent to `url`'s origin only; undefined: no credentials. */
  readonly auth?: AuthHeader;
  /** Extra headers (lower-case names) sent to every hop, e.g. accept. */
  readonly headers?: Readonly<Record<string, string>>;
  /** 'zip': the body must start with the zip magic. */
  readonly expect: 'zip' | 'file';
  /** File name to save it under (no path separators); see ArtifactDownload. */
  readonly fileName: string;
  /** Token-free description for messages, e.g. "artifact coverage of run 42". */
  readonly what: string;
  readonly signal?: AbortSignal;
}

export interface DownloadOptions {
  readonly fetch?: FetchLike;
  readonly dialect: ErrorDialect;
  /** For messages: the API host. */
  readonly host: string;
  readonly userAgent: string;
  /** Until the headers and the first body bytes arrive, per attempt (default 30 s). */
  readonly headersTimeoutMs?: number;
  /** Longest silence between two body chunks (default 30 s). */
  readonly stallTimeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Waited on before each attempt to the API origin (the host's request budget). */
  readonly acquire?: (signal: AbortSignal | undefined) => Promise<void>;
}

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** "PK\x03\x04" (local file header) or "PK\x05\x06" (an empty archive's end record). */
const ZIP_MAGICS = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
] as const;
const DEFAULT_TIMEOUT_MS = 30_000;

/** Opens the download and reads its first bytes; the rest streams as the body is iterated. */
export async function download(request: DownloadRequest, options: DownloadOptions): Promise<ArtifactDownload> {
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? nullLogger;
  const secrets = request.auth ? [request.auth.secret] : [];
  for (let attempt = 0; ; attempt++) {
    try {
      return await openOnce(request, options);
    } catch (error) {
      const redacted = redactError(error, secrets);
      const wait = attempt < retry.maxRetries && isCiError(redacted) ? retryDelay(redacted, attempt, retry, clock.now()) : undefined;
      if (wait === undefined) {
        throw redacted;
      }
      logger.debug(`${options.dialect.service} ${request.what}: ${redacted instanceof Error ? redacted.message : 'failed'}; retry ${attempt + 1}/${retry.maxRetries} in ${wait} ms`);
      await sleep(clock, wait, request.signal);
    }
  }
}

function headersOf(request: DownloadRequest, options: DownloadOptions, withCredentials: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: '*/*', 'user-agent': options.userAgent, ...request.headers };
  if (withCredentials && request.auth) {
    headers[request.auth.name] = request.auth.value;
  }
  return headers;
}

async function openOnce(request: DownloadRequest, options: DownloadOptions): Promise<ArtifactDownload> {
  const headersTimeoutMs = options.headersTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), headersTimeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
  const context = (host: string) => ({
    service: options.dialect.service,
    host,
    cancelled: request.signal?.aborted ?? false,
    timedOut: timeout.signal.aborted,
    timeoutMs: headersTimeoutMs,
  });
  const apiOrigin = request.url.origin;
  let url = request.url;
  let credentials = true;
  let response: Response | undefined;
  try {
    await options.acquire?.(request.signal);
    for (let hop = 0; ; hop++) {
      credentials = credentials && url.origin === apiOrigin;
      try {
        response = await (options.fetch ?? globalThis.fetch)(url, { method: 'GET', headers: headersOf(request, options, credentials), signal, redirect: 'manual' });
      } catch (error) {
        throw translateTransportError(error, context(url.origin === apiOrigin ? options.host : url.host));
      }
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || location === null || hop >= MAX_REDIRECTS) {
        break;
      }
      await response.body?.cancel().catch(() => undefined);
      url = new URL(location, url);
    }
    const onStorage = url.origin !== apiOrigin;
    if (response.status < 200 || response.status >= 300) {
      const bytes = await response.arrayBuffer().then((buffer) => new Uint8Array(buffer), () => new Uint8Array());
      if (onStorage && [401, 403, 404, 410].includes(response.status)) {
        throw new GoneError(`${options.dialect.service} ${request.what}: the download link expired (${response.status} from ${url.host})`, response.status);
      }
      throw translateStatus({ status: response.status, headers: response.headers, body: parseErrorBody(bytes), method: 'GET', what: request.what }, options.dialect, Date.now());
    }
    const reader = response.body?.getReader();
    const first = reader ? await firstBytes(reader, request, options) : [];
    clearTimeout(timer);
    const length = Number(response.headers.get('content-length') ?? '');
    const host = onStorage ? url.host : options.host;
    return {
      body: streamed(first, reader, { ...options, host }, request.signal),
      fileName: request.fileName,
      ...(Number.isFinite(length) && length >= 0 && response.headers.has('content-length') ? { sizeBytes: length } : {}),
    };
  } catch (error) {
    await response?.body?.cancel().catch(() => undefined);
    if (isCiError(error)) {
      throw error;
    }
    throw translateTransportError(error, context(options.host));
  } finally {
    clearTimeout(timer);
  }
}

/** Reads until at least 4 bytes (or the end) so the zip magic can be checked; the chunks read so far. */
async function firstBytes(reader: ReadableStreamDefaultReader<Uint8Array>, request: DownloadRequest, options: DownloadOptions): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  while (length < 4) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    chunks.push(value);
    length += value.byteLength;
  }
  if (request.expect === 'zip') {
    const head = new Uint8Array(4);
    let at = 0;
    for (const chunk of chunks) {
      const part = chunk.subarray(0, 4 - at);
      head.set(part, at);
      at += part.byteLength;
      if (at >= 4) {
        break;
      }
    }
    if (!ZIP_MAGICS.some((magic) => magic.every((byte, index) => head[index] === byte))) {
      await reader.cancel().catch(() => undefined);
      throw new UnexpectedResponseError(`${options.dialect.service} ${request.what}: the answer is not a zip archive (a sign-in or error page?)`);
    }
  }
  return chunks;
}

/** The rest of the body, read on demand: each read under the stall timeout; an early `break` cancels the stream. */
async function* streamed(
  first: readonly Uint8Array[],
  reader: ReadableStreamDefaultReader<Uint8Array> | undefined,
  options: DownloadOptions,
  signal: AbortSignal | undefined,
): AsyncGenerator<Uint8Array, void, undefined> {
  const stallMs = options.stallTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  let finished = reader === undefined;
  try {
    for (const chunk of first) {
      yield chunk;
    }
    while (reader && !finished) {
      const { done, value } = await readWithin(reader, stallMs, signal, options);
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) {
      await reader?.cancel().catch(() => undefined);
    }
  }
}

async function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  stallMs: number,
  signal: AbortSignal | undefined,
  options: DownloadOptions,
): Promise<Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>> {
  if (signal?.aborted) {
    throw new CancelledError();
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const interrupted = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new HttpNetworkError(`${options.dialect.service} download from ${options.host} stalled: no data for ${Math.round(stallMs / 100) / 10} s (timed out)`, 'timeout')), stallMs);
    onAbort = () => reject(new CancelledError());
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([reader.read(), interrupted]);
  } catch (error) {
    if (isCiError(error)) {
      throw error;
    }
    throw translateTransportError(error, { service: options.dialect.service, host: options.host, cancelled: signal?.aborted ?? false, timedOut: false, timeoutMs: stallMs });
  } finally {
    clearTimeout(timer);
    if (onAbort) {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

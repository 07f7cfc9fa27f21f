/**
 * Bounded LRU of ETag + response per (URL, token identity). Conditional requests
 * answered 304 Not Modified are served from here and do not spend rate limit.
 * The key holds a hash of the Authorization header, never the token itself.
 */
import { createHash } from 'node:crypto';
import { Lru } from '../../core/lru';

export interface CachedResponse {
  readonly status: number;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | number | undefined>>;
  readonly data: unknown;
}

interface Entry {
  readonly etag: string;
  readonly response: CachedResponse;
}

export const DEFAULT_ETAG_CACHE_SIZE = 500;

export class EtagCache {
  private readonly entries: Lru<string, Entry>;
  private readonly notModified = new WeakSet<object>();

  constructor(maxEntries = DEFAULT_ETAG_CACHE_SIZE) {
    this.entries = new Lru(maxEntries);
  }

  static key(url: string, authorization: string | undefined): string {
    const identity = authorization ? createHash('sha256').update(authorization).digest('hex').slice(0, 16) : 'anonymous';
    return `${identity} ${url}`;
  }

  get size(): number {
    return this.entries.size;
  }

  etag(key: string): string | undefined {
    return this.entries.peek(key)?.etag;
  }

  /** The cached response for a 304, marked so wasNotModified() recognizes it. */
  hit(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    const response = { ...entry.response };
    this.notModified.add(response);
    return response;
  }

  store(key: string, etag: string, response: CachedResponse): void {
    this.entries.set(key, { etag, response });
  }

  /** True when the response object came from the cache after a 304. */
  wasNotModified(response: object): boolean {
    return this.notModified.has(response);
  }

  clear(): void {
    this.entries.clear();
  }
}

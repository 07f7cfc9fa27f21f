/**
 * A fake blob store on its own 127.0.0.1 port: the second origin an API redirects artifact
 * downloads to (S3 for Buildkite, blob storage for Azure DevOps). A blob is served at a signed URL
 * (`?sig=`), answers 403 once its link expired (as S3 answers an expired presigned URL), and every
 * request's Authorization header is recorded: a client must never send the API's token here.
 */
import { randomBytes } from 'node:crypto';
import { FakeServer } from './server';
import { Router } from './router';
import { json, text, type Reply } from './reply';

/** How a fake API hands out a download: a signed URL on the storage origin for these bytes. */
export type SignBlob = (key: string, bytes: Uint8Array, contentType: string) => string;

export interface StoredBlob {
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

/** Headers that carry a credential (GitHub/Buildkite/Azure Authorization, GitLab PRIVATE-TOKEN / JOB-TOKEN, cookies, API keys). */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'private-token', 'job-token', 'x-api-key'];

const accessDenied = (message: string): Reply =>
  text(403, `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>${message}</Message></Error>`, { 'content-type': 'application/xml' });

export class FakeStorageServer extends FakeServer<Record<string, never>> {
  /** Every blob request, in order: its path and query, and its Authorization header (undefined when none was sent). */
  readonly received: { readonly path: string; readonly authorization: string | undefined; readonly credentialHeader: boolean }[] = [];
  private readonly blobs = new Map<string, StoredBlob & { readonly sig: string }>();
  private readonly expired = new Set<string>();

  constructor() {
    const router = new Router<Record<string, never>>();
    super({ router, authenticate: () => ({}), unauthorized: () => json(401, {}), notFound: () => accessDenied('Not Found') });
    router.add('GET /blobs/{key}', (req) => {
      this.received.push({
        path: `${req.url.pathname}${req.url.search}`,
        authorization: req.headers.authorization,
        credentialHeader: CREDENTIAL_HEADERS.some((name) => req.headers[name] !== undefined),
      });
      const blob = this.blobs.get(req.params.key ?? '');
      if (blob === undefined || req.query.get('sig') !== blob.sig) return accessDenied('Access Denied');
      if (this.expired.has(req.params.key ?? '')) return accessDenied('Request has expired');
      return { status: 200, bytes: blob.bytes, headers: { 'content-type': blob.contentType } };
    });
  }

  /** The Authorization header of every blob request, in order. */
  get authorizations(): (string | undefined)[] {
    return this.received.map((r) => r.authorization);
  }

  /** Each blob request and whether it carried a credential: a credential header, or `secret` in its URL. */
  credentialsSeen(secret?: string): { readonly path: string; readonly credentials: boolean }[] {
    return this.received.map((r) => ({ path: r.path, credentials: r.credentialHeader || (secret !== undefined && r.path.includes(secret)) }));
  }

  /** Stores (or replaces) a blob and returns its signed URL. */
  put(key: string, blob: StoredBlob): string {
    const sig = randomBytes(8).toString('hex');
    this.blobs.set(key, { ...blob, sig });
    return `${this.url}/blobs/${encodeURIComponent(key)}?sig=${sig}`;
  }

  /** Every signed link of `key`, handed out or still to come, answers as expired. */
  expire(key: string): void {
    this.expired.add(key);
  }
}

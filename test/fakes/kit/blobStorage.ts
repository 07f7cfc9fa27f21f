/**
 * A blob store on its own origin (another port), like the storage hosts CI systems redirect
 * artifact downloads to with a signed URL: it serves what was put under a key to any request
 * that carries the key's signature (a wrong one is a 403, like an expired Azure Blob or S3 link),
 * and records whether each request arrived with credentials
 * (which it must never see).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'private-token', 'job-token', 'x-api-key'];

export interface BlobRequest {
  readonly path: string;
  /** True when any credential header arrived. */
  readonly credentials: boolean;
}

export interface Blob {
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

export interface BlobStorage {
  readonly url: string;
  /** Requests so far, in order. */
  readonly seen: BlobRequest[];
  /** The signed URL of `key` (what the API's 302 points at). */
  signedUrl(key: string): string;
  close(): Promise<void>;
}

/** `resolve` gives the bytes under a key (looked up when asked, so the fake's state stays the one source). */
export async function startBlobStorage(resolve: (key: string) => Blob | undefined, port = 0): Promise<BlobStorage> {
  const seen: BlobRequest[] = [];
  const signature = (key: string) => `sig-${Buffer.from(key).toString('base64url')}`;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://storage');
    seen.push({ path: url.pathname, credentials: CREDENTIAL_HEADERS.some((name) => req.headers[name] !== undefined) });
    const key = decodeURIComponent(url.pathname.replace(/^\/blob\//, ''));
    const blob = resolve(key);
    if (!blob) {
      res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>BlobNotFound</Code></Error>');
      return;
    }
    if (url.searchParams.get('sig') !== signature(key)) {
      res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AuthenticationFailed</Code><Message>Signature expired</Message></Error>');
      return;
    }
    res.writeHead(200, { 'content-type': blob.contentType, 'content-length': String(blob.bytes.byteLength) });
    res.end(Buffer.from(blob.bytes));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    seen,
    signedUrl: (key) => `${url}/blob/${encodeURIComponent(key)}?sig=${signature(key)}`,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })),
  };
}

/** What a fake route answers, and the request it is given. Generic: no provider names here. */
import type { IncomingHttpHeaders } from 'node:http';

export interface Reply {
  readonly status: number;
  /** JSON body, serialized by the server. */
  readonly json?: unknown;
  /** Text body (wins over `json`); content type text/plain unless `headers` says otherwise. */
  readonly text?: string;
  /** Raw bytes (win over `text`), e.g. a byte range cut mid-character. */
  readonly bytes?: Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface KitRequest<Identity> {
  readonly method: string;
  /** Route key, e.g. "GET /v2/organizations/{org}". */
  readonly route: string;
  readonly params: Readonly<Record<string, string>>;
  readonly url: URL;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON (or form) body; the raw text when it is neither. */
  readonly body: unknown;
  /** Whoever the auth hook recognised. */
  readonly identity: Identity;
}

export type RouteHandler<Identity> = (request: KitRequest<Identity>) => Reply;

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({ status, json: body, ...(headers ? { headers } : {}) });
export const text = (status: number, body: string, headers?: Record<string, string>): Reply => ({ status, text: body, ...(headers ? { headers } : {}) });

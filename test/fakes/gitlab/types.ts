/** Shared types of the fake GitLab server's router and handlers. */
import type { IncomingHttpHeaders } from 'node:http';
import type { FakeGitLabState, FakeToken } from './state';

export interface Ctx {
  readonly state: FakeGitLabState;
  /** Instance base URL, e.g. http://127.0.0.1:1234 */
  readonly web: string;
  /** Decoded path parameters, in order. */
  readonly params: readonly string[];
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  readonly token: FakeToken;
}

export interface Reply {
  readonly status: number;
  /** JSON body. */
  readonly body?: unknown;
  /** Raw body (traces); wins over `body`. */
  readonly text?: string | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
}

/** `user`: any valid token; `read`: read_api or api; `write`: api. */
export type Access = 'user' | 'read' | 'write';

export interface Route {
  readonly method: 'GET' | 'POST';
  /** Route name for stats, e.g. "GET /projects/:id/pipelines". */
  readonly name: string;
  /** Matched against the raw (still encoded) path below /api/v4. */
  readonly pattern: RegExp;
  readonly access: Access;
  handle(ctx: Ctx): Reply;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

export function notFound(what = '404 Not found'): Reply {
  return json(404, { message: what });
}

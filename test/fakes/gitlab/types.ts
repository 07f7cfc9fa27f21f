/** Shared types of the fake GitLab server's routes and handlers. */
import type { IncomingHttpHeaders } from 'node:http';
import { json, type Reply } from '../kit';
import type { FakeGitLabState, FakeToken } from './state';

export { json, type Reply };

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

/** `user`: any valid token; `read`: read_api or api; `write`: api. */
export type Access = 'user' | 'read' | 'write';

export interface Route {
  /** Method and path below /api/v4 as GitLab's docs write it, e.g. "GET /projects/:id/pipelines"; also the name in stats. */
  readonly name: string;
  readonly access: Access;
  handle(ctx: Ctx): Reply;
}

export function notFound(what = '404 Not found'): Reply {
  return json(404, { message: what });
}

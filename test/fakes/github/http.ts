/** What handlers return, and the request context they receive (a kit request plus the fake's state). */
import { json, paginate as slice, type KitRequest, type PageSlice, type Reply } from '../kit';
import type { Urls } from './renderCommon';
import type { FakeGitHubState, FakeUser } from './state';

export { json, type Reply };

/** Whoever sent the request: a token's user, or nobody on the unauthenticated log storage. */
export interface GitHubIdentity {
  readonly user?: FakeUser;
}

export interface RequestContext extends KitRequest<GitHubIdentity> {
  readonly user: FakeUser | undefined;
  readonly state: FakeGitHubState;
  readonly urls: Urls;
}

export type Handler = (context: RequestContext) => Reply;

/** Where the handler modules register their routes ("GET /repos/{owner}/{repo}/..."). */
export interface Router {
  add(key: string, handler: Handler): unknown;
}

export function message(status: number, text: string, extra: Record<string, unknown> = {}): Reply {
  return json(status, { message: text, documentation_url: 'https://docs.github.com/rest', ...extra });
}

export const notFound = (): Reply => message(404, 'Not Found');

/** page/per_page slices with GitHub's Link header (per_page up to 100). */
export function paginate<T>(context: RequestContext, items: readonly T[], defaultPerPage = 30): PageSlice<T> {
  return slice(items, context.url, { defaultPerPage });
}

export function numberParam(context: RequestContext, name: string): number {
  return Number(context.params[name]);
}

export function repoSlug(context: RequestContext): string {
  return `${context.params.owner ?? ''}/${context.params.repo ?? ''}`;
}

/** What handlers return, and the request context they receive. */
import type { Urls } from './renderCommon';
import type { FakeGitHubState, FakeUser } from './state';

export interface Reply {
  readonly status: number;
  /** JSON body (serialized by the server, with an ETag for 200s). */
  readonly json?: unknown;
  /** Plain-text body. */
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RequestContext {
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly user: FakeUser | undefined;
  readonly state: FakeGitHubState;
  readonly urls: Urls;
  /** Full request URL, for Link headers. */
  readonly url: URL;
}

export type Handler = (context: RequestContext) => Reply;

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, json: body, headers };
}

export function message(status: number, text: string, extra: Record<string, unknown> = {}): Reply {
  return json(status, { message: text, documentation_url: 'https://docs.github.com/rest', ...extra });
}

export const notFound = (): Reply => message(404, 'Not Found');

/** Slices a listing by page/per_page and builds the Link header (rel next/last/prev/first). */
export function paginate<T>(context: RequestContext, items: readonly T[], defaultPerPage = 30): { items: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(context.query.get('per_page') ?? defaultPerPage) || defaultPerPage));
  const page = Math.max(1, Number(context.query.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (target: number, rel: string): string => {
    const url = new URL(context.url);
    url.searchParams.set('page', String(target));
    url.searchParams.set('per_page', String(perPage));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) {
    links.push(link(page - 1, 'prev'), link(1, 'first'));
  }
  if (page < last) {
    links.push(link(page + 1, 'next'), link(last, 'last'));
  }
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  };
}

export function numberParam(context: RequestContext, name: string): number {
  return Number(context.params[name]);
}

export function repoSlug(context: RequestContext): string {
  return `${context.params.owner ?? ''}/${context.params.repo ?? ''}`;
}

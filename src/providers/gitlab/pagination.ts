/** GitLab offset pagination: x-next-page / x-total headers. */
import type { GitLabHttp, Query } from './http';
import { asArray } from './json';

export interface PageInfo {
  readonly hasMore: boolean;
  readonly totalCount: number | undefined;
  readonly nextPage: number | undefined;
}

export function readPageInfo(headers: Headers): PageInfo {
  const next = Number(headers.get('x-next-page') ?? '');
  const totalRaw = headers.get('x-total');
  const total = totalRaw === null || totalRaw.trim() === '' ? undefined : Number(totalRaw);
  let nextPage = Number.isInteger(next) && next > 0 ? next : undefined;
  if (nextPage === undefined) {
    // Fall back to the RFC 5988 Link header.
    const link = /<([^>]+)>;\s*rel="next"/.exec(headers.get('link') ?? '');
    const page = link?.[1] ? Number(new URL(link[1]).searchParams.get('page')) : NaN;
    nextPage = Number.isInteger(page) && page > 0 ? page : undefined;
  }
  return {
    hasMore: nextPage !== undefined,
    totalCount: total !== undefined && Number.isFinite(total) ? total : undefined,
    nextPage,
  };
}

/** Fetches every page of a list endpoint (bounded by `maxPages`). */
export async function getAllPages(
  http: GitLabHttp,
  path: string,
  what: string,
  options: { readonly query?: Query; readonly signal?: AbortSignal; readonly maxPages?: number } = {},
): Promise<unknown[]> {
  const items: unknown[] = [];
  const maxPages = options.maxPages ?? 20;
  let page: number | undefined = 1;
  for (let count = 0; page !== undefined && count < maxPages; count++) {
    const response = await http.request({ path, what, signal: options.signal, query: { ...options.query, per_page: 100, page } });
    items.push(...asArray(response.body));
    page = readPageInfo(response.headers).nextPage;
  }
  return items;
}

/** Every page of a GitLab list endpoint (page/per_page, X-Next-Page), bounded. */
import { collectPages, offsetPageInfo, requireArray, type Query } from '../http';
import type { GitLabHttp } from './http';

export async function getAllPages(
  http: GitLabHttp,
  path: string,
  what: string,
  options: { readonly query?: Query; readonly signal?: AbortSignal; readonly maxPages?: number } = {},
): Promise<unknown[]> {
  const { items } = await collectPages(
    1,
    async (page) => {
      const response = await http.request({ path, what, signal: options.signal, query: { ...options.query, per_page: 100, page } });
      return { items: requireArray(response.body, `GitLab ${what}`), next: offsetPageInfo(response.headers).nextPage };
    },
    options.maxPages ?? 20,
  );
  return items;
}

/** GitLab offset pagination headers: x-page, x-per-page, x-next-page, x-prev-page, x-total, x-total-pages, Link. */
import { json, paginate as slice, type Reply } from '../kit';

export function paginate<T>(items: readonly T[], url: URL, render: (item: T) => unknown): Reply {
  const { items: page, headers, ...at } = slice(items, url, { defaultPerPage: 20, alwaysFirstLast: true });
  return json(200, page.map(render), {
    ...headers,
    'x-page': String(at.page),
    'x-per-page': String(at.perPage),
    'x-next-page': at.page < at.totalPages ? String(at.page + 1) : '',
    'x-prev-page': at.page > 1 ? String(at.page - 1) : '',
    'x-total': String(at.total),
    'x-total-pages': String(at.totalPages),
  });
}

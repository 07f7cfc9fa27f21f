/** GitLab offset pagination headers: x-page, x-per-page, x-next-page, x-prev-page, x-total, x-total-pages, Link. */
import type { Reply } from './types';

export function paginate<T>(items: readonly T[], url: URL, render: (item: T) => unknown): Reply {
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? '20') || 20));
  const page = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
  const total = items.length;
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (p: number, rel: string) => {
    const target = new URL(url);
    target.searchParams.set('page', String(p));
    target.searchParams.set('per_page', String(perPage));
    return `<${target.toString()}>; rel="${rel}"`;
  };
  const links = [link(1, 'first'), link(totalPages, 'last')];
  if (page < totalPages) {
    links.unshift(link(page + 1, 'next'));
  }
  if (page > 1) {
    links.unshift(link(page - 1, 'prev'));
  }
  return {
    status: 200,
    body: slice.map(render),
    headers: {
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-next-page': page < totalPages ? String(page + 1) : '',
      'x-prev-page': page > 1 ? String(page - 1) : '',
      'x-total': String(total),
      'x-total-pages': String(totalPages),
      link: links.join(', '),
    },
  };
}

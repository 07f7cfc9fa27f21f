/** page/per_page pagination with an RFC 8288 Link header (rel next/prev/first/last). */

export interface PageSlice<T> {
  readonly items: T[];
  readonly headers: Record<string, string>;
  readonly page: number;
  readonly perPage: number;
  readonly total: number;
  readonly totalPages: number;
}

export interface PageOptions {
  readonly defaultPerPage?: number;
  readonly maxPerPage?: number;
  /** Link rel first/last on every page, not only where they lead elsewhere. */
  readonly alwaysFirstLast?: boolean;
}

export function paginate<T>(items: readonly T[], url: URL, options: PageOptions = {}): PageSlice<T> {
  const max = options.maxPerPage ?? 100;
  const fallback = options.defaultPerPage ?? 30;
  const perPage = Math.min(max, Math.max(1, Number(url.searchParams.get('per_page') ?? fallback) || fallback));
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (target: number, rel: string): string => {
    const next = new URL(url);
    next.searchParams.set('page', String(target));
    next.searchParams.set('per_page', String(perPage));
    return `<${next.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page < last) links.push(link(page + 1, 'next'));
  if (page < last && options.alwaysFirstLast !== true) links.push(link(last, 'last'));
  if (page > 1) links.push(link(page - 1, 'prev'));
  if (page > 1 && options.alwaysFirstLast !== true) links.push(link(1, 'first'));
  if (options.alwaysFirstLast === true) links.push(link(1, 'first'), link(last, 'last'));
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
    page,
    perPage,
    total: items.length,
    totalPages: last,
  };
}

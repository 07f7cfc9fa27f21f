/** page/per_page pagination with an RFC 8288 Link header (rel next/prev/first/last). */

export interface PageSlice<T> {
  readonly items: T[];
  readonly headers: Record<string, string>;
}

export function paginate<T>(items: readonly T[], url: URL, options: { readonly defaultPerPage?: number; readonly maxPerPage?: number } = {}): PageSlice<T> {
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
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
  return { items: items.slice((page - 1) * perPage, page * perPage), headers: links.length > 0 ? { link: links.join(', ') } : {} };
}

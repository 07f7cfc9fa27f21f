/**
 * Pagination, always bounded. `collectPages` walks any scheme: the page callback returns the
 * items and the cursor of the next page (a page number, an opaque cursor, or a next URL taken
 * from the Link header or the body, e.g. Bitbucket's `next`), undefined on the last page.
 */

/** The rel="next" URL of an RFC 8288 Link header (GitHub, GitLab keyset pagination). */
export function linkNext(headers: Headers): string | undefined {
  for (const part of (headers.get('link') ?? '').split(',')) {
    const match = /<([^>]+)>\s*;(?:[^,]*?;)?\s*rel="?([^";]*)"?/i.exec(part);
    if (match?.[1] !== undefined && (match[2] ?? '').split(/\s+/).includes('next')) {
      return match[1];
    }
  }
  return undefined;
}

export interface OffsetPageInfo {
  readonly nextPage: number | undefined;
  readonly totalCount: number | undefined;
}

/** page/per_page pagination: X-Next-Page and X-Total, falling back to the page of the Link next URL. */
export function offsetPageInfo(headers: Headers): OffsetPageInfo {
  const positive = (value: number): number | undefined => (Number.isInteger(value) && value > 0 ? value : undefined);
  let nextPage = positive(Number(headers.get('x-next-page') ?? ''));
  if (nextPage === undefined) {
    const next = linkNext(headers);
    nextPage = next === undefined ? undefined : positive(Number(new URL(next, 'http://x').searchParams.get('page')));
  }
  const totalRaw = headers.get('x-total');
  const total = totalRaw === null || totalRaw.trim() === '' ? NaN : Number(totalRaw);
  return { nextPage, totalCount: Number.isFinite(total) ? total : undefined };
}

export interface PageResult<T, C> {
  readonly items: readonly T[];
  /** Cursor of the next page; undefined on the last one. */
  readonly next: C | undefined;
}

export interface Collected<T> {
  readonly items: T[];
  /** True when `maxPages` stopped the walk before the last page. */
  readonly truncated: boolean;
}

/** Fetches pages from `first` until there is no next one or `maxPages` (default 20) were read. */
export async function collectPages<T, C>(first: C, fetchPage: (cursor: C) => Promise<PageResult<T, C>>, maxPages = 20): Promise<Collected<T>> {
  const items: T[] = [];
  let cursor: C | undefined = first;
  for (let count = 0; cursor !== undefined; count++) {
    if (count >= maxPages) {
      return { items, truncated: true };
    }
    const page: PageResult<T, C> = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.next;
  }
  return { items, truncated: false };
}

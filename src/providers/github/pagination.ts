/** Link-header pagination helpers. */

/** True when a Link header announces a rel="next" page. */
export function hasNextPage(link: string | undefined): boolean {
  return link !== undefined && /<[^>]*>\s*;\s*rel="?next"?/.test(link);
}

export interface PageResult<T> {
  readonly items: readonly T[];
  readonly link: string | undefined;
  readonly changed: boolean;
}

/** Safety stop for runaway pagination (100 items a page). */
export const MAX_PAGES = 50;

/** Fetches pages 1..n while the Link header has rel="next"; changed if any page changed. */
export async function collectPages<T>(fetchPage: (page: number) => Promise<PageResult<T>>): Promise<{ items: T[]; changed: boolean }> {
  const items: T[] = [];
  let changed = false;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const result = await fetchPage(page);
    items.push(...result.items);
    changed ||= result.changed;
    if (!hasNextPage(result.link)) {
      break;
    }
  }
  return { items, changed };
}

export function clampPerPage(perPage: number | undefined, fallback = 30): number {
  const value = Math.trunc(perPage ?? fallback);
  return Number.isFinite(value) ? Math.min(100, Math.max(1, value)) : fallback;
}

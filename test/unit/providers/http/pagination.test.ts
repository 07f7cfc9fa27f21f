import assert from 'node:assert/strict';
import { collectPages, linkNext, offsetPageInfo, readRateLimit, resumeAt } from '../../../../src/providers/http';

describe('http toolkit pagination and rate-limit headers', () => {
  it('finds rel="next" among several Link relations', () => {
    const headers = new Headers({ link: '<https://h/x?page=1>; rel="prev", <https://h/x?page=3>; rel="next", <https://h/x?page=9>; rel="last"' });
    assert.equal(linkNext(headers), 'https://h/x?page=3');
    assert.equal(linkNext(new Headers({ link: '<https://h/x?page=1>; rel="prev"' })), undefined);
  });

  it('reads X-Next-Page / X-Total, falling back to the Link page', () => {
    assert.deepEqual(offsetPageInfo(new Headers({ 'x-next-page': '2', 'x-total': '41' })), { nextPage: 2, totalCount: 41 });
    assert.deepEqual(offsetPageInfo(new Headers({ 'x-next-page': '', link: '<https://h/x?page=4&per_page=20>; rel="next"' })), { nextPage: 4, totalCount: undefined });
    assert.deepEqual(offsetPageInfo(new Headers()), { nextPage: undefined, totalCount: undefined });
  });

  it('walks cursors until the last page, and stops at maxPages', async () => {
    const pages: Record<string, { items: number[]; next: string | undefined }> = { a: { items: [1, 2], next: 'b' }, b: { items: [3], next: undefined } };
    assert.deepEqual(await collectPages('a', (cursor) => Promise.resolve(pages[cursor]!)), { items: [1, 2, 3], truncated: false });
    let calls = 0;
    const endless = await collectPages(1, (page) => {
      calls += 1;
      return Promise.resolve({ items: [page], next: page + 1 });
    }, 3);
    assert.deepEqual(endless, { items: [1, 2, 3], truncated: true });
    assert.equal(calls, 3);
  });

  it('reads both rate-limit header families and delta-seconds resets', () => {
    const now = 1_700_000_000_000;
    assert.deepEqual(readRateLimit(new Headers({ 'ratelimit-limit': '600', 'ratelimit-remaining': '5', 'ratelimit-reset': '1700000060' }), now), { limit: 600, remaining: 5, resetAt: 1_700_000_060_000 });
    assert.deepEqual(readRateLimit(new Headers({ 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '30' }), now), { limit: 5000, remaining: 1, resetAt: now + 30_000 });
    assert.equal(readRateLimit(new Headers({ 'x-ratelimit-limit': '5000' }), now), undefined);
    assert.equal(resumeAt(new Headers({ 'retry-after': 'Wed, 15 Nov 2023 00:00:00 GMT' }), now), Date.parse('Wed, 15 Nov 2023 00:00:00 GMT'));
    assert.equal(resumeAt(new Headers(), now), now + 60_000);
  });
});

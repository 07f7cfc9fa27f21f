import assert from 'node:assert/strict';
import { FakeServer, json, ManualClock, paginate, RateBudget, Router } from '../../../fakes/kit';

describe('fake-server kit', () => {
  const clock = new ManualClock();
  let server: FakeServer<string>;
  beforeEach(async () => {
    const router = new Router<string>()
      .add('GET /items', (r) => {
        const page = paginate([1, 2, 3, 4, 5], r.url, { defaultPerPage: 2 });
        return json(200, page.items, page.headers);
      })
      .add('GET /items/{id}', (r) => json(200, { id: r.params.id, who: r.identity }))
      .add('POST /items', (r) => json(201, r.body));
    server = new FakeServer<string>({
      router,
      authenticate: (headers) => (headers.authorization === 'Bearer good' ? 'alice' : undefined),
      unauthorized: () => json(401, { message: 'Authentication required' }),
      notFound: () => json(404, { message: 'Not Found' }),
      budget: new RateBudget({ limit: 3, enforce: true }, clock),
      budgetKey: () => 'org',
      clock,
    });
    await server.start();
  });
  afterEach(() => server.close());

  const get = (path: string, init: RequestInit = {}): Promise<Response> => fetch(`${server.url}${path}`, { ...init, headers: { authorization: 'Bearer good', ...init.headers } });

  it('routes with params, authenticates, logs without credentials', async () => {
    assert.deepEqual(await (await get('/items/a%2Fb')).json(), { id: 'a/b', who: 'alice' });
    assert.equal((await fetch(`${server.url}/items/1`)).status, 401);
    assert.equal((await get('/nope')).status, 404);
    assert.equal(server.stats.count('GET /items/{id}'), 2);
    assert.equal(server.stats.last('GET /items/{id}')?.headers.authorization, undefined);
    assert.equal(server.stats.count('GET /nope'), 1);
  });

  it('paginates with a Link header and spends the budget, then answers 429', async () => {
    const first = await get('/items?per_page=2');
    assert.deepEqual(await first.json(), [1, 2]);
    assert.match(first.headers.get('link') ?? '', /per_page=2&page=2>; rel="next"/);
    assert.equal(first.headers.get('ratelimit-remaining'), '2');
    assert.equal(first.headers.get('ratelimit-reset'), '60');
    await get('/items');
    await get('/items');
    const limited = await get('/items');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('ratelimit-remaining'), '0');
    clock.advance(60_000);
    assert.equal((await get('/items')).status, 200);
  });

  it('injects each fault kind once', async () => {
    server.inject({ kind: 'status', status: 503, route: 'GET /items/{id}' });
    assert.equal((await get('/items/1')).status, 503);
    assert.equal((await get('/items/1')).status, 200);
    server.inject({ kind: 'html', path: '/items/2' });
    const html = await get('/items/2');
    assert.equal(html.headers.get('content-type'), 'text/html; charset=utf-8');
    server.inject({ kind: 'truncated', path: '/items/3' });
    assert.throws(() => JSON.parse('') as unknown);
    await assert.rejects(async () => (await get('/items/3')).json());
    server.inject({ kind: 'wrongShape', path: '/items/4', body: [] });
    assert.deepEqual(await (await get('/items/4')).json(), []);
    server.inject({ kind: 'reset', path: '/items/5' });
    await assert.rejects(get('/items/5'));
    server.inject({ kind: 'stall', path: '/items/6' });
    const stalled = await get('/items/6', { signal: AbortSignal.timeout(300) });
    await assert.rejects(stalled.text());
    assert.equal(server.faults.pending, 0);
  });
});

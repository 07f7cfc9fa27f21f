/**
 * The fake-server kit: what every fake API server on 127.0.0.1 is built from.
 * `FakeServer` (router + auth hook + budget + faults + request log), `Router` ("GET /a/{id}" keys),
 * `FaultInjector` (status, html, truncated, wrongShape, stall, reset), `RequestStats`,
 * `paginate` (page/per_page + Link), `RateBudget` (RateLimit-* headers, 429), `ManualClock`.
 */
export { ManualClock, type TimeSource } from './clock';
export { FaultInjector, type FaultKind, type FaultRule } from './faults';
export { paginate, type PageSlice } from './paginate';
export { RateBudget, type RateLimitOptions, type Spent } from './rateLimit';
export { json, text, type KitRequest, type Reply, type RouteHandler } from './reply';
export { Router, type RouteMatch } from './router';
export { FakeServer, type FakeServerConfig } from './server';
export { RequestStats, type LoggedRequest } from './stats';

/**
 * The fake-server kit: what every fake API server on 127.0.0.1 is built from.
 * `FakeServer` (router + auth hook + budget + ETags + faults + request log, optional API base path),
 * `Router` ("GET /a/{id}", "GET /a/:id", "GET /files/*path" keys), `FaultInjector` (status, html,
 * truncated, wrongShape, stall, reset, pass), `RequestStats` (log, per-route counts and charged answers),
 * `paginate` (page/per_page + Link), `RateBudget` (RateLimit-* or the API's own headers, 429), `ManualClock`.
 */
export { ManualClock, type TimeSource } from './clock';
export { FaultInjector, faultKind, type FaultKind, type FaultRule } from './faults';
export { paginate, type PageOptions, type PageSlice } from './paginate';
export { RateBudget, type RateLimitOptions, type RateSnapshot, type Spent } from './rateLimit';
export { json, text, type KitRequest, type Reply, type RouteHandler } from './reply';
export { Router, type RouteMatch } from './router';
export { FakeServer, type FakeServerConfig } from './server';
export { storedZip } from './zip';
export { RequestStats, type LoggedRequest, type RouteSummary } from './stats';
export { FakeStorageServer, type SignBlob, type StoredBlob } from './storage';

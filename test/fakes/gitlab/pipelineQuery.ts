/**
 * The filters and order of GET /projects/:id/pipelines as GitLab documents them:
 * `ref`, `source`, `status`, `updated_after` / `updated_before` (ISO 8601, strict comparison as
 * GitLab's `updated_at > ?` / `updated_at < ?` scopes), `order_by` (id, status, ref, updated_at,
 * user_id; default id) and `sort` (asc, desc; default desc). Invalid values answer 400 like Grape.
 */
import type { FakeGitLabState, FakePipeline } from './state';
import { json, type Reply } from './types';

const ORDER_BY = ['id', 'status', 'ref', 'updated_at', 'user_id'] as const;
type OrderBy = (typeof ORDER_BY)[number];

function isOrderBy(value: string): value is OrderBy {
  return (ORDER_BY as readonly string[]).includes(value);
}

function invalid(param: string): Reply {
  return json(400, { error: `${param} is invalid` });
}

/** Epoch ms of an ISO 8601 date-time parameter; null when absent, NaN when unparseable. */
function dateParam(params: URLSearchParams, name: string): number | null {
  const raw = params.get(name);
  return raw === null || raw === '' ? null : Date.parse(raw);
}

function sortKey(state: FakeGitLabState, pipeline: FakePipeline, orderBy: OrderBy): string | number {
  switch (orderBy) {
    case 'id':
      return pipeline.id;
    case 'updated_at':
      return Date.parse(pipeline.updated_at);
    case 'user_id':
      return state.users.get(pipeline.username)?.id ?? 1;
    default:
      return pipeline[orderBy];
  }
}

/** The project's pipelines filtered and ordered by the request's query, or a 400 reply. */
export function queryPipelines(state: FakeGitLabState, projectId: number, url: URL): FakePipeline[] | Reply {
  const params = url.searchParams;
  const orderBy = params.get('order_by') ?? 'id';
  if (!isOrderBy(orderBy)) {
    return json(400, { error: 'order_by does not have a valid value' });
  }
  const sort = params.get('sort') ?? 'desc';
  if (sort !== 'asc' && sort !== 'desc') {
    return json(400, { error: 'sort does not have a valid value' });
  }
  const after = dateParam(params, 'updated_after');
  const before = dateParam(params, 'updated_before');
  if (Number.isNaN(after)) {
    return invalid('updated_after');
  }
  if (Number.isNaN(before)) {
    return invalid('updated_before');
  }
  const ref = params.get('ref');
  const source = params.get('source');
  const status = params.get('status');
  const direction = sort === 'asc' ? 1 : -1;
  return (
    state
      .pipelinesOf(projectId)
      .filter((pl) => ref === null || pl.ref === ref)
      // As GitLab: child pipelines are listed only when asked for with source=parent_pipeline.
      .filter((pl) => (source === null ? pl.source !== 'parent_pipeline' : pl.source === source))
      .filter((pl) => status === null || pl.status === status)
      .filter((pl) => after === null || Date.parse(pl.updated_at) > after)
      .filter((pl) => before === null || Date.parse(pl.updated_at) < before)
      .sort((a, b) => {
        const ka = sortKey(state, a, orderBy);
        const kb = sortKey(state, b, orderBy);
        const byKey = ka < kb ? -1 : ka > kb ? 1 : 0;
        // Ties in id order, same direction.
        return direction * (byKey !== 0 ? byKey : a.id - b.id);
      })
  );
}

/** Pipelines of a project: list, get, jobs, bridges, test report, retry, cancel, create. */
import { paginate } from '../paginate';
import { queryPipelines } from '../pipelineQuery';
import { bridgeJson, jobJson, pipelineJson, pipelineListJson, projectJson } from '../shapes';
import type { FakeGitLabState, FakePipeline, FakeProject } from '../state';
import { json, notFound, type Ctx, type Reply, type Route } from '../types';

function project(ctx: Ctx): FakeProject | undefined {
  return ctx.state.findProject(ctx.params[0] ?? '');
}

function pipelineOf(ctx: Ctx): FakePipeline | undefined {
  const p = project(ctx);
  const pipeline = ctx.state.pipelines.get(Number(ctx.params[1]));
  return p && pipeline && pipeline.project_id === p.id ? pipeline : undefined;
}

function withPipeline(ctx: Ctx, handle: (pipeline: FakePipeline, state: FakeGitLabState) => Reply): Reply {
  const pipeline = pipelineOf(ctx);
  return pipeline ? handle(pipeline, ctx.state) : notFound('404 Not found');
}

function summary(report: unknown): unknown {
  const r = (report ?? {}) as Record<string, unknown>;
  const suites = Array.isArray(r.test_suites) ? (r.test_suites as Record<string, unknown>[]) : [];
  return {
    total: { time: r.total_time ?? 0, count: r.total_count ?? 0, success: r.success_count ?? 0, failed: r.failed_count ?? 0, skipped: r.skipped_count ?? 0, error: r.error_count ?? 0, suite_error: null },
    test_suites: suites.map(({ test_cases: _cases, ...rest }) => ({ ...rest, build_ids: [] })),
  };
}

const EMPTY_REPORT = { total_time: 0, total_count: 0, success_count: 0, failed_count: 0, skipped_count: 0, error_count: 0, test_suites: [] };

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function createPipeline(ctx: Ctx): Reply {
  const p = project(ctx);
  if (!p) {
    return notFound('404 Project Not Found');
  }
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const ref = str(body.ref) ?? ctx.url.searchParams.get('ref') ?? undefined;
  if (!ref) {
    return json(400, { error: 'ref is missing' });
  }
  if (ref.startsWith('missing')) {
    return json(400, { message: { base: ['Reference not found'] } });
  }
  const rawVariables = Array.isArray(body.variables) ? (body.variables as Record<string, unknown>[]) : [];
  const variables = rawVariables.map((v) => ({ key: String(v.key), value: String(v.value), variable_type: str(v.variable_type) ?? 'env_var' }));
  const inputs = typeof body.inputs === 'object' && body.inputs !== null ? (body.inputs as Record<string, unknown>) : undefined;
  const created = ctx.state.createPipeline(p.id, ref, { variables, inputs, username: ctx.token.username });
  return json(201, pipelineJson(ctx.web, ctx.state, created));
}

export const pipelineRoutes: readonly Route[] = [
  {
    name: 'GET /projects/:id',
    access: 'read',
    handle: (ctx) => {
      const p = project(ctx);
      return p ? json(200, projectJson(ctx.web, p)) : notFound('404 Project Not Found');
    },
  },
  {
    name: 'GET /projects/:id/pipelines',
    access: 'read',
    handle: (ctx) => {
      const p = project(ctx);
      if (!p) {
        return notFound('404 Project Not Found');
      }
      const list = queryPipelines(ctx.state, p.id, ctx.url);
      if (!Array.isArray(list)) {
        return list;
      }
      return paginate(list, ctx.url, (pl) => pipelineListJson(ctx.web, ctx.state, pl));
    },
  },
  {
    name: 'GET /projects/:id/pipelines/:pipeline_id',
    access: 'read',
    handle: (ctx) => withPipeline(ctx, (pl, state) => json(200, pipelineJson(ctx.web, state, pl))),
  },
  {
    name: 'GET /projects/:id/pipelines/:pipeline_id/jobs',
    access: 'read',
    handle: (ctx) =>
      withPipeline(ctx, (pl, state) => paginate(state.jobsOf(pl.id).sort((a, b) => b.id - a.id), ctx.url, (j) => jobJson(ctx.web, state, j))),
  },
  {
    name: 'GET /projects/:id/pipelines/:pipeline_id/bridges',
    access: 'read',
    handle: (ctx) =>
      withPipeline(ctx, (pl, state) => paginate(state.bridgesOf(pl.id).sort((a, b) => b.id - a.id), ctx.url, (b) => bridgeJson(ctx.web, state, b))),
  },
  {
    name: 'GET /projects/:id/pipelines/:pipeline_id/test_report',
    access: 'read',
    handle: (ctx) => withPipeline(ctx, (pl, state) => json(200, state.testReports.get(pl.id) ?? EMPTY_REPORT)),
  },
  {
    name: 'GET /projects/:id/pipelines/:pipeline_id/test_report_summary',
    access: 'read',
    handle: (ctx) => withPipeline(ctx, (pl, state) => json(200, summary(state.testReports.get(pl.id) ?? EMPTY_REPORT))),
  },
  {
    name: 'POST /projects/:id/pipelines/:pipeline_id/retry',
    access: 'write',
    handle: (ctx) => withPipeline(ctx, (pl, state) => json(201, pipelineJson(ctx.web, state, state.retryPipeline(pl.id)))),
  },
  {
    name: 'POST /projects/:id/pipelines/:pipeline_id/cancel',
    access: 'write',
    handle: (ctx) => withPipeline(ctx, (pl, state) => json(200, pipelineJson(ctx.web, state, state.cancelPipeline(pl.id)))),
  },
  {
    name: 'POST /projects/:id/pipeline',
    access: 'write',
    handle: createPipeline,
  },
];

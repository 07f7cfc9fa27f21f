/** Workflow run listings, for a repository or one workflow. */
import { json, notFound, paginate, repoSlug, type Reply, type RequestContext } from '../http';
import { renderRun } from '../renderActions';
import type { Router } from '../http';

function listRuns(context: RequestContext, workflowId: number | undefined): Reply {
  const slug = repoSlug(context);
  if (!context.state.repo(slug)) {
    return notFound();
  }
  const branch = context.query.get('branch') ?? undefined;
  const status = context.query.get('status') ?? undefined;
  const all = context.state.runs(slug, { workflowId, branch }).filter((run) => status === undefined || run.status === status || run.conclusion === status);
  const page = paginate(context, all);
  return json(200, { total_count: all.length, workflow_runs: page.items.map((run) => renderRun(context.urls, context.state, run)) }, page.headers);
}

export function registerRuns(router: Router): void {
  router.add('GET /repos/{owner}/{repo}/actions/runs', (context) => listRuns(context, undefined));
  router.add('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', (context) => {
    const workflow = context.state.workflow(repoSlug(context), context.params.workflow_id ?? '');
    return workflow ? listRuns(context, workflow.id) : notFound();
  });
  router.add('GET /repos/{owner}/{repo}/actions/runs/{run_id}', (context) => {
    const run = context.state.run(repoSlug(context), Number(context.params.run_id));
    return run ? json(200, renderRun(context.urls, context.state, run)) : notFound();
  });
}

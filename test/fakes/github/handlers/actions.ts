/** Mutations: re-run (all, failed, one job), cancel / force-cancel, workflow dispatch. */
import { json, message, notFound, numberParam, repoSlug, type RequestContext } from '../http';
import { cancel, dispatch, rerunAll, rerunFailed, rerunSingleJob } from '../mutations';
import type { Router } from '../http';
import type { FakeMutation } from '../state';

function record(context: RequestContext, kind: FakeMutation['kind'], targetId: number): void {
  context.state.mutations.push({ kind, repo: repoSlug(context), targetId, body: context.body });
}

function bodyField(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

export function registerActions(router: Router): void {
  const rerun = (kind: 'rerun' | 'rerun-failed-jobs') => (context: RequestContext) => {
    const run = context.state.run(repoSlug(context), numberParam(context, 'run_id'));
    if (!run) {
      return notFound();
    }
    if (context.state.isActive(run.status)) {
      return message(403, 'This workflow is already running');
    }
    record(context, kind, run.id);
    if (kind === 'rerun') {
      rerunAll(context.state, run);
    } else {
      rerunFailed(context.state, run);
    }
    return json(201, {});
  };
  router.add('POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun', rerun('rerun'));
  router.add('POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs', rerun('rerun-failed-jobs'));

  router.add('POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun', (context) => {
    const slug = repoSlug(context);
    const job = context.state.job(slug, numberParam(context, 'job_id'));
    const run = job ? context.state.run(slug, job.runId) : undefined;
    if (!job || !run) {
      return notFound();
    }
    if (context.state.isActive(run.status)) {
      return message(403, 'This workflow is already running');
    }
    record(context, 'rerun-job', job.id);
    rerunSingleJob(context.state, run, job);
    return json(201, {});
  });

  const cancelRoute = (kind: 'cancel' | 'force-cancel') => (context: RequestContext) => {
    const run = context.state.run(repoSlug(context), numberParam(context, 'run_id'));
    if (!run) {
      return notFound();
    }
    if (!context.state.isActive(run.status)) {
      return message(409, 'Cannot cancel a workflow run that is completed.');
    }
    record(context, kind, run.id);
    cancel(context.state, run);
    return json(202, {});
  };
  router.add('POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel', cancelRoute('cancel'));
  router.add('POST /repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel', cancelRoute('force-cancel'));

  router.add('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', (context) => {
    const workflow = context.state.workflow(repoSlug(context), context.params.workflow_id ?? '');
    if (!workflow) {
      return notFound();
    }
    const ref = bodyField(context.body, 'ref');
    if (typeof ref !== 'string' || ref === '') {
      return message(422, 'Invalid request.', { errors: ['"ref" wasn\'t supplied.'] });
    }
    if (workflow.state !== 'active') {
      return message(422, 'Workflow is disabled');
    }
    record(context, 'dispatch', workflow.id);
    const run = dispatch(context.state, workflow, ref, context.user?.login ?? 'ghost');
    if (bodyField(context.body, 'return_run_details') !== true) {
      return { status: 204 };
    }
    return json(200, {
      workflow_run_id: run.id,
      run_url: `${context.urls.api}/repos/${workflow.repo}/actions/runs/${run.id}`,
      html_url: `${context.urls.web}/${workflow.repo}/actions/runs/${run.id}`,
    });
  });
}

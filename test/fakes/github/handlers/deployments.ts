/** Environments of a repository and the pending deployments of a run (list, review). */
import { json, message, notFound, numberParam, paginate, repoSlug, type RequestContext } from '../http';
import { reviewDeployments } from '../mutations';
import type { Router } from '../http';
import type { FakeEnvironment } from '../state';

function renderEnvironment(context: RequestContext, environment: FakeEnvironment): Record<string, unknown> {
  return {
    id: environment.id,
    node_id: Buffer.from(`Environment${environment.id}`).toString('base64'),
    name: environment.name,
    url: `${context.urls.api}/repos/${environment.repo}/environments/${environment.name}`,
    html_url: `${context.urls.web}/${environment.repo}/deployments/activity_log?environments_filter=${environment.name}`,
    created_at: '2024-05-01T12:00:00Z',
    updated_at: '2024-05-01T12:00:00Z',
  };
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

export function registerDeployments(router: Router): void {
  router.add('GET /repos/{owner}/{repo}/environments', (context) => {
    const slug = repoSlug(context);
    if (!context.state.repo(slug)) {
      return notFound();
    }
    const all = context.state.environments(slug);
    const page = paginate(context, all);
    return json(200, { total_count: all.length, environments: page.items.map((environment) => renderEnvironment(context, environment)) }, page.headers);
  });

  router.add('GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments', (context) => {
    const slug = repoSlug(context);
    const run = context.state.run(slug, numberParam(context, 'run_id'));
    if (!run) {
      return notFound();
    }
    const environments = context.state.environments(slug);
    return json(
      200,
      context.state.pendingDeployments(run.id).map((pending) => {
        const environment = environments.find((candidate) => candidate.id === pending.environmentId);
        return {
          environment: environment ? { id: environment.id, node_id: 'x', name: environment.name, url: '', html_url: '' } : { id: pending.environmentId },
          wait_timer: pending.waitTimer,
          wait_timer_started_at: null,
          current_user_can_approve: pending.canApprove,
          reviewers: pending.reviewers.map((login) => ({ type: 'User', reviewer: { login } })),
        };
      }),
    );
  });

  router.add('POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments', (context) => {
    const slug = repoSlug(context);
    const run = context.state.run(slug, numberParam(context, 'run_id'));
    if (!run) {
      return notFound();
    }
    const ids = field(context.body, 'environment_ids');
    const state = field(context.body, 'state');
    const comment = field(context.body, 'comment');
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'number') || (state !== 'approved' && state !== 'rejected') || typeof comment !== 'string') {
      return message(422, 'Invalid request.', { errors: ['environment_ids, state and comment are required'] });
    }
    const pending = context.state.pendingDeployments(run.id);
    const environmentIds: number[] = ids;
    if (!environmentIds.every((id) => pending.some((p) => p.environmentId === id && p.canApprove))) {
      return message(422, 'There are no pending deployments for the given environment ids that you can review.');
    }
    context.state.mutations.push({ kind: 'review-deployments', repo: slug, targetId: run.id, body: context.body });
    reviewDeployments(context.state, run, environmentIds, state);
    return json(200, []);
  });
}

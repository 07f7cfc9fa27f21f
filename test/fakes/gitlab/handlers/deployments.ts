/** Deployments of a project: list (status, environment filters), get, and approve/reject a blocked one. */
import { applyApproval, pendingApprovalCount, type FakeDeployment, type FakeApproval } from '../deployments';
import { paginate } from '../paginate';
import { jobJson, pipelineListJson, userJson } from '../shapes';
import type { FakeGitLabState, FakeProject, FakeUser } from '../state';
import { json, notFound, type Ctx, type Reply, type Route } from '../types';

type Json = Record<string, unknown>;

function userOf(state: FakeGitLabState, username: string): FakeUser {
  return state.users.get(username) ?? { id: 1, username, name: username };
}

/** A stable id per environment name (the fake keeps no environment records). */
function environmentId(name: string): number {
  return [...name].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) % 100_000, 7) + 1;
}

function approvalJson(web: string, state: FakeGitLabState, approval: FakeApproval): Json {
  return { user: userJson(web, userOf(state, approval.username)), status: approval.status, created_at: approval.created_at, comment: approval.comment };
}

/** The shape of GitLab's deployment (list and single), Premium fields included. */
export function deploymentJson(web: string, state: FakeGitLabState, d: FakeDeployment): Json {
  const job = state.jobs.get(d.job_id) ?? state.retried.get(d.job_id);
  const pipeline = job ? state.pipelines.get(job.pipeline_id) : undefined;
  const project = state.projects.get(d.project_id);
  const envId = environmentId(d.environment);
  return {
    id: d.id,
    iid: d.iid,
    ref: pipeline?.ref ?? 'main',
    sha: pipeline?.sha ?? '0'.repeat(40),
    created_at: d.created_at,
    updated_at: d.updated_at,
    status: d.status,
    user: userJson(web, userOf(state, d.username)),
    environment: {
      id: envId,
      name: d.environment,
      slug: d.environment.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      external_url: null,
      created_at: d.created_at,
      updated_at: d.updated_at,
      web_url: `${web}/${project?.path_with_namespace ?? 'unknown/project'}/-/environments/${envId}`,
    },
    deployable: job && pipeline ? { ...jobJson(web, state, job), pipeline: pipelineListJson(web, state, pipeline) } : null,
    pending_approval_count: pendingApprovalCount(d),
    approvals: (d.approvals ?? []).map((a) => approvalJson(web, state, a)),
    ...(d.rules
      ? { approval_summary: { rules: d.rules.map((name, i) => ({ user_id: null, group_id: 100 + i, access_level: null, access_level_description: name, required_approvals: d.required_approvals ?? 1, deployment_approvals: [] })) } }
      : {}),
  };
}

function project(ctx: Ctx): FakeProject | undefined {
  return ctx.state.findProject(ctx.params[0] ?? '');
}

function deploymentOf(ctx: Ctx): FakeDeployment | undefined {
  const p = project(ctx);
  const deployment = ctx.state.deployments.get(Number(ctx.params[1]));
  return p && deployment && deployment.project_id === p.id ? deployment : undefined;
}

function approve(ctx: Ctx): Reply {
  const deployment = deploymentOf(ctx);
  if (!deployment) {
    return notFound('404 Deployment Not Found');
  }
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const outcome = applyApproval(deployment, ctx.token.username, body.status, body.comment, ctx.state.now());
  if (!outcome.ok) {
    return json(outcome.status, outcome.body);
  }
  if (outcome.rejected) {
    // As GitLab: the rejected deployment's job is dropped and its pipeline fails.
    const job = ctx.state.jobs.get(deployment.job_id);
    if (job) {
      ctx.state.setJobStatus(job.id, 'failed');
      ctx.state.setPipelineStatus(job.pipeline_id, 'failed');
    }
  }
  return json(201, approvalJson(ctx.web, ctx.state, outcome.approval));
}

export const deploymentRoutes: readonly Route[] = [
  {
    name: 'GET /projects/:id/deployments',
    access: 'read',
    handle: (ctx) => {
      const p = project(ctx);
      if (!p) {
        return notFound('404 Project Not Found');
      }
      const status = ctx.url.searchParams.get('status');
      const environment = ctx.url.searchParams.get('environment');
      const desc = ctx.url.searchParams.get('sort') === 'desc';
      const list = [...ctx.state.deployments.values()]
        .filter((d) => d.project_id === p.id && (status === null || d.status === status) && (environment === null || d.environment === environment))
        .sort((a, b) => (desc ? b.id - a.id : a.id - b.id));
      return paginate(list, ctx.url, (d) => deploymentJson(ctx.web, ctx.state, d));
    },
  },
  {
    name: 'GET /projects/:id/deployments/:deployment_id',
    access: 'read',
    handle: (ctx) => {
      const deployment = deploymentOf(ctx);
      return deployment ? json(200, deploymentJson(ctx.web, ctx.state, deployment)) : notFound('404 Deployment Not Found');
    },
  },
  {
    name: 'POST /projects/:id/deployments/:deployment_id/approval',
    access: 'write',
    handle: approve,
  },
];

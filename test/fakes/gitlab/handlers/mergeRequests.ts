/**
 * Merge requests of a project: the list (source_branch and state filters), one merge request
 * (with head_pipeline) and its approvals, with the fields of GitLab's REST docs
 * (https://docs.gitlab.com/api/merge_requests/#list-project-merge-requests,
 * https://docs.gitlab.com/api/merge_requests/#get-single-mr,
 * https://docs.gitlab.com/api/merge_request_approvals/ "Get configuration for a merge request").
 */
import { paginate } from '../paginate';
import { pipelineListJson, userJson } from '../shapes';
import type { FakeGitLabState, FakeMergeRequest, FakeProject } from '../state';
import { json, notFound, type Ctx, type Route } from '../types';

type Json = Record<string, unknown>;

function userOf(state: FakeGitLabState, username: string): Json {
  return userJson('', state.users.get(username) ?? { id: 1, username, name: username });
}

function listJson(ctx: Ctx, project: FakeProject, mr: FakeMergeRequest): Json {
  return {
    id: mr.id,
    iid: mr.iid,
    project_id: mr.project_id,
    title: mr.title,
    description: '',
    state: mr.state,
    created_at: mr.created_at,
    updated_at: mr.updated_at,
    merged_at: null,
    closed_at: null,
    target_branch: mr.target_branch,
    source_branch: mr.source_branch,
    author: { ...userOf(ctx.state, mr.author), web_url: `${ctx.web}/${mr.author}` },
    source_project_id: mr.project_id,
    target_project_id: mr.project_id,
    draft: mr.draft,
    work_in_progress: mr.draft,
    merge_when_pipeline_succeeds: false,
    merge_status: mr.detailed_merge_status === 'mergeable' ? 'can_be_merged' : 'cannot_be_merged',
    detailed_merge_status: mr.detailed_merge_status,
    sha: mr.sha,
    merge_commit_sha: null,
    squash_commit_sha: null,
    user_notes_count: 0,
    has_conflicts: mr.detailed_merge_status === 'conflict',
    blocking_discussions_resolved: true,
    references: { short: `!${mr.iid}`, relative: `!${mr.iid}`, full: `${project.path_with_namespace}!${mr.iid}` },
    web_url: `${ctx.web}/${project.path_with_namespace}/-/merge_requests/${mr.iid}`,
  };
}

function find(ctx: Ctx): { project: FakeProject; mr: FakeMergeRequest } | undefined {
  const project = ctx.state.findProject(ctx.params[0] ?? '');
  const iid = Number(ctx.params[1]);
  const mr = project && [...ctx.state.mergeRequests.values()].find((candidate) => candidate.project_id === project.id && candidate.iid === iid);
  return project && mr ? { project, mr } : undefined;
}

export const mergeRequestRoutes: readonly Route[] = [
  {
    name: 'GET /projects/:id/merge_requests',
    access: 'read',
    handle: (ctx) => {
      const project = ctx.state.findProject(ctx.params[0] ?? '');
      if (!project) {
        return notFound('404 Project Not Found');
      }
      const state = ctx.url.searchParams.get('state') ?? 'all';
      const source = ctx.url.searchParams.get('source_branch');
      const mrs = [...ctx.state.mergeRequests.values()]
        .filter((mr) => mr.project_id === project.id && (state === 'all' || mr.state === state) && (source === null || mr.source_branch === source))
        .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.iid - a.iid);
      return paginate(mrs, ctx.url, (mr) => listJson(ctx, project, mr));
    },
  },
  {
    name: 'GET /projects/:id/merge_requests/:merge_request_iid',
    access: 'read',
    handle: (ctx) => {
      const found = find(ctx);
      if (!found) {
        return notFound('404 Merge Request Not Found');
      }
      const pipeline = found.mr.head_pipeline_id === undefined ? undefined : ctx.state.pipelines.get(found.mr.head_pipeline_id);
      return json(200, { ...listJson(ctx, found.project, found.mr), head_pipeline: pipeline ? pipelineListJson(ctx.web, ctx.state, pipeline) : null, diff_refs: { base_sha: '0'.repeat(40), head_sha: found.mr.sha, start_sha: '0'.repeat(40) } });
    },
  },
  {
    name: 'GET /projects/:id/merge_requests/:merge_request_iid/approvals',
    access: 'read',
    handle: (ctx) => {
      const found = find(ctx);
      if (!found) {
        return notFound('404 Merge Request Not Found');
      }
      const { mr } = found;
      return json(200, {
        id: mr.id,
        iid: mr.iid,
        project_id: mr.project_id,
        title: mr.title,
        state: mr.state,
        created_at: mr.created_at,
        updated_at: mr.updated_at,
        merge_status: mr.detailed_merge_status === 'mergeable' ? 'can_be_merged' : 'cannot_be_merged',
        approved: mr.approved_by.length >= mr.approvals_required,
        approvals_required: mr.approvals_required,
        approvals_left: Math.max(0, mr.approvals_required - mr.approved_by.length),
        approved_by: mr.approved_by.map((username) => ({ user: userOf(ctx.state, username) })),
      });
    },
  },
];

/**
 * Renders fake state in the shapes GitLab's REST v4 documentation gives for
 * project, pipeline, job, bridge and user. `web` is the instance base URL.
 */
import type { FakeGitLabState, FakeJob, FakePipeline, FakeProject, FakeUser } from './state';
import { storedZip } from '../kit/zip';

type Json = Record<string, unknown>;

function duration(start?: string | null, end?: string | null): number | null {
  return start && end ? (Date.parse(end) - Date.parse(start)) / 1000 : null;
}

export function userJson(web: string, user: FakeUser): Json {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    state: 'active',
    locked: false,
    avatar_url: `${web}/uploads/-/system/user/avatar/${user.id}/avatar.png`,
    web_url: `${web}/${user.username}`,
  };
}

function userOf(state: FakeGitLabState, username: string | undefined): FakeUser {
  return state.users.get(username ?? '') ?? { id: 1, username: username ?? 'root', name: username ?? 'Administrator' };
}

export function projectJson(web: string, project: FakeProject): Json {
  const path = project.path_with_namespace;
  const segments = path.split('/');
  const name = segments[segments.length - 1] ?? path;
  const namespace = segments.slice(0, -1).join('/');
  return {
    id: project.id,
    description: null,
    name,
    name_with_namespace: segments.join(' / '),
    path: name,
    path_with_namespace: path,
    created_at: '2024-01-01T00:00:00.000Z',
    default_branch: project.default_branch ?? 'main',
    tag_list: [],
    topics: [],
    ssh_url_to_repo: `git@${new URL(web).host}:${path}.git`,
    http_url_to_repo: `${web}/${path}.git`,
    web_url: `${web}/${path}`,
    readme_url: `${web}/${path}/-/blob/main/README.md`,
    avatar_url: null,
    forks_count: 0,
    star_count: 0,
    last_activity_at: '2024-01-01T00:00:00.000Z',
    namespace: { id: project.id + 100000, name: segments[segments.length - 2] ?? namespace, path: segments[segments.length - 2] ?? namespace, kind: 'group', full_path: namespace, parent_id: null, avatar_url: null, web_url: `${web}/groups/${namespace}` },
    visibility: project.visibility ?? 'private',
    archived: false,
    empty_repo: false,
    jobs_enabled: true,
    builds_access_level: 'enabled',
    ci_config_path: project.ci_config_path ?? null,
    ci_default_git_depth: 20,
    shared_runners_enabled: true,
    open_issues_count: 0,
  };
}

export function pipelinePath(state: FakeGitLabState, pipeline: FakePipeline): string {
  return state.projects.get(pipeline.project_id)?.path_with_namespace ?? 'unknown/project';
}

/** The shape of a pipeline in GET /projects/:id/pipelines (list). */
export function pipelineListJson(web: string, state: FakeGitLabState, pipeline: FakePipeline): Json {
  return {
    id: pipeline.id,
    iid: pipeline.iid,
    project_id: pipeline.project_id,
    status: pipeline.status,
    source: pipeline.source,
    ref: pipeline.ref,
    sha: pipeline.sha,
    name: pipeline.name ?? null,
    web_url: `${web}/${pipelinePath(state, pipeline)}/-/pipelines/${pipeline.id}`,
    created_at: pipeline.created_at,
    updated_at: pipeline.updated_at,
  };
}

/** The shape of a single pipeline (GET /pipelines/:id, retry, cancel, create). */
export function pipelineJson(web: string, state: FakeGitLabState, pipeline: FakePipeline): Json {
  return {
    ...pipelineListJson(web, state, pipeline),
    before_sha: '0'.repeat(40),
    tag: pipeline.tag ?? false,
    yaml_errors: null,
    user: userJson(web, userOf(state, pipeline.username)),
    started_at: pipeline.started_at ?? null,
    finished_at: pipeline.finished_at ?? null,
    committed_at: null,
    duration: duration(pipeline.started_at, pipeline.finished_at),
    queued_duration: null,
    coverage: null,
    detailed_status: {
      icon: `status_${pipeline.status}`,
      text: pipeline.status,
      label: pipeline.status,
      group: pipeline.status,
      tooltip: pipeline.status,
      has_details: true,
      details_path: `/${pipelinePath(state, pipeline)}/-/pipelines/${pipeline.id}`,
    },
  };
}

/** A commit as GET /projects/:id/repository/commits/:sha and job objects give it. */
export function commitJson(web: string, state: FakeGitLabState, project: FakeProject, sha: string, at: string): Json {
  const title = state.commitTitle(sha);
  return {
    id: sha,
    short_id: sha.slice(0, 8),
    created_at: at,
    parent_ids: [],
    title,
    message: `${title}\n`,
    author_name: 'FlowForge',
    author_email: 'flowforge@example.com',
    authored_date: at,
    committer_name: 'FlowForge',
    committer_email: 'flowforge@example.com',
    committed_date: at,
    trailers: {},
    extended_trailers: {},
    web_url: `${web}/${project.path_with_namespace}/-/commit/${sha}`,
  };
}

function jobCommon(web: string, state: FakeGitLabState, job: FakeJob): Json {
  const pipeline = state.mustPipeline(job.pipeline_id);
  const path = pipelinePath(state, pipeline);
  return {
    id: job.id,
    name: job.name,
    stage: job.stage,
    status: job.status,
    ref: pipeline.ref,
    tag: pipeline.tag ?? false,
    coverage: null,
    allow_failure: job.allow_failure ?? false,
    created_at: job.created_at,
    started_at: job.started_at ?? null,
    finished_at: job.finished_at ?? null,
    erased_at: null,
    duration: duration(job.started_at, job.finished_at),
    queued_duration: null,
    user: userJson(web, userOf(state, job.username ?? pipeline.username)),
    commit: commitJson(web, state, state.projects.get(pipeline.project_id) ?? { id: pipeline.project_id, path_with_namespace: pipelinePath(state, pipeline) }, pipeline.sha, pipeline.created_at),
    pipeline: { id: pipeline.id, project_id: pipeline.project_id, ref: pipeline.ref, sha: pipeline.sha, status: pipeline.status },
    web_url: `${web}/${path}/-/jobs/${job.id}`,
    project: { ci_job_token_scope_enabled: false },
  };
}

/** The job's artifacts archive: its files zipped, when it has one. */
export function archiveOf(job: FakeJob): Buffer | undefined {
  return job.archive ? storedZip(job.files ?? {}) : undefined;
}

export function jobJson(web: string, state: FakeGitLabState, job: FakeJob): Json {
  const trace = state.traces.get(job.id);
  const archive = archiveOf(job);
  return {
    ...jobCommon(web, state, job),
    failure_reason: job.status === 'failed' ? 'script_failure' : undefined,
    artifacts_file: archive ? { filename: 'artifacts.zip', size: archive.byteLength } : null,
    artifacts: [
      ...(archive ? [{ file_type: 'archive', size: archive.byteLength, filename: 'artifacts.zip', file_format: 'zip' }] : []),
      ...(trace === undefined ? [] : [{ file_type: 'trace', size: Buffer.byteLength(trace), filename: 'job.log', file_format: null }]),
      ...(job.artifacts ?? []).map((a) => ({ size: Buffer.byteLength(job.files?.[a.filename] ?? ''), ...a })),
    ],
    artifacts_expire_at: job.archive?.expire_at ?? null,
    tag_list: [],
    runner: null,
    runner_manager: null,
    archived: false,
  };
}

export function bridgeJson(web: string, state: FakeGitLabState, bridge: FakeJob): Json {
  const downstream = bridge.downstream_pipeline_id === undefined ? undefined : state.pipelines.get(bridge.downstream_pipeline_id);
  return {
    ...jobCommon(web, state, bridge),
    downstream_pipeline: downstream
      ? {
          id: downstream.id,
          sha: downstream.sha,
          ref: downstream.ref,
          status: downstream.status,
          created_at: downstream.created_at,
          updated_at: downstream.updated_at,
          web_url: `${web}/${pipelinePath(state, downstream)}/-/pipelines/${downstream.id}`,
        }
      : null,
  };
}

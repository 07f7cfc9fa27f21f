/**
 * JSON shapes of the Buildkite REST API v2, as its documentation shows them
 * (test/fixtures/README.md lists the pages). Only fields FlowForge might read, plus a few others
 * so that the provider is seen to ignore what it does not need.
 */
import { createHash } from 'node:crypto';
import type { FakeAnnotation, FakeArtifact, FakeBuild, FakeJob, FakePipeline, FakeUser } from './state';

export interface Urls {
  /** API base, e.g. http://127.0.0.1:1234 (the API is under /v2). */
  readonly api: string;
  /** Web base for web_url fields. */
  readonly web: string;
}

const apiPipeline = (urls: Urls, org: string, pipeline: string): string => `${urls.api}/v2/organizations/${org}/pipelines/${pipeline}`;

export function renderUser(user: FakeUser): unknown {
  return { id: user.id, graphql_id: `VXNlci0tLT${user.id}`, name: user.name, email: user.email, avatar_url: 'https://www.gravatar.com/avatar/0', created_at: '2015-05-22T12:36:45.309Z' };
}

export function renderPipeline(urls: Urls, p: FakePipeline): unknown {
  const api = apiPipeline(urls, p.org, p.slug);
  return {
    id: `pipeline-${p.org}-${p.slug}`,
    graphql_id: 'UGlwZWxpbmUtLS0x',
    url: api,
    web_url: `${urls.web}/${p.org}/${p.slug}`,
    name: p.name,
    description: null,
    slug: p.slug,
    repository: p.repository,
    cluster_id: null,
    branch_configuration: null,
    default_branch: p.defaultBranch,
    skip_queued_branch_builds: false,
    cancel_running_branch_builds: false,
    provider: { id: 'github', webhook_url: '', settings: { repository: p.repository } },
    builds_url: `${api}/builds`,
    badge_url: 'https://badge.buildkite.com/0.svg',
    created_at: '2015-05-09T21:05:59.874Z',
    configuration: p.configuration,
    steps: [{ type: 'script', name: ':pipeline:', command: 'buildkite-agent pipeline upload' }],
    env: {},
    scheduled_builds_count: 0,
    running_builds_count: 0,
    scheduled_jobs_count: 0,
    running_jobs_count: 0,
    waiting_jobs_count: 0,
    visibility: 'private',
    tags: null,
  };
}

export function renderJob(urls: Urls, build: FakeBuild, job: FakeJob): unknown {
  const buildApi = `${apiPipeline(urls, build.org, build.pipeline)}/builds/${build.number}`;
  const webUrl = `${urls.web}/${build.org}/${build.pipeline}/builds/${build.number}#${job.id}`;
  const base = { id: job.id, graphql_id: `Sm9iLS0t${job.id}`, type: job.type, created_at: build.createdAt, ...(job.groupKey !== undefined ? { group_key: job.groupKey } : {}) };
  if (job.type === 'waiter') {
    return { ...base, state: job.state, step_key: null };
  }
  if (job.type === 'manual') {
    return {
      ...base,
      label: job.name ?? null,
      step_key: job.stepKey ?? null,
      state: job.state,
      web_url: null,
      unblocked_by: job.unblockedWith === undefined ? null : renderUser({ id: 'u-1', name: 'Dana Dev', email: 'dana@example.com' }),
      unblocked_at: job.unblockedWith === undefined ? null : job.finishedAt ?? build.createdAt,
      unblockable: job.unblockable ?? job.state === 'blocked',
      unblock_url: `${buildApi}/jobs/${job.id}/unblock`,
    };
  }
  const common = {
    ...base,
    name: job.name ?? null,
    step_key: job.stepKey ?? null,
    state: job.state,
    build_url: buildApi,
    web_url: webUrl,
    scheduled_at: build.createdAt,
    runnable_at: build.createdAt,
    started_at: job.startedAt ?? null,
    finished_at: job.finishedAt ?? null,
  };
  if (job.type === 'trigger') {
    const t = job.triggered;
    return {
      ...common,
      async: false,
      triggered_build: t === undefined ? null : { id: t.id, number: t.number, url: `${apiPipeline(urls, t.org, t.pipeline)}/builds/${t.number}`, web_url: `${urls.web}/${t.org}/${t.pipeline}/builds/${t.number}` },
    };
  }
  return {
    ...common,
    step: { id: `step-${job.id}`, signature: null },
    agent_query_rules: ['queue=default'],
    log_url: `${buildApi}/jobs/${job.id}/log`,
    raw_log_url: `${buildApi}/jobs/${job.id}/log.txt`,
    artifacts_url: `${buildApi}/jobs/${job.id}/artifacts`,
    command: job.command ?? null,
    soft_failed: job.softFailed ?? false,
    exit_status: job.exitStatus ?? null,
    artifact_paths: '',
    agent: job.startedAt === undefined ? null : { id: 'agent-1', name: 'agent-1', url: `${urls.api}/v2/organizations/${build.org}/agents/agent-1` },
    retried: job.retried ?? false,
    retried_in_job_id: job.retriedInJobId ?? null,
    retries_count: null,
    retry_type: null,
    parallel_group_index: null,
    parallel_group_total: null,
    matrix: null,
  };
}

export function renderBuild(urls: Urls, build: FakeBuild, pipeline: FakePipeline | undefined, options: { readonly excludeJobs?: boolean } = {}): unknown {
  const api = apiPipeline(urls, build.org, build.pipeline);
  return {
    id: build.id,
    graphql_id: `QnVpbGQtLS0${build.id}`,
    url: `${api}/builds/${build.number}`,
    web_url: `${urls.web}/${build.org}/${build.pipeline}/builds/${build.number}`,
    number: build.number,
    state: build.state,
    cancel_reason: null,
    blocked: build.blocked,
    message: build.message,
    commit: build.commit,
    branch: build.branch,
    tag: null,
    env: build.env,
    source: build.source,
    author: build.author ?? null,
    creator: build.creator === undefined ? null : renderUser(build.creator),
    ...(options.excludeJobs === true ? {} : { jobs: build.jobs.map((job) => renderJob(urls, build, job)) }),
    created_at: build.createdAt,
    scheduled_at: build.createdAt,
    started_at: build.startedAt ?? null,
    failing_at: null,
    finished_at: build.finishedAt ?? null,
    meta_data: build.metaData,
    pull_request: null,
    rebuilt_from: build.rebuiltFrom === undefined ? null : { id: 'x', number: build.rebuiltFrom, url: `${api}/builds/${build.rebuiltFrom}` },
    pipeline: pipeline === undefined ? null : renderPipeline(urls, pipeline),
  };
}

export function renderAnnotation(annotation: FakeAnnotation, createdAt: string): unknown {
  return { id: annotation.id, context: annotation.context, style: annotation.style, body_html: annotation.bodyHtml, created_at: createdAt, updated_at: createdAt };
}

/** An artifact as GET {build}/artifacts lists it (Artifacts API data model; glob_path and original_path are deprecated nulls). */
export function renderArtifact(urls: Urls, build: FakeBuild, a: FakeArtifact): unknown {
  const url = `${apiPipeline(urls, build.org, build.pipeline)}/builds/${build.number}/jobs/${a.jobId}/artifacts/${a.id}`;
  const cut = a.path.lastIndexOf('/');
  return {
    id: a.id,
    job_id: a.jobId,
    url,
    download_url: `${url}/download`,
    state: a.state,
    path: a.path,
    dirname: cut < 0 ? '.' : a.path.slice(0, cut),
    filename: a.path.slice(cut + 1),
    mime_type: a.mimeType,
    file_size: a.bytes.byteLength,
    glob_path: null,
    original_path: null,
    sha1sum: createHash('sha1').update(a.bytes).digest('hex'),
  };
}

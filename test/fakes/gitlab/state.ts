/**
 * In-memory state of the fake GitLab: users, tokens, projects, pipelines, jobs,
 * bridges, traces, test reports and deployments. JSON-loadable, with mutation helpers a demo
 * scenario can drive. No HTTP here.
 */
import type { FakeDeployment } from './deployments';

export interface FakeUser {
  readonly id: number;
  readonly username: string;
  readonly name: string;
}

export interface FakeToken {
  readonly token: string;
  readonly username: string;
  readonly scopes: readonly string[];
  /** False for OAuth-style tokens: /personal_access_tokens/self answers 404. */
  readonly personal?: boolean;
}

export interface FakeProject {
  readonly id: number;
  readonly path_with_namespace: string;
  readonly default_branch?: string;
  readonly ci_config_path?: string | null;
  readonly visibility?: 'private' | 'internal' | 'public';
}

export type FakeStatus =
  | 'created' | 'waiting_for_resource' | 'preparing' | 'pending' | 'running' | 'success'
  | 'failed' | 'canceled' | 'canceling' | 'skipped' | 'manual' | 'scheduled';

export interface FakePipeline {
  id: number;
  iid: number;
  project_id: number;
  status: FakeStatus;
  ref: string;
  sha: string;
  source: string;
  name?: string | null;
  username: string;
  tag?: boolean;
  created_at: string;
  updated_at: string;
  started_at?: string | null;
  finished_at?: string | null;
  /** Recorded for created pipelines. */
  variables?: { key: string; value: string; variable_type: string }[];
  inputs?: Record<string, unknown>;
}

export interface FakeJob {
  id: number;
  pipeline_id: number;
  name: string;
  stage: string;
  status: FakeStatus;
  allow_failure?: boolean;
  when?: string;
  username?: string;
  created_at: string;
  started_at?: string | null;
  finished_at?: string | null;
  /** Set on bridges: the triggered pipeline. */
  downstream_pipeline_id?: number;
  /** Report artifacts listed in the job's `artifacts` (besides the trace), e.g. codequality. */
  artifacts?: FakeArtifact[];
  /** Files of the job's artifacts archive by path (GET /jobs/:id/artifacts/*path). */
  files?: Record<string, string>;
  /** Set when the job has an artifacts archive (its `files`, zipped; GET /jobs/:id/artifacts). */
  archive?: { readonly expire_at: string | null };
}

export interface FakeArtifact {
  file_type: string;
  filename: string;
  file_format: string | null;
  size?: number;
}

/** A merge request of a project (GitLab's merge request fields FlowForge's merge gate reads). */
export interface FakeMergeRequest {
  readonly id: number;
  readonly iid: number;
  readonly project_id: number;
  title: string;
  state: 'opened' | 'closed' | 'merged' | 'locked';
  readonly source_branch: string;
  readonly target_branch: string;
  sha: string;
  /** The pipeline the single-MR answer gives as head_pipeline. */
  head_pipeline_id?: number;
  /** mergeable, not_approved, ci_must_pass, ci_still_running, conflict, draft_status, ... */
  detailed_merge_status: string;
  approvals_required: number;
  approved_by: string[];
  author: string;
  draft: boolean;
  created_at: string;
  updated_at: string;
}

export interface FakeGitLabData {
  users?: FakeUser[];
  tokens?: FakeToken[];
  projects?: FakeProject[];
  pipelines?: FakePipeline[];
  jobs?: FakeJob[];
  bridges?: FakeJob[];
  /** Job id -> trace text. */
  traces?: Record<string, string>;
  /** Pipeline id -> test report body in GitLab's shape. */
  testReports?: Record<string, unknown>;
  /** Repository files by "projectId|ref|path" (CI config files for the files API). */
  files?: Record<string, string>;
  /** Project id -> branch and tag names (default: the default branch only). */
  refs?: Record<string, { branches: string[]; tags: string[] }>;
  /** Deployments (blocked ones wait for approval), see deployments.ts. */
  deployments?: FakeDeployment[];
  /** Commit titles by SHA (default: "Commit <short sha>"). */
  commits?: Record<string, string>;
  mergeRequests?: FakeMergeRequest[];
}

/** How the fake's GraphQL endpoint behaves (tests change it at run time). */
export interface FakeGraphQLConfig {
  /** GitLab's limit for authenticated requests (docs: API > GraphQL > Limits). */
  maxComplexity: number;
  /** False: an older GitLab whose `projects` has no `fullPaths` argument (added in 16.6). */
  fullPaths: boolean;
}

const FINISHED: readonly FakeStatus[] = ['success', 'failed', 'canceled', 'skipped'];
const CANCELABLE: readonly FakeStatus[] = ['created', 'waiting_for_resource', 'preparing', 'pending', 'running', 'scheduled'];

export class FakeGitLabState {
  readonly users = new Map<string, FakeUser>();
  readonly tokens = new Map<string, FakeToken>();
  readonly projects = new Map<number, FakeProject>();
  readonly pipelines = new Map<number, FakePipeline>();
  readonly jobs = new Map<number, FakeJob>();
  readonly bridges = new Map<number, FakeJob>();
  readonly traces = new Map<number, string>();
  readonly testReports = new Map<number, unknown>();
  readonly files = new Map<string, string>();
  readonly refs = new Map<number, { branches: string[]; tags: string[] }>();
  readonly deployments = new Map<number, FakeDeployment>();
  readonly commits = new Map<string, string>();
  readonly mergeRequests = new Map<number, FakeMergeRequest>();
  readonly graphql: FakeGraphQLConfig = { maxComplexity: 250, fullPaths: true };
  private nextId = 1000;
  /** Timestamps for new records; replace for deterministic scenarios. */
  now: () => string = () => new Date().toISOString();

  constructor(data: FakeGitLabData = {}) {
    this.load(data);
  }

  static fromJson(text: string): FakeGitLabState {
    return new FakeGitLabState(JSON.parse(text) as FakeGitLabData);
  }

  load(data: FakeGitLabData): void {
    data.users?.forEach((u) => this.users.set(u.username, u));
    data.tokens?.forEach((t) => this.tokens.set(t.token, t));
    data.projects?.forEach((p) => this.addProject(p));
    data.pipelines?.forEach((p) => this.addPipeline(p));
    data.jobs?.forEach((j) => this.addJob(j));
    data.bridges?.forEach((b) => this.addBridge(b));
    Object.entries(data.traces ?? {}).forEach(([id, text]) => this.traces.set(Number(id), text));
    Object.entries(data.testReports ?? {}).forEach(([id, report]) => this.testReports.set(Number(id), report));
    Object.entries(data.files ?? {}).forEach(([key, text]) => this.files.set(key, text));
    Object.entries(data.refs ?? {}).forEach(([id, refs]) => this.refs.set(Number(id), refs));
    data.deployments?.forEach((d) => this.deployments.set(d.id, d));
    Object.entries(data.commits ?? {}).forEach(([sha, title]) => this.commits.set(sha, title));
    data.mergeRequests?.forEach((mr) => this.mergeRequests.set(mr.id, mr));
  }

  /** The title of a commit: as loaded, else derived from its SHA. */
  commitTitle(sha: string): string {
    return this.commits.get(sha) ?? `Commit ${sha.slice(0, 8)}`;
  }

  /** Stores a repository file at a ref. */
  setFile(projectId: number, ref: string, path: string, text: string): void {
    this.files.set(`${projectId}|${ref}|${path}`, text);
  }

  file(projectId: number, ref: string, path: string): string | undefined {
    return this.files.get(`${projectId}|${ref}|${path}`);
  }

  refsOf(project: FakeProject): { branches: string[]; tags: string[] } {
    return this.refs.get(project.id) ?? { branches: [project.default_branch ?? 'main'], tags: [] };
  }

  toJson(): FakeGitLabData {
    return {
      users: [...this.users.values()],
      tokens: [...this.tokens.values()],
      projects: [...this.projects.values()],
      pipelines: [...this.pipelines.values()],
      jobs: [...this.jobs.values()],
      bridges: [...this.bridges.values()],
      traces: Object.fromEntries([...this.traces].map(([id, t]) => [String(id), t])),
      testReports: Object.fromEntries([...this.testReports].map(([id, r]) => [String(id), r])),
      files: Object.fromEntries(this.files),
      refs: Object.fromEntries([...this.refs].map(([id, r]) => [String(id), r])),
      deployments: [...this.deployments.values()],
      commits: Object.fromEntries(this.commits),
      mergeRequests: [...this.mergeRequests.values()],
    };
  }

  newId(): number {
    return ++this.nextId;
  }

  addProject(project: FakeProject): FakeProject {
    this.projects.set(project.id, project);
    this.bump(project.id);
    return project;
  }

  addPipeline(pipeline: FakePipeline): FakePipeline {
    this.pipelines.set(pipeline.id, pipeline);
    this.bump(pipeline.id);
    return pipeline;
  }

  addJob(job: FakeJob): FakeJob {
    this.jobs.set(job.id, job);
    this.bump(job.id);
    return job;
  }

  addBridge(bridge: FakeJob): FakeJob {
    this.bridges.set(bridge.id, bridge);
    this.bump(bridge.id);
    return bridge;
  }

  /** A project by numeric id or by (decoded) full path. */
  findProject(idOrPath: string): FakeProject | undefined {
    if (/^\d+$/.test(idOrPath)) {
      return this.projects.get(Number(idOrPath));
    }
    return [...this.projects.values()].find((p) => p.path_with_namespace === idOrPath);
  }

  pipelinesOf(projectId: number): FakePipeline[] {
    return [...this.pipelines.values()].filter((p) => p.project_id === projectId);
  }

  jobsOf(pipelineId: number): FakeJob[] {
    return [...this.jobs.values()].filter((j) => j.pipeline_id === pipelineId);
  }

  bridgesOf(pipelineId: number): FakeJob[] {
    return [...this.bridges.values()].filter((j) => j.pipeline_id === pipelineId);
  }

  setPipelineStatus(id: number, status: FakeStatus): void {
    const pipeline = this.mustPipeline(id);
    pipeline.status = status;
    pipeline.updated_at = this.now();
    if (status === 'running' && !pipeline.started_at) {
      pipeline.started_at = pipeline.updated_at;
    }
    if (FINISHED.includes(status)) {
      pipeline.finished_at = pipeline.updated_at;
    }
  }

  setJobStatus(id: number, status: FakeStatus): void {
    const job = this.jobs.get(id) ?? this.bridges.get(id);
    if (!job) {
      throw new Error(`no job ${id}`);
    }
    job.status = status;
    if (status === 'running' && !job.started_at) {
      job.started_at = this.now();
    }
    if (FINISHED.includes(status)) {
      job.finished_at = this.now();
    }
  }

  appendTrace(jobId: number, text: string): void {
    this.traces.set(jobId, (this.traces.get(jobId) ?? '') + text);
  }

  /** Retries failed/canceled jobs (GitLab semantics); returns the pipeline. */
  retryPipeline(id: number): FakePipeline {
    const pipeline = this.mustPipeline(id);
    for (const job of this.jobsOf(id)) {
      if (job.status === 'failed' || job.status === 'canceled') {
        this.retryJob(job.id);
      }
    }
    this.setPipelineStatus(id, 'pending');
    pipeline.finished_at = null;
    return pipeline;
  }

  cancelPipeline(id: number): FakePipeline {
    const pipeline = this.mustPipeline(id);
    for (const job of this.jobsOf(id)) {
      if (CANCELABLE.includes(job.status)) {
        this.setJobStatus(job.id, 'canceled');
      }
    }
    this.setPipelineStatus(id, 'canceled');
    return pipeline;
  }

  /** Creates the retried copy of a job (the old one keeps its status, as in GitLab). */
  retryJob(id: number): FakeJob {
    const old = this.mustJob(id);
    const copy: FakeJob = { ...old, id: this.newId(), status: 'pending', created_at: this.now(), started_at: null, finished_at: null };
    this.jobs.delete(id);
    this.retried.set(id, old);
    return this.addJob(copy);
  }

  readonly retried = new Map<number, FakeJob>();

  cancelJob(id: number): FakeJob {
    const job = this.mustJob(id);
    this.setJobStatus(id, 'canceled');
    return job;
  }

  playJob(id: number): FakeJob {
    const job = this.mustJob(id);
    this.setJobStatus(id, 'pending');
    return job;
  }

  createPipeline(projectId: number, ref: string, options: Pick<FakePipeline, 'variables' | 'inputs'> & { username: string }): FakePipeline {
    const existing = this.pipelinesOf(projectId);
    const iid = existing.reduce((max, p) => Math.max(max, p.iid), 0) + 1;
    const at = this.now();
    return this.addPipeline({
      id: this.newId(),
      iid,
      project_id: projectId,
      status: 'created',
      ref,
      sha: existing.find((p) => p.ref === ref)?.sha ?? 'a'.repeat(40),
      source: 'api',
      username: options.username,
      created_at: at,
      updated_at: at,
      variables: options.variables,
      inputs: options.inputs,
    });
  }

  mustPipeline(id: number): FakePipeline {
    const pipeline = this.pipelines.get(id);
    if (!pipeline) {
      throw new Error(`no pipeline ${id}`);
    }
    return pipeline;
  }

  mustJob(id: number): FakeJob {
    const job = this.jobs.get(id);
    if (!job) {
      throw new Error(`no job ${id}`);
    }
    return job;
  }

  private bump(id: number): void {
    this.nextId = Math.max(this.nextId, id);
  }
}

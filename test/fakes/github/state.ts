/**
 * In-memory state of the fake GitHub: plain JSON-able records plus helpers to move
 * runs and jobs along (queued -> in_progress -> completed), as a demo scenario would.
 */
export type FakeStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
export type FakeConclusion = 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | 'startup_failure' | 'stale' | null;

export interface FakeUser {
  readonly login: string;
  readonly id: number;
  readonly token: string;
  /** Classic token scopes; undefined for a fine-grained token (no x-oauth-scopes header). */
  readonly scopes?: readonly string[];
}

export interface FakeRepo {
  readonly id: number;
  /** "owner/name" */
  readonly slug: string;
  readonly defaultBranch: string;
  readonly private: boolean;
}

export interface FakeWorkflow {
  readonly id: number;
  readonly repo: string;
  readonly name: string;
  readonly path: string;
  state: 'active' | 'disabled_manually' | 'deleted' | 'disabled_fork' | 'disabled_inactivity';
}

export interface FakeStep {
  number: number;
  name: string;
  status: FakeStatus;
  conclusion: FakeConclusion;
  startedAt: string | null;
  completedAt: string | null;
}

export interface FakeJob {
  readonly id: number;
  readonly runId: number;
  name: string;
  runAttempt: number;
  status: FakeStatus;
  conclusion: FakeConclusion;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  steps: FakeStep[];
  /** Plain-text log; undefined = not available (404); null = expired (410). */
  log?: string | null;
}

export interface FakeRun {
  readonly id: number;
  readonly repo: string;
  readonly workflowId: number;
  runNumber: number;
  runAttempt: number;
  event: string;
  status: FakeStatus;
  conclusion: FakeConclusion;
  headBranch: string | null;
  headSha: string;
  displayTitle: string;
  commitMessage: string;
  actor: string;
  triggeringActor?: string;
  createdAt: string;
  updatedAt: string;
  runStartedAt: string;
}

export interface FakeAnnotation {
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly startColumn: number | null;
  readonly endColumn: number | null;
  readonly level: 'notice' | 'warning' | 'failure';
  readonly title: string | null;
  readonly message: string;
  readonly rawDetails: string | null;
}

export interface FakeCheckRun {
  readonly id: number;
  readonly repo: string;
  readonly headSha: string;
  name: string;
  status: FakeStatus;
  conclusion: FakeConclusion;
  startedAt: string | null;
  completedAt: string | null;
  title: string | null;
  summary: string | null;
  annotations: FakeAnnotation[];
}

/** What a dispatch, rerun or cancel asked for, for assertions and demo logs. */
export interface FakeMutation {
  readonly kind: 'dispatch' | 'rerun' | 'rerun-failed-jobs' | 'rerun-job' | 'cancel' | 'force-cancel' | 'review-deployments';
  readonly repo: string;
  readonly targetId: number;
  readonly body: unknown;
}

/** A file at one ref (workflow files for the contents API). */
export interface FakeFile {
  readonly repo: string;
  readonly ref: string;
  readonly path: string;
  content: string;
}

/** Branch and tag names of a repository. */
export interface FakeRefs {
  readonly repo: string;
  branches: string[];
  tags: string[];
}

export interface FakeEnvironment {
  readonly id: number;
  readonly repo: string;
  readonly name: string;
}

/** A run's deployment to an environment that waits for a review. */
export interface FakePendingDeployment {
  readonly runId: number;
  readonly environmentId: number;
  readonly waitTimer: number;
  readonly canApprove: boolean;
  readonly reviewers: readonly string[];
}

/** An artifact of a run: its zip archive (base64, so the data stays JSON) unless it expired. */
export interface FakeArtifact {
  readonly id: number;
  readonly repo: string;
  readonly runId: number;
  readonly name: string;
  /** The zip archive, base64. */
  readonly zipBase64: string;
  readonly expired: boolean;
  readonly expiresAt: string | null;
  readonly createdAt: string;
}

/** An open (or closed) pull request from `head` into `base` of the same repository. */
export interface FakePullRequest {
  readonly repo: string;
  readonly number: number;
  title: string;
  state: 'open' | 'closed';
  readonly head: string;
  headSha: string;
  readonly base: string;
  draft: boolean;
  /** components/schemas/pull-request mergeable_state: clean, unstable, blocked, behind, dirty, draft, unknown, has_hooks. */
  mergeableState: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

/** Required status checks of a branch: from its rulesets and from classic branch protection. */
export interface FakeBranchRules {
  readonly repo: string;
  readonly branch: string;
  /** Contexts required by a ruleset's required_status_checks rule. */
  rulesetChecks: string[];
  /** Contexts required by classic branch protection (required_status_checks.contexts). */
  protectionChecks: string[];
  /** Answer 403 to the rules and the branch (a token without access to them). */
  forbidden?: boolean;
}

/** A commit status (GET /repos/{owner}/{repo}/commits/{ref}/status). */
export interface FakeCommitStatus {
  readonly repo: string;
  sha: string;
  readonly context: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  description: string | null;
  targetUrl: string | null;
}

export interface FakeGitHubData {
  users: FakeUser[];
  repos: FakeRepo[];
  workflows: FakeWorkflow[];
  runs: FakeRun[];
  jobs: FakeJob[];
  checkRuns: FakeCheckRun[];
  files?: FakeFile[];
  refs?: FakeRefs[];
  environments?: FakeEnvironment[];
  pendingDeployments?: FakePendingDeployment[];
  artifacts?: FakeArtifact[];
  pullRequests?: FakePullRequest[];
  branchRules?: FakeBranchRules[];
  commitStatuses?: FakeCommitStatus[];
}

const ACTIVE: ReadonlySet<FakeStatus> = new Set(['queued', 'in_progress', 'waiting', 'requested', 'pending']);

export class FakeGitHubState {
  readonly data: FakeGitHubData;
  readonly mutations: FakeMutation[] = [];
  private nextId: number;

  constructor(data: Partial<FakeGitHubData> = {}) {
    this.data = structuredClone({ users: [], repos: [], workflows: [], runs: [], jobs: [], checkRuns: [], ...data });
    const ids = [...this.data.runs, ...this.data.jobs, ...this.data.workflows, ...this.data.checkRuns].map((item) => item.id);
    this.nextId = Math.max(1000, ...ids) + 1;
  }

  /** Loads state from JSON text (e.g. a demo scenario file). */
  static fromJson(text: string): FakeGitHubState {
    return new FakeGitHubState(JSON.parse(text) as Partial<FakeGitHubData>);
  }

  toJson(): string {
    return JSON.stringify(this.data, null, 2);
  }

  newId(): number {
    return this.nextId++;
  }

  userByToken(token: string): FakeUser | undefined {
    return this.data.users.find((user) => user.token === token);
  }

  repo(slug: string): FakeRepo | undefined {
    return this.data.repos.find((repo) => repo.slug.toLowerCase() === slug.toLowerCase());
  }

  workflows(repo: string): FakeWorkflow[] {
    return this.data.workflows.filter((workflow) => workflow.repo === repo);
  }

  /** By numeric id or by file name ("ci.yml"), as the API allows. */
  workflow(repo: string, idOrFile: string): FakeWorkflow | undefined {
    return this.workflows(repo).find((workflow) => String(workflow.id) === idOrFile || workflow.path.split('/').pop() === idOrFile);
  }

  /** Newest first, like the API. */
  runs(repo: string, filter: { workflowId?: number; branch?: string } = {}): FakeRun[] {
    return this.data.runs
      .filter((run) => run.repo === repo && (filter.workflowId === undefined || run.workflowId === filter.workflowId) && (filter.branch === undefined || run.headBranch === filter.branch))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  }

  run(repo: string, id: number): FakeRun | undefined {
    return this.data.runs.find((run) => run.repo === repo && run.id === id);
  }

  jobs(runId: number): FakeJob[] {
    return this.data.jobs.filter((job) => job.runId === runId);
  }

  job(repo: string, id: number): FakeJob | undefined {
    const job = this.data.jobs.find((candidate) => candidate.id === id);
    return job && this.run(repo, job.runId) ? job : undefined;
  }

  checkRuns(repo: string, sha: string): FakeCheckRun[] {
    return this.data.checkRuns.filter((check) => check.repo === repo && check.headSha === sha);
  }

  file(repo: string, ref: string, path: string): FakeFile | undefined {
    return (this.data.files ?? []).find((file) => file.repo === repo && file.ref === ref && file.path === path);
  }

  refs(repo: string): FakeRefs {
    return (this.data.refs ?? []).find((refs) => refs.repo === repo) ?? { repo, branches: [this.repo(repo)?.defaultBranch ?? 'main'], tags: [] };
  }

  environments(repo: string): FakeEnvironment[] {
    return (this.data.environments ?? []).filter((environment) => environment.repo === repo);
  }

  pendingDeployments(runId: number): FakePendingDeployment[] {
    return (this.data.pendingDeployments ?? []).filter((pending) => pending.runId === runId);
  }

  artifacts(runId: number): FakeArtifact[] {
    return (this.data.artifacts ?? []).filter((artifact) => artifact.runId === runId);
  }

  artifact(repo: string, id: number): FakeArtifact | undefined {
    return (this.data.artifacts ?? []).find((artifact) => artifact.repo === repo && artifact.id === id);
  }

  pullRequests(repo: string): FakePullRequest[] {
    return (this.data.pullRequests ?? []).filter((pull) => pull.repo === repo);
  }

  branchRules(repo: string, branch: string): FakeBranchRules | undefined {
    return (this.data.branchRules ?? []).find((rules) => rules.repo === repo && rules.branch === branch);
  }

  commitStatuses(repo: string, sha: string): FakeCommitStatus[] {
    return (this.data.commitStatuses ?? []).filter((status) => status.repo === repo && status.sha === sha);
  }

  checkRun(repo: string, id: number): FakeCheckRun | undefined {
    return this.data.checkRuns.find((check) => check.repo === repo && check.id === id);
  }

  addRun(run: Omit<FakeRun, 'id'> & { id?: number }): FakeRun {
    const added: FakeRun = { ...run, id: run.id ?? this.newId() };
    this.data.runs.push(added);
    return added;
  }

  addJob(job: Omit<FakeJob, 'id'> & { id?: number }): FakeJob {
    const added: FakeJob = { ...job, id: job.id ?? this.newId() };
    this.data.jobs.push(added);
    return added;
  }

  updateRun(repo: string, id: number, patch: Partial<Omit<FakeRun, 'id' | 'repo'>>): FakeRun {
    const run = this.run(repo, id);
    if (!run) {
      throw new Error(`fake github: no run ${id} in ${repo}`);
    }
    Object.assign(run, { updatedAt: new Date().toISOString() }, patch);
    return run;
  }

  updateJob(repo: string, id: number, patch: Partial<Omit<FakeJob, 'id' | 'runId'>>): FakeJob {
    const job = this.job(repo, id);
    if (!job) {
      throw new Error(`fake github: no job ${id} in ${repo}`);
    }
    Object.assign(job, patch);
    return job;
  }

  isActive(status: FakeStatus): boolean {
    return ACTIVE.has(status);
  }
}

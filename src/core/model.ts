/**
 * The CI model FlowForge speaks, independent of any provider or of VS Code.
 * Providers map their API shapes onto these types; views render them.
 */

/** Normalized state of a run, job or step. */
export type RunState =
  | 'queued'
  | 'running'
  | 'success'
  | 'failure'
  | 'cancelled'
  | 'skipped'
  | 'neutral'
  | 'action_required';

export const RUN_STATES: readonly RunState[] = [
  'queued',
  'running',
  'success',
  'failure',
  'cancelled',
  'skipped',
  'neutral',
  'action_required',
];

/**
 * Identifies a CI system implementation: the `kind` of a provider descriptor in
 * src/providers/index.ts. Any string; the provider registry decides which are known.
 */
export type ProviderKind = string;

/**
 * A repository (GitHub) or project (GitLab) on one host.
 * `host` identifies the account without trailing slash: the API base URL for GitHub
 * (https://api.github.com, https://ghe.example.com/api/v3) or the instance URL for GitLab
 * (https://gitlab.com), so GitHub Enterprise and self-managed GitLab instances are distinct accounts.
 */
export interface RepoRef {
  readonly provider: ProviderKind;
  readonly host: string;
  /** "owner/name" for GitHub, "group/sub/project" for GitLab. */
  readonly slug: string;
}

/** Stable string key of a repository, e.g. "github|https://api.github.com|octo/hello". */
export function repoKey(repo: RepoRef): string {
  return `${repo.provider}|${repo.host}|${repo.slug}`;
}

export interface Repository {
  readonly ref: RepoRef;
  readonly webUrl: string;
  readonly defaultBranch?: string;
}

/** A workflow (GitHub) or the pipeline definition of a project (GitLab). */
export interface Pipeline {
  readonly id: string;
  readonly name: string;
  /** Definition file path, e.g. ".github/workflows/ci.yml". */
  readonly path?: string;
  readonly webUrl: string;
  /** Provider state of the definition, e.g. "active" or "disabled_manually". */
  readonly rawState?: string;
}

export interface Run {
  readonly id: string;
  readonly pipelineId: string;
  readonly pipelineName: string;
  /** Human number, e.g. GitHub's run_number or GitLab's iid. */
  readonly number: number;
  readonly attempt: number;
  /** Display title or head commit message (first line). */
  readonly title: string;
  readonly branch?: string;
  readonly headSha: string;
  /** Trigger, e.g. "push", "pull_request", "workflow_dispatch", "web". */
  readonly event: string;
  readonly actor?: string;
  readonly state: RunState;
  /** The provider's own status/conclusion text, for display. */
  readonly rawStatus: string;
  /** ISO 8601 timestamps. */
  readonly createdAt: string;
  readonly startedAt?: string;
  readonly updatedAt?: string;
  readonly completedAt?: string;
  readonly webUrl: string;
}

export interface Step {
  readonly number: number;
  readonly name: string;
  readonly state: RunState;
  readonly rawStatus: string;
  readonly startedAt?: string;
  readonly completedAt?: string;
}

export interface Job {
  readonly id: string;
  readonly runId: string;
  readonly name: string;
  readonly state: RunState;
  readonly rawStatus: string;
  readonly startedAt?: string;
  readonly completedAt?: string;
  readonly webUrl?: string;
  /** GitLab stage, or undefined. */
  readonly stage?: string;
  readonly steps: readonly Step[];
  /** The job may fail without failing the run (GitLab allow_failure). */
  readonly allowFailure?: boolean;
  /** A job that waits to be started by hand (GitLab manual). */
  readonly manual?: boolean;
  /** For trigger jobs (GitLab bridges): the downstream/child run it started. */
  readonly downstream?: { readonly runId: string; readonly repoSlug?: string; readonly webUrl?: string };
}

export type AnnotationLevel = 'failure' | 'warning' | 'notice';

export interface Annotation {
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly startColumn?: number;
  readonly endColumn?: number;
  readonly level: AnnotationLevel;
  readonly title?: string;
  readonly message: string;
  readonly rawDetails?: string;
}

/** A quality check (GitHub check run, GitLab report) attached to a commit. */
export interface Check {
  readonly id: string;
  readonly name: string;
  readonly state: RunState;
  readonly rawStatus: string;
  readonly title?: string;
  readonly summary?: string;
  /** How `summary` is written: Markdown (default; GitHub) or HTML (Buildkite annotations' body_html). */
  readonly summaryFormat?: 'markdown' | 'html';
  readonly annotationsCount: number;
  readonly webUrl?: string;
}

/** One page of a paged listing. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly totalCount?: number;
  /** True when a further page exists. */
  readonly hasMore: boolean;
}

/** True for states that may still change. */
export function isActive(state: RunState): boolean {
  return state === 'queued' || state === 'running' || state === 'action_required';
}

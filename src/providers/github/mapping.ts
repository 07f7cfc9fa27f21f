/**
 * GitHub REST JSON -> core model. Inputs are the structural subsets we read,
 * so Octokit's response types and hand-written test objects both fit.
 */
import type { Annotation, AnnotationLevel, Check, Job, Pipeline, RepoRef, Repository, Run, Step } from '../../core/model';
import { rawStatusOf, toRunState } from './states';

type Maybe<T> = T | null | undefined;
/** Octokit parses large integers as bigint. */
type Id = number | bigint;

interface ApiUser {
  readonly login: string;
}

export interface ApiWorkflow {
  readonly id: Id;
  readonly name: string;
  readonly path: string;
  readonly state: string;
  readonly html_url: string;
}

export interface ApiRun {
  readonly id: Id;
  readonly name?: Maybe<string>;
  readonly workflow_id: Id;
  readonly path?: string;
  readonly run_number: number;
  readonly run_attempt?: number;
  readonly display_title?: Maybe<string>;
  readonly head_commit?: Maybe<{ readonly message: string }>;
  readonly head_branch: Maybe<string>;
  readonly head_sha: string;
  readonly event: string;
  readonly actor?: Maybe<ApiUser>;
  readonly triggering_actor?: Maybe<ApiUser>;
  readonly status: Maybe<string>;
  readonly conclusion: Maybe<string>;
  readonly created_at: string;
  readonly run_started_at?: Maybe<string>;
  readonly updated_at: string;
  readonly html_url: string;
}

export interface ApiStep {
  readonly number: number;
  readonly name: string;
  readonly status: string;
  readonly conclusion: Maybe<string>;
  readonly started_at?: Maybe<string>;
  readonly completed_at?: Maybe<string>;
}

export interface ApiJob {
  readonly id: Id;
  readonly run_id: Id;
  readonly name: string;
  readonly status: string;
  readonly conclusion: Maybe<string>;
  readonly started_at: Maybe<string>;
  readonly completed_at: Maybe<string>;
  readonly html_url: Maybe<string>;
  readonly steps?: readonly ApiStep[];
}

export interface ApiCheckRun {
  readonly id: Id;
  readonly name: string;
  readonly status: string;
  readonly conclusion: Maybe<string>;
  readonly html_url: Maybe<string>;
  readonly details_url?: Maybe<string>;
  readonly output: {
    readonly title: Maybe<string>;
    readonly summary: Maybe<string>;
    readonly annotations_count: number;
  };
}

export interface ApiAnnotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly start_column: Maybe<number>;
  readonly end_column: Maybe<number>;
  readonly annotation_level: Maybe<string>;
  readonly title: Maybe<string>;
  readonly message: Maybe<string>;
  readonly raw_details: Maybe<string>;
}

export interface ApiRepository {
  readonly html_url: string;
  readonly default_branch?: Maybe<string>;
}

function opt<T>(value: Maybe<T>): T | undefined {
  return value ?? undefined;
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0]?.trim() ?? '';
}

function fileName(path: string | undefined): string | undefined {
  return path?.replace(/@.*$/, '').split('/').pop();
}

export function toPipeline(workflow: ApiWorkflow): Pipeline {
  return {
    id: String(workflow.id),
    name: workflow.name,
    path: workflow.path,
    webUrl: workflow.html_url,
    rawState: workflow.state,
  };
}

export function runTitle(run: ApiRun): string {
  const title = run.display_title?.trim() || firstLine(run.head_commit?.message ?? '');
  return title || (run.name ?? `#${run.run_number}`);
}

export function toRun(run: ApiRun): Run {
  const state = toRunState(run.status, run.conclusion);
  const completed = run.status === 'completed';
  return {
    id: String(run.id),
    pipelineId: String(run.workflow_id),
    pipelineName: run.name ?? fileName(run.path) ?? String(run.workflow_id),
    number: run.run_number,
    attempt: run.run_attempt ?? 1,
    title: runTitle(run),
    branch: opt(run.head_branch),
    headSha: run.head_sha,
    event: run.event,
    actor: run.triggering_actor?.login ?? run.actor?.login,
    state,
    rawStatus: rawStatusOf(run.status, run.conclusion),
    createdAt: run.created_at,
    startedAt: opt(run.run_started_at),
    updatedAt: run.updated_at,
    // Runs have no completed_at: the last update of a completed run is its end.
    completedAt: completed ? run.updated_at : undefined,
    webUrl: run.html_url,
  };
}

export function toStep(step: ApiStep): Step {
  return {
    number: step.number,
    name: step.name,
    state: toRunState(step.status, step.conclusion),
    rawStatus: rawStatusOf(step.status, step.conclusion),
    startedAt: opt(step.started_at),
    completedAt: opt(step.completed_at),
  };
}

export function toJob(job: ApiJob): Job {
  return {
    id: String(job.id),
    runId: String(job.run_id),
    name: job.name,
    state: toRunState(job.status, job.conclusion),
    rawStatus: rawStatusOf(job.status, job.conclusion),
    startedAt: opt(job.started_at),
    completedAt: opt(job.completed_at),
    webUrl: opt(job.html_url),
    steps: (job.steps ?? []).map(toStep),
  };
}

export function toCheck(check: ApiCheckRun): Check {
  return {
    id: String(check.id),
    name: check.name,
    state: toRunState(check.status, check.conclusion),
    rawStatus: rawStatusOf(check.status, check.conclusion),
    title: opt(check.output.title),
    summary: opt(check.output.summary),
    annotationsCount: check.output.annotations_count,
    webUrl: opt(check.html_url) ?? opt(check.details_url),
  };
}

function toLevel(level: Maybe<string>): AnnotationLevel {
  return level === 'failure' || level === 'warning' ? level : 'notice';
}

export function toAnnotation(annotation: ApiAnnotation): Annotation {
  return {
    path: annotation.path,
    startLine: annotation.start_line,
    endLine: annotation.end_line,
    startColumn: opt(annotation.start_column),
    endColumn: opt(annotation.end_column),
    level: toLevel(annotation.annotation_level),
    title: opt(annotation.title),
    message: annotation.message ?? '',
    rawDetails: opt(annotation.raw_details),
  };
}

export function toRepository(ref: RepoRef, repository: ApiRepository): Repository {
  return { ref, webUrl: repository.html_url, defaultBranch: opt(repository.default_branch) };
}

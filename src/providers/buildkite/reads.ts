/**
 * The reads of a Buildkite pipeline, shaped for few requests: the pipeline itself is fetched once
 * per 10 minutes for both getRepository and listPipelines; build lists carry their jobs, which
 * listJobs reuses for a few seconds (the poll that listed a build asks for its jobs right after).
 */
import type { Clock } from '../../core/ports';
import type { Page, RepoRef, Run } from '../../core/model';
import { Lru } from '../../core/lru';
import { linkNext, requireArray, requireRecord } from '../http';
import type { BuildkiteClient } from './client';
import { mapBuild, mapJobs, type BuildkiteJob } from './mapping';
import { buildPath, pipelinePath, splitSlug } from './urls';

const PIPELINE_TTL_MS = 10 * 60_000;
/** How long jobs embedded in a build list answer listJobs without a request. */
export const LISTED_JOBS_TTL_MS = 5_000;
export const MAX_PER_PAGE = 100;

export interface BuildQuery {
  readonly branch?: string;
  readonly commit?: string;
  readonly perPage: number;
  readonly page: number;
  readonly withJobs: boolean;
}

export class BuildkiteReads {
  private readonly pipelines = new Lru<string, { readonly body: Record<string, unknown>; readonly at: number }>(200);
  private readonly pipelinesInFlight = new Map<string, Promise<Record<string, unknown>>>();
  private readonly listedJobs = new Lru<string, { readonly jobs: BuildkiteJob[]; readonly at: number }>(500);
  /** The last first page of all builds per pipeline (in flight or done), and when it was asked. */
  private readonly recent = new Lru<string, { readonly page: Promise<Page<Run>>; readonly at: number }>(200);

  constructor(
    private readonly client: BuildkiteClient,
    private readonly clock: Clock,
  ) {}

  /** The pipeline JSON, shared by concurrent callers and reused for 10 minutes. */
  async pipeline(repo: RepoRef, signal: AbortSignal | undefined, fresh = false): Promise<Record<string, unknown>> {
    const cached = this.pipelines.get(repo.slug);
    if (!fresh && cached !== undefined && this.clock.now() - cached.at < PIPELINE_TTL_MS) {
      return cached.body;
    }
    const pending = this.pipelinesInFlight.get(repo.slug);
    if (pending !== undefined) return pending;
    const promise = this.client
      .request(repo.slug, { path: pipelinePath(repo.slug), what: `pipeline ${repo.slug}`, signal })
      .then((answer) => {
        const body = { ...requireRecord(answer.body, `Buildkite pipeline ${repo.slug}`) };
        this.pipelines.set(repo.slug, { body, at: this.clock.now() });
        return body;
      })
      .finally(() => this.pipelinesInFlight.delete(repo.slug));
    this.pipelinesInFlight.set(repo.slug, promise);
    return promise;
  }

  /** The pipeline's display name from the cache, or its slug. */
  pipelineName(repo: RepoRef): string {
    const name = this.pipelines.peek(repo.slug)?.body.name;
    return typeof name === 'string' && name !== '' ? name : splitSlug(repo.slug).pipeline;
  }

  async builds(repo: RepoRef, query: BuildQuery, signal: AbortSignal | undefined): Promise<Page<Run>> {
    if (query.branch !== undefined && query.commit === undefined && query.page === 1) {
      const derived = await this.fromRecent(repo, query.branch, query.perPage);
      if (derived !== undefined) return derived;
    }
    const page = this.fetchBuilds(repo, query, signal);
    if (query.branch === undefined && query.commit === undefined && query.page === 1) {
      this.recent.set(repo.slug, { page, at: this.clock.now() });
    }
    return page;
  }

  /**
   * A branch's newest builds from the recent builds asked for within the last seconds: exact when
   * those hold more than `perPage` builds of the branch, or are every build of the pipeline.
   */
  private async fromRecent(repo: RepoRef, branch: string, perPage: number): Promise<Page<Run> | undefined> {
    const entry = this.recent.get(repo.slug);
    if (entry === undefined || this.clock.now() - entry.at > LISTED_JOBS_TTL_MS || branch.includes('*')) return undefined;
    let recent: Page<Run>;
    try {
      recent = await entry.page;
    } catch {
      return undefined;
    }
    const matching = recent.items.filter((run) => run.branch === branch);
    if (matching.length > perPage) return { items: matching.slice(0, perPage), hasMore: true };
    return recent.hasMore ? undefined : { items: matching, hasMore: false };
  }

  private async fetchBuilds(repo: RepoRef, query: BuildQuery, signal: AbortSignal | undefined): Promise<Page<Run>> {
    const answer = await this.client.request(repo.slug, {
      path: `${pipelinePath(repo.slug)}/builds`,
      what: `builds of ${repo.slug}`,
      query: {
        per_page: Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(query.perPage))),
        page: query.page > 1 ? query.page : undefined,
        branch: query.branch,
        commit: query.commit,
        exclude_pipeline: true,
        exclude_jobs: query.withJobs ? undefined : true,
      },
      signal,
    });
    const items = requireArray(answer.body, `Buildkite builds of ${repo.slug}`);
    const name = this.pipelineName(repo);
    const runs = items.map((item) => mapBuild(item, name));
    if (query.withJobs) {
      const now = this.clock.now();
      items.forEach((item, index) => {
        const run = runs[index];
        if (run !== undefined) this.listedJobs.set(`${repo.slug}#${run.id}`, { jobs: mapJobs(item, run.id), at: now });
      });
    }
    return { items: runs, hasMore: linkNext(answer.headers) !== undefined };
  }

  /** Jobs of a build: from a build list of the last few seconds, else GET the build. */
  async jobs(repo: RepoRef, number: string, signal: AbortSignal | undefined): Promise<BuildkiteJob[]> {
    const listed = this.listedJobs.get(`${repo.slug}#${number}`);
    if (listed !== undefined && this.clock.now() - listed.at <= LISTED_JOBS_TTL_MS) {
      return listed.jobs;
    }
    return mapJobs(await this.buildBody(repo, number, signal), number);
  }

  async build(repo: RepoRef, number: string, signal: AbortSignal | undefined): Promise<Run> {
    return mapBuild(await this.buildBody(repo, number, signal), this.pipelineName(repo));
  }

  private async buildBody(repo: RepoRef, number: string, signal: AbortSignal | undefined): Promise<Record<string, unknown>> {
    const answer = await this.client.request(repo.slug, { path: buildPath(repo.slug, number), what: `build ${number} of ${repo.slug}`, signal });
    return { ...requireRecord(answer.body, `Buildkite build ${number} of ${repo.slug}`) };
  }

  clear(): void {
    this.pipelines.clear();
    this.listedJobs.clear();
  }
}

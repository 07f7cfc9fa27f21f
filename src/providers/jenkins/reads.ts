/**
 * The reads of a Jenkins job, shaped for few requests: every listing is one `tree=`-restricted
 * api/json. The job itself (kind, children, parameters) is reused for a minute; a folder's or
 * multibranch project's builds come in one request for all children (`jobs[name,builds[…]{0,N}]`),
 * one branch's or one job's builds with a `{from,to}` range.
 */
import type { Clock } from '../../core/ports';
import type { Page, RepoRef, Run } from '../../core/model';
import { Lru } from '../../core/lru';
import { asArray, bool, isRecord, num, requireRecord, str, type JsonRecord } from '../http';
import type { JenkinsClient } from './client';
import { BUILD_TREE, childJobs, isContainer, isMultibranch, mapBuild, requireJob, runIdOf, splitRunId, type BuildContext } from './mapping';
import { NotFoundError } from '../../core/errors';
import { executableNumber, mapQueueItem, queuedRuns, queueIdOf, queueItem } from './queue';
import { branchJobName, branchOfJobName, jobNames, jobPath } from './urls';

const JOB_TTL_MS = 60_000;
/** Builds per child asked at least, so that the branch (10) and recent (20) listings ask the same. */
const CHILD_BUILDS = 21;
export const MAX_PER_PAGE = 100;
const JOB_TREE = '_class,name,displayName,fullName,url,buildable,color,jobs[_class,name,displayName,url,color]';
/** Whether a job's build waits in the queue, and the number it will get. */
const QUEUE_FIELDS = 'url,inQueue,nextBuildNumber';
export const PARAMETERS_TREE = 'property[parameterDefinitions[name,type,description,choices,defaultParameterValue[value]]]';

export interface BuildQuery {
  readonly branch?: string;
  readonly pipelineId?: string;
  readonly page: number;
  readonly perPage: number;
}

export class JenkinsReads {
  private readonly jobs = new Lru<string, { readonly body: JsonRecord; readonly at: number }>(200);
  /** Children listings in flight, shared by the listings of one poll. */
  private readonly inFlight = new Map<string, Promise<JsonRecord>>();

  constructor(
    private readonly client: JenkinsClient,
    private readonly clock: Clock,
  ) {}

  /** The job, reused for a minute unless `fresh`. */
  async job(repo: RepoRef, signal: AbortSignal | undefined, fresh = false): Promise<JsonRecord> {
    const cached = this.jobs.get(repo.slug);
    if (!fresh && cached !== undefined && this.clock.now() - cached.at < JOB_TTL_MS) return cached.body;
    const answer = await this.client.request({ path: `${jobPath(jobNames(repo.slug))}/api/json`, query: { tree: JOB_TREE }, what: `job ${repo.slug}`, signal });
    const body = requireJob(answer.body, `Jenkins job ${repo.slug}`);
    this.jobs.set(repo.slug, { body, at: this.clock.now() });
    return body;
  }

  /** The context of builds of `jobName` ("" for the repository's own job). */
  context(repo: RepoRef, job: JsonRecord, jobName: string): BuildContext {
    if (jobName === '') return { jobName, pipelineId: str(job, 'name') ?? repo.slug, pipelineName: str(job, 'displayName') ?? str(job, 'name') ?? repo.slug };
    const childJob = childJobs(job).find((c) => str(c, 'name') === jobName);
    const multibranch = isMultibranch(job);
    return {
      jobName,
      pipelineId: jobName,
      pipelineName: multibranch ? branchOfJobName(jobName) : (str(childJob ?? {}, 'displayName') ?? jobName),
      ...(multibranch ? { branch: branchOfJobName(jobName) } : {}),
    };
  }

  async builds(repo: RepoRef, query: BuildQuery, signal: AbortSignal | undefined): Promise<Page<Run>> {
    const job = await this.job(repo, signal);
    const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(query.perPage)));
    if (!isContainer(job)) {
      if (query.pipelineId !== undefined && query.pipelineId !== str(job, 'name')) return { items: [], hasMore: false };
      return this.buildsOf(repo, job, '', query.page, perPage, signal, (run) => query.branch === undefined || run.branch === undefined || run.branch === query.branch);
    }
    const target = query.pipelineId ?? (query.branch !== undefined && isMultibranch(job) ? branchJobName(query.branch) : undefined);
    if (target !== undefined) {
      if (!childJobs(job).some((c) => str(c, 'name') === target)) return { items: [], hasMore: false };
      return this.buildsOf(repo, job, target, query.page, perPage, signal, () => true);
    }
    // A folder's children build any branch: the current branch's runs are the ones that built it.
    const keep = query.branch !== undefined && !isMultibranch(job) ? (run: Run) => run.branch === undefined || run.branch === query.branch : () => true;
    return this.allChildren(repo, job, query.page, perPage, signal, keep);
  }

  private async buildsOf(repo: RepoRef, job: JsonRecord, jobName: string, page: number, perPage: number, signal: AbortSignal | undefined, keep: (run: Run) => boolean): Promise<Page<Run>> {
    const from = (page - 1) * perPage;
    const names = jobName === '' ? jobNames(repo.slug) : [...jobNames(repo.slug), jobName];
    const answer = await this.client.request({
      path: `${jobPath(names)}/api/json`,
      // One more than a page: whether a next page exists. inQueue: whether the queue holds a build of it.
      query: { tree: `${QUEUE_FIELDS},builds[${BUILD_TREE}]{${from},${from + perPage + 1}}` },
      what: `builds of ${names.join('/')}`,
      signal,
    });
    const body = requireRecord(answer.body, `Jenkins builds of ${names.join('/')}`, ['builds']);
    const context = this.context(repo, job, jobName);
    const runs = asArray(body.builds).filter(isRecord).map((b) => mapBuild(b, context)).filter(keep);
    const queued = page === 1 ? (await queuedRuns(this.client, [{ job: body, context }], signal)).filter(keep) : [];
    return { items: [...queued, ...runs.slice(0, perPage)], hasMore: runs.length > perPage };
  }

  /**
   * Every child's newest builds in one request, newest first. The branch and the recent listing of
   * one poll run at the same time and ask the same (at least CHILD_BUILDS builds a child): while
   * one such request is in flight, the other waits for its answer instead of sending its own.
   */
  private async allChildren(repo: RepoRef, job: JsonRecord, page: number, perPage: number, signal: AbortSignal | undefined, keep: (run: Run) => boolean): Promise<Page<Run>> {
    const upTo = Math.max(page * perPage + 1, CHILD_BUILDS);
    const tree = `jobs[name,${QUEUE_FIELDS},builds[${BUILD_TREE}]{0,${upTo}}]`;
    const key = `${repo.slug}|${tree}`;
    let pending = this.inFlight.get(key);
    if (pending === undefined) {
      const request = this.client.request({ path: `${jobPath(jobNames(repo.slug))}/api/json`, query: { tree }, what: `builds of ${repo.slug}`, signal }).then((answer) => requireRecord(answer.body, `Jenkins builds of ${repo.slug}`, ['jobs']));
      pending = request.finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    const body = await pending;
    const children = childJobs(body).map((c) => ({ job: c, context: this.context(repo, job, str(c, 'name') ?? '') }));
    const runs = children.flatMap(({ job: c, context }) => asArray(c.builds).filter(isRecord).map((b) => mapBuild(b, context)));
    if (page === 1) runs.push(...(await queuedRuns(this.client, children, signal)));
    const kept = runs.filter(keep);
    kept.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    const from = (page - 1) * perPage;
    return { items: kept.slice(from, from + perPage), hasMore: kept.length > from + perPage };
  }

  async build(repo: RepoRef, runId: string, signal: AbortSignal | undefined): Promise<Run> {
    const job = await this.job(repo, signal);
    const { jobName, number } = splitRunId(runId);
    const itemId = queueIdOf(runId);
    if (itemId !== undefined) return this.queued(repo, job, jobName, itemId, signal);
    const answer = await this.client.request({ path: `${buildPath(repo, runId)}/api/json`, query: { tree: BUILD_TREE }, what: `build ${number} of ${repo.slug}`, signal });
    return mapBuild(requireRecord(answer.body, `Jenkins build ${runId} of ${repo.slug}`, ['number']), this.context(repo, job, jobName));
  }

  /** A queued run, read again: the build it became once it left the queue, else still the queue item. */
  private async queued(repo: RepoRef, job: JsonRecord, jobName: string, itemId: number, signal: AbortSignal | undefined): Promise<Run> {
    const item = await queueItem(this.client, itemId, { signal });
    const number = executableNumber(item);
    if (number !== undefined) return this.build(repo, runIdOf(jobName, number), signal);
    if (item === undefined || bool(item, 'cancelled') === true) throw new NotFoundError(`Queue item ${itemId} of ${repo.slug} is gone (cancelled, or its build was discarded)`);
    const names = jobName === '' ? jobNames(repo.slug) : [...jobNames(repo.slug), jobName];
    const answer = await this.client.request({ path: `${jobPath(names)}/api/json`, query: { tree: 'url,nextBuildNumber' }, what: `job ${names.join('/')}`, signal });
    const target = requireJob({ name: jobName, ...(isRecord(answer.body) ? answer.body : {}) }, `Jenkins job ${names.join('/')}`);
    return mapQueueItem(item, this.context(repo, job, jobName), num(target, 'nextBuildNumber') ?? 0, str(target, 'url') ?? '');
  }

  clear(): void {
    this.jobs.clear();
    this.inFlight.clear();
  }
}

/** "/job/team/job/web/job/main/12" for run "main#12" of "team/web". */
export function buildPath(repo: RepoRef, runId: string): string {
  const { jobName, number } = splitRunId(runId);
  const names = jobName === '' ? jobNames(repo.slug) : [...jobNames(repo.slug), jobName];
  return `${jobPath(names)}/${encodeURIComponent(number)}`;
}

/**
 * The reads of a Bitbucket repository, shaped for Bitbucket's hourly budget: the repository is
 * fetched once per 10 minutes for both getRepository and listPipelines; pipeline lists ask one page
 * newest first (`sort=-created_on`), for a branch with `target.branch`; steps come in one page of up
 * to 100. Build numbers seen in listings give the steps their web links without another request.
 */
import type { Clock } from '../../core/ports';
import type { Page, RepoRef, Repository, Run } from '../../core/model';
import { Lru } from '../../core/lru';
import { asArray, num, requireRecord, str, isRecord } from '../http';
import type { BitbucketClient } from './client';
import { mapRepository, mapRun, mapStep, type BitbucketJob } from './mapping';
import { pipelinePath, pipelinesPath, repositoryPath } from './urls';

const REPOSITORY_TTL_MS = 10 * 60_000;
export const MAX_PAGELEN = 100;

export interface RunQuery {
  readonly branch?: string;
  readonly page: number;
  readonly perPage: number;
}

/** A paginated answer's `values` (required) and whether a `next` page exists. */
function pageOf(body: unknown, what: string): { readonly values: readonly unknown[]; readonly next: boolean; readonly size?: number } {
  const record = requireRecord(body, `Bitbucket ${what}`, ['values']);
  const size = num(record, 'size');
  return { values: asArray(record.values), next: str(record, 'next') !== undefined, ...(size !== undefined ? { size } : {}) };
}

export class BitbucketReads {
  private readonly repositories = new Lru<string, { readonly value: Repository; readonly at: number }>(200);
  private readonly numbers = new Lru<string, number>(2000);

  constructor(
    private readonly client: BitbucketClient,
    private readonly clock: Clock,
  ) {}

  async repository(repo: RepoRef, signal: AbortSignal | undefined): Promise<Repository> {
    const cached = this.repositories.get(repo.slug);
    if (cached !== undefined && this.clock.now() - cached.at < REPOSITORY_TTL_MS) return cached.value;
    const answer = await this.client.request({ path: repositoryPath(repo.slug), what: `repository ${repo.slug}`, signal });
    const value = mapRepository(repo, answer.body);
    this.repositories.set(repo.slug, { value, at: this.clock.now() });
    return value;
  }

  async runs(repo: RepoRef, query: RunQuery, signal: AbortSignal | undefined): Promise<Page<Run>> {
    const answer = await this.client.request({
      path: pipelinesPath(repo.slug),
      what: `pipelines of ${repo.slug}`,
      query: {
        sort: '-created_on',
        pagelen: Math.min(MAX_PAGELEN, Math.max(1, Math.floor(query.perPage))),
        page: query.page > 1 ? query.page : undefined,
        'target.branch': query.branch,
      },
      signal,
    });
    const page = pageOf(answer.body, `pipelines of ${repo.slug}`);
    const items = page.values.filter(isRecord).map((value) => this.remember(repo, mapRun(repo, value))).filter((run) => run.id !== '');
    return { items, hasMore: page.next, ...(page.size !== undefined ? { totalCount: page.size } : {}) };
  }

  async run(repo: RepoRef, uuid: string, signal: AbortSignal | undefined): Promise<Run> {
    const answer = await this.client.request({ path: pipelinePath(repo.slug, uuid), what: `pipeline ${uuid} of ${repo.slug}`, signal });
    return this.remember(repo, mapRun(repo, requireRecord(answer.body, `Bitbucket pipeline ${uuid}`, ['uuid'])));
  }

  async steps(repo: RepoRef, uuid: string, signal: AbortSignal | undefined): Promise<BitbucketJob[]> {
    const answer = await this.client.request({ path: `${pipelinePath(repo.slug, uuid)}/steps`, what: `steps of pipeline ${uuid} of ${repo.slug}`, query: { pagelen: MAX_PAGELEN }, signal });
    const run = { id: uuid, number: this.numbers.get(`${repo.slug}|${uuid}`) ?? 0 };
    return pageOf(answer.body, `steps of pipeline ${uuid}`).values.flatMap((value, index) => mapStep(repo, run, value, index) ?? []);
  }

  private remember(repo: RepoRef, run: Run): Run {
    if (run.id !== '' && run.number > 0) this.numbers.set(`${repo.slug}|${run.id}`, run.number);
    return run;
  }

  clear(): void {
    this.repositories.clear();
    this.numbers.clear();
  }
}
